"""The month-end summary: what changed and why, in plain words, and the month's pillar scores."""

from __future__ import annotations

from typing import Any

import numpy as np
import pygame

from ... import saves
from ...scoring.pillars import month_pillars
from ..explain import explain, month_name
from ..session import GameSession
from .base import Pop, Reset, Scene, Transition, escape


class MonthSummaryScene(Scene):
    name = "summary"

    def __init__(self, session: GameSession, before: dict[str, Any],
                 after: dict[str, Any]) -> None:
        super().__init__()
        self.session, self.before, self.after = session, before, after
        self.save_problem = ""
        self.saved = False

    def update(self, dt: float) -> Transition | None:
        """Autosave once the summary is on screen, while the player reads it."""
        if not self.saved:
            self.saved = True
            try:
                saves.write_save(self.session)
            except saves.SaveError as exc:
                self.save_problem = str(exc)
                self.build()
        return None

    def _html(self) -> str:
        lines = "".join(f"• {escape(s)}<br>" for s in explain(self.before, self.after))
        record = self.session.run.history[-1]
        pillars = month_pillars(record.values)
        scores = " · ".join(f"{p} {float(np.asarray(v)[0]):.0f}" for p, v in pillars.items())
        text = f"{lines}<br><b>This month's scores (0-100):</b> {escape(scores)}"
        if self.session.ended:
            end = next(e for e in self.session.scenario.end_conditions
                       if e.id == self.session.ended)
            text += f"<br><br><b>{escape(end.title)}</b><br>{escape(end.message)}"
        if self.save_problem:
            text += f"<br><br><b>Autosave failed:</b> {escape(self.save_problem)}"
        return text

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        month = int(self.after["month"])
        cal = month_name(int(self.after.get("calendar_month", 1)))
        self.label(pygame.Rect(margin, margin, w - 2 * margin, row + 8),
                   f"Month {month} ({cal}) in review", "#heading")
        top = margin + row + 2 * gap
        bh = int(row * 1.3)
        self.text_box(pygame.Rect(margin, top, w - 2 * margin, h - top - bh - margin - gap),
                      self._html())
        bw = max(300, w // 4)
        text = "See the outcome" if self.session.finished else f"On to month {month + 1}"
        self.button(pygame.Rect(w - margin - bw, h - margin - bh, bw, bh), text, self.go_on,
                    pygame.K_RETURN, object_id="#primary")
        self.keys[pygame.K_SPACE] = self.go_on

    def go_on(self) -> Transition:
        if self.session.finished:
            from .end import EndScene
            return Reset(EndScene(self.session))
        return Pop()
