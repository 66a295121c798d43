"""Saved games: the scenario, its content hash, the seed and the decision log, replayed to restore.

A save is a small JSON file under the user data directory (``platformdirs``; the environment
variable ``PARTNERSHIP_DATA_DIR`` overrides it, for tests and shared machines), written
atomically. The game autosaves every month to ``autosave.json``; named saves sit beside it.
Reading a save never raises anything but ``SaveError``, whose message is for the player, and a
bad save never touches the others.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .content import ContentError, load_json, read_bytes
from .files import WriteError, remove_stale_temporaries, write_atomic
from .model.decisions import DecisionError
from .model.noise import MODEL_VERSION
from .play.game_session import GameSession
from .scenario.decision_log import DecisionLog
from .scenario.library import bundled, load_scenario, resolve

FORMAT: Final = "partnership-save/1"
AUTOSAVE = "autosave"


class SaveError(Exception):
    """A save that cannot be written, read or restored; the message says which and why."""


class SaveSpec(BaseModel):
    """The save file."""

    model_config = ConfigDict(extra="forbid")
    format: Literal["partnership-save/1"] = Field(description="Save format and version.")
    name: str = Field(min_length=1, max_length=60, description="The save's name.")
    scenario: str = Field(max_length=200, description="The scenario's id.")
    source: str = Field(min_length=1, max_length=4_096,
                        description="The bundled id or the path it was loaded from (a .yaml "
                        "or .yml file).")
    content_hash: str = Field(pattern=r"^sha256:[0-9a-f]{64}$",
                              description="sha256 of the scenario file when saved.")
    seed: int = Field(ge=0, le=2**63 - 1, description="The seed of the run.")
    months_played: int = Field(ge=0, le=36, description="Months ended when saved.")
    log: DecisionLog = Field(description="The decision log, replayed to restore.")
    team: str = Field("", max_length=60, description="The team, for a game played as one "
                      "team of a group session (empty otherwise).")
    months_limit: int | None = Field(None, ge=1, le=36, description="Months the session "
                                     "plays, when shorter than the scenario.")
    model_version: int = Field(1, ge=1, le=1_000, description="The version of the model and "
                               "its random draws that played the game (1 in saves from before "
                               "it was recorded).")


    @field_validator("source")
    @classmethod
    def _a_scenario_file(cls, source: str) -> str:
        """A save names a bundled scenario or a scenario file, never any other file: a save
        from elsewhere must not open, or quote, a file that is not a scenario."""
        if source in bundled() or Path(source).suffix.lower() in (".yaml", ".yml"):
            return source
        raise ValueError("not a bundled scenario or a .yaml scenario file")


@dataclass(frozen=True)
class SaveSlot:
    """A file in the saves folder: its save, or why it cannot be used."""

    path: Path
    save: SaveSpec | None
    problem: str = ""
    reason: str = ""  # the problem in a few words, for the list

    @property
    def label(self) -> str:
        if self.save is None:
            why = self.reason if len(self.reason) <= 60 else self.reason[:57] + "..."
            return f"{self.path.stem} (cannot be loaded: {why})"
        older = "" if self.save.model_version == MODEL_VERSION else " (older model)"
        return (f"{self.save.name}: {self.save.scenario}, month {self.save.months_played}"
                f"{older}")


def data_dir() -> Path:
    override = os.environ.get("PARTNERSHIP_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs
    return Path(platformdirs.user_data_dir("partnership", appauthor=False))


def saves_dir() -> Path:
    return data_dir() / "saves"


def content_hash(source: str) -> str:
    try:
        return "sha256:" + hashlib.sha256(read_bytes(resolve(source))).hexdigest()
    except (OSError, ContentError) as exc:
        raise SaveError(f"The scenario '{source}' cannot be read ({exc}).") from None


def slug(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40]
    return text or "save"


def write_save(session: GameSession, name: str = AUTOSAVE) -> Path:
    """Save the months ended so far under ``name``; raises ``SaveError`` if it cannot."""
    spec = SaveSpec(format=FORMAT, name=name[:60] or AUTOSAVE, scenario=session.scenario.id,
                    source=session.source, content_hash=content_hash(session.source),
                    seed=session.seed, months_played=len(session.run.history),
                    log=session.log(), team=session.team,
                    months_limit=session.run.months
                    if session.run.months < session.scenario.length_months else None,
                    model_version=MODEL_VERSION)
    text = json.dumps(spec.model_dump(mode="json", exclude_none=True), indent=1) + "\n"
    try:
        return write_atomic(saves_dir() / f"{slug(name)}.json", text)
    except WriteError as exc:
        raise SaveError(f"The game could not be saved: {exc}") from None


def autosave(session: GameSession) -> str:
    """Autosave a game whose saves are kept here (a live team's host keeps its own); the
    problem in the player's words if it could not be saved, else ''."""
    if not session.saves_locally:
        return ""
    try:
        write_save(session)
    except SaveError as exc:
        return str(exc)
    return ""


#: A save is a few kilobytes; this leaves room for three years of a busy log.
MAX_SAVE_BYTES = 2_000_000


class _Unreadable(SaveError):
    """A save that cannot be used, with the reason in a few words for the list."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def read_save(path: Path) -> SaveSpec:
    """The save at ``path``, read by the bounded JSON reader; ``SaveError`` says why not."""
    try:
        document = load_json(path, max_bytes=MAX_SAVE_BYTES)
    except ContentError as exc:
        problem = exc.problems[0]
        raise _Unreadable(f"{path.name} is not a readable save: line {problem.line}, column "
                          f"{problem.col}: {problem.message}.", problem.message) from None
    data = document.data
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        raise _Unreadable(f"{path.name} is not a save this version can read "
                          f"(format {found!r}, expected {FORMAT!r}).", "another format")
    try:
        return SaveSpec.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        line, col = document.locate(tuple(first["loc"]))
        raise _Unreadable(f"{path.name} is damaged: line {line}, column {col}: {where}: "
                          f"{first['msg']}.", f"{where}: {first['msg']}") from None


def _newest_first(path: Path) -> float:
    try:
        return -path.stat().st_mtime
    except (OSError, ValueError):  # a link to nothing, say: listed last, with its problem
        return 0.0


def list_saves() -> list[SaveSlot]:
    """Every save, newest first; one that cannot be used is listed with why."""
    folder = saves_dir()
    try:
        if not folder.is_dir():
            return []
        remove_stale_temporaries(folder)
        files = sorted(folder.glob("*.json"), key=_newest_first)
    except OSError:
        return []
    slots = []
    for path in files:
        try:
            slots.append(SaveSlot(path, read_save(path)))
        except _Unreadable as exc:
            slots.append(SaveSlot(path, None, str(exc), exc.reason))
    return slots


def restore(save: SaveSpec) -> GameSession:
    """Replay a save into a session at the month it was saved in."""
    source = save.source if save.source in bundled() or _exists(save.source) else save.scenario
    try:
        scenario = load_scenario(source)
    except ContentError as exc:
        raise SaveError(f"The save's scenario cannot be loaded: {exc.format()}") from None
    if content_hash(source) != save.content_hash:
        raise SaveError(f"The scenario '{scenario.title}' has changed since this game was "
                        "saved, so the save cannot be replayed faithfully.")
    session = GameSession(scenario, source, save.seed, months=save.months_limit,
                          team=save.team)
    try:
        session.replay(save.log, save.months_played)
    except (DecisionError, ValueError) as exc:
        raise SaveError(f"The save does not replay: {exc}{_other_model(save)}") from None
    return session


def _other_model(save: SaveSpec) -> str:
    """Why a save from another version of the model may not replay, or ''."""
    if save.model_version == MODEL_VERSION:
        return ""
    return (f" (it was made with version {save.model_version} of the model and this game's "
            f"is version {MODEL_VERSION}, so the same decisions can meet other figures)")


def _exists(path: str) -> bool:
    try:
        return Path(path).exists()
    except (OSError, ValueError):
        return False


def load(path: Path) -> GameSession:
    return restore(read_save(path))
