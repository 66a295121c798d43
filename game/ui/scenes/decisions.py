"""A decision panel: the decisions of one group, each with its cost and expected effect shown
before it is committed, the model's own message when it is refused, this month's decisions
(which can be withdrawn until the month ends) and a reason the player may give.

The panel decides through a ``DecisionTarget``: the player's ``GameSession``, or on the
facilitator's screen one team of a group session (``facilitate_decisions.TeamDecisions``).

Numbers are typed freely within the decision's own bounds, shown beside each field; while a
field has the keyboard the panel's shortcuts do not fire (the app gives the field every key).
"""

from __future__ import annotations

from typing import Any, Protocol

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UISelectionList, UITextEntryLine

from ...model.decisions import Decision, DecisionError
from ...play.actions import GROUPS, ActionSpec, ParamSpec
from ...play.preview import preview
from ...scenario.runtime import ScenarioRun
from .base import Pop, Scene, Transition, escape

NUMBER_KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_6)
HINT = ("1-{n} pick · Left/Right option · +/- amount · Enter commit · Del withdraw · "
        "Esc close")
#: The characters a number field takes ("10,000", "9500.5").
NUMBER_CHARACTERS = list("0123456789.,")
#: Longest reason kept with a decision (the decision log's limit).
REASON_LIMIT = 1000


class DecisionTarget(Protocol):
    """Whom a panel decides for: the month, a one-run ``run`` to read and preview (run 0),
    ``decide``, which raises ``DecisionError`` or ``ValueError`` with the message shown (and
    replaces a decision of the same kind taken this month), this month's decisions in words,
    and ``withdraw``, which takes one back before the month is played."""

    @property
    def month(self) -> int: ...

    @property
    def run(self) -> ScenarioRun: ...

    def decide(self, decision: Decision, reason: str = "") -> None: ...

    def decisions_this_month(self) -> list[str]: ...

    def withdraw(self, index: int) -> str: ...


class DecisionPanelScene(Scene):
    modal = True
    modal_share = (0.94, 0.94)

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
        #: what the player typed in each number field, kept as typed (it may not be a number yet)
        self.typed: dict[tuple[int, str], str] = {}
        self.reason = ""
        self.selected = 0
        self.picked_line = -1  # the line chosen in this month's decisions
        self.status = ""
        self.status_ok = True
        self.widgets: dict[Any, tuple[int, ParamSpec]] = {}
        self.titles: list[UIButton] = []

    # -- building ---------------------------------------------------------------------------
    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        who = f"{self.who}: " if self.who else ""
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 8),
                   f"{who}{self.title} decisions: month {self.session.month}", "#heading")
        y = margin // 2 + row + 2 * gap
        rh = row + 4
        self.widgets, self.titles = {}, []
        cols = (int(w * 0.35), int(w * 0.35), int(w * 0.13))
        for i, spec in enumerate(self.specs):
            self._row(i, spec, pygame.Rect(margin, y, w - 2 * margin, rh), cols)
            y += rh + gap
        self._reason_row(pygame.Rect(margin, y, w - 2 * margin, rh), cols[0])
        y += rh + 2 * gap
        foot = int(row * 1.2)
        fy = h - foot - margin // 2
        body = pygame.Rect(margin, y, w - 2 * margin, fy - gap - y)
        left = int(body.width * 0.6)
        self._preview_column(pygame.Rect(body.x, body.y, left, body.height))
        self._month_column(pygame.Rect(body.x + left + gap, body.y, body.width - left - gap,
                                       body.height))
        self.label(pygame.Rect(margin, fy, w - 2 * margin - 200, foot),
                   HINT.format(n=len(self.specs)), "#muted")
        self.button(pygame.Rect(w - margin - 190, fy, 190, foot), "Close", lambda: Pop(),
                    pygame.K_ESCAPE)
        self.keys[pygame.K_RETURN] = lambda: self.commit(self.selected)
        self.keys[pygame.K_LEFT] = lambda: self.cycle(-1)
        self.keys[pygame.K_RIGHT] = lambda: self.cycle(1)
        self.keys[pygame.K_DELETE] = self.withdraw
        for key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.keys[key] = lambda: self.nudge(1)
        for key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.keys[key] = lambda: self.nudge(-1)

    def _row(self, i: int, spec: ActionSpec, rect: pygame.Rect, cols: tuple[int, ...]) -> None:
        gap = self.m("gap")
        title = self.button(pygame.Rect(rect.x, rect.y, cols[0], rect.height), spec.title,
                            lambda i=i: self.select(i), NUMBER_KEYS[i])
        self.titles.append(title)
        if i == self.selected:
            title.select()
        x = rect.x + cols[0] + gap
        for j, param in enumerate(spec.params):
            width = cols[1 + min(j, 1)] - gap
            self._param_widget(pygame.Rect(x, rect.y, width, rect.height), i, param)
            x += width + gap
        commit_x = rect.x + sum(cols)
        self.button(pygame.Rect(commit_x, rect.y, rect.right - commit_x, rect.height), "Commit",
                    lambda i=i: self.commit(i), object_id="#primary")

    def _param_widget(self, rect: pygame.Rect, i: int, param: ParamSpec) -> None:
        value = self.values[i][param.name]
        if param.options:
            labels = [label for label, _ in param.options]
            current = next(label for label, v in param.options if v == value)
            menu = UIDropDownMenu(labels, current, rect, manager=self.manager,
                                  container=self.root)
            self.widgets[menu] = (i, param)
            return
        field_w = max(min(rect.width // 2, 130), rect.width - self._text_width(
            param.range_text(), "#muted") - self.m("gap") - 8)
        field_w = min(field_w, rect.width)
        entry = self.text_entry(pygame.Rect(rect.x, rect.y, field_w, rect.height),
                                self.typed.get((i, param.name), f"{value:,g}"))
        entry.set_allowed_characters(NUMBER_CHARACTERS)
        self.widgets[entry] = (i, param)
        if field_w < rect.width:
            self.label(pygame.Rect(rect.x + field_w + 4, rect.y, rect.width - field_w - 4,
                                   rect.height), param.range_text(), "#muted")

    def _text_width(self, text: str, object_id: str) -> int:
        font = self.manager.get_theme().get_font([object_id, "label"])
        return int(font.size(text)[0])

    def _reason_row(self, rect: pygame.Rect, label_w: int) -> None:
        self.label(pygame.Rect(rect.x, rect.y, label_w, rect.height), "Your reason (optional)")
        self.reason_field = self.text_entry(pygame.Rect(rect.x + label_w + self.m("gap"), rect.y,
                                                        rect.width - label_w - self.m("gap"),
                                                        rect.height), self.reason)
        self.reason_field.set_text_length_limit(REASON_LIMIT)

    def _preview_column(self, rect: pygame.Rect) -> None:
        """The last commit's outcome (when there is one) above the selected row's preview."""
        top = rect.y
        if self.status:
            status_h = 2 * self.m("row")
            self.text_box(pygame.Rect(rect.x, top, rect.width, status_h), escape(self.status),
                          object_id="#ok" if self.status_ok else "#error")
            top += status_h + self.m("gap")
        self.preview_box = self.text_box(pygame.Rect(rect.x, top, rect.width, rect.bottom - top),
                                         self._preview_html())

    def _month_column(self, rect: pygame.Rect) -> None:
        row, gap = self.m("row"), self.m("gap")
        y = rect.y
        self.label(pygame.Rect(rect.x, y, rect.width, row), "This month's decisions")
        y += row
        bh = row + 4
        lines = self.session.decisions_this_month()
        items = [(f"{k + 1}. {text}", str(k)) for k, text in enumerate(lines)]
        chosen = items[self.picked_line] if 0 <= self.picked_line < len(items) else None
        self.month_list = UISelectionList(
            pygame.Rect(rect.x, y, rect.width, max(rect.bottom - y - bh - gap, row)),
            items or [("None yet", "-")], manager=self.manager, container=self.root,
            default_selection=chosen)
        withdraw = self.button(pygame.Rect(rect.x, rect.bottom - bh, rect.width, bh),
                               "Withdraw", self.withdraw, pygame.K_DELETE)
        if not items:
            withdraw.disable()

    # -- preview and commit -----------------------------------------------------------------
    def _decision(self, i: int) -> Any:
        values = dict(self.values[i])
        for param in self.specs[i].params:
            typed = self.typed.get((i, param.name))
            if typed is not None:
                values[param.name] = param.parse(typed)
        return self.specs[i].build(values)

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

    def _mark_selected(self, i: int) -> None:
        """Select row ``i`` without building again (a field being typed in keeps its focus)."""
        if i != self.selected:
            self.selected = i
            for k, title in enumerate(self.titles):
                title.select() if k == i else title.unselect()

    def commit(self, i: int) -> Transition | None:
        self.selected = i
        self.reason = self.reason_field.get_text().strip()
        try:
            decision = self._decision(i)
            self.session.decide(decision, self.reason)
            self.status, self.status_ok = f"Done: {decision.describe()}.", True
            self.reason = ""
            self.picked_line = -1
        except (DecisionError, ValueError) as exc:
            self.status, self.status_ok = f"Not done: {exc}", False
        self.build()
        return None

    def withdraw(self) -> Transition | None:
        """Withdraw the decision chosen in this month's list (the latest if none is)."""
        lines = self.session.decisions_this_month()
        if not lines:
            return None
        k = self.picked_line if 0 <= self.picked_line < len(lines) else len(lines) - 1
        try:
            gone = self.session.withdraw(k)
            self.status, self.status_ok = f"Withdrawn: {gone}.", True
        except (DecisionError, ValueError) as exc:
            self.status, self.status_ok = f"Not withdrawn: {exc}", False
        self.picked_line = -1
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
        try:
            now = param.parse(self.typed.pop((self.selected, param.name)))
        except (KeyError, ValueError):
            now = float(self.values[self.selected][param.name])
        value = now + step * param.step
        self.values[self.selected][param.name] = min(max(value, param.low), param.high)
        self.build()

    def on_event(self, event: pygame.event.Event) -> Transition | None:
        element = getattr(event, "ui_element", None)
        if element is getattr(self, "month_list", None):
            number = str(event.text).split(".", 1)[0]
            if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and number.isdigit():
                self.picked_line = int(number) - 1
            return None
        if element is getattr(self, "reason_field", None):
            if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
                self.reason = event.text
            elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
                return self.commit(self.selected)
            return None
        if event.type == pygame.MOUSEBUTTONDOWN:
            return self._clicked_field()
        target = self.widgets.get(element)
        if target is None:
            return None
        i, param = target
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            self.values[i][param.name] = dict(param.options)[event.text]
        elif event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            self.typed[(i, param.name)] = event.text
        elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self.typed[(i, param.name)] = event.text
            return self.commit(i)
        else:
            return None
        self._mark_selected(i)
        self.refresh()
        return None

    def _clicked_field(self) -> Transition | None:
        """A click that put a row's field in focus selects that row."""
        assert self.app is not None
        field = self.app.typing_in()
        target = self.widgets.get(field) if isinstance(field, UITextEntryLine) else None
        if target is not None and target[0] != self.selected:
            self._mark_selected(target[0])
            self.refresh()
        return None
