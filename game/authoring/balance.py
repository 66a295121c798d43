"""Balance: how a scenario plays under each policy, and what looks wrong with it.

``run_policies(scenario, runs, policies, seed)`` plays the scenario ``runs`` times under each
named policy (see ``policies.POLICIES``) and returns a JSON-ready report:

- ``policies[name]``: ``win_rate`` (share of runs that finished without an end condition and
  met every goal; with no goals, scored at least ``WIN_SCORE`` overall), the 10th, 50th and
  90th percentiles of the ``overall`` and each ``pillars`` score, the share meeting each goal,
  reaching each end condition, seeing each event, taking each choice when it was answered, and
  (``lapsed``) the share of each event's cards left to lapse;
  ``decides_by`` says whether the policy weighs the author's leadership tags (``tags``: its
  results partly measure the answer key) or only what choices do to the practice
  (``figures``); ``leadership`` gives, per dimension, the share of runs at each level, and
  ``objectives_shown`` the share of runs in which a dimension the learning objectives name
  reaches strong;
- ``warnings``: a list of ``{"kind", "message", ...}`` where kind is ``too_easy`` (doing
  nothing wins), ``unwinnable`` (no policy wins), ``dominant_choice`` (one choice scores better
  whatever else is done), ``event_never_fires``, ``objectives_ignored`` (a policy wins
  without showing the leadership the scenario's learning objectives name) or ``reckless_pays``
  (an adversarial policy, ``policies.ADVERSARIAL_POLICIES``, beats a practice left alone on
  finance or overall, and the scenario's ``balance_notes`` do not say why that is right
  there). Each message says how to fix it.

Scenario writers can test their scenarios with it::

    report = run_policies(scenario, 500, ["do-nothing", "balanced", "random"], seed=1)
    assert report["policies"]["do-nothing"]["win_rate"] < 0.2
    assert not [w for w in report["warnings"] if w["kind"] == "dominant_choice"]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..scenario.spec import DIMENSIONS, PILLARS, ScenarioSpec
from ..scoring.rubric import LEVEL_NAMES, NOT_SHOWN
from .policies import ADVERSARIAL_POLICIES, DEFAULT_POLICIES, POLICIES
from .sweep import WIN_SCORE, Outcome, Progress, sweep

__all__ = ["POLICIES", "WIN_SCORE", "report", "run_policies"]

#: Doing nothing is "too easy" when it wins at least this share of runs.
TOO_EASY_WIN_RATE = 0.5
#: A scenario is "unwinnable" when no policy wins at least this share of runs.
UNWINNABLE_WIN_RATE = 0.01
#: A policy "ignores the objectives" when in at most this share of its runs any dimension the
#: learning objectives name reaches strong; warned about when it also wins this often.
OBJECTIVES_SHOWN_SHARE = 0.2
IGNORING_WIN_RATE = 0.25
#: A choice dominates when, under random play, it beats every alternative by this many points.
DOMINANT_POINTS = 3.0
#: ... or by this many while doing no worse on any pillar (within ``PILLAR_TOLERANCE``).
PARETO_POINTS = 1.0
PILLAR_TOLERANCE = 0.5
#: ... and by at least this many standard errors, with this many runs behind each choice.
DOMINANT_Z = 4.0
MIN_RUNS_PER_CHOICE = 30


def run_policies(scenario: ScenarioSpec, runs: int = 1000,
                 policies: Sequence[str] = DEFAULT_POLICIES, seed: int = 1, *,
                 months: int | None = None, progress: Progress | None = None) -> dict[str, Any]:
    """Play ``scenario`` ``runs`` times under each policy and report (see the module doc)."""
    outcomes = sweep(scenario, runs, policies, seed, months=months, progress=progress)
    return report(scenario, outcomes, seed=seed, months=months or scenario.length_months)


def report(scenario: ScenarioSpec, outcomes: Sequence[Outcome], *, seed: int,
           months: int) -> dict[str, Any]:
    return {
        "scenario": scenario.id,
        "title": scenario.title,
        "seed": seed,
        "runs": outcomes[0].runs if outcomes else 0,
        "months": months,
        "policies": {o.policy.name: policy_summary(scenario, o) for o in outcomes},
        "warnings": warnings(scenario, outcomes),
    }


def spread(values: np.ndarray) -> dict[str, float]:
    p10, p50, p90 = np.percentile(values, [10, 50, 90]) if len(values) else (0.0, 0.0, 0.0)
    return {"p10": round(float(p10), 2), "p50": round(float(p50), 2), "p90": round(float(p90), 2)}


def _share(mask: np.ndarray) -> float:
    return round(float(np.mean(mask)), 4) if len(mask) else 0.0


def policy_summary(scenario: ScenarioSpec, o: Outcome) -> dict[str, Any]:
    choices: dict[str, dict[str, float]] = {}
    lapsed: dict[str, float] = {}
    for event in scenario.events:
        counts = o.answers[event.id]
        total = max(int(counts.sum()), 1)
        choices[event.id] = {c.id: round(int(n) / total, 4)
                             for c, n in zip(event.choices, counts, strict=True)}
        seen = int(counts.sum()) + o.lapsed.get(event.id, 0)
        lapsed[event.id] = round(o.lapsed.get(event.id, 0) / max(seen, 1), 4)
    out = {
        "doc": o.policy.doc,
        "decides_by": "tags" if o.policy.reads_tags else "figures",
        "win_rate": _share(o.won),
        "overall": spread(o.scores["overall"]),
        "pillars": {p: spread(o.scores[p]) for p in PILLARS},
        "goals": {g: _share(met) for g, met in o.goals.items()},
        "completed": _share(o.ended == ""),
        "end_conditions": {e.id: _share(o.ended == e.id) for e in scenario.end_conditions},
        "events": {e: _share(n > 0) for e, n in o.fired.items()},
        "choices": choices,
        "lapsed": lapsed,
        "leadership": level_shares(o.levels),
        "objectives_shown": _share(objectives_shown(scenario, o.levels)),
    }
    if o.turned:  # only a scenario with chance outcomes reports them
        out["outcomes"] = {key: _outcome_shares(scenario, key, counts)
                           for key, counts in o.turned.items()}
    return out


def _outcome_shares(scenario: ScenarioSpec, key: str, counts: np.ndarray) -> dict[str, float]:
    """How often each chance outcome of the choice ``key`` ("event.choice") came up, as a
    share of the times it was taken."""
    event_id, choice_id = key.split(".", 1)
    choice = next(c for c in scenario.event(event_id).choices if c.id == choice_id)
    total = max(int(counts.sum()), 1)
    return {o.id: round(int(n) / total, 4) for o, n in zip(choice.outcomes, counts, strict=True)}


def level_shares(levels: np.ndarray) -> dict[str, dict[str, float]]:
    """Per dimension, the share of runs at each level (and not yet shown)."""
    names = (NOT_SHOWN, *LEVEL_NAMES)
    return {d: {n: _share(levels[:, k] == j - 1) for j, n in enumerate(names)}
            for k, d in enumerate(DIMENSIONS)}


def objective_dimensions(scenario: ScenarioSpec) -> list[str]:
    """The leadership dimensions the scenario's learning objectives name, in model order."""
    named = {d for o in scenario.learning_objectives for d in o.leadership}
    return [d for d in DIMENSIONS if d in named]


def objectives_shown(scenario: ScenarioSpec, levels: np.ndarray) -> np.ndarray:
    """Per run, whether any dimension the learning objectives name reached strong or better."""
    dims = [DIMENSIONS.index(d) for d in objective_dimensions(scenario)]
    if not dims or levels.shape[0] == 0:
        return np.ones(levels.shape[0], bool)
    return (levels[:, dims] >= LEVEL_NAMES.index("strong")).any(axis=1)


def warnings(scenario: ScenarioSpec, outcomes: Sequence[Outcome]) -> list[dict[str, Any]]:
    by_name = {o.policy.name: o for o in outcomes}
    out: list[dict[str, Any]] = []
    idle = by_name.get("do-nothing")
    if idle is not None and np.mean(idle.won) >= TOO_EASY_WIN_RATE:
        out.append({"kind": "too_easy", "policy": "do-nothing", "message": (
            f"too easy: doing nothing wins {np.mean(idle.won):.0%} of runs. Make the goals "
            "harder, add pressure (a cash squeeze, rising demand, staff leaving) or give the "
            "events' 'if_no_decision' the cost that letting a card lapse has in practice.")})
    best = max(outcomes, key=lambda o: float(np.mean(o.won)), default=None)
    if best is not None and np.mean(best.won) < UNWINNABLE_WIN_RATE:
        out.append({"kind": "unwinnable", "message": _unwinnable(best)})
    out += _dominant_choices(scenario, by_name.get("random"))
    if idle is not None:
        out += _reckless_pays(scenario, idle, [o for o in outcomes
                                               if o.policy.name in ADVERSARIAL_POLICIES])
    out += _objectives_ignored(scenario, outcomes)
    for event in scenario.events:
        if all(not (o.fired[event.id] > 0).any() for o in outcomes):
            out.append({"kind": "event_never_fires", "event": event.id, "message": (
                f"event '{event.id}' never fired under any policy. Check its trigger: loosen "
                "its 'when' conditions, widen its 'months' or raise its 'probability'.")})
    return out


#: A reckless strategy "pays" when it beats a practice left alone, on the finance pillar or
#: overall, in more than this share of the same runs.
RECKLESS_PAYS_SHARE = 0.1


#: Points (of 100) by which a score must be higher to count as beating another: smaller
#: differences are ties a trainer would not call a strategy paying.
BEATS_BY_POINTS = 2.0


def reckless_beats_idle(idle: Outcome, policy: Outcome) -> np.ndarray:
    """Per run, whether ``policy`` scored clearly more than the practice left alone (same
    luck), on the finance pillar or overall."""
    return ((policy.scores["finance"] > idle.scores["finance"] + BEATS_BY_POINTS)
            | (policy.scores["overall"] > idle.scores["overall"] + BEATS_BY_POINTS))


def _reckless_pays(scenario: ScenarioSpec, idle: Outcome,
                   reckless: Sequence[Outcome]) -> list[dict[str, Any]]:
    out = []
    for o in reckless:
        share = float(np.mean(reckless_beats_idle(idle, o)))
        if share > RECKLESS_PAYS_SHARE and o.policy.name not in scenario.balance_notes:
            out.append({"kind": "reckless_pays", "policy": o.policy.name, "share": share,
                        "message": (
                f"reckless strategy pays: '{o.policy.name}' ({o.policy.doc[0].lower()}"
                f"{o.policy.doc[1:].rstrip('.')}) beats a practice left alone on finance or "
                f"overall in {share:.0%} of runs. Give neglect the consequences a practice "
                "meets (in the model or the scenario's events), or explain in the scenario's "
                f"balance_notes why '{o.policy.name}' is right here.")})
    return out


def _objectives_ignored(scenario: ScenarioSpec, outcomes: Sequence[Outcome]
                        ) -> list[dict[str, Any]]:
    """Policies that win while their play shows none of the leadership the learning objectives
    name: the goals can then be met without what the scenario sets out to teach."""
    dims = objective_dimensions(scenario)
    out = []
    for o in outcomes:
        if not dims or o.runs == 0:
            continue
        shown, won = float(np.mean(objectives_shown(scenario, o.levels))), float(np.mean(o.won))
        if shown <= OBJECTIVES_SHOWN_SHARE and won >= IGNORING_WIN_RATE:
            named = ", ".join(d.replace("_", " ") for d in dims)
            out.append({"kind": "objectives_ignored", "policy": o.policy.name, "message": (
                f"objectives ignored: '{o.policy.name}' wins {won:.0%} of runs, yet in "
                f"{1 - shown:.0%} of them no dimension the learning objectives name ({named}) "
                "reaches strong. The goals can be met without what the scenario teaches: tie a "
                "goal to it, or give the events' choices and lapses that neglect it a cost "
                "the goals feel.")})
    return out


def _unwinnable(best: Outcome) -> str:
    hardest = min(best.goals.items(), key=lambda kv: float(np.mean(kv[1])), default=None)
    text = (f"unwinnable: no policy wins 1% of runs (best: {best.policy.name}, "
            f"{np.mean(best.won):.1%}).")
    if np.mean(best.ended != "") > 0.5:
        common = max(set(best.ended[best.ended != ""]), key=lambda e: np.sum(best.ended == e))
        text += f" Most runs end early ('{common}'): make that end condition harder to reach."
    if hardest is not None:
        text += (f" The hardest goal is '{hardest[0]}' (met in {np.mean(hardest[1]):.0%} of "
                 "runs): relax its target or give the player a way to reach it.")
    return text


def _dominant_choices(scenario: ScenarioSpec, o: Outcome | None) -> list[dict[str, Any]]:
    """Choices that, under random play (so whatever else is done), beat every alternative:
    by ``DOMINANT_POINTS`` overall, or by a clear margin while no pillar does worse."""
    if o is None:
        return []
    out = []
    for event in scenario.events:
        taken = o.last_choice[event.id]
        picks = [taken == i for i in range(len(event.choices))]
        if min(int(p.sum()) for p in picks) < MIN_RUNS_PER_CHOICE:
            continue
        means = np.array([o.scores["overall"][p].mean() for p in picks])
        best = int(np.argmax(means))
        rivals = [i for i in range(len(picks)) if i != best]
        gaps = [_gap(o.scores["overall"], picks[best], picks[i]) for i in rivals]
        if min(z for _, z in gaps) < DOMINANT_Z:
            continue
        gap = min(g for g, _ in gaps)
        no_cost = all(o.scores[p][picks[best]].mean() >= o.scores[p][picks[i]].mean()
                      - PILLAR_TOLERANCE for p in PILLARS for i in rivals)
        if gap >= DOMINANT_POINTS or (no_cost and gap >= PARETO_POINTS):
            choice = event.choices[best]
            why = "" if gap >= DOMINANT_POINTS else ", and no pillar does worse"
            out.append({"kind": "dominant_choice", "event": event.id, "choice": choice.id,
                        "points": round(float(gap), 2), "message": (
                            f"dominant choice: at '{event.id}', '{choice.id}' scores "
                            f"{gap:.1f} points more overall than any other choice{why}, "
                            "whatever else is done. Give it a real cost (money, morale, "
                            "time) or make the alternatives pay off.")})
    return out


def _gap(values: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Mean of ``values[a]`` less mean of ``values[b]``, and that difference in standard errors."""
    va, vb = values[a], values[b]
    gap = float(va.mean() - vb.mean())
    se = float(np.sqrt(va.var() / len(va) + vb.var() / len(vb)))
    return gap, gap / max(se, 1e-9)
