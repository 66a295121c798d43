"""Small trend charts for the dashboard, drawn once a month onto a surface (never per frame)."""

from __future__ import annotations

from collections.abc import Sequence

import pygame


def scale(points: Sequence[float], min_span: float) -> tuple[float, float]:
    """The chart's bottom and top: the values' range, widened about its middle to at least
    ``min_span``, so a change too small to matter (CQC risk 16% to 15%) stays a small step and
    not a cliff from top to bottom."""
    lo, hi = min(points), max(points)
    if hi - lo < min_span:
        middle = (lo + hi) / 2
        lo, hi = middle - min_span / 2, middle + min_span / 2
    return lo, hi


def sparkline(size: tuple[int, int], values: Sequence[float | None], line: pygame.Color,
              axis: pygame.Color, mark: pygame.Color, min_span: float = 0.0) -> pygame.Surface:
    """A line through the months so far with the latest month marked; flat when only one.
    The vertical scale spans at least ``min_span`` (see ``scale``)."""
    w, h = size
    surface = pygame.Surface((max(w, 1), max(h, 1)), pygame.SRCALPHA)
    points = [float(v) for v in values if v is not None]
    pygame.draw.line(surface, axis, (0, h - 1), (w - 1, h - 1))
    if not points:
        return surface
    lo, hi = scale(points, min_span)
    pad = 4
    step = (w - 2 * pad) / max(len(points) - 1, 1)
    xy = [(pad + i * step, pad + (h - 2 * pad) * (1 - (p - lo) / (hi - lo)) if hi > lo else h / 2)
          for i, p in enumerate(points)]
    if len(xy) > 1:
        pygame.draw.lines(surface, line, False, xy, 2)
    pygame.draw.circle(surface, mark, xy[-1], 3)
    return surface
