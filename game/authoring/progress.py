"""A one-line progress bar for long sweeps, drawn on a terminal and silent elsewhere."""

from __future__ import annotations

import time
from typing import TextIO


class ProgressBar:
    """Call with (done, total); redraws at most ten times a second, and ends its line."""

    def __init__(self, stream: TextIO, label: str = "playing", width: int = 30,
                 force: bool = False) -> None:
        self.stream = stream
        self.label = label
        self.width = width
        self.enabled = force or bool(getattr(stream, "isatty", lambda: False)())
        self._last = 0.0
        self._start = time.perf_counter()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        share = done / max(total, 1)
        filled = int(round(share * self.width))
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {share:4.0%} {now - self._start:5.1f}s")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()
