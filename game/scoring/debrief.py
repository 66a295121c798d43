"""The debrief's evidence: key moments, and a what-if range that tells luck from judgement.

**Key moments.** Every answer the player gave and every decision they took is a candidate. For
each, the scenario is re-run with the same seed (so the same luck) and the other choice (or
without the decision), and the change in the overall score and the pillars is measured. The few
candidates that changed the overall score most are the key moments. All candidates are played
side by side in one batch.

**What-if range.** For each key moment, ``runs`` seeded runs (run ids 1..runs, all different
luck) are played with the player's decisions and with the alternative, in one batch, plus the
same runs with no decisions at all. The spread of the player's own runs is luck; the gap between
the player's runs and the alternative's, run by run, is judgement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..scenario.decision_log import DecisionLog
from ..scenario.runtime import ScenarioRun
from ..scenario.spec import ScenarioSpec
from . import score_arrays
from .pillars import PILLARS
from .policy import Policy, play_policies

#: Key moments shown, at most; and the smallest change in the overall score that counts.
TOP_MOMENTS = 3
MIN_CHANGE = 0.25


@dataclass(frozen=True)
class Alternative:
    """One road not taken at one step, and what it would have changed on the player's seed."""

    month: int
    taken: str
    instead: str
    policy: Policy = field(repr=False)
    delta_overall: float = 0.0
    delta_pillars: dict[str, float] = field(default_factory=dict)
    event: str = ""


@dataclass(frozen=True)
class WhatIf:
    """Overall scores over many seeded runs: the player's decisions against the alternative."""

    own: np.ndarray
    alternative: np.ndarray

    @property
    def runs(self) -> int:
        return int(self.own.size)

    def summary(self) -> dict[str, Any]:
        diff = self.own - self.alternative
        return {
            "runs": self.runs,
            "own": _spread(self.own), "alternative": _spread(self.alternative),
            "median_difference": round(float(np.median(diff)), 2),
            "own_better_share": round(float((diff > 0).mean()), 3),
            "alternative_better_share": round(float((diff < 0).mean()), 3),
        }


@dataclass
class Debrief:
    """Key moments (best alternative each, with a what-if), and the luck of the player's run."""

    actual_overall: float
    moments: list[Alternative]
    what_ifs: list[WhatIf]
    own_range: np.ndarray  # the player's decisions over the what-if runs
    passive_range: np.ndarray  # the same runs with no decisions at all
    candidates: int = 0

    def luck_percentile(self) -> float:
        """Share of the player's what-if runs that scored below their actual run."""
        return float((self.own_range < self.actual_overall).mean()) if self.own_range.size else 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "actual_overall": round(self.actual_overall, 2),
            "candidates": self.candidates,
            "luck_percentile": round(self.luck_percentile(), 3),
            "own_range": _spread(self.own_range),
            "passive_range": _spread(self.passive_range),
            "moments": [{
                "month": m.month, "taken": m.taken, "instead": m.instead, "event": m.event,
                "delta_overall": round(m.delta_overall, 2),
                "delta_pillars": {k: round(v, 2) for k, v in m.delta_pillars.items()},
                "what_if": w.summary()} for m, w in zip(self.moments, self.what_ifs,
                                                        strict=True)],
        }


def _spread(x: np.ndarray) -> dict[str, float]:
    if x.size == 0:
        return {}
    q = np.percentile(x, [10, 50, 90])
    return {"p10": round(float(q[0]), 2), "median": round(float(q[1]), 2),
            "p90": round(float(q[2]), 2)}


def alternatives(scenario: ScenarioSpec, policy: Policy) -> list[Alternative]:
    """Every road not taken: each other choice at each answered event, each choice at each
    card let lapse, and each decision left out (not yet measured)."""
    events = {e.id: e for e in scenario.events}
    out = []
    for month in sorted(policy.steps):
        for k, step in enumerate(policy.steps[month]):
            if step.decision is not None:
                out.append(Alternative(month, step.decision.describe(), "without this decision",
                                       policy.without(month, k)))
            elif step.event:
                event = events[step.event]
                label = {c.id: c.label for c in event.choices}
                taken = label[step.choice] if step.choice is not None else "nobody decided"
                for c in event.choices:
                    if c.id != step.choice and (step.offered is None or c.id in step.offered):
                        out.append(Alternative(
                            month, f"{event.title}: {taken}", c.label,
                            policy.with_choice(month, step.event, c.id), event=step.event))
    return out


def key_moments(scenario: ScenarioSpec, seed: int, policy: Policy, months: int | None = None,
                top: int = TOP_MOMENTS, run_id: int = 0) -> tuple[list[Alternative], int]:
    """The steps whose best alternative moved the overall score most on the player's seed,
    biggest first; and how many alternatives were measured."""
    alts = alternatives(scenario, policy)
    if not alts:
        return [], 0
    batch = play_policies(scenario, seed, [run_id], [policy, *(a.policy for a in alts)], months)
    scores = score_arrays(batch.run)
    measured = []
    for g, alt in enumerate(alts, start=1):
        delta = {p: float(scores[p][g] - scores[p][0]) for p in PILLARS}
        measured.append(Alternative(alt.month, alt.taken, alt.instead, alt.policy,
                                    float(scores["overall"][g] - scores["overall"][0]), delta,
                                    alt.event))
    best: dict[tuple[int, str], Alternative] = {}
    for alt in measured:
        key = (alt.month, alt.taken)
        if key not in best or abs(alt.delta_overall) > abs(best[key].delta_overall):
            best[key] = alt
    ranked = sorted(best.values(), key=lambda a: -abs(a.delta_overall))
    return [a for a in ranked if abs(a.delta_overall) >= MIN_CHANGE][:top], len(alts)


def debrief(run: ScenarioRun, runs: int = 1000, top: int = TOP_MOMENTS, i: int = 0,
            log: DecisionLog | None = None) -> Debrief:
    """Key moments and what-if ranges for run ``i`` of a played scenario. Pass the decision
    ``log`` when a facilitator injected events, so the replays meet them too."""
    injected = {e.month: tuple(e.injected) for e in log.months if e.injected} if log else {}
    policy = Policy.from_run(run, i, injected)
    months = len(run.history) if run.ended[i] == "" else run.months
    seed, run_id = run.seed, run.run_ids[i]
    actual = float(score_arrays(run)["overall"][i])
    moments, candidates = key_moments(run.scenario, seed, policy, months, top, run_id)
    if runs <= 0:
        return Debrief(actual, moments, [], np.zeros(0), np.zeros(0), candidates)
    ids = [r for r in range(1, runs + 2) if r != run_id][:runs]
    groups = [policy, Policy(), *(m.policy for m in moments)]
    batch = play_policies(run.scenario, seed, ids, groups, months)
    overall = score_arrays(batch.run)["overall"]
    own, passive = overall[batch.rows(0)], overall[batch.rows(1)]
    what_ifs = [WhatIf(own, overall[batch.rows(g)]) for g in range(2, len(groups))]
    return Debrief(actual, moments, what_ifs, own, passive, candidates)
