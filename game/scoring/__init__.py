"""Scoring: six outcome pillars every month, and leadership on the nine dimensions.

``score_run`` turns a played scenario into the ``scores`` object of ``partnership run --json``:
``overall`` (the scenario's weighted mean of the pillars), ``pillars`` (each 0-100, the mean of
the months played), ``monthly`` (each pillar month by month), ``leadership`` (each dimension
0-100) and ``levels`` (essential, proficient, strong or exemplary).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..scenario.runtime import ScenarioRun
from ..scenario.spec import DIMENSIONS
from .pillars import PILLARS, month_pillars

LEVELS: tuple[tuple[float, str], ...] = (
    (80.0, "exemplary"), (60.0, "strong"), (40.0, "proficient"), (0.0, "essential"))
#: Points a leadership tag of +1 adds to (or -1 takes from) a dimension's score of 50.
TAG_POINTS = 12.5


def level(score: float) -> str:
    return next(name for floor, name in LEVELS if score >= floor)


def pillar_history(run: ScenarioRun) -> dict[str, np.ndarray]:
    """Each pillar as an array (runs, months played)."""
    months = [month_pillars(rec.values) for rec in run.history]
    return {p: np.stack([m[p] for m in months], axis=1) if months else np.zeros((run.world.runs,
                                                                                0))
            for p in PILLARS}


def played_mask(run: ScenarioRun) -> np.ndarray:
    """(runs, months): months each run played, up to and including the one it ended in."""
    ended = np.stack([rec["ended"] != "" for rec in run.history], axis=1)
    before = np.cumsum(ended, axis=1) - ended
    return before == 0


def leadership_scores(run: ScenarioRun) -> np.ndarray:
    """(runs, dimensions) 0-100: 50 plus the tags of the choices taken."""
    totals = np.zeros((run.world.runs, len(DIMENSIONS)))
    for event in run.scenario.events:
        taken = run.world.choice(event.id)
        for i, choice in enumerate(event.choices):
            for dim, value in choice.leadership.items():
                totals[:, DIMENSIONS.index(dim)] += np.where(taken == i, value, 0)
    return np.clip(50.0 + TAG_POINTS * totals, 0.0, 100.0)


def score_arrays(run: ScenarioRun) -> dict[str, np.ndarray]:
    """Scores for every run: 'overall' (runs,), each pillar (runs,), 'leadership' (runs, 9)."""
    history = pillar_history(run)
    played = played_mask(run)
    count = np.maximum(played.sum(axis=1), 1)
    out = {p: (history[p] * played).sum(axis=1) / count for p in PILLARS}
    weights = np.array([run.scenario.scoring.get(p, 0.0) for p in PILLARS])
    stacked = np.stack([out[p] for p in PILLARS], axis=1)
    out["overall"] = stacked @ weights / max(weights.sum(), 1e-9)
    out["leadership"] = leadership_scores(run)
    return out


def score_run(run: ScenarioRun, i: int = 0) -> dict[str, Any]:
    """The ``scores`` object for run ``i``."""
    arrays = score_arrays(run)
    history = pillar_history(run)
    lead = arrays["leadership"][i]
    return {
        "overall": round(float(arrays["overall"][i]), 2),
        "pillars": {p: round(float(arrays[p][i]), 2) for p in PILLARS},
        "weights": {p: float(run.scenario.scoring.get(p, 0.0)) for p in PILLARS},
        "monthly": {p: [round(float(x), 2) for x in history[p][i]] for p in PILLARS},
        "leadership": {d: round(float(v), 2) for d, v in zip(DIMENSIONS, lead, strict=True)},
        "levels": {d: level(float(v)) for d, v in zip(DIMENSIONS, lead, strict=True)},
        "goals": goal_results(run, i),
    }


def goal_results(run: ScenarioRun, i: int = 0) -> list[dict[str, Any]]:
    """Each goal of the scenario: met or not, with the figure it was judged on."""
    out = []
    played = played_mask(run)[i] if run.history else np.zeros(0, bool)
    for goal in run.scenario.goals:
        series = np.array([float(rec[goal.metric][i]) for rec in run.history])[played]
        if series.size == 0:
            out.append({"id": goal.id, "text": goal.text, "met": False, "value": None})
            continue
        if goal.judged == "end":
            values = series[-1:]
        elif goal.judged == "average":
            values = np.array([series.mean()])
        else:
            values = series
        ok = values >= goal.at_least if goal.at_least is not None else values <= goal.at_most
        figure = float(values.min() if goal.at_least is not None else values.max())
        out.append({"id": goal.id, "text": goal.text, "pillar": goal.pillar,
                    "met": bool(ok.all()), "value": round(figure, 4)})
    return out
