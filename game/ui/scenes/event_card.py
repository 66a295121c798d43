"""An event card: what has happened and two to four choices, by mouse or keys 1-4.

Beside each choice is what it would change and cost, and its projected effect over the next
months (``preview_choice``, the same projection as the decision panels), so the player sees
every effect before choosing, and above them what happens if nobody decides (the event's
``if_no_decision`` summary): the window asks for an answer, but the cost of waiting is part of
the choice. An optional reason typed in the field goes with the answer into the decision log,
the results and the portfolio page. The card shows at once; the previews are worked out one a
frame (each well inside a frame's time) and fill in as they come."""

from __future__ import annotations

import re

import pygame
import pygame_gui
from pygame_gui.elements import UIImage, UITextBox, UITextEntryLine

from ...play.game_session import GameSession
from ...play.preview import METHOD, Preview, preview_choice
from ...scenario.spec import EventSpec
from .base import Pop, Scene, Transition, escape
from .decisions import REASON_LIMIT

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
        #: the card as this practice sees it: the briefing's words and the choices on it
        self.card = session.card(event.id)
        self.previews: list[Preview | None] = [None] * len(self.card.choices)
        self.boxes: list[UITextBox] = []
        self.reason = ""
        self.reason_field: UITextEntryLine | None = None
        self.briefing_box: UITextBox | None = None

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        wide = w - 2 * margin
        self.label(pygame.Rect(margin, margin // 2, wide, row + 8), self.event.title, "#heading")
        top = margin // 2 + row + 2 * gap
        n = max(len(self.card.choices), 1)
        left = self._portrait(margin, top)
        y = max(self._briefing(pygame.Rect(margin + left, top, wide - left,
                                           int((h - top) * 0.3))), top + left - gap) + gap
        foot = 2 * row + gap  # the reason row, then the note on how projections are made
        ch = (h - y - margin // 2 - foot) // n - gap
        # the choice's words wrap in a text box (a long label would be cut off on a button)
        bw = max(160, int(wide * 0.14))
        self.boxes = []
        for i, choice in enumerate(self.card.choices):
            self.button(pygame.Rect(margin, y, bw, min(ch, int(row * 1.6))), f"Choose {i + 1}",
                        lambda c=choice.id: self.choose(c), KEYS[i],
                        tooltip=escape(choice.label))
            self.boxes.append(self.text_box(
                pygame.Rect(margin + bw + gap, y, wide - bw - gap, ch), self._choice_html(i)))
            y += ch + gap
        self._reason_row(pygame.Rect(margin, y, wide, row), bw)
        self.label(pygame.Rect(margin, y + row + gap, wide, row), METHOD, "#muted")

    def _portrait(self, x: int, y: int) -> int:
        """The portrait of the person the card is with, if it names one; returns the width
        it takes (0 without one)."""
        person = next((p for p in self.session.scenario.people
                       if p.id == self.event.person), None)
        if person is None:
            return 0
        from .team import portrait_for
        size = self.m("portrait_card")
        UIImage(pygame.Rect(x, y, size, size),
                portrait_for(self, self.session, person.id, size),
                manager=self.manager, container=self.root)
        return size + self.m("gap")

    def _briefing(self, most: pygame.Rect) -> int:
        """What has happened and what waiting would mean, as high as the words need up to
        ``most`` (then it scrolls); returns where it ends."""
        html = escape(self.card.briefing.strip()).replace("\n", " ")
        person = next((p for p in self.session.scenario.people
                       if p.id == self.event.person), None)
        if person is not None:
            html = f"<b>With {escape(person.name)}</b><br>" + html
        if self.inaction:
            html += f"<br><b>If nobody decides:</b> {escape(self.inaction)}"
        self.briefing_box = self.text_box(pygame.Rect(most.x, most.y, most.width, -1), html)
        if self.briefing_box.relative_rect.height > most.height:
            self.briefing_box.kill()
            self.briefing_box = self.text_box(most, html)
        return int(self.briefing_box.relative_rect.bottom)

    @property
    def inaction(self) -> str:
        """What letting the card lapse means, in the scenario's words ("" if it does not say)."""
        lapse = self.event.if_no_decision
        return lapse.summary.strip() if lapse is not None else ""

    def _reason_row(self, rect: pygame.Rect, beside: int) -> None:
        """The reason's label in the buttons' column (wider if its words need it) and the
        field in line with the choices' words."""
        text = "Your reason (optional)"
        label_w = max(beside, self.text_width(text, element="label") + 2 * self.m("gap"))
        self.label(pygame.Rect(rect.x, rect.y, label_w, rect.height), text)
        self.reason_field = self.text_entry(
            pygame.Rect(rect.x + label_w + self.m("gap"), rect.y,
                        rect.width - label_w - self.m("gap"), rect.height), self.reason)
        self.reason_field.set_text_length_limit(REASON_LIMIT)

    def _choice_html(self, i: int) -> str:
        choice, p = self.card.choices[i], self.previews[i]
        detail = f"<br><i>{escape(choice.detail)}</i>" if choice.detail else ""
        effects = "<i>Working out its effect...</i>" if p is None else _lines_html(p.effects)
        return f"<b>{i + 1}. {escape(choice.label)}</b>{detail}<br>{effects}"

    def update(self, dt: float) -> Transition | None:
        """Work out the next choice's preview, one a frame."""
        i = next((k for k, p in enumerate(self.previews) if p is None), None)
        if i is not None:
            self.previews[i] = preview_choice(self.session.run, self.event,
                                              self.card.choices[i])
            if i < len(self.boxes):
                self.boxes[i].set_text(self._choice_html(i))
        return None

    def on_event(self, event: pygame.event.Event) -> Transition | None:
        if (event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED
                and getattr(event, "ui_element", None) is self.reason_field):
            self.reason = event.text  # kept over a rebuild (a resize, the theme changing)
        return None

    def choose(self, choice_id: str) -> Transition:
        if self.reason_field is not None:
            self.reason = self.reason_field.get_text()
        self.session.choose(self.event.id, choice_id, reason=self.reason.strip())
        return Pop()


def _lines_html(lines: list[str]) -> str:
    """A preview's lines as one paragraph, but each chance outcome ("75% chance, ...") on a
    line of its own, and what follows the outcomes on a new line."""
    out, after = [], False
    for line in lines:
        chance = CHANCE.match(line) is not None
        out.append(("<br>&bull; " if chance else "<br>" if after else " ") + escape(line))
        after = chance
    return "".join(out).removeprefix(" ")


CHANCE = re.compile(r"^\d+% chance, ")
