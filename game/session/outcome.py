"""A session's teams as results: each team's log replayed alone, as its own laptop would.

``team_results`` is what ``partnership session play`` writes and what ``facilitate`` saves for
each team at the end, so a debrief of either is the same debrief.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..files import write_atomic
from ..play.goals import goal_texts
from ..play.replay import play
from ..results import build_results, write_results
from ..scenario.decision_log import DecisionLog
from .compare import Comparison
from .engine import GroupSession
from .intake import Intake, from_data
from .spec import LoadedSession


def play_team(loaded: LoadedSession, log: DecisionLog, months: int | None = None):
    """A team's practice played alone from its log (``months`` defaults to the session's)."""
    return play(loaded.scenario, loaded.spec.seed, log, months=months or loaded.months)


def team_results(session: GroupSession, team: str) -> dict[str, Any] | None:
    """The results object for a team (None for a team dropped before it played a month)."""
    played = session.months_played(team)
    if played < 1:
        return None
    log = session.logs()[team]
    run = play_team(session.loaded, log, played)
    return build_results(run, log, player=team, source=session.loaded.scenario_source)


def session_intake(session: GroupSession) -> Intake:
    """Every team that played a month, as an intake for the comparison debrief."""
    items = [(t, data) for t in session.records if (data := team_results(session, t))]
    return from_data(items, session.scenario, session.seed)


def write_team_results(session: GroupSession, folder: str | Path) -> list[Path]:
    """Write a results file for every team that played (``TEAM.results.json``; teams whose
    names differ only in punctuation or symbols, such as two emoji, get ``TEAM-2`` and so on)."""
    out = []
    used: set[str] = set()
    for team in session.records:
        played = session.months_played(team)
        if played < 1:
            continue
        log = session.logs()[team]
        run = play_team(session.loaded, log, played)
        path = Path(folder) / f"{_unique(_file_name(team), used)}.results.json"
        out.append(write_results(run, log, path, player=team,
                                 source=session.loaded.scenario_source))
    return out


def _file_name(team: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_" else "-" for c in team.strip())
    return keep.strip("-").lower() or "team"


def _unique(name: str, used: set[str]) -> str:
    """``name``, or the first of ``name-2``, ``name-3``... not in ``used``; added to it."""
    candidate, n = name, 1
    while candidate in used:
        n += 1
        candidate = f"{name}-{n}"
    used.add(candidate)
    return candidate


def write_debrief(session: GroupSession, comparison: Comparison, intake: Intake,
                  folder: Path) -> list[Path]:
    """Every team's results file, debrief.html and debrief.csv in ``folder`` (the files the
    facilitator's debrief screen writes); raises ``files.WriteError``."""
    from . import charts, html
    from .spreadsheet import comparison_csv

    written = write_team_results(session, folder)
    goals = goal_texts(session.scenario, session.months)
    page = html.render(comparison, charts.all_charts(comparison), session.spec.title, goals)
    written.append(write_atomic(folder / "debrief.html", page))
    written.append(write_atomic(folder / "debrief.csv", comparison_csv(intake)))
    return written
