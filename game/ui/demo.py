"""Demo mode: play a few months by driving the real widgets with synthetic events.

It clicks buttons where they are drawn (a mouse press and release at their centre) and presses
keys where the game offers a key, so it passes through the same code a player does. After each
change of screen it saves a PNG, so a facilitator can check a machine before a session.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from .app import App
from .scenes.base import Scene
from .scenes.dashboard import DashboardScene
from .scenes.decisions import DecisionPanelScene
from .scenes.event_card import EventCardScene
from .scenes.summary import MonthSummaryScene

#: frames to wait for a posted button event or a screen change before giving up
PATIENCE = 400


def key(k: int, mod: int = 0) -> list[pygame.event.Event]:
    return [pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0),
            pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0)]


def click_key(scene: Scene, k: int) -> list[pygame.event.Event]:
    """Click the button bound to key ``k`` if there is one, else press the key."""
    action = scene.keys.get(k)
    button = next((b for b, a in scene.actions.items() if a is action), None)
    if button is None or not button.visible:
        return key(k)
    pos = button.rect.center
    return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)]


class DemoDriver:
    """Chooses the next input from the screen on top, like a patient player."""

    def __init__(self, app: App, months: int, shots: Path | None) -> None:
        self.app, self.months, self.shots = app, months, shots
        self.count = 0
        self.visited: set[str] = set()
        self.panels_done: set[tuple[int, str]] = set()
        self.pending_shot = True
        if shots is not None:  # a driver that takes no screenshots leaves no listener behind
            app.on_top_changed.append(lambda scene: setattr(self, "pending_shot", True))

    def shot(self, label: str = "") -> None:
        if self.shots is None:
            return
        self.shots.mkdir(parents=True, exist_ok=True)
        self.count += 1
        top = self.app.top
        month = getattr(getattr(top, "session", None), "month", None)
        name = top.name + (f"-m{month}" if month is not None else "") + (f"-{label}"
                                                                           if label else "")
        self.app.screenshot(str(self.shots / f"{self.count:02d}-{name}.png"))

    def next_input(self) -> list[pygame.event.Event] | None:
        """The events to send now, or None when the demo is over."""
        top = self.app.top
        if self.app.typing_in() is not None:  # a field has the keys: leave it first
            return key(pygame.K_ESCAPE)
        handler = getattr(self, f"_on_{type(top).__name__}", None)
        return handler(top) if handler else click_key(top, pygame.K_ESCAPE)

    def _first(self, what: str) -> bool:
        if what in self.visited:
            return False
        self.visited.add(what)
        return True

    def _on_TitleScene(self, scene: Scene) -> list[pygame.event.Event]:
        for what, k in (("settings", pygame.K_s), ("load", pygame.K_l)):
            if self._first(what):
                return click_key(scene, k)
        return click_key(scene, pygame.K_n)

    def _on_ChooserScene(self, scene: Scene) -> list[pygame.event.Event]:
        return click_key(scene, pygame.K_RETURN)

    _on_NameScene = _on_ChooserScene  # the name as it stands (none, in a demo)

    _on_BriefingScene = _on_ChooserScene
    _on_TutorialScene = _on_ChooserScene

    def _on_EventCardScene(self, scene: EventCardScene) -> list[pygame.event.Event]:
        n = len(scene.card.choices)
        return click_key(scene, pygame.K_1 + (scene.session.month % n))

    def _on_DashboardScene(self, scene: DashboardScene) -> list[pygame.event.Event] | None:
        month = scene.session.month
        if len(scene.session.rows) >= self.months:
            return None
        plan = {1: pygame.K_m, 2: pygame.K_w, 3: pygame.K_o, 4: pygame.K_p}
        panel = plan.get(month)
        if panel and (month, "panel") not in self.panels_done:
            self.panels_done.add((month, "panel"))
            return click_key(scene, panel)
        if month == 2 and self._first("pause"):
            return click_key(scene, pygame.K_ESCAPE)
        return click_key(scene, pygame.K_e)

    def _on_DecisionPanelScene(self, scene: DecisionPanelScene) -> list[pygame.event.Event]:
        month = scene.session.month
        if (month, "commit") not in self.panels_done:
            self.panels_done.add((month, "commit"))
            # month 1: drawings down £3,000; month 2: release a post that does not exist (the
            # model refuses and says why); later: the first decision with its defaults.
            if scene.group == "money":
                return [*key(pygame.K_1), *key(pygame.K_MINUS) * 6, *key(pygame.K_RETURN)]
            if scene.group == "workforce":
                return [*key(pygame.K_2), *key(pygame.K_RETURN)]
            return [*key(pygame.K_1), *key(pygame.K_RETURN)]
        if (month, "shot") not in self.panels_done:
            self.panels_done.add((month, "shot"))
            self.shot("after-commit")
        return click_key(scene, pygame.K_ESCAPE)

    def _on_PauseScene(self, scene: Scene) -> list[pygame.event.Event]:
        return click_key(scene, pygame.K_ESCAPE)

    def _on_MonthSummaryScene(self, scene: MonthSummaryScene) -> list[pygame.event.Event] | None:
        if len(scene.session.rows) >= self.months and not scene.session.finished:
            return None
        return click_key(scene, pygame.K_RETURN)

    def _on_EndScene(self, scene: Scene) -> None:
        return None

    def play(self) -> int:
        """Run the demo; returns the exit code."""
        idle = 0
        while self.app.running:
            if not self.app.step():
                break
            if self.pending_shot:
                self.pending_shot = False
                self.shot()
            events = self.next_input()
            if events is None:
                return 0
            before = (self.app.top, self.app.frames)
            if not self.app.step(events):
                break
            self.app.step()  # let pygame_gui's posted button events arrive
            idle = idle + 1 if self.app.top is before[0] else 0
            if idle > PATIENCE:
                print(f"partnership play --demo: stuck on the {self.app.top.name} screen")
                return 1
        return 0
