"""Where a team's laptop keeps its seat key, so it can rejoin after a crash or a restart.

The same file serves ``partnership join`` and the title screen's Join: one file per host
address, join code and team name, in the user data folder, written atomically.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..content import ContentError, load_json
from ..files import write_atomic


def seat_file(address: str, code: str, team: str) -> Path:
    from ..saves import data_dir

    key = hashlib.sha256(f"{address}|{code.strip().upper()}|{team.strip()}".encode())
    return data_dir() / "live-seats" / f"{key.hexdigest()[:20]}.json"


def read_seat(path: Path) -> str | None:
    """The seat key kept in ``path``, or None if there is none (or it is unreadable)."""
    try:
        data = load_json(path, max_bytes=10_000).data
    except ContentError:
        return None
    seat = data.get("seat") if isinstance(data, dict) else None
    return seat if isinstance(seat, str) else None


def keep_seat(path: Path, seat: str) -> None:
    write_atomic(path, json.dumps({"seat": seat}), private=True)
