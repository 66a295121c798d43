"""Asking before something is lost or cannot be taken back: leaving a game with unsaved
moves, a facilitator's command that ends, advances, reveals, rewinds or drops. Esc or N (or
Stay) keeps things as they are; Y (or the other button) does what was asked."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from .base import Pop, Scene, Transition, escape


class ConfirmScene(Scene):
    name = "confirm"
    modal = True
    modal_share = (0.5, 0.45)

    def __init__(self, question: str, detail: str, go: str,
                 action: Callable[[], Transition | None], stay: str = "Stay") -> None:
        super().__init__()
        self.question, self.detail, self.go, self.action = question, detail, go, action
        self.stay = stay

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 8), self.question,
                   "#heading")
        bh = int(row * 1.3)
        top = margin // 2 + row + 2 * gap
        fy = h - bh - margin // 2
        self.text_box(pygame.Rect(margin, top, w - 2 * margin, fy - gap - top),
                      escape(self.detail))
        bw = (w - 2 * margin - gap) // 2
        self.button(pygame.Rect(margin, fy, bw, bh), self.stay, lambda: Pop(), pygame.K_ESCAPE,
                    object_id="#primary")
        self.keys[pygame.K_n] = lambda: Pop()
        self.button(pygame.Rect(margin + bw + gap, fy, bw, bh), self.go, self.action,
                    pygame.K_y)
