"""Small trend charts for the dashboard, drawn once a month onto a surface (never per frame)."""

from __future__ import annotations

from collections.abc import Sequence

import pygame


def sparkline(size: tuple[int, int], values: Sequence[float | None], line: pygame.Color,
              axis: pygame.Color, mark: pygame.Color) -> pygame.Surface:
    """A line through the months so far with the latest month marked; flat when only one."""
    w, h = size
    surface = pygame.Surface((max(w, 1), max(h, 1)), pygame.SRCALPHA)
    points = [float(v) for v in values if v is not None]
    pygame.draw.line(surface, axis, (0, h - 1), (w - 1, h - 1))
    if not points:
        return surface
    lo, hi = min(points), max(points)
    span = hi - lo if hi > lo else 1.0
    pad = 4
    step = (w - 2 * pad) / max(len(points) - 1, 1)
    xy = [(pad + i * step, pad + (h - 2 * pad) * (1 - (p - lo) / span) if hi > lo else h / 2)
          for i, p in enumerate(points)]
    if len(xy) > 1:
        pygame.draw.lines(surface, line, False, xy, 2)
    pygame.draw.circle(surface, mark, xy[-1], 3)
    return surface
