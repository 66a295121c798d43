"""Play as you write: reload a scenario file when it changes and replay to where the author was.

``ScenarioWatcher.poll()`` is cheap enough to call every frame: it stats the file, and only
when the modification time or size moved does it read the bytes and compare their SHA-256
(an editor that rewrites the same text triggers nothing). ``reload`` loads the file again; if
it no longer validates it returns the loader's own ``PATH:LINE:COL: message`` lines for the
game to show, and the game keeps the last good session until the file is fixed. If it loads,
a new session is played from the same seed through the decision log to the month the author
had reached (as Inky does), with this month's answers and decisions put back where they still
apply. Nothing here imports pygame.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content import ContentError, read_bytes
from ..model.decisions import DecisionError
from ..play.game_session import EventsPendingError, GameSession
from ..scenario.decision_log import DECISION_SPECS, DecisionLog, to_command
from ..scenario.library import load_scenario


@dataclass(frozen=True)
class FileStamp:
    mtime_ns: int
    size: int
    sha256: str


def stamp(path: Path, previous: FileStamp | None = None) -> FileStamp | None:
    """The file's stamp (None if it cannot be read); the hash is reused if mtime and size
    have not moved."""
    try:
        st = path.stat()
        if previous and (st.st_mtime_ns, st.st_size) == (previous.mtime_ns, previous.size):
            return previous
    except (OSError, ValueError):
        return None
    try:
        # the loader's own bounded read: a huge file, a FIFO or a device is never read here;
        # its problem stands in for the hash, so the reload that follows shows it located
        digest = hashlib.sha256(read_bytes(path)).hexdigest()
    except ContentError as exc:
        digest = "unreadable: " + exc.problems[0].message
    return FileStamp(st.st_mtime_ns, st.st_size, digest)


class ScenarioWatcher:
    """Watches one scenario file for a change of content."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.current = stamp(self.path)

    def poll(self) -> bool:
        """True once for each change of the file's content since the last poll."""
        new = stamp(self.path, self.current)
        if new is None or (self.current is not None and new.sha256 == self.current.sha256):
            if new is not None:
                self.current = new
            return False
        self.current = new
        return True


@dataclass(frozen=True)
class Position:
    """Where the author was: the months ended, their log, and this month's moves so far."""

    seed: int
    months: int
    log: DecisionLog
    choices: tuple[dict[str, str], ...] = ()
    decisions: tuple[dict[str, Any], ...] = ()

    @classmethod
    def of(cls, session: GameSession) -> Position:
        choices, decisions = session.this_month()
        return cls(session.seed, len(session.run.history), session.log(), tuple(choices),
                   tuple(decisions))


@dataclass
class Reload:
    """A reload: the new session, or the problems (PATH:LINE:COL lines) that stopped it."""

    session: GameSession | None
    problems: list[str] = field(default_factory=list)
    #: moves of the month in progress that the changed scenario no longer allows
    dropped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.session is not None


def reload(path: str | Path, at: Position) -> Reload:
    """Load the file again and replay to ``at``; never raises for a bad file or log."""
    try:
        scenario = load_scenario(str(path))
    except ContentError as exc:
        return Reload(None, exc.format().splitlines() or [str(exc)])
    except (OSError, ValueError) as exc:
        return Reload(None, [f"{path}: {exc}"])
    session = GameSession(scenario, str(path), at.seed)
    try:
        session.replay(at.log, at.months)
    except (DecisionError, ValueError) as exc:
        return Reload(None, [f"{path}: the decision log no longer replays: {exc}"])
    return Reload(session, dropped=_resume_month(session, at))


def _resume_month(session: GameSession, at: Position) -> list[str]:
    """Put this month's answers and decisions back; returns those that no longer apply."""
    dropped = []
    if session.finished:
        return []
    pending = {e.id: e for e in session.pending_events()}
    for choice in at.choices:
        event = pending.get(choice["event"])
        if event is None or choice["choice"] not in {c.id for c in event.choices}:
            dropped.append(f"answer to event '{choice['event']}'")
            continue
        session.choose(choice["event"], choice["choice"])
    for data in at.decisions:
        try:
            session.decide(to_command(DECISION_SPECS[data["type"]].model_validate(data)),
                           str(data.get("reason", "")))
        except (DecisionError, EventsPendingError, ValueError) as exc:
            dropped.append(f"{data['type']}: {exc}")
    return dropped
