"""A decision panel: the decisions of one group, each with its cost and expected effect shown
before it is committed, and the model's own message when it is refused.

The panel decides through a ``DecisionTarget``: the player's ``GameSession``, or on the
facilitator's screen one team of a group session (``facilitate_decisions.TeamDecisions``)."""

from __future__ import annotations

from typing import Any, Protocol

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu

from ...model.decisions import Decision, DecisionError
from ...play.actions import GROUPS, ActionSpec, ParamSpec
from ...play.preview import preview
from ...scenario.runtime import ScenarioRun
from .base import Pop, Scene, Transition, escape

NUMBER_KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_6)
HINT = ("1-{n} pick a decision · Left/Right change the option · +/- change the amount · "
        "Enter commit · Esc close")


class DecisionTarget(Protocol):
    """Whom a panel decides for: the month, a one-run ``run`` to read and preview (run 0), and
    ``decide``, which raises ``DecisionError`` or ``ValueError`` with the message shown."""

    @property
    def month(self) -> int: ...

    @property
    def run(self) -> ScenarioRun: ...

    def decide(self, decision: Decision, reason: str = "") -> None: ...


class DecisionPanelScene(Scene):
    modal = True
    modal_share = (0.86, 0.88)

    def __init__(self, session: DecisionTarget, group: str, who: str = "") -> None:
        super().__init__()
        self.session = session
        self.group = group
        self.who = who
        self.name = f"panel-{group}"
        self.title, self.specs = GROUPS[group]
        state = session.run.world.state
        self.values: list[dict[str, Any]] = [{p.name: p.initial(state) for p in a.params}
                                             for a in self.specs]
        self.selected = 0
        self.status = ""
        self.status_ok = True
        self.widgets: dict[Any, tuple[int, ParamSpec]] = {}

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        who = f"{self.who}: " if self.who else ""
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 8),
                   f"{who}{self.title} decisions: month {self.session.month}", "#heading")
        y = margin // 2 + row + 2 * gap
        rh = int(row * 1.15)
        self.widgets = {}
        cols = (int(w * 0.34), int(w * 0.30), int(w * 0.14))
        for i, spec in enumerate(self.specs):
            self._row(i, spec, pygame.Rect(margin, y, w - 2 * margin, rh), cols)
            y += rh + gap
        foot = int(row * 1.2)
        status_h = 2 * row + 8
        preview_h = h - y - foot - status_h - 3 * gap - margin // 2
        self.preview_box = self.text_box(pygame.Rect(margin, y + gap, w - 2 * margin,
                                                     preview_h), self._preview_html())
        oid = "#ok" if self.status_ok else "#error"
        self.text_box(pygame.Rect(margin, y + 2 * gap + preview_h, w - 2 * margin, status_h),
                      escape(self.status) or "&nbsp;", object_id=oid)
        fy = h - foot - margin // 2
        self.label(pygame.Rect(margin, fy, w - 2 * margin - 200, foot),
                   HINT.format(n=len(self.specs)), "#muted")
        self.button(pygame.Rect(w - margin - 190, fy, 190, foot), "Close", lambda: Pop(),
                    pygame.K_ESCAPE)
        self.keys[pygame.K_RETURN] = lambda: self.commit(self.selected)
        self.keys[pygame.K_LEFT] = lambda: self.cycle(-1)
        self.keys[pygame.K_RIGHT] = lambda: self.cycle(1)
        for key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.keys[key] = lambda: self.nudge(1)
        for key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.keys[key] = lambda: self.nudge(-1)

    def _row(self, i: int, spec: ActionSpec, rect: pygame.Rect, cols: tuple[int, ...]) -> None:
        gap = self.m("gap")
        key = NUMBER_KEYS[i]
        title = self.button(pygame.Rect(rect.x, rect.y, cols[0], rect.height), spec.title,
                            lambda i=i: self.select(i), key)
        if i == self.selected:
            title.select()
        x = rect.x + cols[0] + gap
        widths = {0: cols[1], 1: cols[2]}
        for j, param in enumerate(spec.params):
            r = pygame.Rect(x, rect.y, widths.get(j, cols[2]), rect.height)
            self.widgets[self._param_widget(r, i, param)] = (i, param)
            x += r.width + gap
        commit_w = max(150, rect.right - (rect.x + sum(cols) + 3 * gap))
        self.button(pygame.Rect(rect.right - commit_w, rect.y, commit_w, rect.height), "Commit",
                    lambda i=i: self.commit(i), object_id="#primary")

    def _param_widget(self, rect: pygame.Rect, i: int, param: ParamSpec) -> Any:
        value = self.values[i][param.name]
        if param.options:
            labels = [label for label, _ in param.options]
            current = next(label for label, v in param.options if v == value)
            return UIDropDownMenu(labels, current, rect, manager=self.manager,
                                  container=self.root)
        return self.text_entry(rect, f"{value:g}")

    # -- preview and commit -----------------------------------------------------------------
    def _decision(self, i: int) -> Any:
        return self.specs[i].build(self.values[i])

    def _preview_html(self) -> str:
        spec = self.specs[self.selected]
        try:
            p = preview(self.session.run, self._decision(self.selected))
        except (ValueError, TypeError) as exc:
            return f"<b>{escape(spec.title)}</b><br>{escape(str(exc))}"
        if not p.ok:
            return (f"<b>{escape(spec.title)}</b><br>The model would refuse this: "
                    f"<b>{escape(p.message)}</b>")
        effects = "".join(f"<br>• {escape(e)}" for e in p.effects)
        return f"<b>{escape(p.message)}</b>: cost and expected effect{effects}"

    def refresh(self) -> None:
        self.preview_box.set_text(self._preview_html())

    def select(self, i: int) -> None:
        self.selected = i
        self.build()

    def commit(self, i: int) -> Transition | None:
        self.selected = i
        try:
            decision = self._decision(i)
            self.session.decide(decision)
            self.status, self.status_ok = f"Done: {decision.describe()}.", True
        except (DecisionError, ValueError) as exc:
            self.status, self.status_ok = f"Not done: {exc}", False
        self.build()
        return None

    def cycle(self, step: int) -> None:
        spec = self.specs[self.selected]
        param = next((p for p in spec.params if p.options), None)
        if param is None:
            return
        values = [v for _, v in param.options]
        current = values.index(self.values[self.selected][param.name])
        self.values[self.selected][param.name] = values[(current + step) % len(values)]
        self.build()

    def nudge(self, step: int) -> None:
        spec = self.specs[self.selected]
        param = next((p for p in spec.params if not p.options), None)
        if param is None:
            return
        value = float(self.values[self.selected][param.name]) + step * param.step
        self.values[self.selected][param.name] = min(max(value, param.low), param.high)
        self.build()

    def on_event(self, event: pygame.event.Event) -> Transition | None:
        target = self.widgets.get(getattr(event, "ui_element", None))
        if target is None:
            return None
        i, param = target
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            self.values[i][param.name] = dict(param.options)[event.text]
        elif event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            try:
                self.values[i][param.name] = float(event.text)
            except ValueError:
                return None
        else:
            return None
        self.selected = i
        self.refresh()
        return None
