"""The pause menu: resume, save under a name, load, settings, quit to the title."""

from __future__ import annotations

import pygame
import pygame_gui

from ... import saves
from ...play.game_session import GameSession
from .base import Pop, Push, Reset, Scene, Transition, escape


class PauseScene(Scene):
    name = "pause"
    modal = True
    modal_share = (0.42, 0.9)

    def __init__(self, session: GameSession) -> None:
        super().__init__()
        self.session = session
        self.message = ""
        self.save_name = f"{session.scenario.id} month {session.month}"

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 8), "Paused", "#heading")
        bh = int(row * 1.1)
        y = margin // 2 + row + 2 * gap
        bw = w - 2 * margin
        self.button(pygame.Rect(margin, y, bw, bh), "Resume", lambda: Pop(), pygame.K_ESCAPE,
                    object_id="#primary")
        y += bh + 2 * gap
        self.label(pygame.Rect(margin, y, bw, row), "Save as:", "#muted")
        self.entry = self.text_entry(pygame.Rect(margin, y + row, bw, bh), self.save_name)
        y += row + bh + gap
        self.button(pygame.Rect(margin, y, bw, bh), "Save game", self.save, pygame.K_s)
        y += bh + 2 * gap
        for text, action, key in (("Load game", self.load, pygame.K_l),
                                  ("Settings", self.settings, pygame.K_o),
                                  ("Quit to the title", self.quit, pygame.K_q)):
            self.button(pygame.Rect(margin, y, bw, bh), text, action, key)
            y += bh + gap
        note = ("Saves keep the months ended; this month's moves are saved when it ends."
                if not self.message else self.message)
        self.text_box(pygame.Rect(margin, y + gap, bw, max(h - y - gap - margin // 2, row * 2)),
                      escape(note), object_id="#muted")

    def on_event(self, event: pygame.event.Event) -> Transition | None:
        """Enter in the name field saves, as the Save button does (the field has the key)."""
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and \
                getattr(event, "ui_element", None) is self.entry:
            self.save()
        return None

    def save(self) -> None:
        self.save_name = self.entry.get_text().strip() or self.save_name
        try:
            path = saves.write_save(self.session, self.save_name)
            self.message = f"Saved as {path.name}."
        except saves.SaveError as exc:
            self.message = str(exc)
        self.build()

    def load(self) -> Transition:
        from .load import LoadScene
        return Push(LoadScene())

    def settings(self) -> Transition:
        from .settings import SettingsScene
        return Push(SettingsScene())

    def quit(self) -> Transition:
        """To the title; asks first when this month's moves would be lost (saves and the
        autosave keep the months ended only)."""
        from .title import TitleScene
        leave = lambda: Reset(TitleScene(self.session.seed))  # noqa: E731
        choices, decisions = self.session.this_month()
        if not (choices or decisions) or self.session.finished:
            return leave()
        from .confirm import ConfirmScene
        moves = len(choices) + len(decisions)
        return Push(ConfirmScene(
            "Leave this game?",
            f"This month's {moves} move{'s' if moves != 1 else ''} (event answers and "
            "decisions) are not saved yet: saves keep the months ended. Leave for the title "
            "anyway?", "Leave", leave))
