"""The player's name: asked once, before the first game, and changed from the settings.

It goes on the results file, the debrief and the portfolio page. It is kept with the
preferences (``preferences.player_name``), never taken from the computer's account.
"""

from __future__ import annotations

from dataclasses import replace

import pygame
import pygame_gui

from ..preferences import NAME_LIMIT, save_preferences
from .base import Pop, Replace, Scene, Transition, escape


class NameScene(Scene):
    """Ask for the player's name; ``then`` replaces this modal once it is answered."""

    name = "player-name"
    modal = True
    modal_share = (0.55, 0.55)

    def __init__(self, then: Scene | None = None) -> None:
        super().__init__()
        self.then = then
        self.message = ""

    def compose(self) -> None:
        assert self.app is not None
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 8), "Your name",
                   "#heading")
        y = margin // 2 + row + 2 * gap
        bh = int(row * 1.3)
        note = self.message or ("It goes on your results, your debrief and the portfolio page "
                                "you keep. You can change it in Settings.")
        self.text_box(pygame.Rect(margin, y, w - 2 * margin, 3 * row), escape(note),
                      object_id="#muted")
        y += 3 * row + gap
        self.entry = self.text_entry(pygame.Rect(margin, y, w - 2 * margin, bh),
                                     self.app.prefs.player_name)
        self.entry.set_text_length_limit(NAME_LIMIT)
        bw = (w - 2 * margin - gap) // 2
        fy = h - bh - margin // 2
        self.button(pygame.Rect(margin, fy, bw, bh), "Not now", self.skip, pygame.K_ESCAPE)
        self.button(pygame.Rect(margin + bw + gap, fy, bw, bh), "Save", self.save,
                    pygame.K_RETURN, object_id="#primary")

    def on_event(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and \
                getattr(event, "ui_element", None) is self.entry:
            return self.save()
        return None

    def save(self) -> Transition | None:
        return self._keep(self.entry.get_text().strip())

    def skip(self) -> Transition | None:
        assert self.app is not None
        return self._keep(self.app.prefs.player_name)

    def _keep(self, name: str) -> Transition | None:
        assert self.app is not None
        prefs = replace(self.app.prefs, player_name=name, name_asked=True)
        problem = save_preferences(prefs)
        self.app.prefs = prefs  # the theme is unchanged: no rebuild needed
        if problem:
            self.message = problem
        return Replace(self.then) if self.then is not None else Pop()
