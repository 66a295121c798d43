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

from ..content import ContentError, parse_json, read_bytes
from ..content.bounded import DEFAULT_MAX_BYTES
from ..files import WriteError, open_append

JOURNAL_FORMAT = "partnership-live-journal/1"
#: Hand-ins are capped per team and round (``room.MAX_HAND_INS_PER_ROUND``), so a day's
#: journal of fifty teams stays within a few megabytes; this is far above that.
MAX_JOURNAL_BYTES = 200_000_000


class JournalError(ValueError):
    """A journal that cannot be used for this session."""


class Entry(dict[str, Any]):
    """One journaled action (its fields), knowing the line it is on."""

    def __init__(self, line: int, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.line = line


@dataclass(frozen=True)
class JournalHeader:
    session_sha256: str
    code: str
    token: str

    def line(self) -> dict[str, Any]:
        return {"kind": "header", "format": JOURNAL_FORMAT,
                "session_sha256": self.session_sha256, "code": self.code, "token": self.token}


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(_read(path)).hexdigest()


def _read(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    try:
        return read_bytes(path, max_bytes=max_bytes)
    except ContentError as exc:
        raise JournalError(exc.format()) from None


def read_journal(path: str | Path) -> tuple[JournalHeader, list[Entry]]:
    """The header and entries of a journal; a torn final line is dropped.

    Each line is read as :func:`~game.content.parse_json` reads a file (text rule, depth and
    size limits); a line that breaks them is named by its number."""
    lines = _read(path, MAX_JOURNAL_BYTES).split(b"\n")
    records: list[Entry] = []
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            data = parse_json(raw, f"{path}:{n}", max_nodes=5_000).data
        except ContentError as exc:
            if n >= len(lines) - 1 and "syntax" in exc.problems[0].message:
                break  # the last line, half written when the host stopped
            raise JournalError(f"{path}:{n}: {exc.problems[0].message}") from None
        if not isinstance(data, dict):
            raise JournalError(f"{path}:{n}: not a journal entry (a JSON object)")
        records.append(Entry(n, data))
    head: dict[str, Any] = records[0] if records else {}
    fields = [head.get(k) for k in ("session_sha256", "code", "token")]
    if head.get("kind") != "header" or head.get("format") != JOURNAL_FORMAT \
            or not all(isinstance(f, str) for f in fields):
        raise JournalError(f"{path}: not a live-session journal")
    return JournalHeader(*fields), records[1:]  # type: ignore[arg-type]


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
        try:
            self._fd = open_append(self.path)
        except WriteError as exc:
            raise JournalError(str(exc)) from None
        fresh = os.fstat(self._fd).st_size == 0
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
        data = _read(self.path, MAX_JOURNAL_BYTES)
        if data and not data.endswith(b"\n"):
            os.truncate(self.path, data.rfind(b"\n") + 1)
