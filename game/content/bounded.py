"""Reading a file from outside with a bound: regular files only, at most so many bytes.

Every file the program reads (scenarios, decision logs, sessions, results, saves, facilitator
snapshots, journals, seat keys, settings, themes) comes through :func:`read_bytes`. It looks
before it opens (a FIFO would block the open, a device would never end), opens without
blocking and looks again at what it opened (the path may have changed in between), then reads
at most ``max_bytes + 1`` bytes, so a file that grows while it is read is still refused.
Every failure is a :class:`~game.content.errors.ContentError` at line 1, column 1 of the file,
in plain words.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from game.content.errors import ContentError

__all__ = ["DEFAULT_MAX_BYTES", "read_bytes", "too_big"]

DEFAULT_MAX_BYTES = 2_000_000
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0))
_CHUNK = 1 << 16


def too_big(size: int | None, max_bytes: int) -> str:
    shown = "" if size is None else f"{size:,} bytes; "
    return f"file is too large ({shown}the limit is {max_bytes:,} bytes)"


def _kind_problem(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "this is a folder, not a file"
    what = ("a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device")
    return f"this is not a regular file ({what}); only files are read"


def _missing(path: str | Path) -> str:
    if os.path.islink(path):
        return "the file is a link to something that is not there"
    parent = Path(path).parent
    while parent != parent.parent and not os.path.lexists(parent):
        parent = parent.parent
    if os.path.lexists(parent) and not os.path.isdir(parent):
        return f"file not found ({parent} is a file, not a folder)"
    return "file not found"


def read_bytes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
               label: str | None = None) -> bytes:
    """The bytes of the regular file at ``path``; ``ContentError`` (named ``label``, by default
    the path) if it is missing, not a regular file, unreadable or over ``max_bytes``."""
    name = str(path) if label is None else label

    def fail(message: str) -> ContentError:
        return ContentError.single(name, 1, 1, message)

    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise fail(_missing(path)) from None
    except OSError as exc:
        raise fail(f"could not read the file: {exc.strerror or exc}") from None
    except ValueError as exc:  # a NUL in the path
        raise fail(f"could not read the file: {exc}") from None
    kind = _kind_problem(info.st_mode)
    if kind is not None:
        raise fail(kind)
    if info.st_size > max_bytes:
        raise fail(too_big(info.st_size, max_bytes))
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise fail(f"could not read the file: {exc.strerror or exc}") from None
    try:
        kind = _kind_problem(os.fstat(fd).st_mode)
        if kind is not None:
            raise fail(kind)
        return _read_at_most(fd, max_bytes, fail)
    except OSError as exc:
        raise fail(f"could not read the file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _read_at_most(fd: int, max_bytes: int, fail: Callable[[str], ContentError]) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise fail(too_big(None, max_bytes))
