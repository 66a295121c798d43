"""The guided first month: a few steps that point at the parts of the dashboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from .base import Pop, Scene, Transition, escape

if TYPE_CHECKING:
    from .dashboard import DashboardScene

STEPS: tuple[tuple[str, str], ...] = (
    ("tiles", "These tiles are the practice at a glance: cash, profit, patients, demand, the "
              "routine wait and more. Each has a red/amber/green badge; hover a tile to see "
              "exactly when it turns amber or red. The line under each is its trend."),
    ("staff", "Your staff by role, with people, FTE and posts being recruited, and each "
              "group's morale. Burnt-out teams get sick and leave."),
    ("panels", "Decisions live in four panels: Workforce (W), Operations (O), Money (M) and "
               "PCN & system (P). Each shows the cost and expected effect before you commit, "
               "and says plainly when the practice cannot do something."),
    ("end_turn", "When you are done, End turn (E) plays the month. Events arrive as cards to "
                 "answer with 1-4, and a summary explains what changed and why. Esc opens the "
                 "menu: save, load, settings (large text, colour-safe palette)."),
)


class TutorialScene(Scene):
    name = "tutorial"

    def __init__(self, dashboard: DashboardScene) -> None:
        super().__init__()
        self.dashboard = dashboard
        self.step = 0

    def build(self) -> None:
        self.kill()
        self.actions, self.keys = {}, {}
        from pygame_gui.elements import UIPanel
        w, h = self.size
        target = self.dashboard.anchors.get(STEPS[self.step][0], pygame.Rect(0, 0, 0, 0))
        pw, ph = min(640, w // 2), int(self.m("row") * 8)
        x = target.x - pw - 24 if target.centerx > w // 2 else target.right + 24
        x = min(max(x, 16), w - pw - 16)
        y = min(max(target.centery - ph // 2, 70), h - ph - 16)
        top = self.manager.get_root_container().get_top_layer() + 1
        self.root = UIPanel(pygame.Rect(x, y, pw, ph), starting_height=top, manager=self.manager,
                            object_id="#modal")
        self.compose()

    def compose(self) -> None:
        w, h = self.inner
        row, gap = self.m("row"), self.m("gap")
        title = f"Guided first month: step {self.step + 1} of {len(STEPS)}"
        self.label(pygame.Rect(gap, gap // 2, w - 2 * gap, row), title, "#tile_label")
        bh = int(row * 1.1)
        self.text_box(pygame.Rect(gap, row + gap, w - 2 * gap, h - row - bh - 3 * gap),
                      escape(STEPS[self.step][1]))
        bw = (w - 3 * gap) // 2
        self.button(pygame.Rect(gap, h - bh - gap, bw, bh), "Skip the guide",
                    lambda: Pop(), pygame.K_ESCAPE)
        last = self.step == len(STEPS) - 1
        self.button(pygame.Rect(2 * gap + bw, h - bh - gap, bw, bh),
                    "Start playing" if last else "Next", self.next, pygame.K_RETURN,
                    object_id="#primary")
        self.keys[pygame.K_SPACE] = self.next

    def next(self) -> Transition | None:
        if self.step == len(STEPS) - 1:
            return Pop()
        self.step += 1
        self.build()
        return None

    def draw_overlay(self, surface: pygame.Surface) -> None:
        target = self.dashboard.anchors.get(STEPS[self.step][0])
        if target is not None and self.app is not None:
            colour = self.app.look.colour("highlight")
            pygame.draw.rect(surface, colour, target.inflate(10, 10), 4, border_radius=6)
