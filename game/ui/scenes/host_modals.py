"""The host window's small questions: a new team's name, and which team (to drop, or to free
its seat). Each hands its answer to the window, which sends the command."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pygame_gui

from .base import Pop, Scene, Transition, escape


class TeamNameScene(Scene):
    """A late team's name; Enter or Add sends it."""

    name = "team_name"
    modal = True
    modal_share = (0.6, 0.5)

    def __init__(self, title: str, on_name: Callable[[str], None]) -> None:
        super().__init__()
        self.title, self.on_name = title, on_name
        self.error = ""

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 8), self.title,
                   "#heading")
        y = margin // 2 + row + 2 * gap
        self.entry = self.text_entry(pygame.Rect(margin, y, w - 2 * margin, int(row * 1.3)))
        self.entry.focus()
        if self.error:
            self.text_box(pygame.Rect(margin, y + int(row * 1.3) + gap, w - 2 * margin, 2 * row),
                          escape(self.error), object_id="#error")
        bh, bw = int(row * 1.3), max(220, w // 4)
        fy = h - bh - margin // 2
        self.button(pygame.Rect(margin, fy, bw, bh), "Cancel", lambda: Pop(), pygame.K_ESCAPE)
        self.button(pygame.Rect(w - margin - bw, fy, bw, bh), "Add", self.add, pygame.K_RETURN,
                    object_id="#primary")

    def on_event(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            return self.add()
        return None

    def add(self) -> Transition | None:
        name = " ".join(self.entry.get_text().split())
        if not name:
            self.error = "Type the team's name."
            self.build()
            return None
        self.on_name(name)
        return Pop()


class PickTeamScene(Scene):
    """One button a team; the pick is handed on (it asks first, then sends the command)."""

    name = "pick_team"
    modal = True
    modal_share = (0.6, 0.8)

    def __init__(self, title: str, teams: list[str],
                 on_pick: Callable[[str], Transition | None]) -> None:
        super().__init__()
        self.title, self.teams, self.on_pick = title, teams, on_pick
        self.finished = False

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 8), self.title,
                   "#heading")
        y = margin // 2 + row + 2 * gap
        bh = int(row * 1.2)
        fy = h - int(row * 1.3) - margin // 2
        room = max(1, (fy - gap - y) // (bh + gap))
        cols = -(-len(self.teams) // room)
        bw = (w - 2 * margin - (cols - 1) * gap) // max(cols, 1)
        for k, team in enumerate(self.teams):
            x = margin + (k // room) * (bw + gap)
            self.button(pygame.Rect(x, y + (k % room) * (bh + gap), bw, bh), team,
                        lambda t=team: self.pick(t))
        self.button(pygame.Rect(margin, fy, max(220, w // 4), int(row * 1.3)), "Cancel",
                    lambda: Pop(), pygame.K_ESCAPE)

    def pick(self, team: str) -> Transition | None:
        self.finished = True  # back from the question: back to the window
        return self.on_pick(team)

    def update(self, dt: float) -> Transition | None:
        return Pop() if self.finished and self.app is not None and self.app.top is self \
            else None
