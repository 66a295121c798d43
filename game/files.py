"""Writing files so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class WriteError(OSError):
    """A file could not be written; the message names it and says why."""


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it into place.

    Either the whole new file is there afterwards or the old one is untouched.
    """
    target = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise WriteError(f"{target}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise WriteError(f"{target}: could not be written ({exc.strerror or exc}); "
                         "nothing was changed") from None
    return target


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
