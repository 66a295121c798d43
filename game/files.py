"""Writing files: one policy for everything the program writes.

Output goes to regular files only. A path that is a folder, a device, a pipe or a socket, or
that runs under a file (``notes.txt/out.json``), gets a message naming it before anything is
written (:func:`check_output`), so nothing ever replaces a device file. :func:`write_atomic`
writes to a temporary file beside the target, flushes it to disk and renames it into place,
so a crash or a full disk never leaves half a file. Secrets (``private=True``: the ready file's
token, seat keys) are readable by their owner only, whether or not the file existed before;
other files get the usual permissions (0666 less the umask).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

_UMASK = os.umask(0o022)
os.umask(_UMASK)


class WriteError(OSError):
    """A file could not be written; the message names it and says why."""


def _not_a_file(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "it is a folder; give a file name"
    what = ("a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device")
    return f"it is {what}, not a regular file"


def check_output(path: str | Path, *, probe: bool = False) -> Path:
    """``path`` as a ``Path`` if a regular file may be written there; ``WriteError`` if it is
    a folder, a device, a pipe or a socket, or lies under something that is not a folder.

    ``probe`` also makes and removes a temporary file in the nearest folder that exists, as
    a command does before long work, so a place it cannot write is named at once."""
    target = Path(path)
    if probe:
        check_output(target)
        _probe(target.parent)
        return target
    try:
        info = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        parent = target.parent
        while not os.path.lexists(parent) and parent != parent.parent:
            parent = parent.parent
        if os.path.lexists(parent) and not os.path.isdir(parent):
            raise WriteError(f"{target}: cannot write here ({parent} is a file, not a "
                             "folder)") from None
        return target
    except (OSError, ValueError) as exc:
        raise WriteError(f"{target}: cannot write here ({getattr(exc, 'strerror', None) or exc})"
                         ) from None
    problem = _not_a_file(info.st_mode)
    if problem is not None:
        raise WriteError(f"{target}: cannot write here ({problem})")
    return target


def _probe(folder: Path) -> None:
    """Make and remove a temporary file in ``folder`` (or the nearest folder above it)."""
    while not os.path.isdir(folder) and folder != folder.parent:
        folder = folder.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=".partnership-probe.", dir=folder)
        os.close(fd)
        os.unlink(tmp)
    except (OSError, ValueError) as exc:
        raise WriteError(f"{folder}: cannot write here ({getattr(exc, 'strerror', None) or exc})"
                         ) from None


def check_folder(path: str | Path, *, probe: bool = False) -> Path:
    """``path`` as a ``Path`` if files may be written into it (a folder, or one that can be
    made); ``WriteError`` if it is a file, a device, or lies under a file. ``probe`` as for
    :func:`check_output`."""
    target = Path(path)
    if probe:
        check_folder(target)
        _probe(target)
        return target
    try:
        info = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        check_output(target)  # the same look at the folders above it
        return target
    except (OSError, ValueError) as exc:
        raise WriteError(f"{target}: cannot write here ({getattr(exc, 'strerror', None) or exc})"
                         ) from None
    if not stat.S_ISDIR(info.st_mode):
        raise WriteError(f"{target}: cannot write files into it (it is not a folder)")
    return target


def write_atomic(path: str | Path, data: str | bytes, *, private: bool = False) -> Path:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it into place.

    Either the whole new file is there afterwards or the old one is untouched. ``private``
    files are readable by their owner only.
    """
    target = check_output(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except (OSError, ValueError) as exc:
        raise WriteError(f"{target}: cannot write here ({getattr(exc, 'strerror', None) or exc})"
                         ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600 if private else 0o666 & ~_UMASK)
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise WriteError(f"{target}: could not be written ({exc.strerror or exc}); "
                         "nothing was changed") from None
    return target


def open_append(path: str | Path) -> int:
    """A descriptor to append to the regular file at ``path`` (made if missing), readable by
    its owner only even if it existed before. ``WriteError`` names it and says why not.

    The open does not block (a FIFO swapped in after the check would), and what was opened is
    checked again."""
    target = check_output(path)
    flags = (os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0)
             | getattr(os, "O_CLOEXEC", 0))
    try:
        fd = os.open(target, flags, 0o600)
    except (OSError, ValueError) as exc:
        raise WriteError(f"{target}: cannot write here ({getattr(exc, 'strerror', None) or exc})"
                         ) from None
    try:
        problem = _not_a_file(os.fstat(fd).st_mode)
        if problem is not None:
            raise WriteError(f"{target}: cannot write here ({problem})")
        os.fchmod(fd, 0o600)
    except BaseException:
        os.close(fd)
        raise
    return fd


def remove_stale_temporaries(folder: str | Path, older_than_seconds: float = 600.0) -> int:
    """Delete temporary files that ``write_atomic`` left when a writer was killed mid-write.

    Only files named like its temporaries and older than ``older_than_seconds`` are removed, so
    a write in progress in another process is never touched. Returns how many were removed.
    """
    import time

    removed = 0
    now = time.time()
    for path in Path(folder).glob(".*.tmp"):
        try:
            if now - path.stat().st_mtime > older_than_seconds:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed
