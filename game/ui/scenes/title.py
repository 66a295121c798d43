"""The title screen: new game, continue, load, settings, quit."""

from __future__ import annotations

import pygame

from ... import saves
from .base import Push, Quit, Scene, Transition
from .load import resume


class TitleScene(Scene):
    name = "title"

    def __init__(self, seed: int | None = None) -> None:
        super().__init__()
        self.seed = seed
        self.message = ""

    def compose(self) -> None:
        w, h = self.inner
        row, gap = self.m("row"), self.m("gap")
        self.label(pygame.Rect(0, h // 6, w, 80), "Partnership", "#title", centre=True)
        self.label(pygame.Rect(0, h // 6 + 80, w, row),
                   "A practice-management simulation for GP trainees", "#muted", centre=True)
        bw, bh = max(320, w // 4), int(row * 1.4)
        x, y = (w - bw) // 2, h // 6 + 80 + row + 3 * gap
        entries = [("New game", self.new_game, pygame.K_n, "#primary")]
        if self._autosave() is not None:
            entries.append(("Continue", self.continue_game, pygame.K_c, None))
        entries += [("Load game", lambda: Push(_load()), pygame.K_l, None),
                    ("Join a live session", lambda: Push(_join()), pygame.K_j, None),
                    ("Settings", lambda: Push(_settings()), pygame.K_s, None),
                    ("Quit", lambda: Quit(), pygame.K_q, None)]
        for text, action, key, oid in entries:
            self.button(pygame.Rect(x, y, bw, bh), text, action, key, object_id=oid)
            y += bh + gap
        if self.message:
            self.text_box(pygame.Rect(w // 6, y + gap, 2 * w // 3, 3 * row), self.message,
                          object_id="#error")
        self.label(pygame.Rect(0, h - row - gap, w, row),
                   "Keys in brackets work everywhere; Esc goes back or opens the menu.",
                   "#muted", centre=True)

    def _autosave(self) -> saves.SaveSlot | None:
        return next((s for s in saves.list_saves()
                     if s.path.stem == saves.AUTOSAVE and s.save is not None), None)

    def new_game(self) -> Transition:
        from .chooser import ChooserScene
        from .name import NameScene
        assert self.app is not None
        if not self.app.prefs.name_asked:  # asked once, before the first game
            return Push(NameScene(then=ChooserScene(self.seed)))
        return Push(ChooserScene(self.seed))

    def continue_game(self) -> Transition | None:
        slot = self._autosave()
        if slot is None:
            return None
        return resume(self, slot.path)


def _load() -> Scene:
    from .load import LoadScene
    return LoadScene()


def _join() -> Scene:
    from .live import JoinScene
    return JoinScene()


def _settings() -> Scene:
    from .settings import SettingsScene
    return SettingsScene()
