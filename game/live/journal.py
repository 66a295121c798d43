"""The host's journal: an append-only file of JSON lines, each flushed and fsync'd before the
host answers, from which a restarted host replays the session exactly.

The first line is the header: the session file's SHA-256 (a journal is never replayed
against a changed session), the join code and the facilitator's token (so a restarted host
admits the same people; the file is created readable by its owner only). Then one line per
accepted action, in the order the host applied them::

    {"kind": "seat", "team": "Aire", "seat_sha256": "..."}
    {"kind": "submit", "team": "Aire", "id": "m3-1", "month": 3, "choices": [], ...}
    {"kind": "control", "id": "c7", "action": "lock", "event": null, "team": null}
    {"kind": "timer", "seconds_left": 312.0}

A torn last line (the host was killed while writing it) is ignored: the action it recorded
was never answered, so its sender sends it again.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

JOURNAL_FORMAT = "partnership-live-journal/1"


class JournalError(ValueError):
    """A journal that cannot be used for this session."""


@dataclass(frozen=True)
class JournalHeader:
    session_sha256: str
    code: str
    token: str

    def line(self) -> dict[str, Any]:
        return {"kind": "header", "format": JOURNAL_FORMAT,
                "session_sha256": self.session_sha256, "code": self.code, "token": self.token}


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_journal(path: str | Path) -> tuple[JournalHeader, list[dict[str, Any]]]:
    """The header and entries of a journal; a torn final line is dropped."""
    lines = Path(path).read_bytes().split(b"\n")
    records: list[dict[str, Any]] = []
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            records.append(json.loads(raw))
        except ValueError:
            if n >= len(lines) - 1:  # the last line, half written when the host stopped
                break
            raise JournalError(f"{path}:{n}: not a JSON line") from None
    if not records or records[0].get("kind") != "header" \
            or records[0].get("format") != JOURNAL_FORMAT:
        raise JournalError(f"{path}: not a live-session journal")
    head = records[0]
    return JournalHeader(head["session_sha256"], head["code"], head["token"]), records[1:]


class Journal:
    """Append entries durably. ``None`` as path keeps them in memory (tests, dry runs).

    ``append`` writes at once; ``flush`` (awaited before the host answers) makes everything
    written so far durable. Hand-ins arriving together share one fsync (group commit), so a
    room of fifty teams handing in at the same moment does not queue behind fifty fsyncs."""

    def __init__(self, path: str | Path | None, header: JournalHeader) -> None:
        self.path = Path(path) if path else None
        self.entries: list[dict[str, Any]] = []
        self._fd: int | None = None
        self._written = self._synced = 0
        self._lock: asyncio.Lock | None = None
        if self.path is None:
            return
        fresh = not self.path.exists() or self.path.stat().st_size == 0
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        if fresh:
            self._write(header.line())
            self.sync()
        else:
            self._drop_torn_tail()

    def append(self, entry: dict[str, Any]) -> None:
        self.entries.append(entry)
        if self._fd is not None:
            self._write(entry)

    async def flush(self) -> None:
        """Return once every entry appended so far is on disk."""
        if self._fd is None or self._synced >= self._written:
            return
        if self._lock is None:
            self._lock = asyncio.Lock()
        target = self._written
        async with self._lock:
            if self._synced >= target:
                return  # another flush covered it while this one waited
            upto, fd = self._written, self._fd
            await asyncio.to_thread(os.fsync, fd)
            self._synced = max(self._synced, upto)

    def sync(self) -> None:
        """``flush`` for callers without an event loop."""
        if self._fd is not None:
            os.fsync(self._fd)
            self._synced = self._written

    def close(self) -> None:
        if self._fd is not None:
            self.sync()
            os.close(self._fd)
            self._fd = None

    def _write(self, entry: dict[str, Any]) -> None:
        assert self._fd is not None
        data = (json.dumps(entry, separators=(",", ":")) + "\n").encode("utf-8")
        os.write(self._fd, data)
        self._written += 1

    def _drop_torn_tail(self) -> None:
        """A half-written last line would glue onto the next entry: cut it off first."""
        assert self.path is not None and self._fd is not None
        data = self.path.read_bytes()
        if data and not data.endswith(b"\n"):
            os.truncate(self.path, data.rfind(b"\n") + 1)
