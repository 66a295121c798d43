"""The facilitator's screen: every team side by side, the round timer and the controls.

It draws a ``GroupSession`` (game.session.engine) and turns buttons and keys into its calls;
every rule lives in the session. The timer is the session's, ticked with each frame's time.
Built for a projector: the facilitator's app uses the large-text theme.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
from pygame_gui.elements import UIPanel

from ..scoring import PILLARS
from ..session.commands import COMMANDS, Command, asks_now, command
from ..session.engine import GroupSession
from ..session.rounds import PHASE_WORDS, Phase, SessionError, round_title
from ..session.snapshot import SnapshotWriter
from ..session.team_view import key_figures
from .scenes.base import PopTo, Push, Quit, Scene, Transition, escape
from .scenes.keys import KEY_CODES

if TYPE_CHECKING:
    from .app import App

#: The round's commands, in the column under the timer; the others run along the bottom.
ROUND_VERBS = ("open", "lock", "advance", "pause", "resume", "reveal", "hide", "inject",
               "rewind", "debrief")
#: In the top bar, on the right.
TOPBAR_VERBS = ("help", "quit")
#: A team's figures on its row while the league is hidden (its hand-in shows them all).
ROW_FIGURES = ("Cash", "Routine wait", "Team wellbeing")
#: A command on the screen: its key and whether it can be done now.
Entry = tuple[Command, int, bool]
#: The screen's method for a command, where it is not the command's word.
ACTIONS = {"pause": "pause_round", "resume": "resume_round", "help": "keys_list"}
#: Commands whose dialog is where they ask: the event or the team is picked there first.
DIALOG_ASKS = ("inject", "drop")
TEAM_KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_6,
             pygame.K_7, pygame.K_8, pygame.K_9)


def round_state(s: GroupSession) -> str:
    """'Month 3 of 8 · Round open', or 'All 8 months played · Session finished'."""
    phase = s.phase.value
    paused = "  ·  PAUSED" if s.paused else ""
    return f"{round_title(s.month, s.months, phase)}  ·  {PHASE_WORDS[phase]}{paused}"


class FacilitatorScene(Scene):
    """The main facilitator screen."""

    name = "facilitate"

    def __init__(self, session: GroupSession,
                 on_finish: Callable[[GroupSession], Scene] | None = None,
                 saver: SnapshotWriter | None = None) -> None:
        super().__init__()
        self.session = session
        self.on_finish = on_finish
        self.saver = saver
        self.notice = ""
        self.notice_is_error = False
        self.timer_label = None
        self.shown_timer = ""

    # -- building ---------------------------------------------------------------------------
    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        bar = self.m("topbar") + 24
        entries = self._entries()
        self._topbar(w, bar, [e for e in entries if e[0].verb in TOPBAR_VERBS])
        side = max(300, int(w * 0.24))
        rounds = [e for e in entries if e[0].verb in ROUND_VERBS]
        self._controls(pygame.Rect(margin, bar + gap, side, h - bar - gap - margin), rounds)
        area = pygame.Rect(margin + side + 2 * gap, bar + gap, w - side - 2 * margin - 2 * gap,
                           h - bar - gap - margin)
        tools = self._grid(area, [e for e in entries
                                  if e[0].verb not in (*ROUND_VERBS, *TOPBAR_VERBS)])
        notice_h = int(row * 1.2)
        teams_h = area.height - notice_h - tools - 2 * gap
        self._teams(pygame.Rect(area.x, area.y, area.width, teams_h))
        problem = self.saver.problem if self.saver is not None else ""
        oid = "#error" if self.notice_is_error or problem else "#ok"
        notice = "  ".join(t for t in (problem, self.notice or self._hint()) if t)
        self.text_box(pygame.Rect(area.x, area.y + teams_h + gap, area.width, notice_h),
                      escape(notice), object_id=oid)

    def _topbar(self, w: int, bar: int, entries: list[Entry]) -> None:
        """The session's title and where it stands, with the key list and Quit on the right."""
        s = self.session
        panel = UIPanel(pygame.Rect(0, 0, w, bar), manager=self.manager, container=self.root,
                        object_id="#topbar")
        gap = self.m("gap")
        widths = [self.button_width(c.label, k) for c, k, _ in entries]
        x = w - 16 - sum(widths) - gap * (len(entries) - 1)
        for (c, k, enabled), bw in zip(entries, widths, strict=True):
            self._command_button(pygame.Rect(x, bar // 4, bw, bar // 2), c, k, enabled, panel)
            x += bw + gap
        room = w - 32 - sum(widths) - gap * len(entries)
        self.label(pygame.Rect(16, 0, room, bar // 2), f"{s.spec.title}", "#topbar_text",
                   container=panel)
        watching = f"  ·  Observing: {', '.join(s.observers)}" if s.observers else ""
        self.label(pygame.Rect(16, bar // 2, room, bar // 2 - 4),
                   f"{round_state(s)}{watching}", "#topbar_text", container=panel)

    def _controls(self, rect: pygame.Rect, entries: list[Entry]) -> None:
        """The timer, large, and the round's commands beneath it."""
        row, gap = self.m("row"), self.m("gap")
        timer_h = int(row * 2.2)
        self.shown_timer = self._timer_text()
        self.timer_label = self.label(pygame.Rect(rect.x, rect.y, rect.width, timer_h),
                                      self.shown_timer, "#title", centre=True)
        y = rect.y + timer_h + gap
        bh = min(int(row * 1.25), (rect.bottom - y) // max(len(entries), 1) - gap)
        for c, k, enabled in entries:
            self._command_button(pygame.Rect(rect.x, y, rect.width, bh), c, k, enabled)
            y += bh + gap

    def _grid(self, area: pygame.Rect, entries: list[Entry]) -> int:
        """The session's other commands in rows along the bottom of ``area``, as many to a
        row as their words allow; returns the height they take."""
        row, gap = self.m("row"), self.m("gap")
        need = max(self.button_width(c.label, k) for c, k, _ in entries)
        per_row = max(1, min(len(entries), (area.width + gap) // (need + gap)))
        rows = -(-len(entries) // per_row)
        bw = (area.width - (per_row - 1) * gap) // per_row
        bh = int(row * 1.2)
        top = area.bottom - rows * (bh + gap) + gap
        for i, (c, k, enabled) in enumerate(entries):
            x, y = area.x + (i % per_row) * (bw + gap), top + (i // per_row) * (bh + gap)
            self._command_button(pygame.Rect(x, y, bw, bh), c, k, enabled)
        return rows * (bh + gap) - gap

    def _command_button(self, rect: pygame.Rect, c: Command, k: int, enabled: bool,
                        container: object = None) -> None:
        primary = c.verb in ("open", "lock", "advance") and enabled
        b = self.button(rect, c.label, lambda v=c.verb: self.do(v), k, container=container,
                        object_id="#primary" if primary else None, tooltip=c.what)
        if not enabled:
            b.disable()
            self.keys.pop(k, None)

    def _entries(self) -> list[Entry]:
        """The screen's commands from the one table (``session.commands``), with their keys
        and whether each can be done now."""
        s = self.session
        now = {"open": s.phase is Phase.WAITING, "lock": s.phase is Phase.OPEN,
               "advance": s.phase is Phase.LOCKED, "pause": not s.paused, "resume": s.paused,
               "reveal": not s.league_visible, "hide": s.league_visible,
               "inject": s.phase is Phase.OPEN and bool(s.spec.injectable_events),
               "rewind": bool(s.run.history), "add": s.phase is not Phase.FINISHED,
               "drop": len(s.teams) > 1, "knowledge": bool(s.scenario.knowledge_check),
               "summary": bool(s.run.history),
               "debrief": s.phase is Phase.FINISHED or bool(s.run.history)}
        shown = [c for c in COMMANDS if c.screen and c.key]
        # a key's two commands (pause and resume, reveal and hide) share one button
        toggles = {"pause": "resume", "resume": "pause", "reveal": "hide", "hide": "reveal"}
        out = []
        for c in shown:
            if c.verb in toggles and not now[c.verb] and now.get(toggles[c.verb], False):
                continue
            out.append((c, KEY_CODES[c.key], now.get(c.verb, True)))
        return out

    def do(self, verb: str) -> Transition | None:
        """A command of the table, asking first where the table says it asks."""
        c = command(verb)
        act: Callable[[], Transition | None] = getattr(self, ACTIONS.get(verb, verb))
        if not self.asks(c):
            return act()
        question, detail, go = self._question(verb)
        from .scenes.confirm import ConfirmScene
        return Push(ConfirmScene(question, detail, go, lambda: self._confirmed(act),
                                 stay="Cancel"))

    def asks(self, c: Command) -> bool:
        """Whether ``c`` asks first now (inject and drop ask in their own dialogs)."""
        s = self.session
        return c.verb not in DIALOG_ASKS and \
            asks_now(c, bool(s.waiting_for()), s.phase is Phase.FINISHED)

    def _question(self, verb: str) -> tuple[str, str, str]:
        s = self.session
        waiting = ", ".join(s.waiting_for())
        return {
            "lock": ("Lock the round?", f"Still to hand in: {waiting}. They keep their "
                     "settings and their cards lapse.", "Lock"),
            "advance": (f"Play month {s.month}?", "Every hand-in is applied and the month is "
                        "played for every team. Only a rewind undoes it.", "Play the month"),
            "reveal": ("Reveal the league?", "Every team's scores go on the screen.",
                       "Reveal"),
            "rewind": (f"Rewind month {len(s.run.history)}?", "The month is undone and its "
                       "round opens again with every team's hand-in; anything handed in for "
                       "this round is discarded.", "Rewind"),
            "debrief": ("Open the debrief now?", f"Month {min(s.month, s.months)} of "
                        f"{s.months} is not the end: the comparison shows the months played "
                        "so far. Back returns to the room.", "Open the debrief"),
            "quit": ("Close the session?", self.unsaved() or "The session is saved: carry "
                     "it on later with --resume.", "Close"),
        }[verb]

    def _confirmed(self, act: Callable[[], Transition | None]) -> Transition | None:
        """Confirmed: off with the question, and on with what the command does."""
        then = act()
        if isinstance(then, Quit):
            return then
        return PopTo(self, then.scene if isinstance(then, Push) else None)

    def _teams(self, rect: pygame.Rect) -> None:
        s = self.session
        show = s.league_visible
        league = {r["name"]: r for r in s.league()} if show else {}
        order = [r["name"] for r in s.league()] if show and s.run.history else s.teams
        n = max(len(order), 1)
        gap = self.m("gap")
        rh = min((rect.height - (n - 1) * gap) // n, int(self.m("row") * 3.2))
        for k, team in enumerate(order):
            box = pygame.Rect(rect.x, rect.y + k * (rh + gap), rect.width, rh)
            key = TEAM_KEYS[s.teams.index(team)] if s.teams.index(team) < 9 else None
            open_ = s.phase is Phase.OPEN and not s.paused and not s.ended(team)
            bw = max(200, rect.width // 5)
            label = f"{s.teams.index(team) + 1}. {team}"
            b = self.button(pygame.Rect(box.x, box.y, bw, rh), label,
                            lambda t=team: self.hand_in(t), key if open_ else None)
            if not open_:
                b.disable()
            self.text_box(pygame.Rect(box.x + bw + gap, box.y, box.width - bw - gap, rh),
                          self._team_text(team, league.get(team)))

    def _team_text(self, team: str, scores: dict | None) -> str:
        s = self.session
        if s.ended(team):
            status = f"<b>Ended:</b> {escape(s.ended(team))}"
        elif s.phase in (Phase.OPEN, Phase.LOCKED):
            done = team in s.submissions
            status = "<b>Handed in</b>" if done else "Waiting (keeps its settings)"
            events = [e.title for e in s.events_for(team)]
            if events:
                status += "  ·  To answer: " + escape("; ".join(events))
        else:
            status = ""
        lines = [status] if status else []
        if scores and scores["overall"] is not None:
            pillars = "  ".join(f"{p.capitalize()} {scores[p]:.0f}" for p in PILLARS)
            lines.append(f"<b>Overall {scores['overall']:.0f}</b>  ·  {pillars}")
        elif s.latest(team) is not None:  # the league hidden: the team's own figures
            figures = key_figures(s.latest(team) or {})
            lines.append(escape("  ·  ".join(f"{f.label} {f.value}" for f in figures
                                             if f.label in ROW_FIGURES)))
        return "<br>".join(lines) or "Between rounds"

    def _hint(self) -> str:
        s = self.session
        return {Phase.WAITING: "Press O to open the round. F1 lists every key.",
                Phase.OPEN: "Teams hand in with their number key. L locks the round.",
                Phase.LOCKED: "A plays the month for every team (it asks first).",
                Phase.FINISHED: "Every round is played. D opens the debrief."}[s.phase]

    def _timer_text(self) -> str:
        s = self.session
        if s.phase is Phase.OPEN:
            return "TIME" if s.timer.expired else s.timer.text()
        return "--:--"

    # -- frames -----------------------------------------------------------------------------
    def enter(self, app: App) -> None:
        super().enter(app)
        app.background.append(self.tick)

    def exit(self) -> None:
        if self.app is not None and self.tick in self.app.background:
            self.app.background.remove(self.tick)
        super().exit()

    def tick(self, dt: float) -> Transition | None:
        """Every frame, whatever is on top (a team's hand-in, a panel, a card): the round's
        time passes, as it does in the room."""
        self.session.tick(dt)
        text = self._timer_text()
        if self.timer_label is not None and text != self.shown_timer:
            self.timer_label.set_text(text)
            self.shown_timer = text
        return None

    # -- actions ----------------------------------------------------------------------------
    def _do(self, call: Callable[[], object], done: str = "") -> Transition | None:
        try:
            result = call()
        except SessionError as exc:
            self.notice, self.notice_is_error = str(exc), True
        else:
            text = done.format(result=result) if done else ""
            self.notice, self.notice_is_error = text, False
        self.build()
        return None

    def open(self) -> Transition | None:
        def opened() -> str:
            fired = self.session.open_round()
            everyone = len(self.session.teams)
            return "; ".join(f"{t} ({'all teams' if len(v) == everyone else ', '.join(v)})"
                             for t, v in fired.items()) or "none"
        return self._do(opened, "Round open. This month: {result}.")

    def lock(self) -> Transition | None:
        return self._do(self.session.lock, "Round locked.")

    def advance(self) -> Transition | None:
        """Play the month, then show every team what its month did."""
        month = self.session.month
        self._do(self.session.advance, f"Month {month} played: each team's summary is "
                 "on screen (S shows it again).")
        if self.notice_is_error:
            return None
        return self.summary()

    def summary(self) -> Transition | None:
        from .facilitate_summary import RoundSummaryScene
        if not self.session.run.history:
            return None
        return Push(RoundSummaryScene(self.session))

    def pause_round(self) -> Transition | None:
        return self._do(self.session.pause)

    def resume_round(self) -> Transition | None:
        return self._do(self.session.resume)

    def reveal(self) -> Transition | None:
        return self._do(lambda: self.session.set_league_visible(True))

    def hide(self) -> Transition | None:
        return self._do(lambda: self.session.set_league_visible(False))

    def rewind(self) -> Transition | None:
        return self._do(self.session.rewind,
                        "Rewound: month {result} is open again with its hand-ins.")

    def hand_in(self, team: str) -> Transition:
        from .facilitate_modals import HandInScene
        return Push(HandInScene(self.session, team, self.after_modal))

    def inject(self) -> Transition:
        from .facilitate_modals import InjectScene
        return Push(InjectScene(self.session, self.after_modal))

    def add(self) -> Transition:
        from .facilitate_modals import AddTeamScene
        return Push(AddTeamScene(self.session, self.after_modal))

    def drop(self) -> Transition:
        from .facilitate_modals import DropTeamScene
        return Push(DropTeamScene(self.session, self.after_modal))

    def knowledge(self) -> Transition:
        from .facilitate_modals import KnowledgeTeamsScene
        return Push(KnowledgeTeamsScene(self.session, self.after_modal))

    def debrief(self) -> Transition | None:
        if self.on_finish is None:
            return None
        return Push(self.on_finish(self.session))

    def unsaved(self) -> str:
        """Why leaving now would lose something ('' if nothing would be lost)."""
        s = self.session
        if self.saver is not None and self.saver.problem:
            return f"The last change was not saved: {self.saver.problem}"
        started = bool(s.run.history or s.submissions) or s.phase is not Phase.WAITING
        if self.saver is None and started:
            return ("This session is not being saved to a file, so its rounds and hand-ins "
                    "end with the window.")
        return ""

    def quit(self) -> Transition:
        """Close the session (``do('quit')`` asks first, saying what would be lost)."""
        return Quit()

    def keys_list(self) -> Transition:
        from .scenes.keys import KeysScene
        return Push(KeysScene(window=False))

    def after_modal(self, notice: str, error: bool = False) -> None:
        """Called by a modal before it pops, with what to tell the room."""
        self.notice, self.notice_is_error = notice, error

    def resume(self) -> None:
        self.build()
