"""Memory measurements for the long reliability tests (Linux; raw RSS elsewhere is skipped)."""

from __future__ import annotations

import ctypes
import gc
import os
import re
import sys
import tempfile

import numpy as np


def rss_mb() -> float:
    """Resident set size now, in MB (Linux /proc)."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def held_mb() -> float:
    """Memory the process still holds: RSS after glibc hands freed heap pages back.

    glibc keeps freed memory for reuse, so raw RSS climbs with fragmentation even when nothing
    leaks (in a 1,500-input monkey run: 1.4 GB raw, 0.48 GB after ``malloc_trim``). A leak
    survives the trim; fragmentation does not, mostly: pages that still hold one live block
    stay, so over a long run of mixed sizes this too creeps up before it levels off.
    """
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: raw RSS it is
        pass
    return rss_mb()


def allocated_mb() -> float:
    """Memory allocated and not yet freed, in MB: glibc's heap in use (every thread's arena,
    and the large blocks it maps on their own) plus the blocks Python's small-object allocator
    has handed out. Free memory the process keeps (fragmentation) is not counted, so this
    grows only with what is kept; falls back to ``held_mb`` where it cannot be read."""
    gc.collect()
    try:
        return (_malloc_in_use() + _python_small_blocks()) / 1e6
    except (OSError, AttributeError, ValueError):  # not glibc 2.33+, or not CPython
        return held_mb()


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]


def _malloc_in_use() -> int:
    """Bytes malloc has handed out and not had back, over every thread's arena, counting the
    large blocks it maps on their own (glibc 2.33 or later: ``mallinfo2``)."""
    mallinfo2 = ctypes.CDLL("libc.so.6").mallinfo2
    mallinfo2.restype = _MallInfo2
    info = mallinfo2()
    return info.uordblks + info.hblkhd


def _python_small_blocks() -> int:
    """Bytes in blocks Python's small-object allocator has handed out (``sys._debugmallocstats``
    writes them to the C stderr, so it is read through a temporary file)."""
    with tempfile.TemporaryFile() as out:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(out.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        out.seek(0)
        text = out.read().decode(errors="replace")
    found = re.search(r"# bytes in allocated blocks\s*=\s*([\d,]+)", text)
    if found is None:
        raise ValueError("no small-object allocator statistics")
    return int(found.group(1).replace(",", ""))


def assert_flat(held: list[float], allowed_mb: float) -> None:
    """After a warm-up quarter, the last quarter's memory is within ``allowed_mb`` of the second's.

    A leak per frame, rebuild or chunk grows with the run; caches (fonts, themes) fill early.
    """
    quarter = max(len(held) // 4, 1)
    warm = float(np.median(held[quarter: 2 * quarter]))
    late = float(np.median(held[-quarter:]))
    assert late - warm < allowed_mb, (warm, late, held)
