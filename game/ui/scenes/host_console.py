"""The facilitator's console of a live session, in a window for the projector.

``partnership host SESSION --window``: the address and join code large at the top, the timer
and the round's state large beneath them (to be read from the back of a room), every team
(connected or away, handed in or not), the league table and the latest actions, with a button
for each command of the one table (``session.commands``): the same keys as the one-screen
facilitator's screen, and the commands that end, advance, reveal, rewind or drop ask first.
Commands go to the host's thread as console lines, so the window and the text console do
exactly the same things. The room is read from the host every half second and shown only
when it changed.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu

from ...live.hosting import HostThread
from ...session.commands import COMMANDS, Command, asks_now, command
from ...session.rounds import PHASE_WORDS, clock_text, round_title
from .base import PopTo, Push, Quit, Scene, Transition, escape
from .confirm import ConfirmScene
from .keys import KEY_CODES

#: Seconds between looks at the room.
POLL_SECONDS = 0.5
ALL_TEAMS = "every team"


class HostConsoleScene(Scene):
    name = "host"

    def __init__(self, hosting: HostThread, address: str) -> None:
        super().__init__()
        self.hosting = hosting
        self.address = address
        self.room: dict[str, Any] = {}
        self.output = "Teams join with the address and the code above: in a browser (nothing "\
            "to install), from the game's title screen (Join), or with the join command on the "\
            "screen's last line."
        self.asked: concurrent.futures.Future[dict[str, Any]] | None = None
        self.running: concurrent.futures.Future[str] | None = None
        self.running_line = ""
        self.waited = POLL_SECONDS
        self.inject_event = ""
        self.inject_team = ALL_TEAMS
        self.boxes: dict[str, Any] = {}
        self.big: dict[str, Any] = {}  # the timer and the round's state, in large type
        self.shown_buttons: tuple[str, ...] = ()

    # -- building ---------------------------------------------------------------------------
    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        room = self.hosting.room
        s = room.session
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 12),
                   f"Live session: {s.spec.title}", "#heading")
        join_h = self.text_height("#join_line")
        self.label(pygame.Rect(margin, margin // 2 + row + 12, w - 2 * margin, join_h),
                   f"Join at http://{self.address}   ·   code {room.code}", "#join_line")
        top = margin // 2 + row + 12 + join_h + gap
        side = max(320, int(w * 0.3))
        left_w = w - side - 2 * margin - gap
        foot = row + gap
        body_h = h - top - margin // 2 - foot
        strip = self._round_strip(pygame.Rect(margin, top, left_w, body_h))
        teams_top = top + strip + gap
        teams_h = (top + body_h - teams_top - gap) * 3 // 5
        self.boxes["teams"] = self.text_box(pygame.Rect(margin, teams_top, left_w // 2 - gap // 2,
                                                        teams_h), "")
        self.boxes["league"] = self.text_box(
            pygame.Rect(margin + left_w // 2 + gap // 2, teams_top, left_w - left_w // 2 - gap // 2,
                        teams_h), "")
        low = teams_top + teams_h + gap
        self.boxes["output"] = self.text_box(
            pygame.Rect(margin, low, left_w, top + body_h - low), "")
        self._buttons(pygame.Rect(w - margin - side, top, side, body_h))
        self.shown_buttons = tuple(c.verb for c in self._commands())
        self.label(pygame.Rect(margin, h - margin // 2 - row, w - 2 * margin, row),
                   f"partnership join {self.address} --code {room.code} --team NAME",
                   "#muted", centre=True)
        self._show()

    def text_height(self, object_id: str) -> int:
        """A line of ``object_id``'s font, with room above and below."""
        return int(self.manager.get_theme().get_font([object_id, "label"]).size("Hg")[1]
                   * 1.35)

    def _round_strip(self, rect: pygame.Rect) -> int:
        """The timer and the round's state, large; returns the height they take."""
        timer_h = self.text_height("#title")
        state_h = self.text_height("#join_line")
        timer_w = max(self.text_width("00:00", "#title", "label") + 2 * self.m("gap"),
                      rect.width // 4)
        self.big["timer"] = self.label(pygame.Rect(rect.x, rect.y, timer_w, timer_h), "--:--",
                                       "#title", centre=True)
        self.big["state"] = self.label(
            pygame.Rect(rect.x + timer_w, rect.y + (timer_h - state_h) // 2,
                        rect.width - timer_w, state_h), "", "#join_line")
        self.boxes["round"] = self.text_box(
            pygame.Rect(rect.x, rect.y + timer_h, rect.width, 2 * self.m("row")), "")
        return timer_h + 2 * self.m("row")

    def _buttons(self, rect: pygame.Rect) -> None:
        row, gap = self.m("row"), self.m("gap")
        bh = int(row * 1.2)
        half = (rect.width - gap) // 2
        shown = self._commands()
        grid = [c for c in shown if c.verb not in ("inject", "help", "quit")]
        y = rect.y
        for i, c in enumerate(grid):
            x = rect.x + (i % 2) * (half + gap)
            self.button(pygame.Rect(x, y, half, bh), c.label, lambda v=c.verb: self.do(v),
                        KEY_CODES.get(c.key), tooltip=c.what,
                        object_id="#primary" if c.verb in ("open", "advance") else None)
            if i % 2:
                y += bh + gap
        y += (bh + gap) if len(grid) % 2 else 0
        injectable = self.hosting.room.session.spec.injectable_events
        if injectable:
            y += gap
            self.label(pygame.Rect(rect.x, y, rect.width, row), "Inject an event:", "#muted")
            y += row
            titles = self.inject_titles()
            self.inject_event = self.inject_event if self.inject_event in titles.values() \
                else injectable[0]
            shown_title = next(k for k, v in titles.items() if v == self.inject_event)
            UIDropDownMenu(list(titles), shown_title, pygame.Rect(rect.x, y, rect.width, bh),
                           manager=self.manager, container=self.root,
                           object_id="#inject_event")
            y += bh + gap
            teams = [ALL_TEAMS, *self.hosting.room.session.teams]
            if self.inject_team not in teams:
                self.inject_team = ALL_TEAMS
            UIDropDownMenu(teams, self.inject_team, pygame.Rect(rect.x, y, half, bh),
                           manager=self.manager, container=self.root,
                           object_id="#inject_team")
            inject = command("inject")
            self.button(pygame.Rect(rect.x + half + gap, y, half, bh), "Inject",
                        lambda: self.do("inject"), KEY_CODES[inject.key], tooltip=inject.what)
            y += bh + 2 * gap
        for i, verb in enumerate(("help", "quit")):
            c = command(verb)
            self.button(pygame.Rect(rect.x + i * (half + gap), y, half, bh),
                        "Stop host" if verb == "quit" else c.label, lambda v=verb: self.do(v),
                        KEY_CODES[c.key], tooltip=c.what)

    def _commands(self) -> list[Command]:
        """The window's commands from the one table: one of pause and resume, of reveal and
        hide, as the room stands."""
        r = self.room
        hidden = {"resume" if r.get("paused") is False or not r else "pause",
                  "hide" if not r.get("league_visible") else "reveal"}
        return [c for c in COMMANDS if c.window and c.verb not in hidden]

    def inject_titles(self) -> dict[str, str]:
        """The session's injectable events by title (the list shows titles, not ids)."""
        scenario = self.hosting.room.session.scenario
        return {scenario.event(e).title: e
                for e in self.hosting.room.session.spec.injectable_events}

    # -- the room -----------------------------------------------------------------------------
    def update(self, dt: float) -> Transition | None:
        if self.running is not None and self.running.done():
            text = self.running.result()
            # a command's first line says what it did; the round's state is on screen already
            lines = text.split("\n")
            if self.running_line == "debrief" and len(lines) > 2:  # the comparison is in the
                lines = [lines[0], *(x for x in lines
                                     if x.startswith(("report", "spreadsheet", "results")))]
                lines.append("Open the report on the projector to compare the teams.")
            self.output = "\n".join(lines) if self.running_line == "debrief" else \
                f"{self.running_line}: {lines[0]}"
            self.running = None
            self.waited = POLL_SECONDS  # look at the room now
            self._show()
        if self.asked is not None and self.asked.done():
            room = self.asked.result()
            self.asked = None
            if room != self.room:
                teams_changed = [t["name"] for t in room.get("teams", [])] != \
                    [t["name"] for t in self.room.get("teams", [])]
                self.room = room
                buttons = tuple(c.verb for c in self._commands())
                # the inject menu lists the teams; Pause becomes Resume, Reveal becomes Hide
                if (teams_changed and self.room) or buttons != self.shown_buttons:
                    self.build()
                else:
                    self._show()
        self.waited += dt
        if self.waited >= POLL_SECONDS and self.asked is None:
            self.waited = 0.0
            self.asked = self.hosting.view()
        return None

    def _show(self) -> None:
        if not self.boxes:
            return
        r = self.room
        timer = clock_text(float(r["seconds_left"])) if r.get("phase") in ("open", "locked") \
            else "--:--"
        state = round_title(r["month"], r["months"], r["phase"]) + "  ·  " + \
            PHASE_WORDS.get(r["phase"], r["phase"]) + ("  ·  PAUSED" if r["paused"] else "") \
            if r else "Reading the room..."
        for name, text in (("timer", timer), ("state", state)):
            if self.big[name].text != text:
                self.big[name].set_text(text)
        for name, html in (("round", self._round_html()), ("teams", self._teams_html()),
                           ("league", self._league_html()), ("output", self._output_html())):
            box = self.boxes[name]
            if box.html_text != html:
                box.set_text(html)

    def _round_html(self) -> str:
        r = self.room
        if not r:
            return ""
        waiting = r["waiting_for"]
        if r["phase"] == "waiting":
            return "Open the round when the teams are ready."
        if r["phase"] == "open":
            return ("Waiting for: " + escape(", ".join(waiting))) if waiting else \
                "Every team has handed in: lock, then advance."
        if r["phase"] == "locked":
            return "Hand-ins are closed: advance plays the month."
        return "Every month is played: the debrief (D) compares the teams."

    def _teams_html(self) -> str:
        teams = self.room.get("teams", [])
        lines = [f"<b>Teams</b> ({sum(t['joined'] for t in teams)} of {len(teams)} connected)"]
        for t in teams:
            state = ("ended: " + t["ended"]) if t["ended"] else \
                ("handed in" if t["submitted"] else "not handed in")
            lines.append(f"{escape(t['name'])}: {'connected' if t['joined'] else 'away'}, "
                         f"{escape(state)}")
        return "<br>".join(lines)

    def _league_html(self) -> str:
        rows = self.room.get("league", [])
        shown = "shown to teams" if self.room.get("league_visible") else "hidden from teams"
        lines = [f"<b>League</b> ({shown})"]
        if not rows or rows[0]["overall"] is None:
            return lines[0] + "<br>No month played yet."
        for i, r in enumerate(rows, 1):
            lines.append(f"{i}. {escape(r['name'])}: <b>{r['overall']}</b>")
        return "<br>".join(lines)

    def _output_html(self) -> str:
        log = self.room.get("log", [])
        text = escape(self.output).replace("\n", "<br>")
        if self.running is not None:
            text = "<i>Working...</i>"
        recent = "<br>".join(escape(x) for x in log[-4:])
        return text + (f"<br><br><b>Latest</b><br>{recent}" if recent else "")

    # -- acting -----------------------------------------------------------------------------
    def do(self, verb: str) -> Transition | None:
        """A command of the table, asking first where the table says it asks."""
        r = self.room
        c = command(verb)
        if verb == "help":
            from .keys import KeysScene
            return Push(KeysScene(window=True))
        if verb in ("add", "drop", "release"):
            return self.pick_team(verb)
        act = (lambda: Quit()) if verb == "quit" else \
            (lambda: self.inject()) if verb == "inject" else (lambda: self.command(verb))
        if not asks_now(c, bool(r.get("waiting_for")), r.get("phase") == "finished"):
            return act()
        question, detail, go = self._question(verb)
        return Push(ConfirmScene(question, detail, go, lambda: self._confirmed(act),
                                 stay="Cancel"))

    def _question(self, verb: str) -> tuple[str, str, str]:
        r = self.room
        month = r.get("month", 1)
        title = next((k for k, v in self.inject_titles().items() if v == self.inject_event), "")
        return {
            "lock": ("Lock the round?", "Still to hand in: " + ", ".join(r.get("waiting_for",
                     [])) + ". They keep their settings and their cards lapse.", "Lock"),
            "advance": (f"Play month {month}?", "Every hand-in is applied and the month is "
                        "played for every team. Only a rewind undoes it.", "Play the month"),
            "reveal": ("Reveal the league?", "Every team's scores go to the teams' windows.",
                       "Reveal"),
            "inject": ("Inject this event now?", f"'{title}', for {self.inject_team}.",
                       "Inject"),
            "rewind": (f"Rewind month {month - 1}?", "The month is undone and its round opens "
                       "again with every team's hand-in.", "Rewind"),
            "debrief": ("Write the debrief now?", "Not every month is played: the comparison "
                        "covers the months so far.", "Write it"),
            "quit": ("Stop the host?", "Every team is disconnected. The journal keeps the "
                     "session: host it again to carry on.", "Stop host"),
        }[verb]

    def _confirmed(self, act: Callable[[], Transition | None]) -> Transition | None:
        then = act()
        return then if isinstance(then, Quit) else PopTo(self, None)

    def pick_team(self, verb: str) -> Transition:
        """Add asks for the new team's name; drop and release for a team, then ask first."""
        from .host_modals import PickTeamScene, TeamNameScene
        if verb == "add":
            return Push(TeamNameScene("Add a team", lambda name: self.command(f"add {name}")))
        c = command(verb)
        teams = list(self.hosting.room.session.teams)

        def chosen(team: str) -> Transition:
            detail = (f"{team} plays no more rounds; it keeps the months it played."
                      if verb == "drop" else f"{team}'s seat is freed: the next laptop to "
                      "join as the team takes it.")
            return Push(ConfirmScene(f"{c.label}: {team}?", detail, c.label,
                                     lambda: self._confirmed(
                                         lambda: self.command(f"{verb} {team}")),
                                     stay="Cancel"))
        return Push(PickTeamScene(f"{c.label}: which team?", teams, chosen))

    def command(self, line: str) -> None:
        if self.running is not None:
            return  # one at a time, in the order given
        self.running, self.running_line = self.hosting.command(line), line
        self._show()

    def inject(self) -> None:
        if not self.inject_event:
            return
        team = "" if self.inject_team == ALL_TEAMS else f" {self.inject_team}"
        self.command(f"inject {self.inject_event}{team}")

    def on_event(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            ids = getattr(event.ui_element, "object_ids", None) or []
            if "#inject_event" in ids:
                self.inject_event = self.inject_titles().get(event.text, self.inject_event)
            elif "#inject_team" in ids:
                self.inject_team = event.text
        return None
