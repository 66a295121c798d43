"""Memory measurements for the long reliability tests (Linux; raw RSS elsewhere is skipped)."""

from __future__ import annotations

import ctypes
import gc
import os

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
    survives the trim; fragmentation does not.
    """
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: raw RSS it is
        pass
    return rss_mb()


def assert_flat(held: list[float], allowed_mb: float) -> None:
    """After a warm-up quarter, the last quarter's memory is within ``allowed_mb`` of the second's.

    A leak per frame, rebuild or chunk grows with the run; caches (fonts, themes) fill early.
    """
    quarter = max(len(held) // 4, 1)
    warm = float(np.median(held[quarter: 2 * quarter]))
    late = float(np.median(held[-quarter:]))
    assert late - warm < allowed_mb, (warm, late, held)
