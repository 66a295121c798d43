"""The facilitator's console of a live session, in a window for the projector.

``partnership host SESSION --window``: the address and join code large at the top, the round
(month, phase, timer) and every team (connected or away, handed in or not), the league table
and the latest actions, with a button for each command of the text console. Commands go to the
host's thread as console lines, so the window and the text console do exactly the same things.
The room is read from the host every half second and shown only when it changed.
"""

from __future__ import annotations

import concurrent.futures
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu

from ...live.hosting import HostThread
from ...session.rounds import clock_text
from .base import Quit, Scene, Transition, escape

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
        self.output = "Teams join with the address and the code above: from the title screen's "\
            "Join, or with the join command on the screen's last line."
        self.asked: concurrent.futures.Future[dict[str, Any]] | None = None
        self.running: concurrent.futures.Future[str] | None = None
        self.running_line = ""
        self.waited = POLL_SECONDS
        self.inject_event = ""
        self.inject_team = ALL_TEAMS
        self.boxes: dict[str, Any] = {}

    # -- building ---------------------------------------------------------------------------
    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        room = self.hosting.room
        s = room.session
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 12),
                   f"Live session: {s.spec.title}", "#heading")
        self.label(pygame.Rect(margin, margin // 2 + row + 12, w - 2 * margin, 56),
                   f"Join at {self.address}   ·   code {room.code}", "#join_line")
        top = margin // 2 + row + 12 + 56 + gap
        side = max(320, int(w * 0.3))
        left_w = w - side - 2 * margin - gap
        foot = row + gap
        body_h = h - top - margin // 2 - foot
        self.boxes["round"] = self.text_box(
            pygame.Rect(margin, top, left_w, 2 * row + 12), "")
        teams_top = top + 2 * row + 12 + gap
        teams_h = (body_h - 2 * row - 12 - 2 * gap) * 13 // 20
        self.boxes["teams"] = self.text_box(pygame.Rect(margin, teams_top, left_w // 2 - gap // 2,
                                                        teams_h), "")
        self.boxes["league"] = self.text_box(
            pygame.Rect(margin + left_w // 2 + gap // 2, teams_top, left_w - left_w // 2 - gap // 2,
                        teams_h), "")
        low = teams_top + teams_h + gap
        self.boxes["output"] = self.text_box(
            pygame.Rect(margin, low, left_w, top + body_h - low), "")
        self._buttons(pygame.Rect(w - margin - side, top, side, body_h))
        self.label(pygame.Rect(margin, h - margin // 2 - row, w - 2 * margin, row),
                   f"partnership join {self.address} --code {room.code} --team NAME",
                   "#muted", centre=True)
        self._show()

    def _buttons(self, rect: pygame.Rect) -> None:
        row, gap = self.m("row"), self.m("gap")
        bh = int(row * 1.2)
        half = (rect.width - gap) // 2
        grid = [("Open round", "open", pygame.K_o), ("Lock", "lock", pygame.K_l),
                ("Advance", "advance", pygame.K_a), ("Rewind", "rewind", pygame.K_r),
                ("Pause", "pause", pygame.K_p), ("Resume", "resume", pygame.K_u),
                ("Show league", "reveal", pygame.K_v), ("Hide league", "hide", pygame.K_h)]
        y = rect.y
        for i, (text, line, key) in enumerate(grid):
            x = rect.x + (i % 2) * (half + gap)
            self.button(pygame.Rect(x, y, half, bh), text, lambda c=line: self.command(c), key,
                        object_id="#primary" if line in ("open", "advance") else None)
            if i % 2:
                y += bh + gap
        injectable = self.hosting.room.session.spec.injectable_events
        if injectable:
            y += gap
            self.label(pygame.Rect(rect.x, y, rect.width, row), "Inject an event:", "#muted")
            y += row
            self.inject_event = self.inject_event or injectable[0]
            UIDropDownMenu(list(injectable), self.inject_event,
                           pygame.Rect(rect.x, y, rect.width, bh), manager=self.manager,
                           container=self.root, object_id="#inject_event")
            y += bh + gap
            teams = [ALL_TEAMS, *self.hosting.room.session.teams]
            if self.inject_team not in teams:
                self.inject_team = ALL_TEAMS
            UIDropDownMenu(teams, self.inject_team, pygame.Rect(rect.x, y, half, bh),
                           manager=self.manager, container=self.root,
                           object_id="#inject_team")
            self.button(pygame.Rect(rect.x + half + gap, y, half, bh), "Inject", self.inject,
                        pygame.K_i)
            y += bh + 2 * gap
        self.button(pygame.Rect(rect.x, y, half, bh), "Debrief", lambda: self.command("debrief"),
                    pygame.K_d, tooltip="Write every team's results file and compare them.")
        self.button(pygame.Rect(rect.x + half + gap, y, half, bh), "Stop host", lambda: Quit(),
                    pygame.K_q, tooltip="The journal keeps the session: host it again to "
                    "carry on.")

    # -- the room -----------------------------------------------------------------------------
    def update(self, dt: float) -> Transition | None:
        if self.running is not None and self.running.done():
            text = self.running.result()
            # a command's first line says what it did; the round's state is on screen already
            lines = text.split("\n")
            if self.running_line == "debrief" and len(lines) > 2:  # the comparison is in the
                lines = [lines[0], *(x for x in lines if x.startswith(("report", "results")))]
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
                if teams_changed and self.room:  # the inject menu lists the teams
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
        for name, html in (("round", self._round_html()), ("teams", self._teams_html()),
                           ("league", self._league_html()), ("output", self._output_html())):
            box = self.boxes[name]
            if box.html_text != html:
                box.set_text(html)

    def _round_html(self) -> str:
        r = self.room
        if not r:
            return "Reading the room..."
        waiting = r["waiting_for"]
        paused = " (paused)" if r["paused"] else ""
        line = f"<b>Month {r['month']} of {r['months']}: {r['phase']}{paused}</b>"
        if r["phase"] in ("open", "locked"):
            line += f"   ·   timer {clock_text(float(r['seconds_left']))}"
        elif r["phase"] == "waiting":
            line += "<br>Open the round when the teams are ready."
        if r["phase"] == "open":
            line += ("<br>Waiting for: " + escape(", ".join(waiting))) if waiting else \
                "<br>Every team has handed in: lock, then advance."
        return line

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
                self.inject_event = event.text
            elif "#inject_team" in ids:
                self.inject_team = event.text
        return None
