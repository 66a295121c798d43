"""The results file a finished game writes, under the user data directory beside the saves.

``write_game_results`` writes it as soon as the scenario ends; a failure to write is reported
in words, never raised, so the end of the game still shows.
"""

from __future__ import annotations

import getpass
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..files import WriteError, write_atomic
from ..results import build_results
from ..saves import data_dir, slug
from .game_session import GameSession


@dataclass
class GameResults:
    """The results object, and where it was written (or why it could not be)."""

    data: dict[str, Any]
    path: Path | None = None
    problem: str = ""


def results_dir() -> Path:
    return data_dir() / "results"


def player_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def write_game_results(session: GameSession, player: str | None = None,
                       when: datetime | None = None) -> GameResults:
    """Build and write the results file; a failure to write is reported, never raised.

    A team's game (``play --session``) is written with the team as the player, its name first
    in the file's name so the facilitator can tell the files apart."""
    if player is None:
        player = session.team or player_name()
    data = build_results(session.run, session.log(), player=player, source=session.source)
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    team = f"{slug(session.team)}-" if session.team else ""
    path = results_dir() / f"{team}{slug(session.scenario.id)}-seed{session.seed}-{stamp}.json"
    try:
        written = write_atomic(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    except WriteError as exc:
        return GameResults(data, None, f"The results file could not be written: {exc}")
    return GameResults(data, written)
