"""Live sessions from a team's window: joining a host, the month's dashboard with the round's
state, and the menu.

``JoinScene`` (from the title screen, or ``partnership join``) asks for the host's address,
the join code and the team's name, and connects on a ``LiveLink`` thread while the window goes
on drawing. Once the host has welcomed the team and sent its state, ``LiveDashboardScene``
plays: it is the ordinary dashboard over a ``LiveGame`` replica, with End turn become Hand in,
and each frame it takes what the host sent (a month played, a rewind, an event fired, the
timer) and shows it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from ...live.link import LiveLink, Note
from ...live.replica import LiveGame, LiveScenarioError, LiveStateError
from ...live.seats import keep_seat, read_seat, seat_file
from .base import Pop, PopTo, Push, Reset, Scene, Transition, escape
from .dashboard import DashboardScene

#: Seconds between redraws of the round's status (the timer shows whole seconds).
STATUS_SECONDS = 0.5
DEFAULT_ADDRESS = "127.0.0.1:8765"


class JoinScene(Scene):
    name = "join"

    def __init__(self, address: str = "", code: str = "", team: str = "",
                 seat_file: Path | None = None, connect_now: bool = False) -> None:
        super().__init__()
        self.values = {"address": address or DEFAULT_ADDRESS, "code": code, "team": team}
        self.seat_path = seat_file
        self.connect_now = connect_now
        self.link: LiveLink | None = None
        self.welcome: dict[str, Any] | None = None
        self.message = ""
        self.fields: dict[str, UITextEntryLine] = {}

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        fw = min(640, w - 2 * margin)
        x, y = (w - fw) // 2, h // 8
        self.label(pygame.Rect(0, y, w, row + 16), "Join a live session", "#heading",
                   centre=True)
        y += row + 16 + gap
        self.label(pygame.Rect(0, y, w, row), "Your facilitator shows the address and the join "
                   "code on the projector.", "#muted", centre=True)
        y += row + 2 * gap
        bh = int(row * 1.3)
        for key, title in (("address", "Host address (e.g. 192.168.1.20:8765)"),
                           ("code", "Join code"), ("team", "Your team's name")):
            self.label(pygame.Rect(x, y, fw, row), title)
            self.fields[key] = self.text_entry(pygame.Rect(x, y + row, fw, bh),
                                               self.values[key])
            y += row + bh + gap
        busy = self.link is not None
        bw = (fw - gap) // 2
        self.button(pygame.Rect(x, y + gap, bw, bh), "Connecting..." if busy else "Join",
                    self.join, pygame.K_RETURN, object_id="#primary")
        self.button(pygame.Rect(x + bw + gap, y + gap, bw, bh), "Back", self.back,
                    pygame.K_ESCAPE)
        y += bh + 3 * gap
        if self.message:
            self.text_box(pygame.Rect(x, y, fw, max(3 * row, h - y - margin)),
                          escape(self.message), object_id="#error")

    def on_event(self, event: pygame.event.Event) -> Transition | None:
        """Enter in a field joins, as the Join button does (the field has the key)."""
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and \
                getattr(event, "ui_element", None) in self.fields.values():
            return self.join()
        return None

    def _read_fields(self) -> None:
        for key, entry in self.fields.items():
            self.values[key] = entry.get_text().strip()

    def join(self) -> Transition | None:
        if self.link is not None:
            return None
        if self.fields:
            self._read_fields()
        address, code, team = (self.values[k] for k in ("address", "code", "team"))
        missing = [name for name, v in (("the host's address", address), ("the join code", code),
                                        ("your team's name", team)) if not v]
        if missing:
            self.message = "Fill in " + " and ".join(missing) + "."
            self.build()
            return None
        path = self.seat_path or seat_file(address, code, team)
        self.link = LiveLink(address, code, team, seat=read_seat(path),
                             on_seat=lambda seat: keep_seat(path, seat))
        self.link.start()
        self.message = ""
        self.build()
        return None

    def _drop_link(self) -> None:
        if self.link is not None:
            self.link.close()
            self.link = None

    def back(self) -> Transition:
        self._drop_link()
        if self.app is not None and len(self.app.stack) > 1:
            return Pop()
        from .title import TitleScene
        return Reset(TitleScene())

    def update(self, dt: float) -> Transition | None:
        if self.connect_now:
            self.connect_now = False
            return self.join()
        if self.link is None:
            return None
        for note in self.link.poll():
            if note.kind == "welcome":
                self.welcome = note.data
            elif note.kind == "state" and self.welcome is not None:
                return self._start(note.data)
            elif note.kind in ("refused", "unreachable"):
                return self._failed(note)
        return None

    def _start(self, state: dict[str, Any]) -> Transition | None:
        assert self.link is not None and self.welcome is not None
        try:
            game = LiveGame(self.welcome, state, self.link)
        except (LiveScenarioError, LiveStateError) as exc:
            return self._failed(Note("refused", str(exc)))
        link, self.link = self.link, None
        return Reset(LiveDashboardScene(game, link))

    def _failed(self, note: Note) -> Transition | None:
        self._drop_link()
        self.message = (f"The host would not let this team in: {note.data}"
                        if note.kind == "refused" else
                        f"Cannot reach the host: {note.data}. Check the address, and that this "
                        "laptop is on the same network as the facilitator's.")
        self.build()
        return None

    def exit(self) -> None:
        self._drop_link()
        super().exit()


class LiveDashboardScene(DashboardScene):
    """The dashboard of a team in a live session."""

    name = "dashboard"
    END_TURN = ("Hand in", "Send this month's moves to the host (E or Enter); until the "
                "round locks you can change them and hand in again.", "hand in")

    def __init__(self, game: LiveGame, link: LiveLink, notice: str = "") -> None:
        super().__init__(game, notice=notice)
        self.game = game
        self.link = link
        self.tutorial_due = False
        self.connection = ""  # '' while connected, else what is wrong
        self.gone = False  # the link ended for good
        self.waited_status = 0.0

    # -- what the host sent --------------------------------------------------------------------
    def enter(self, app: Any) -> None:
        super().enter(app)
        app.background.append(self.background)

    def background(self, dt: float) -> Transition | None:
        """Every frame, whatever is on top: take what the host sent."""
        transition = self.take_notes()
        if transition is not None:
            return transition
        self.waited_status += dt
        if self.waited_status >= STATUS_SECONDS and self.root is not None:
            self.waited_status = 0.0
            self._set_box(self.month_box, self._month_html())
        return None

    def take_notes(self) -> Transition | None:
        from .summary import MonthSummaryScene

        before = self.game.latest
        played, moved = 0, False
        for note in self.link.poll():
            if note.kind == "state":
                try:
                    change = self.game.sync(note.data)
                except LiveStateError as exc:
                    self.notice = f"The host sent an update this window cannot use ({exc}); " \
                        "the figures here may be behind. Leave and join again if it lasts."
                    continue
                played += change.played
                moved = moved or bool(change.played) or change.rewound
                if change.rewound:
                    self.notice = (f"The facilitator took the session back to month "
                                   f"{self.game.month}: this month is open again.")
                if change.dropped:
                    self.notice = "No longer possible, so left out: " + "; ".join(change.dropped)
                if change.mismatch:
                    self.notice = change.mismatch
                if change.rebuilt and self.root is not None:
                    self.refresh()
            elif note.kind == "reply":
                self.game.take_reply(note.data)
            elif note.kind == "offline":
                self.connection = str(note.data)
            elif note.kind == "online":
                self.connection = ""
            elif note.kind in ("refused", "unreachable"):
                self.connection = f"Disconnected: {note.data}"
                self.gone = True
            elif note.kind == "error":
                self.notice = f"The host says: {note.data.get('message', '')}"
        if self.root is not None:
            self._set_box(self.month_box, self._month_html())
        summary = MonthSummaryScene(self.game, before, self.game.latest) if played else None
        if moved:  # a card or panel of a month gone by comes off the stack
            return PopTo(self, summary)
        return Push(summary) if summary is not None else None

    # -- showing --------------------------------------------------------------------------
    def _month_html(self) -> str:
        g = self.game
        state = f"<b>{escape(g.team)}</b> · {escape(g.status())}"
        if g.league_line():
            state += f"<br>{escape(g.league_line())}"
        if self.connection:
            state += f"<br><b>{escape(self.connection)}</b>"
        return state + "<br><br>" + super()._month_html()

    # -- acting -----------------------------------------------------------------------------
    def end_turn(self) -> Transition | None:
        from .end import EndScene
        g = self.game
        if g.finished:
            return Reset(EndScene(g))
        pending = g.pending_events()
        if pending:
            from .event_card import EventCardScene
            return Push(EventCardScene(g, pending[0]))
        if g.phase != "open" or g.paused or self.gone:
            self.notice = ("Not handed in: " + (self.connection if self.gone else g.status()))
        else:
            g.hand_in()
            self.notice = ""
        self._set_box(self.month_box, self._month_html())
        return None

    def menu(self) -> Transition:
        return Push(LiveMenuScene(self))

    def leave(self) -> Transition:
        self.link.close()
        from .title import TitleScene
        return Reset(TitleScene(self.game.seed))

    def exit(self) -> None:
        if self.app is not None and self.background in self.app.background:
            self.app.background.remove(self.background)
        self.link.close(wait_s=0.5)
        super().exit()


class LiveMenuScene(Scene):
    """The menu of a live game: no saving here (the host keeps the session)."""

    name = "pause"
    modal = True
    modal_share = (0.42, 0.6)

    def __init__(self, dashboard: LiveDashboardScene) -> None:
        super().__init__()
        self.dashboard = dashboard

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 8), "Menu", "#heading")
        bh, bw = int(row * 1.25), w - 2 * margin
        y = margin // 2 + row + 2 * gap
        for text, action, key, oid in (("Resume", lambda: Pop(), pygame.K_ESCAPE, "#primary"),
                                       ("Settings", self.settings, pygame.K_o, None),
                                       ("Leave the session", self.dashboard.leave, pygame.K_q,
                                        None)):
            self.button(pygame.Rect(margin, y, bw, bh), text, action, key, object_id=oid)
            y += bh + gap
        self.text_box(pygame.Rect(margin, y + gap, bw, max(h - y - gap - margin // 2, 2 * row)),
                      "The host keeps your team's game. Leave and join again with the same "
                      "address, code and team name to carry on where you were.",
                      object_id="#muted")

    def settings(self) -> Transition:
        from .settings import SettingsScene
        return Push(SettingsScene())
