"""Taking in teams' results files for the comparison debrief.

Every file is replayed before it is shown: its decision log is played again with its seed and
everything the file claims (months, history, scores) must match. A file that does not load,
was played on a changed or different scenario, with another seed, under a team name already
taken, or that does not match its own log, is named with the reason and left out. Nothing is
silently included.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content import ContentError
from ..results import ResultsFile, check, content_hash, load_results, scenario_for
from ..scenario.spec import ScenarioSpec
from .spec import LoadedSession


@dataclass(frozen=True)
class TeamResults:
    """One team's confirmed results (the file's data, checked by replay)."""

    team: str
    source: str  # the file it came from, or "session" for a session played on this machine
    results: ResultsFile


@dataclass(frozen=True)
class Rejected:
    """A results file left out of the debrief, and why."""

    source: str
    reason: str


@dataclass
class Intake:
    """What went into a debrief and what was left out."""

    scenario: ScenarioSpec | None
    seed: int | None
    teams: list[TeamResults]
    rejected: list[Rejected]


def _reference(session: LoadedSession | None) -> tuple[ScenarioSpec | None, int | None]:
    return (session.scenario, session.spec.seed) if session else (None, None)


def take_in(paths: list[str], session: LoadedSession | None = None,
            scenario_override: str | None = None) -> Intake:
    """Load, replay and match the files. Without a session, the first confirmed file sets the
    scenario and seed the others must share."""
    scenario, seed = _reference(session)
    out = Intake(scenario, seed, [], [])
    for path in paths:
        try:
            team = _confirmed(path, out, session, scenario_override)
        except ContentError as exc:
            out.rejected.append(Rejected(path, exc.problems[0].format()))
            continue
        if isinstance(team, Rejected):
            out.rejected.append(team)
        else:
            out.teams.append(team)
    return out


def _confirmed(path: str, out: Intake, session: LoadedSession | None,
               override: str | None) -> TeamResults | Rejected:
    loaded = load_results(path)
    r = loaded.results
    override = override or (session.scenario_source if session else None)
    scenario = scenario_for(loaded, override)
    if out.scenario is not None and content_hash(out.scenario) != content_hash(scenario):
        return Rejected(path, f"played on scenario '{r.scenario.id}', not the session's "
                        f"'{out.scenario.id}' (or a changed copy of it)")
    if out.seed is not None and r.seed != out.seed:
        return Rejected(path, f"played with seed {r.seed}, not the session's seed {out.seed}, "
                        "so its luck differs and it cannot be compared")
    name = r.player.strip() or Path(path).stem
    if any(t.team.casefold() == name.casefold() for t in out.teams):
        return Rejected(path, f"a second file for team '{name}' (the first one is kept)")
    checked = check(loaded, scenario)
    if not checked.confirmed:
        first = checked.differences[0] if checked.differences else ""
        return Rejected(path, f"does not match its own decision log ({checked.total} "
                        f"difference(s), e.g. {first}): it may have been edited")
    out.scenario, out.seed = scenario, r.seed
    return TeamResults(name, path, r)


def from_data(items: list[tuple[str, dict[str, Any]]], scenario: ScenarioSpec,
              seed: int) -> Intake:
    """An intake from results objects made on this machine (``facilitate``): already exact,
    since they were built by replaying each team's log."""
    teams = [TeamResults(name, "session", ResultsFile.model_validate(data))
             for name, data in items]
    return Intake(scenario, seed, teams, [])
