"""Scoring: six outcome pillars every month, and leadership on the nine dimensions.

``score_run`` turns a played scenario into the ``scores`` object of ``partnership run --json``:
``overall`` (made as the scenario's weights and goals say), ``pillars`` (each 0-100, the mean
over the scenario's months), ``monthly`` (each pillar month by month), ``leadership`` (each
dimension 0-100), ``levels`` (essential, proficient, strong or exemplary by the rubric in
``leadership.Profile``, or "not yet shown"), ``goals`` (met or not, with the figure judged),
``evidence`` (what moved each dimension, month by month, and in which situation),
``lapsed`` (the event cards nobody answered) and ``moves`` (each large month-to-month move of
a pillar, with the figure behind it).

Everything is computed for the whole batch at once (``score_arrays``); ``score_run`` picks one
run out. ``docs/scoring.md`` explains every rule in words.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..scenario.runtime import ScenarioRun
from ..scenario.spec import DIMENSIONS
from .leadership import NOT_SHOWN, Finding, Profile, findings
from .pillars import PILLARS, month_pillars, moves, scored_records

LEVELS: tuple[tuple[float, str], ...] = (
    (80.0, "exemplary"), (60.0, "strong"), (40.0, "proficient"), (0.0, "essential"))
#: Share of the overall score that comes from the scenario's goals, when it has any.
GOALS_SHARE = 0.2

__all__ = ["DIMENSIONS", "LEVELS", "NOT_SHOWN", "PILLARS", "goal_arrays",
           "leadership_profile", "level", "score_arrays", "score_run", "score_text"]


def level(score_0_100: float) -> str:
    """The Healthcare Leadership Model band a 0-100 dimension score falls in. The rubric
    (``leadership.Profile``) decides the level and holds the score within its band, so this
    agrees with it wherever a dimension was shown."""
    return next(name for floor, name in LEVELS if score_0_100 >= floor)


def score_text(scores: dict[str, Any], dim: str) -> str:
    """A dimension's score as a report shows it: the number, or a dash where the dimension was
    not yet shown (its 50 means nothing either way, and must not read as a level)."""
    if scores["levels"].get(dim) == NOT_SHOWN:
        return "–"
    return f"{scores['leadership'][dim]:.0f}"


def pillar_history(run: ScenarioRun) -> dict[str, np.ndarray]:
    """Each pillar as an array (runs, months played); 0 in months after a run ended."""
    if not run.history:
        return {p: np.zeros((run.world.runs, 0)) for p in PILLARS}
    months = [month_pillars(rec) for rec in scored_records([r.values for r in run.history])]
    played = played_mask(run)
    return {p: np.stack([m[p] for m in months], axis=1) * played for p in PILLARS}


def played_mask(run: ScenarioRun) -> np.ndarray:
    """(runs, months): months each run played, up to and including the one it ended in."""
    if not run.history:
        return np.zeros((run.world.runs, 0), bool)
    ended = np.stack([rec["ended"] != "" for rec in run.history], axis=1)
    before = np.cumsum(ended, axis=1) - ended
    return before == 0


def months_counted(run: ScenarioRun) -> np.ndarray:
    """(runs,): the months each pillar is averaged over. A run still going counts the months
    played so far; a run an end condition stopped counts the scenario's full length, so the
    months it did not reach score 0 and ending early never raises a score."""
    ended = run.ended != ""
    return np.where(ended, max(run.months, len(run.history)), max(len(run.history), 1))


def goal_arrays(run: ScenarioRun) -> tuple[np.ndarray, np.ndarray]:
    """(met, value): each (runs, goals). ``value`` is the figure judged (NaN if none)."""
    runs, goals = run.world.runs, run.scenario.goals
    met = np.zeros((runs, len(goals)), bool)
    value = np.full((runs, len(goals)), np.nan)
    if not run.history:
        return met, value
    played = played_mask(run)
    last = played.sum(axis=1) - 1
    stopped = run.ended != ""
    for k, goal in enumerate(goals):
        series = np.stack([np.asarray(rec[goal.metric], float) for rec in run.history], axis=1)
        low = goal.at_least is not None
        if goal.judged == "end":
            fig = series[np.arange(runs), last]
            ok = _meets(fig, goal.at_least, goal.at_most) & ~stopped
        elif goal.judged == "average":
            fig = (series * played).sum(axis=1) / np.maximum(played.sum(axis=1), 1)
            ok = _meets(fig, goal.at_least, goal.at_most)
        else:
            masked = np.where(played, series, np.inf if low else -np.inf)
            fig = masked.min(axis=1) if low else masked.max(axis=1)
            ok = _meets(fig, goal.at_least, goal.at_most)
        met[:, k], value[:, k] = ok, fig
    return met, value


def _meets(fig: np.ndarray, at_least: float | None, at_most: float | None) -> np.ndarray:
    return fig >= at_least if at_least is not None else fig <= float(at_most or 0.0)


def weights(run: ScenarioRun) -> np.ndarray:
    """The scenario's weight for each pillar, in PILLARS order."""
    return np.array([float(run.scenario.scoring.get(p, 0.0)) for p in PILLARS])


def overall(pillars: np.ndarray, goals_met: np.ndarray, goal_weights: np.ndarray,
            pillar_weights: np.ndarray) -> np.ndarray:
    """The overall score: the weighted mean of the pillars, and, when the scenario sets goals,
    GOALS_SHARE of it from the goals met (each goal weighted as its pillar is).

    pillars (runs, 6), goals_met (runs, goals), goal_weights (goals,), pillar_weights (6,).
    """
    mean = pillars @ pillar_weights / max(float(pillar_weights.sum()), 1e-9)
    if goals_met.shape[1] == 0 or goal_weights.sum() <= 0:
        return mean
    share = goals_met @ goal_weights / goal_weights.sum()
    return (1 - GOALS_SHARE) * mean + GOALS_SHARE * 100.0 * share


def score_arrays(run: ScenarioRun, found: list[Finding] | None = None
                 ) -> dict[str, np.ndarray]:
    """Scores for every run: 'overall' (runs,), each pillar (runs,), 'leadership' (runs, 9),
    'goals_met' (runs, goals). The leadership levels come from ``leadership_profile``."""
    history = pillar_history(run)
    count = months_counted(run)
    out = {p: history[p].sum(axis=1) / count for p in PILLARS}
    stacked = np.stack([out[p] for p in PILLARS], axis=1)
    met, _ = goal_arrays(run)
    w = weights(run)
    goal_w = np.array([w[PILLARS.index(g.pillar)] for g in run.scenario.goals])
    out["overall"] = overall(stacked, met, goal_w, w)
    out["goals_met"] = met
    out["leadership"] = leadership_profile(run, found).scores()
    return out


def leadership_profile(run: ScenarioRun, found: list[Finding] | None = None) -> Profile:
    """The rubric's reading of every run's evidence: levels, scores, situations."""
    return Profile.of(findings(run) if found is None else found, run.world.runs)


def score_run(run: ScenarioRun, i: int = 0) -> dict[str, Any]:
    """The ``scores`` object for run ``i``."""
    found = findings(run)
    arrays = score_arrays(run, found)
    history = pillar_history(run)
    lead = arrays["leadership"][i]
    names = Profile.level_names(leadership_profile(run, found).level_index()[i])
    return {
        "overall": round(float(arrays["overall"][i]), 2),
        "pillars": {p: round(float(arrays[p][i]), 2) for p in PILLARS},
        "weights": {p: float(run.scenario.scoring.get(p, 0.0)) for p in PILLARS},
        "goals_share": GOALS_SHARE if run.scenario.goals else 0.0,
        "monthly": {p: [round(float(x), 2) for x in history[p][i]] for p in PILLARS},
        "leadership": {d: round(float(v), 2) for d, v in zip(DIMENSIONS, lead, strict=True)},
        "levels": dict(zip(DIMENSIONS, names, strict=True)),
        "goals": goal_results(run, i),
        "evidence": evidence(found, i),
        "lapsed": lapsed_cards(run, i),
        "moves": pillar_moves(run, i),
    }


def pillar_moves(run: ScenarioRun, i: int = 0) -> list[dict[str, Any]]:
    """Run ``i``'s large month-to-month pillar moves, each naming the figure behind it, up to
    the month the run ended."""
    played = int(played_mask(run)[i].sum()) if run.history else 0
    records = scored_records([r.values for r in run.history[:played]])
    return [{"month": m.month, "pillar": m.pillar, "change": round(m.change, 2),
             "figure": m.part.label, "before": round(m.before, 4), "after": round(m.after, 4),
             "text": m.text()} for m in moves(records, i)]


def lapsed_cards(run: ScenarioRun, i: int = 0) -> list[dict[str, Any]]:
    """The event cards run ``i`` let lapse (nobody decided), in order: month and event id."""
    return [{"month": a.month, "event": a.event} for a in run.actions
            if a.event and a.settled and a.mask[i]]


def goal_results(run: ScenarioRun, i: int = 0) -> list[dict[str, Any]]:
    """Each goal of the scenario: met or not, with the figure it was judged on."""
    met, value = goal_arrays(run)
    out = []
    for k, goal in enumerate(run.scenario.goals):
        v = value[i, k]
        out.append({"id": goal.id, "text": goal.text, "pillar": goal.pillar,
                    "met": bool(met[i, k]),
                    "value": None if not np.isfinite(v) else round(float(v), 4)})
    return out


def evidence(found: list[Finding], i: int = 0) -> list[dict[str, Any]]:
    """Run ``i``'s leadership evidence, in month order: what moved which dimension."""
    rows = [{"month": f.month, "dimension": f.dimension, "points": float(f.points[i]),
             "what": f.line(i), "source": f.source, "situation": f.key}
            for f in found if f.points[i] != 0]
    return sorted(rows, key=lambda r: r["month"])
