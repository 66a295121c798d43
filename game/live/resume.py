"""Opening a room: fresh, or resumed from the journal a stopped host left behind."""

from __future__ import annotations

import secrets
from pathlib import Path

from ..files import WriteError, check_output
from ..session.spec import load_session
from .journal import Journal, JournalError, JournalHeader, file_sha256, read_journal
from .room import LiveRoom, make_code


def default_journal(session_path: str | Path) -> Path:
    """``SESSION.live.jsonl`` beside the session file."""
    path = Path(session_path)
    return path.with_name(path.stem + ".live.jsonl")


def open_room(session_path: str | Path, journal_path: str | Path | None = None,
              fresh: bool = False) -> tuple[LiveRoom, bool]:
    """The room for a session, and whether it was resumed from its journal.

    A journal for another version of the session file is refused rather than replayed.
    ``fresh`` sets an existing journal aside (renamed ``.old``) and starts again.
    """
    loaded = load_session(session_path)
    digest = file_sha256(session_path)
    path = Path(journal_path) if journal_path else default_journal(session_path)
    try:
        check_output(path)
    except WriteError as exc:
        raise JournalError(f"the journal {exc}") from None
    if path.exists() and path.stat().st_size and fresh:
        path.replace(path.with_name(path.name + ".old"))
    if path.exists() and path.stat().st_size:
        header, entries = read_journal(path)
        if header.session_sha256 != digest:
            raise JournalError(f"{path} was written for a different version of "
                               f"{session_path}; start again with --fresh, or name another "
                               "journal with --journal")
        return LiveRoom.resume(loaded, Journal(path, header), header, entries), True
    header = JournalHeader(digest, make_code(), secrets.token_urlsafe(24))
    return LiveRoom(loaded, Journal(path, header), header), False
