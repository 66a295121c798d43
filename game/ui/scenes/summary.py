"""The month-end summary: what changed and why, in plain words, and the month's pillar scores.

A full screen over the dashboard: the month's name as the heading, the explanations grouped
under the month's decisions and event answers (with what each changed), Money, Access, Team
and Quality on the left, and the six pillar scores (with the change
from last month) on the right. The explanations come from ``explain`` and the scores from the
month record, both computed once here rather than per frame.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pygame

from ... import saves
from ...play.explain import explain_sections, month_name
from ...play.game_session import GameSession
from ...scoring.pillars import month_pillars
from .base import Pop, Scene, Transition, escape


def pillar_scores(session: GameSession, back: int = 1) -> dict[str, float] | None:
    """The month's six pillar scores, ``back`` months before the latest (None if none)."""
    if len(session.run.history) < back:
        return None
    record = session.run.history[-back]
    return {p: float(np.asarray(v)[0]) for p, v in month_pillars(record.values).items()}


def sections_html(sections: list[tuple[str, list[str]]]) -> str:
    """The summary's explanations, each section's title and its sentences."""
    parts = []
    for title, lines in sections:
        items = "".join(f"<br>• {escape(s)}" for s in lines)
        parts.append(f"<b>{escape(title)}</b>{items}")
    return "<br><br>".join(parts)


class MonthSummaryScene(Scene):
    name = "summary"

    def __init__(self, session: GameSession, before: dict[str, Any],
                 after: dict[str, Any]) -> None:
        super().__init__()
        self.session, self.before, self.after = session, before, after
        self.save_problem = ""
        self.saved = False
        self.sections = explain_sections(before, after, session.moves(int(after["month"])))
        self.scores = pillar_scores(session)
        self.previous_scores = pillar_scores(session, 2)

    def update(self, dt: float) -> Transition | None:
        """Autosave once the summary is on screen, while the player reads it."""
        if not self.saved:
            self.saved = True
            self.save_problem = saves.autosave(self.session)
            if self.save_problem:
                self.build()
        return None

    @property
    def heading(self) -> str:
        return f"{month_name(int(self.after.get('calendar_month', 1)))}: what changed and why"

    def _html(self) -> str:
        return sections_html(self.sections)

    def _side_html(self) -> str:
        lines = ["<b>This month's scores</b><br><i>0-100; change on last month</i>"]
        for pillar, value in (self.scores or {}).items():
            change = ""
            if self.previous_scores is not None:
                d = value - self.previous_scores[pillar]
                change = f" ({d:+.0f})" if abs(d) >= 0.5 else " (=)"
            lines.append(f"{pillar.capitalize()}: <b>{value:.0f}</b>{change}")
        s = self.session
        if s.ended:
            end = next(e for e in s.scenario.end_conditions if e.id == s.ended)
            lines.append(f"<br><b>{escape(end.title)}</b><br>{escape(end.message)}")
        if self.save_problem:
            lines.append(f"<br><b>Autosave failed:</b> {escape(self.save_problem)}")
        elif self.session.saves_locally:
            lines.append("<br><i>The game saves itself every month.</i>")
        else:
            lines.append("<br><i>The host keeps this session.</i>")
        return "<br>".join(lines)

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        month = int(self.after["month"])
        self.label(pygame.Rect(margin, margin, w - 2 * margin, row + 8), self.heading,
                   "#heading")
        self.label(pygame.Rect(margin, margin + row + 8, w - 2 * margin, row),
                   f"{self.session.scenario.practice.name} · month {month} of "
                   f"{self.session.run.months}", "#muted")
        top = margin + 2 * row + 8 + gap
        bh = int(row * 1.3)
        body_h = h - top - bh - margin - gap
        side = max(300, int(w * 0.26))
        self.text_box(pygame.Rect(margin, top, w - 2 * margin - side - gap, body_h),
                      self._html())
        self.text_box(pygame.Rect(w - margin - side, top, side, body_h), self._side_html())
        bw = max(300, w // 4)
        text = "See the outcome" if self.session.finished else f"On to month {month + 1}"
        self.button(pygame.Rect(w - margin - bw, h - margin - bh, bw, bh), text, self.go_on,
                    pygame.K_RETURN, object_id="#primary")
        self.keys[pygame.K_SPACE] = self.go_on

    def go_on(self) -> Transition:
        if self.session.finished:
            from .end import to_the_end
            return to_the_end(self.session)
        return Pop()
