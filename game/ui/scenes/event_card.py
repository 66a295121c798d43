"""An event card: what has happened and two to four choices, by mouse or keys 1-4.

Beside each choice is what it would change and cost, and its projected effect over the next
months (``preview_choice``, the same projection as the decision panels), so the player sees
every effect before choosing. The card shows at once; the previews are worked out one a frame
(each well inside a frame's time) and fill in as they come."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextBox

from ...play.game_session import GameSession
from ...play.preview import METHOD, Preview, preview_choice
from ...scenario.spec import EventSpec
from .base import Pop, Scene, Transition, escape

KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4)


class EventCardScene(Scene):
    name = "event"
    modal = True

    @property
    def modal_share(self) -> tuple[float, float]:  # type: ignore[override]
        """Nearly the whole window: each choice carries its effects and projection."""
        return (0.96, 0.97) if self.app is not None and self.app.prefs.large_text else \
            (0.88, 0.94)

    def __init__(self, session: GameSession, event: EventSpec) -> None:
        super().__init__()
        self.session, self.event = session, event
        self.previews: list[Preview | None] = [None] * len(event.choices)
        self.boxes: list[UITextBox] = []

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 8),
                   self.event.title, "#heading")
        top = margin // 2 + row + 2 * gap
        n = len(self.event.choices)
        briefing_h = max(int(row * 2.4), int((h - top) * 0.2))
        self.text_box(pygame.Rect(margin, top, w - 2 * margin, briefing_h),
                      escape(self.event.briefing.strip()).replace("\n", " "))
        y = top + briefing_h + gap
        note_h = row
        ch = (h - y - margin // 2 - note_h) // n - gap
        # the choice's words wrap in a text box (a long label would be cut off on a button)
        bw = max(160, int((w - 2 * margin) * 0.14))
        self.boxes = []
        for i, choice in enumerate(self.event.choices):
            self.button(pygame.Rect(margin, y, bw, min(ch, int(row * 1.6))), f"Choose {i + 1}",
                        lambda c=choice.id: self.choose(c), KEYS[i],
                        tooltip=escape(choice.label))
            self.boxes.append(self.text_box(
                pygame.Rect(margin + bw + gap, y, w - 2 * margin - bw - gap, ch),
                self._choice_html(i)))
            y += ch + gap
        self.label(pygame.Rect(margin, y, w - 2 * margin, note_h), METHOD, "#muted")

    def _choice_html(self, i: int) -> str:
        choice, p = self.event.choices[i], self.previews[i]
        detail = f"<br><i>{escape(choice.detail)}</i>" if choice.detail else ""
        effects = ("<i>Working out its effect...</i>" if p is None
                   else " ".join(escape(e) for e in p.effects))
        return f"<b>{i + 1}. {escape(choice.label)}</b>{detail}<br>{effects}"

    def update(self, dt: float) -> Transition | None:
        """Work out the next choice's preview, one a frame."""
        i = next((k for k, p in enumerate(self.previews) if p is None), None)
        if i is not None:
            self.previews[i] = preview_choice(self.session.run, self.event,
                                              self.event.choices[i])
            if i < len(self.boxes):
                self.boxes[i].set_text(self._choice_html(i))
        return None

    def choose(self, choice_id: str) -> Transition:
        self.session.choose(self.event.id, choice_id)
        return Pop()
