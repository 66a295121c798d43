"""Load game: every save, newest first; a damaged one says why and leaves the others alone."""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import UISelectionList

from ... import saves
from .base import Pop, Reset, Scene, Transition, escape


class LoadScene(Scene):
    name = "load"
    modal = True
    modal_share = (0.7, 0.8)

    def __init__(self) -> None:
        super().__init__()
        self.slots = saves.list_saves()
        self.selected = 0
        self.message = ""

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 8), "Load game",
                   "#heading")
        top = margin // 2 + row + 2 * gap
        bh = int(row * 1.3)
        list_h = h - top - bh - 3 * row - margin
        items = [(f"{i + 1}. {s.label}", str(i)) for i, s in enumerate(self.slots)]
        self.list = UISelectionList(
            pygame.Rect(margin, top, w - 2 * margin, list_h), items or [("No saves yet", "-")],
            manager=self.manager, container=self.root,
            default_selection=items[self.selected] if items else None)
        self.text_box(pygame.Rect(margin, top + list_h + gap, w - 2 * margin, 3 * row - gap),
                      escape(self._note()), object_id="#error" if self.message else "#muted")
        bw = (w - 2 * margin - gap) // 2
        self.button(pygame.Rect(margin, h - bh - margin // 2, bw, bh), "Back", lambda: Pop(),
                    pygame.K_ESCAPE)
        self.button(pygame.Rect(margin + bw + gap, h - bh - margin // 2, bw, bh), "Load",
                    self.load, pygame.K_RETURN, object_id="#primary")
        self.keys[pygame.K_UP] = lambda: self.move(-1)
        self.keys[pygame.K_DOWN] = lambda: self.move(1)

    def _note(self) -> str:
        if self.message:
            return self.message
        if not self.slots:
            return f"Saves are kept in {saves.saves_dir()}."
        slot = self.slots[self.selected]
        return slot.problem or f"{slot.path.name}: Up/Down to choose, Enter to load."

    def move(self, step: int) -> None:
        if self.slots:
            self.selected = (self.selected + step) % len(self.slots)
            self.message = ""
            self.build()

    def on_event(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and \
                event.ui_element is self.list and self.slots:
            self.selected = int(event.text.split(".", 1)[0]) - 1
            self.message = ""
            self.build()
        return None

    def load(self) -> Transition | None:
        if not self.slots:
            return None
        return resume(self, self.slots[self.selected].path)


def resume(scene: Scene, path: Path) -> Transition | None:
    """Load a save and go to its dashboard; a save that cannot be used says why on ``scene``
    (which must have a ``message`` it shows when rebuilt) and leaves it where it is."""
    try:
        session = saves.load(path)
    except saves.SaveError as exc:
        scene.message = str(exc)  # type: ignore[attr-defined]
        scene.build()
        return None
    from .dashboard import DashboardScene
    return Reset(DashboardScene(session))
