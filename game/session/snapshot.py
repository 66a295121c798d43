"""A facilitated session saved as it goes, so a crash or a closed lid loses nothing.

After every change (a round opened, a hand-in, lock, advance, inject, rewind, pause, a team
added or dropped) ``SnapshotWriter`` writes the whole session state atomically to one JSON
file (``SESSION.facilitate.json`` beside the session file): every team's decision log, when
it joined and left, the round's phase and its hand-ins so far, the timer, pause and league
state and the facilitator's journal. ``restore`` rebuilds the ``GroupSession`` by replaying
the logs, as a rewind does, so the restored session is exactly the one that was saved. The
file carries the session file's SHA-256, and is never restored against a changed session.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..content import ContentError, LocatedValueError, load_json, read_bytes, validate
from ..files import write_atomic
from ..scenario.decision_log import KnowledgeAnswers, MonthEntry
from .engine import GroupSession
from .rounds import Phase, SessionError, Submission, TeamRecord
from .spec import LoadedSession, TeamName

#: A snapshot of twelve teams over three years is well under a megabyte.
MAX_SNAPSHOT_BYTES = 20_000_000

FORMAT = "partnership-facilitate-save/1"


class TeamSnapshot(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: TeamName = Field(description="The team's name.")
    joined_month: int = Field(ge=1, le=37, description="The month the team joined.")
    left_month: int | None = Field(None, ge=1, le=37, description="The month it was dropped "
                                   "in, if it was.")
    months: dict[int, MonthEntry] = Field(description="Its decision log, month by month "
                                          "(injected events, answers and decisions).")
    knowledge_check: KnowledgeAnswers | None = Field(
        None, description="Its answers to the knowledge check, before and after play.")


class SessionSnapshot(BaseModel):
    """A facilitated session in progress."""

    model_config = ConfigDict(extra="forbid")
    format: Literal["partnership-facilitate-save/1"] = Field(description="Format and version.")
    session_sha256: str = Field(description="SHA-256 of the session file it belongs to.")
    phase: Phase = Field(description="Where the round is.")
    month: int = Field(ge=1, le=37, description="The month being played (or next to be "
                       "opened).")
    paused: bool = Field(description="Whether the session is paused.")
    league_visible: bool = Field(description="Whether the league table is shown.")
    timer_seconds_left: float = Field(ge=0, le=24 * 3600, description="Seconds left on the "
                                      "round timer.")
    teams: list[TeamSnapshot] = Field(description="Every team, dropped ones too, in the "
                                      "session's order.")
    observers: list[str] = Field(description="Observers, including those added on the day.")
    submissions: dict[str, MonthEntry] = Field(description="This round's hand-ins so far.")
    journal: list[tuple[int, str]] = Field(description="What the facilitator did, by month.")

    @field_validator("teams")
    @classmethod
    def _one_team_a_name(cls, teams: list[TeamSnapshot]) -> list[TeamSnapshot]:
        folded = [t.name.casefold() for t in teams]
        twice = sorted({t.name for t in teams if folded.count(t.name.casefold()) > 1})
        if twice:
            raise ValueError(f"two teams have the name {', '.join(twice)}")
        return teams

    @model_validator(mode="after")
    def _hand_ins_from_teams(self) -> SessionSnapshot:
        names = {t.name for t in self.teams}
        for team in self.submissions:
            if team not in names:
                raise LocatedValueError(f"a hand-in from '{team}', which is not a team",
                                        ("submissions", team))
        return self


def default_path(session_path: str | Path) -> Path:
    """``SESSION.facilitate.json`` beside the session file."""
    path = Path(session_path)
    return path.with_name(path.stem + ".facilitate.json")


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(read_bytes(path)).hexdigest()


def snapshot(session: GroupSession, session_sha256: str) -> dict[str, Any]:
    """The session's state as plain data (what the file holds)."""
    month = session.month
    return {
        "format": FORMAT, "session_sha256": session_sha256, "phase": session.phase.value,
        "month": month, "paused": session.paused, "league_visible": session.league_visible,
        "timer_seconds_left": session.timer.seconds_left,
        "teams": [{"name": r.name, "joined_month": r.joined_month, "left_month": r.left_month,
                   "months": {str(m): e for m, e in sorted(r.months.items())},
                   **({"knowledge_check": r.knowledge} if r.knowledge else {})}
                  for r in session.records.values()],
        "observers": list(session.observers),
        "submissions": {t: s.entry(month, []) for t, s in session.submissions.items()},
        "journal": [list(j) for j in session.journal],
    }


def restore(loaded: LoadedSession, data: SessionSnapshot) -> GroupSession:
    """The session as it was saved, its practices replayed from the teams' logs."""
    session = GroupSession(loaded)
    session.records = {
        t.name: TeamRecord(t.name, t.joined_month, t.left_month,
                           {m: e.model_dump(mode="json") for m, e in t.months.items()},
                           _knowledge(t.knowledge_check))
        for t in data.teams}
    session.observers = list(data.observers)
    session.phase = data.phase
    session.replay_to(data.month)
    if session.month != data.month:
        raise SessionError(f"the saved session is at month {data.month} but its logs replay "
                           f"to month {session.month}")
    session.submissions = {t: Submission.from_entry(e) for t, e in data.submissions.items()}
    session.paused, session.league_visible = data.paused, data.league_visible
    session.timer.seconds_left = data.timer_seconds_left
    session.timer.running = (data.phase is Phase.OPEN and not data.paused
                             and data.timer_seconds_left > 0)
    session.journal = [(m, w) for m, w in data.journal]
    return session


def read_snapshot(path: str | Path) -> SessionSnapshot:
    """Read a saved session; ``SessionError`` names the file and what is wrong."""
    try:
        return validate(load_json(path, max_bytes=MAX_SNAPSHOT_BYTES), SessionSnapshot)
    except ContentError as exc:
        raise SessionError(f"{path} cannot be read as a saved session:\n{exc.format()}") \
            from None


def resume(session_path: str | Path, save_path: str | Path | None = None) -> GroupSession:
    """``facilitate SESSION --resume``: the saved session, checked against its session file."""
    from .spec import load_session

    path = Path(save_path) if save_path else default_path(session_path)
    if not path.exists():
        raise SessionError(f"there is no saved session at {path} to resume")
    data = read_snapshot(path)
    if data.session_sha256 != file_sha256(session_path):
        raise SessionError(f"{path} was saved for a different version of {session_path}; "
                           "start again without --resume, or with --fresh")
    loaded = load_session(session_path)
    try:
        return restore(loaded, data)
    except SessionError as exc:
        if str(path) in str(exc):
            raise
        raise SessionError(f"{path} does not replay: {exc}") from None
    except (ValueError, KeyError, IndexError, TypeError) as exc:  # a log that does not replay
        raise SessionError(f"{path} does not replay: {type(exc).__name__}: {exc}") from None


class SnapshotWriter:
    """Writes the session to ``path`` after every change (a ``GroupSession`` listener).

    A write that fails is kept in ``problem`` for the screen to show; the session goes on."""

    def __init__(self, path: str | Path, session_sha256: str) -> None:
        self.path, self.session_sha256 = Path(path), session_sha256
        self.problem = ""
        self.writes = 0

    def __call__(self, session: GroupSession) -> None:
        text = json.dumps(snapshot(session, self.session_sha256), indent=1,
                          ensure_ascii=False) + "\n"
        try:
            write_atomic(self.path, text)
        except OSError as exc:
            self.problem = f"The session could not be saved to {self.path}: {exc}"
        else:
            self.problem = ""
            self.writes += 1


def _knowledge(answers: KnowledgeAnswers | None) -> dict[str, dict[str, int]]:
    """A team's saved knowledge check answers as ``TeamRecord.knowledge`` keeps them."""
    if answers is None:
        return {}
    return {stage: dict(a) for stage, a in answers.model_dump().items() if a}
