"""The facilitator's screen: every team side by side, the round timer and the controls.

It draws a ``GroupSession`` (game.session.engine) and turns buttons and keys into its calls;
every rule lives in the session. The timer is the session's, ticked with each frame's time.
Built for a projector: the facilitator's app uses the large-text theme.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
from pygame_gui.elements import UIPanel

from ..scoring import PILLARS
from ..session.engine import GroupSession
from ..session.rounds import Phase, SessionError
from ..session.snapshot import SnapshotWriter
from .scenes.base import Push, Quit, Scene, Transition, escape

PHASE_TEXT = {Phase.WAITING: "Round not open", Phase.OPEN: "Round open",
              Phase.LOCKED: "Round locked", Phase.FINISHED: "Session finished"}
TEAM_KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_6,
             pygame.K_7, pygame.K_8, pygame.K_9)


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
        self._topbar(w, bar)
        side = max(300, int(w * 0.24))
        self._controls(pygame.Rect(margin, bar + gap, side, h - bar - gap - margin), row, gap)
        area = pygame.Rect(margin + side + 2 * gap, bar + gap, w - side - 2 * margin - 2 * gap,
                           h - bar - gap - margin)
        notice_h = int(row * 1.6)
        self._teams(pygame.Rect(area.x, area.y, area.width, area.height - notice_h - gap))
        problem = self.saver.problem if self.saver is not None else ""
        oid = "#error" if self.notice_is_error or problem else "#ok"
        notice = "  ".join(t for t in (problem, self.notice or self._hint()) if t)
        self.text_box(pygame.Rect(area.x, area.bottom - notice_h, area.width, notice_h),
                      escape(notice), object_id=oid)

    def _topbar(self, w: int, bar: int) -> None:
        s = self.session
        panel = UIPanel(pygame.Rect(0, 0, w, bar), manager=self.manager, container=self.root,
                        object_id="#topbar")
        state = PHASE_TEXT[s.phase] + ("  ·  PAUSED" if s.paused else "")
        month = min(s.month, s.months)
        self.label(pygame.Rect(16, 0, w - 32, bar // 2), f"{s.spec.title}", "#topbar_text",
                   container=panel)
        watching = f"  ·  Observing: {', '.join(s.observers)}" if s.observers else ""
        self.label(pygame.Rect(16, bar // 2, w - 32, bar // 2 - 4),
                   f"Month {month} of {s.months}  ·  {state}{watching}", "#topbar_text",
                   container=panel)

    def _controls(self, rect: pygame.Rect, row: int, gap: int) -> None:
        s = self.session
        timer_h = int(row * 2.2)
        self.shown_timer = self._timer_text()
        self.timer_label = self.label(pygame.Rect(rect.x, rect.y, rect.width, timer_h),
                                      self.shown_timer, "#title", centre=True)
        rect = pygame.Rect(rect.x, rect.y + timer_h + gap, rect.width,
                           rect.height - timer_h - gap)
        entries: list[tuple[str, Callable[[], Transition | None], int, str | None, bool]] = [
            ("Open round", self.open_round, pygame.K_o, "#primary", s.phase is Phase.WAITING),
            ("Lock round", self.lock, pygame.K_l, "#primary", s.phase is Phase.OPEN),
            ("Advance", self.advance, pygame.K_a, "#primary", s.phase is Phase.LOCKED),
            ("Resume" if s.paused else "Pause", self.toggle_pause, pygame.K_p, None, True),
            ("Hide league" if s.league_visible else "Reveal league", self.toggle_league,
             pygame.K_r, None, True),
            ("Inject event", self.inject, pygame.K_i, None,
             s.phase is Phase.OPEN and bool(s.spec.injectable_events)),
            ("Rewind a round", self.rewind, pygame.K_b, None, bool(s.run.history)),
            ("Add team", self.add_team, pygame.K_t, None, s.phase is not Phase.FINISHED),
            ("Drop team", self.drop_team, pygame.K_d, None, len(s.teams) > 1),
            ("Knowledge check", self.knowledge, pygame.K_k, None,
             bool(s.scenario.knowledge_check)),
            ("Debrief", self.debrief, pygame.K_RETURN, "#primary",
             s.phase is Phase.FINISHED or bool(s.run.history)),
            ("Quit", self.quit, pygame.K_ESCAPE, None, True),
        ]
        bh = min(int(row * 1.25), rect.height // len(entries) - gap)
        y = rect.y
        for text, action, key, oid, enabled in entries:
            b = self.button(pygame.Rect(rect.x, y, rect.width, bh), text, action, key,
                            object_id=oid if enabled else None)
            if not enabled:
                b.disable()
                self.keys.pop(key, None)
            y += bh + gap

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
            status = "Between rounds"
        if scores and scores["overall"] is not None:
            pillars = "  ".join(f"{p.capitalize()} {scores[p]:.0f}" for p in PILLARS)
            status += f"<br>Overall {scores['overall']:.0f}  ·  {pillars}"
        elif s.run.history:
            status += "<br>League hidden"
        return status

    def _hint(self) -> str:
        s = self.session
        return {Phase.WAITING: "Press O to open the round.",
                Phase.OPEN: "Teams hand in with their number key. L locks the round.",
                Phase.LOCKED: "A plays the month for every team.",
                Phase.FINISHED: "Every round is played. Enter opens the debrief."}[s.phase]

    def _timer_text(self) -> str:
        s = self.session
        if s.phase is Phase.OPEN:
            return "TIME" if s.timer.expired else s.timer.text()
        return "--:--"

    # -- frames -----------------------------------------------------------------------------
    def update(self, dt: float) -> Transition | None:
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

    def open_round(self) -> Transition | None:
        def opened() -> str:
            fired = self.session.open_round()
            everyone = len(self.session.teams)
            return "; ".join(f"{t} ({'all teams' if len(v) == everyone else ', '.join(v)})"
                             for t, v in fired.items()) or "none"
        return self._do(opened, "Round open. This month: {result}.")

    def lock(self) -> Transition | None:
        return self._do(self.session.lock, "Round locked.")

    def advance(self) -> Transition | None:
        return self._do(self.session.advance, "Month played.")

    def toggle_pause(self) -> Transition | None:
        s = self.session
        return self._do(s.resume if s.paused else s.pause)

    def toggle_league(self) -> Transition | None:
        s = self.session
        return self._do(lambda: s.set_league_visible(not s.league_visible))

    def rewind(self) -> Transition | None:
        return self._do(self.session.rewind,
                        "Rewound: month {result} is open again with its hand-ins.")

    def hand_in(self, team: str) -> Transition:
        from .facilitate_modals import HandInScene
        return Push(HandInScene(self.session, team, self.after_modal))

    def inject(self) -> Transition:
        from .facilitate_modals import InjectScene
        return Push(InjectScene(self.session, self.after_modal))

    def add_team(self) -> Transition:
        from .facilitate_modals import AddTeamScene
        return Push(AddTeamScene(self.session, self.after_modal))

    def drop_team(self) -> Transition:
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
        """Close the session, asking first when something would be lost."""
        why = self.unsaved()
        if not why:
            return Quit()
        from .scenes.confirm import ConfirmScene
        return Push(ConfirmScene("Close the session?", why, "Close", lambda: Quit()))

    def after_modal(self, notice: str, error: bool = False) -> None:
        """Called by a modal before it pops, with what to tell the room."""
        self.notice, self.notice_is_error = notice, error

    def resume(self) -> None:
        self.build()
