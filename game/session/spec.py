"""The session file: one facilitated group session, written in YAML.

A session names the scenario every team plays, the seed they share, the teams and observers,
how long a round lasts, which of the scenario's events the facilitator may fire by hand and
whether teams see each other's results while they play::

    format: partnership-session/1
    title: Tuesday half-day, Leeds scheme
    scenario: first-year
    seed: 2024
    teams: [Aire, Calder, Wharfe]
    minutes_per_round: 8
    injectable_events: [agency-rates, reception-abuse]

It is checked like a scenario: unknown keys, a scenario that does not load, an event the
scenario does not have and duplicate team names are errors naming the file, line and column.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from ..content import (
    ContentError,
    Document,
    Problem,
    check_text,
    load_document,
    name_problem,
    validate,
)
from ..scenario.library import bundled, load_scenario
from ..scenario.seasons import calendar_month, in_season, named_season, season_span
from ..scenario.spec import ScenarioSpec

FORMAT = "partnership-session/1"


def visible(name: str) -> bool:
    """Whether a name has something to show: a character that is neither a space nor one of
    Unicode's invisible format characters (a bidi mark, a zero-width space, a soft hyphen)."""
    return any(not c.isspace() and unicodedata.category(c) != "Cf" for c in name)


def _team_name(name: str) -> str:
    """The text rule for names (one line, no spaces at either end, something visible): a
    team called ' Aire ' could never join, as every client sends its name trimmed."""
    problem = name_problem(name)
    if problem is not None:
        raise ValueError(problem.replace("a name", "a team name"))
    return name


TeamName = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[^,\n\r\t]+$"),
                     AfterValidator(_team_name)]

ObserverName = Annotated[str, Field(max_length=80), AfterValidator(check_text)]


class SessionSpec(BaseModel):
    """A facilitated group session."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    format: Literal["partnership-session/1"] = Field(description="Format and version.")
    title: str = Field("Partnership session", min_length=1, max_length=120,
                       description="Shown on the facilitator's screen and the debrief report.")
    scenario: str = Field(min_length=1, description="The scenario every team plays: a bundled "
                          "id (see `partnership list`) or a path relative to this file.")
    seed: int = Field(ge=0, le=2**63 - 1, description="The seed every team shares, so every "
                      "team meets the same luck and differences come from decisions alone.")
    months: int | None = Field(None, ge=1, le=36, description="Rounds to play, one month a "
                               "round; leave out to play the whole scenario.")
    teams: list[TeamName] = Field(min_length=1, max_length=12, description="Team names, as "
                                  "shown on the screen and in the debrief.")
    observers: list[ObserverName] = Field(default_factory=list, max_length=30, description="People "
                                 "who watch and take notes but do not decide (names or roles).")
    minutes_per_round: float = Field(8.0, ge=1, le=60, description="Length of a round on the "
                                     "facilitator's timer, in minutes.")
    injectable_events: list[str] = Field(default_factory=list, description="Ids of the "
                                         "scenario's events the facilitator may fire by hand.")
    teams_see_each_other: bool = Field(False, description="Whether teams see the league table "
                                       "during play; the facilitator can still reveal it.")

    @field_validator("teams")
    @classmethod
    def _unique_names(cls, teams: list[str]) -> list[str]:
        folded = [t.strip().casefold() for t in teams]
        dupes = sorted({t for t in teams if folded.count(t.strip().casefold()) > 1})
        if dupes:
            raise ValueError(f"duplicate team name(s): {', '.join(dupes)}")
        return teams


@dataclass(frozen=True)
class LoadedSession:
    """A checked session with its scenario, and where the scenario was loaded from."""

    spec: SessionSpec
    scenario: ScenarioSpec
    scenario_source: str
    path: str
    #: what ``session check`` warns of: the session loads, but may not be what was meant
    warnings: tuple[Problem, ...] = ()

    @property
    def months(self) -> int:
        limit = self.spec.months or self.scenario.length_months
        return min(limit, self.scenario.length_months)


def scenario_source(spec: SessionSpec, session_path: str | Path) -> str:
    """The scenario as ``load_scenario`` takes it: a bundled id, or a path resolved against
    the session file's folder."""
    if spec.scenario in bundled():
        return spec.scenario
    path = Path(spec.scenario)
    if not path.is_absolute():
        path = Path(session_path).resolve().parent / path
    return str(path)


def check_session(spec: SessionSpec, document: Document) -> LoadedSession:
    """Cross-check a session against its scenario; problems are located in the session file."""
    source = scenario_source(spec, document.path)
    try:
        scenario = load_scenario(source)
    except ContentError as exc:
        line, col = document.locate(("scenario",))
        first = exc.problems[0]
        raise ContentError([Problem(document.path, line, col,
                                    f"scenario '{spec.scenario}' does not load: "
                                    f"{first.message}"), *exc.problems]) from None
    known = {e.id for e in scenario.events}
    problems = []
    for i, event in enumerate(spec.injectable_events):
        if event not in known:
            line, col = document.locate(("injectable_events", i))
            problems.append(Problem(document.path, line, col,
                                    f"scenario '{scenario.id}' has no event '{event}' "
                                    f"(events: {', '.join(sorted(known)) or 'none'})"))
    if spec.months is not None and spec.months > scenario.length_months:
        line, col = document.locate(("months",))
        problems.append(Problem(document.path, line, col,
                                f"months is {spec.months}, but scenario '{scenario.id}' "
                                f"lasts {scenario.length_months}"))
    if problems:
        raise ContentError(problems)
    loaded = LoadedSession(spec, scenario, source, str(document.path))
    return replace(loaded, warnings=tuple(season_warnings(loaded, document)))


def season_warnings(loaded: LoadedSession, document: Document) -> list[Problem]:
    """Each injectable event whose words set it in a season: the session's months it can be
    injected in (none, or only some), unless its author gave it words for any month."""
    found = []
    sc = loaded.scenario
    for i, event_id in enumerate(loaded.spec.injectable_events):
        event = sc.event(event_id)
        named = named_season(event)
        if named is None or event.any_month is not None:
            continue
        season, words = named
        fits = [m for m in range(1, loaded.months + 1)
                if in_season(season, calendar_month(sc.start_month, m))]
        if len(fits) == loaded.months:
            continue
        when = (f"only in month{'s' if len(fits) > 1 else ''} {_listed(fits)}" if fits
                else "in none of this session's months")
        line, col = document.locate(("injectable_events", i))
        found.append(Problem(document.path, line, col,
                             f"event '{event_id}' says '{words}', so it can be injected "
                             f"{when} ({season}: {season_span(season)}); the scenario can give "
                             "it any_month words to inject it in any month", "warning"))
    return found


def _listed(months: list[int]) -> str:
    return ", ".join(map(str, months[:-1])) + (" and " if len(months) > 1 else "") + \
        str(months[-1])


def load_session(path: str | Path) -> LoadedSession:
    """Load and check a session file; raises ``ContentError`` naming file, line and column."""
    document = load_document(path)
    return check_session(validate(document, SessionSpec), document)
