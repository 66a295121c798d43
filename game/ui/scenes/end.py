"""The end of the scenario: the outcome against the goals the briefing stated."""

from __future__ import annotations

import pygame

from ...scoring import score_run
from ..explain import money
from ..session import GameSession
from .base import Reset, Scene, Transition, escape
from .briefing import goal_rule


def figure(metric: str, value: float) -> str:
    """A judged figure as the player reads it: pounds, or a number to sensible places."""
    if metric.endswith("_gbp"):
        return money(value)
    return f"{value:.2f}" if abs(value) < 2 else f"{value:,.1f}"


class EndScene(Scene):
    name = "end"

    def __init__(self, session: GameSession) -> None:
        super().__init__()
        self.session = session
        self.scores = score_run(session.run)

    def _html(self) -> str:
        s, scores = self.session, self.scores
        parts = []
        if s.ended:
            end = next(e for e in s.scenario.end_conditions if e.id == s.ended)
            parts.append(f"<b>{escape(end.title)}</b><br>{escape(end.message)}<br>")
        met = sum(g["met"] for g in scores["goals"])
        parts.append(f"<font size=5><b>Goals met: {met} of {len(scores['goals'])}</b></font>")
        goals = {g.id: g for g in s.scenario.goals}
        for result in scores["goals"]:
            goal = goals[result["id"]]
            mark = "MET" if result["met"] else "NOT MET"
            value = "-" if result["value"] is None else figure(goal.metric, result["value"])
            parts.append(f"<b>{mark}</b>: {escape(goal.text)}<br>&nbsp;&nbsp;&nbsp;"
                         f"<i>{escape(goal_rule(goal))}; figure judged: {value}</i>")
        pillars = " · ".join(f"{p} {v:.0f}" for p, v in scores["pillars"].items())
        parts.append(f"<br><b>Overall score {scores['overall']:.0f}/100</b> ({escape(pillars)})")
        if s.scenario.reflection_questions:
            parts.append("<br><b>To reflect on</b>")
            parts += [f"• {escape(q)}" for q in s.scenario.reflection_questions]
        return "<br>".join(parts)

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        self.label(pygame.Rect(margin, margin, w - 2 * margin, row + 8),
                   f"Outcome: {self.session.scenario.title}", "#heading")
        top = margin + row + 2 * gap
        bh = int(row * 1.3)
        self.text_box(pygame.Rect(margin, top, w - 2 * margin, h - top - bh - margin - gap),
                      self._html())
        bw = max(300, w // 4)
        self.button(pygame.Rect(w - margin - bw, h - margin - bh, bw, bh), "Back to the title",
                    self.title, pygame.K_RETURN, object_id="#primary")
        self.keys[pygame.K_ESCAPE] = self.title

    def title(self) -> Transition:
        from .title import TitleScene
        return Reset(TitleScene(self.session.seed))
