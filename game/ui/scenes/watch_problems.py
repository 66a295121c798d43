"""Problems in a watched scenario file: its PATH:LINE:COL lines, until the author fixes it.

Shown by ``partnership play SCENARIO --watch`` when the file stops validating (or its decision
log no longer replays). It keeps watching the file; once the file loads again it replaces the
game with the reloaded one, played to the month the author was at.
"""

from __future__ import annotations

import pygame

from ...authoring.watch import Position, ScenarioWatcher, reload
from .base import Pop, Quit, Reset, Scene, Transition, escape

#: Seconds between looks at the file.
POLL_SECONDS = 0.5


class WatchProblemsScene(Scene):
    name = "watch-problems"
    modal = True
    modal_share = (0.8, 0.7)

    def __init__(self, watcher: ScenarioWatcher, problems: list[str], at: Position,
                 game_beneath: bool = True) -> None:
        super().__init__()
        self.watcher, self.problems, self.at = watcher, problems, at
        self.game_beneath = game_beneath
        self.waited = 0.0

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 8),
                   f"{self.watcher.path.name} does not load", "#heading")
        top = margin // 2 + row + 2 * gap
        bh = int(row * 1.2)
        lines = "<br>".join(escape(p) for p in self.problems)
        self.text_box(pygame.Rect(margin, top, w - 2 * margin, h - top - bh - margin - gap),
                      f"{lines}<br><br><i>Fix the file and save it: the game reloads it and "
                      "plays back to where you were.</i>", object_id="#error")
        label = "Keep playing the last good version" if self.game_beneath else "Quit"
        self.button(pygame.Rect(w - margin - 420, h - margin // 2 - bh, 420, bh), label,
                    self.dismiss, pygame.K_ESCAPE)

    def update(self, dt: float) -> Transition | None:
        self.waited += dt
        if self.waited < POLL_SECONDS:
            return None
        self.waited = 0.0
        if not self.watcher.poll():
            return None
        result = reload(self.watcher.path, self.at)
        if not result.ok:
            self.problems = result.problems
            self.build()
            return None
        from .dashboard import DashboardScene
        assert result.session is not None
        return Reset(DashboardScene(result.session, self.watcher,
                                    notice=reloaded_notice(result.session.month, result.dropped)))

    def dismiss(self) -> Transition:
        return Pop() if self.game_beneath else Quit()


def reloaded_notice(month: int, dropped: list[str]) -> str:
    text = f"Scenario reloaded and replayed to month {month}."
    if dropped:
        text += " No longer applies: " + "; ".join(dropped) + "."
    return text
