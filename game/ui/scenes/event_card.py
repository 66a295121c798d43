"""An event card: what has happened and two to four choices, by mouse or keys 1-4."""

from __future__ import annotations

import pygame

from ...play.game_session import GameSession
from ...scenario.spec import EventSpec
from .base import Pop, Scene, Transition, escape

KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4)


class EventCardScene(Scene):
    name = "event"
    modal = True
    modal_share = (0.72, 0.84)

    def __init__(self, session: GameSession, event: EventSpec) -> None:
        super().__init__()
        self.session, self.event = session, event

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 8),
                   self.event.title, "#heading")
        top = margin // 2 + row + 2 * gap
        n = len(self.event.choices)
        ch = int(row * 2.3)
        choices_h = n * (ch + gap)
        self.text_box(pygame.Rect(margin, top, w - 2 * margin, h - top - choices_h - margin),
                      escape(self.event.briefing.strip()).replace("\n", " "))
        y = h - choices_h - margin // 2
        # the choice's words wrap in a text box (a long label would be cut off on a button)
        bw = max(170, int((w - 2 * margin) * 0.2))
        for i, choice in enumerate(self.event.choices):
            self.button(pygame.Rect(margin, y, bw, ch), f"Choose {i + 1}",
                        lambda c=choice.id: self.choose(c), KEYS[i],
                        tooltip=escape(choice.label))
            detail = f"<br>{escape(choice.detail)}" if choice.detail else ""
            self.text_box(pygame.Rect(margin + bw + gap, y, w - 2 * margin - bw - gap, ch),
                          f"<b>{i + 1}. {escape(choice.label)}</b>{detail}")
            y += ch + gap

    def choose(self, choice_id: str) -> Transition:
        self.session.choose(self.event.id, choice_id)
        return Pop()
