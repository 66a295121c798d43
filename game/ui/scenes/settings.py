"""Settings: large text for projectors and a colour-blind-safe palette (both theme files), and
the player's name."""

from __future__ import annotations

from dataclasses import replace

import pygame

from ..preferences import save_preferences
from .base import Pop, Push, Scene, Transition, escape


class SettingsScene(Scene):
    name = "settings"
    modal = True
    modal_share = (0.5, 0.72)

    def __init__(self) -> None:
        super().__init__()
        self.message = ""

    def compose(self) -> None:
        assert self.app is not None
        prefs = self.app.prefs
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 8), "Settings",
                   "#heading")
        bh = int(row * 1.3)
        y = margin // 2 + row + 3 * gap
        bw = w - 2 * margin
        on = {True: "on", False: "off"}
        self.button(pygame.Rect(margin, y, bw, bh),
                    f"Large text for projectors: {on[prefs.large_text]}",
                    lambda: self.toggle("large_text"), pygame.K_t)
        y += bh + gap
        self.button(pygame.Rect(margin, y, bw, bh),
                    f"Colour-blind-safe palette: {on[prefs.colour_safe]}",
                    lambda: self.toggle("colour_safe"), pygame.K_c)
        y += bh + gap
        self.button(pygame.Rect(margin, y, bw, bh),
                    f"Your name: {prefs.player_name or 'not given'}", self.rename, pygame.K_n)
        y += bh + 2 * gap
        note = self.message or ("Red, amber and green also carry a word (ACT, WATCH, OK), so "
                                "colour is never the only signal.")
        self.text_box(pygame.Rect(margin, y, bw, h - y - bh - margin), escape(note),
                      object_id="#muted")
        self.button(pygame.Rect(margin, h - bh - margin // 2, bw, bh), "Back", lambda: Pop(),
                    pygame.K_ESCAPE)

    def rename(self) -> Transition:
        from .name import NameScene
        return Push(NameScene())

    def resume(self) -> None:
        self.build()  # the name may have changed

    def toggle(self, name: str) -> None:
        assert self.app is not None
        prefs = replace(self.app.prefs, **{name: not getattr(self.app.prefs, name)})
        self.message = save_preferences(prefs)
        self.app.set_preferences(prefs)
