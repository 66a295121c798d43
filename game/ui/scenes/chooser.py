"""The scenario chooser: every bundled scenario with its summary, difficulty, length and
learning objectives. A scenario that does not load is listed with its problems."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UISelectionList

from ...content import ContentError
from ...scenario.library import DEFAULT_SCENARIO, bundled, load_scenario
from ...scenario.spec import ScenarioSpec
from .base import Pop, Push, Scene, Transition, escape


class ChooserScene(Scene):
    name = "chooser"

    def __init__(self, seed: int | None = None) -> None:
        super().__init__()
        self.seed = seed
        self.scenarios: dict[str, ScenarioSpec | str] = {}
        for sid, path in bundled().items():
            try:
                self.scenarios[sid] = load_scenario(path)
            except ContentError as exc:
                self.scenarios[sid] = exc.format()
        ids = list(self.scenarios)
        self.selected = DEFAULT_SCENARIO if DEFAULT_SCENARIO in ids else (ids[0] if ids else "")

    def _title(self, sid: str) -> str:
        spec = self.scenarios[sid]
        return spec.title if isinstance(spec, ScenarioSpec) else f"{sid} (cannot be loaded)"

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        self.label(pygame.Rect(margin, margin, w - 2 * margin, row + 8), "Choose a scenario",
                   "#heading")
        top = margin + row + 2 * gap
        lw = w // 3
        items = [(self._title(sid), sid) for sid in self.scenarios]
        self.list = UISelectionList(
            pygame.Rect(margin, top, lw, h - top - 2 * row - 3 * gap), items,
            manager=self.manager, container=self.root,
            default_selection=next((i for i in items if i[1] == self.selected), None))
        self.details = self.text_box(
            pygame.Rect(margin + lw + gap, top, w - lw - 2 * margin - gap,
                        h - top - 2 * row - 3 * gap), self._details())
        by = h - margin - int(row * 1.3)
        bw = max(260, w // 5, self.button_width("Read the briefing", pygame.K_RETURN,
                                                  "#primary"))
        self.button(pygame.Rect(margin, by, bw, int(row * 1.3)), "Back", lambda: Pop(),
                    pygame.K_ESCAPE)
        self.button(pygame.Rect(w - margin - bw, by, bw, int(row * 1.3)), "Read the briefing",
                    self.start, pygame.K_RETURN, object_id="#primary")
        self.keys[pygame.K_UP] = lambda: self.move(-1)
        self.keys[pygame.K_DOWN] = lambda: self.move(1)
        self.label(pygame.Rect(margin + bw + gap, by, w - 2 * bw - 2 * margin - 2 * gap,
                               int(row * 1.3)), "Up/Down to choose", "#muted", centre=True)

    def _details(self) -> str:
        spec = self.scenarios.get(self.selected)
        if spec is None:
            return "No scenarios are installed."
        if not isinstance(spec, ScenarioSpec):
            return "<b>This scenario has problems:</b><br>" + escape(spec).replace("\n", "<br>")
        objectives = "".join(f"<br>• {escape(o.text)}" for o in spec.learning_objectives)
        return (f"<font size=5><b>{escape(spec.title)}</b></font><br>"
                f"<i>{spec.difficulty.capitalize()} · {spec.length_months} months · "
                f"{len(spec.goals)} goals · {len(spec.events)} events</i><br><br>"
                f"{escape(spec.summary)}<br><br><b>You will learn to:</b>{objectives}")

    def move(self, step: int) -> None:
        ids = list(self.scenarios)
        if ids:
            self.selected = ids[(ids.index(self.selected) + step) % len(ids)]
            self.build()

    def on_event(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and \
                event.ui_element is self.list:
            sid = next((s for s in self.scenarios if self._title(s) == event.text), None)
            if sid:
                self.selected = sid
                self.details.set_text(self._details())
        return None

    def start(self) -> Transition | None:
        spec = self.scenarios.get(self.selected)
        if not isinstance(spec, ScenarioSpec):
            return None
        from .briefing import BriefingScene
        return Push(BriefingScene(spec, self.selected, self.seed))
