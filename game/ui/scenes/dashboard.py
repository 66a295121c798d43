"""The month dashboard: the practice at a glance, the decision panels and end turn."""

from __future__ import annotations

from typing import Any

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIImage, UIPanel

from ...authoring.watch import Position, ScenarioWatcher, reload
from ...model.roles import GROUPS, ROLES
from ...model.state import APPOINTMENT_MODELS
from ...play.explain import money, month_name
from ...play.game_session import GameSession
from ...play.indicators import INDICATORS, MIN_SPAN, Indicator, with_derived
from ...play.wording import count
from ..sparkline import sparkline
from .base import Push, Reset, Scene, Transition, escape
from .watch_problems import POLL_SECONDS, WatchProblemsScene, reloaded_notice

BADGE = {"green": "OK", "amber": "WATCH", "red": "ACT"}
PANELS = (("workforce", "Workforce", pygame.K_w), ("operations", "Operations", pygame.K_o),
          ("money", "Money", pygame.K_m), ("pcn", "PCN & system", pygame.K_p))


class DashboardScene(Scene):
    name = "dashboard"
    #: the end-turn button's text and tooltip (a live team's dashboard hands in instead)
    END_TURN = ("End turn", "Play the month with the decisions taken (E or Enter).",
                "end the turn")

    def __init__(self, session: GameSession, watcher: ScenarioWatcher | None = None,
                 notice: str = "") -> None:
        super().__init__()
        self.session = session
        self.filled_month = -1
        self.tiles: list[dict[str, Any]] = []
        self.tutorial_due = session.scenario.tutorial and not session.rows and not notice
        self.anchors: dict[str, pygame.Rect] = {}
        self.notice = notice
        #: ``play --watch``: the scenario file, looked at every ``POLL_SECONDS``
        self.watcher = watcher
        self.waited = 0.0

    # -- building ---------------------------------------------------------------------------
    def compose(self) -> None:
        self.filled_month = self.session.month
        w, h = self.inner
        bar, gap, margin = self.m("topbar"), self.m("gap"), self.m("margin")
        self._topbar(w, bar)
        side = max(self.m("side_min_width"), int(w * 0.28))
        grid = pygame.Rect(margin, bar + gap, w - side - 2 * margin - gap, h - bar - gap - margin)
        self._tiles(grid)
        self._side(pygame.Rect(grid.right + gap, bar + gap, side, grid.height))
        self._fill_tiles()

    def _topbar(self, w: int, bar: int) -> None:
        s = self.session
        panel = UIPanel(pygame.Rect(0, 0, w, bar), manager=self.manager, container=self.root,
                        object_id="#topbar")
        text = (f"{s.scenario.practice.name}  ·  Month {s.month} of {s.run.months}  ·  "
                f"{month_name(s.calendar_month)}  ·  {s.scenario.title}")
        team = bool(s.scenario.people)  # the Team view, when the scenario names people
        self.heading = self.label(pygame.Rect(12, 0, w - (410 if team else 220), bar - 4), text,
                                  "#topbar_text", container=panel)
        self.button(pygame.Rect(w - 190, 8, 176, bar - 18), "Menu", self.menu, pygame.K_ESCAPE,
                    container=panel)
        if team:
            self.button(pygame.Rect(w - 380, 8, 176, bar - 18), "Team", self.team,
                        pygame.K_t, container=panel,
                        tooltip="The named people: how each is doing and your dealings with "
                        "them (T).")

    def _tiles(self, grid: pygame.Rect) -> None:
        gap = self.m("gap")
        cols = 4 if (grid.width - 3 * gap) // 4 >= self.m("tile_min_width") else 3
        rows = -(-len(INDICATORS) // cols)
        tw = (grid.width - (cols - 1) * gap) // cols
        th = (grid.height - (rows - 1) * gap) // rows
        self.tiles = []
        for i, ind in enumerate(INDICATORS):
            rect = pygame.Rect(grid.x + (i % cols) * (tw + gap), grid.y + (i // cols) * (th + gap),
                               tw, th)
            self.tiles.append(self._tile(rect, ind))
        self.anchors["tiles"] = grid

    def _tile(self, rect: pygame.Rect, ind: Indicator) -> dict[str, Any]:
        """The tile's widgets, filled in by ``_fill_tiles``."""
        lab, val, det = self.m("tile_label"), self.m("tile_value"), self.m("tile_detail")
        badge = self.m("badge")
        panel = UIPanel(rect, manager=self.manager, container=self.root, object_id="#tile")
        pw = rect.width - 2
        tile: dict[str, Any] = {
            "indicator": ind, "state": "none",
            "value": self.label(pygame.Rect(8, 4 + lab, pw - 16, val), "-", "#tile_value",
                                panel),
            "detail": self.label(pygame.Rect(8, 4 + lab + val, pw - 16, det), "-", "#muted",
                                 panel),
            "badge": self.label(pygame.Rect(pw - badge - 4, 4, badge - 4, lab), "",
                                "#rag_none", panel, centre=True),
        }
        parts = [panel, tile["value"], tile["detail"], tile["badge"],
                 self.label(pygame.Rect(8, 4, pw - 16 - badge, lab), ind.label, "#tile_label",
                            panel)]
        chart_h = rect.height - (10 + lab + val + det) - 4
        if chart_h >= 12:
            tile["chart"] = UIImage(pygame.Rect(8, 8 + lab + val + det, pw - 16, chart_h),
                                    pygame.Surface((pw - 16, chart_h), pygame.SRCALPHA),
                                    manager=self.manager, container=panel)
            parts.append(tile["chart"])
        tip = f"<b>{escape(ind.label)}</b><br>{escape(ind.rule())}"
        for part in parts:
            part.set_tooltip(tip, wrap_width=320)
        return tile

    def _fill_tiles(self) -> None:
        """Put this month's figures in the tiles (once a month, never per frame)."""
        assert self.app is not None
        look = self.app.look
        row = with_derived(self.session.latest)
        history = [with_derived(r) for r in [self.session.start_row, *self.session.rows]]
        for tile in self.tiles:
            ind: Indicator = tile["indicator"]
            has = ind.key in row
            tile["value"].set_text(ind.show(row) if has else "-")
            tile["detail"].set_text(ind.detail(row) if has else "figures after month 1")
            state = ind.state(row)
            if state != tile["state"]:
                tile["state"] = state
                tile["badge"].change_object_id(ObjectID(f"#rag_{state}", "@centre"))
                tile["badge"].set_text(BADGE.get(state, ""))
            tile["badge"].show() if state != "none" else tile["badge"].hide()
            chart = tile.get("chart")
            if chart is not None:
                chart.set_image(sparkline(chart.rect.size, [r.get(ind.key) for r in history],
                                          look.colour("line"), look.colour("axis"),
                                          look.colour("mark"), MIN_SPAN.get(ind.key, 0.0)))

    def refresh(self) -> None:
        """Show the current month in the widgets already built."""
        self.filled_month = self.session.month
        s = self.session
        self.heading.set_text(f"{s.scenario.practice.name}  ·  Month {s.month} of "
                              f"{s.run.months}  ·  {month_name(s.calendar_month)}  ·  "
                              f"{s.scenario.title}")
        self._fill_tiles()
        self._set_box(self.staff_box, self._staff_html())
        self._set_box(self.month_box, self._month_html())

    @staticmethod
    def _set_box(box: Any, html: str) -> None:
        if box.html_text != html:  # a text box is slow to lay out: only when it changed
            box.set_text(html)

    def _side(self, rect: pygame.Rect) -> None:
        row, gap = self.m("row"), self.m("gap")
        bh = int(row * 1.15)
        # two rows of panel buttons, End turn (1.2 rows high) and the hint line beneath it
        buttons_h = 2 * (bh + gap) + int(bh * 1.2) + row + 2 * gap
        staff_h = (rect.height - buttons_h - gap) // 2
        self.staff_box = self.text_box(pygame.Rect(rect.x, rect.y, rect.width, staff_h),
                                       self._staff_html())
        self.anchors["staff"] = pygame.Rect(rect.x, rect.y, rect.width, staff_h)
        month_rect = pygame.Rect(rect.x, rect.y + staff_h + gap, rect.width,
                                 rect.height - buttons_h - staff_h - 2 * gap)
        self.month_box = self.text_box(month_rect, self._month_html())
        y = month_rect.bottom + gap
        half = (rect.width - gap) // 2
        for i, (group, title, key) in enumerate(PANELS):
            x = rect.x + (i % 2) * (half + gap)
            self.button(pygame.Rect(x, y + (i // 2) * (bh + gap), half, bh), title,
                        lambda g=group: self.open_panel(g), key)
        self.anchors["panels"] = pygame.Rect(rect.x, y, rect.width, 2 * bh + gap)
        y += 2 * (bh + gap)
        end = pygame.Rect(rect.x, y, rect.width, int(bh * 1.2))
        self.button(end, self.END_TURN[0], self.end_turn, pygame.K_e, object_id="#primary",
                    tooltip=self.END_TURN[1])
        self.keys[pygame.K_RETURN] = self.end_turn
        self.anchors["end_turn"] = end
        self.label(pygame.Rect(rect.x, end.bottom + 2, rect.width, row),
                   "Hover a tile for its red/amber/green rules", "#muted", centre=True)

    def _staff_html(self) -> str:
        row = self.session.latest
        morale = " · ".join(f"{g} {row.get(f'morale_{g}', 0):.2f}" for g in GROUPS)
        lines = [f"<b>Staff</b> (people, FTE)<br><i>Morale: {morale}</i>"]
        for role in ROLES:
            heads = row.get(f"heads_{role.key}", 0.0)
            recruiting = row.get(f"recruiting_{role.key}", 0.0)
            if heads < 0.05 and recruiting < 0.05:
                continue
            extra = f", recruiting {recruiting:g}" if recruiting >= 0.05 else ""
            lines.append(f"{escape(role.label)}: {heads:g} ({row.get(f'fte_{role.key}', 0):.1f})"
                         f"{extra}")
        return "<br>".join(lines)

    def _settings_html(self) -> str:
        """The practice's settings now, this month's decisions and event choices included."""
        s = self.session.run.world.state
        model = APPOINTMENT_MODELS[int(s.appointment_model[0])].replace("_", " ")
        return (f"<b>Now:</b> {escape(model)} appointments · "
                f"{count(float(s.locum_sessions[0]), 'locum session')} a month · drawings "
                f"{money(float(s.drawings_per_partner[0]))} a partner<br>")

    def _month_html(self) -> str:
        done = self.session.moves_this_month()
        text = self._settings_html() + "<b>This month's decisions</b><br>"
        text += "<br>".join(f"• {escape(d)}" for d in done) if done else \
            f"<i>None yet. Open a panel (W, O, M, P) or {self.END_TURN[2]} (E).</i>"
        if self.notice:
            text += f"<br><br><b>{escape(self.notice)}</b>"
        return text

    # -- acting -----------------------------------------------------------------------------
    def resume(self) -> None:
        super().resume()
        if self.filled_month != self.session.month:
            self.refresh()
        else:
            self._set_box(self.month_box, self._month_html())

    def update(self, dt: float) -> Transition | None:
        if self.watcher is not None:
            self.waited += dt
            if self.waited >= POLL_SECONDS:
                self.waited = 0.0
                if self.watcher.poll():
                    return self.reload()
        if self.tutorial_due:
            self.tutorial_due = False
            from .tutorial import TutorialScene
            return Push(TutorialScene(self))
        if self.session.finished:  # e.g. a finished game's autosave: no month to begin
            return None
        pending = self.session.pending_events()
        if pending:
            from .event_card import EventCardScene
            return Push(EventCardScene(self.session, pending[0]))
        return None

    def reload(self) -> Transition:
        """The watched scenario changed: play the new version back to this point."""
        assert self.watcher is not None
        at = Position.of(self.session)
        result = reload(self.watcher.path, at)
        if result.session is None:
            return Push(WatchProblemsScene(self.watcher, result.problems, at))
        return Reset(DashboardScene(result.session, self.watcher,
                                    notice=reloaded_notice(result.session.month, result.dropped)))

    def open_panel(self, group: str) -> Transition:
        from .decisions import DecisionPanelScene
        return Push(DecisionPanelScene(self.session, group))

    def team(self) -> Transition:
        from .team import TeamScene
        return Push(TeamScene(self.session))

    def menu(self) -> Transition:
        from .pause import PauseScene
        return Push(PauseScene(self.session))

    def end_turn(self) -> Transition | None:
        from .end import to_the_end
        from .summary import MonthSummaryScene
        if self.session.finished:
            return to_the_end(self.session)
        pending = self.session.pending_events()
        if pending:  # End turn in the same frame as the month began: show its card first
            from .event_card import EventCardScene
            return Push(EventCardScene(self.session, pending[0]))
        before = self.session.latest
        self.session.end_turn()
        return Push(MonthSummaryScene(self.session, before, self.session.latest))
