"""The facilitator's modals: a team's hand-in, inject an event, add a team, drop a team,
each team's knowledge check.

Each calls the ``GroupSession`` and tells the facilitator's screen what happened through
``report(notice, error)`` before it pops.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pygame_gui

from ..scenario.cards import Card
from ..scenario.language import default_text
from ..session.engine import GroupSession
from ..session.rounds import SessionError, Submission
from .scenes.base import Pop, Push, Scene, Transition, escape

Report = Callable[[str, bool], None]


class _SessionModal(Scene):
    modal = True
    modal_share = (0.7, 0.8)

    def __init__(self, session: GroupSession, report: Report) -> None:
        super().__init__()
        self.session, self.report = session, report
        self.error = ""

    def _title(self, text: str) -> int:
        w, _ = self.inner
        margin, row, gap = self.m("margin"), self.m("row"), self.m("gap")
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 8), text, "#heading")
        return margin // 2 + row + 2 * gap

    def _footer(self, ok: str | None, action: Callable[[], Transition | None]) -> None:
        w, h = self.inner
        margin, row, gap = self.m("margin"), self.m("row"), self.m("gap")
        bh, bw = int(row * 1.3), max(220, w // 4)
        y = h - bh - margin // 2
        if self.error:
            self.text_box(pygame.Rect(margin, y - 2 * row - gap, w - 2 * margin, 2 * row),
                          escape(self.error), object_id="#error")
        if ok:
            self.button(pygame.Rect(w - margin - bw, y, bw, bh), ok, action, pygame.K_RETURN,
                        object_id="#primary")
        self.button(pygame.Rect(margin, y, bw, bh), "Cancel", lambda: Pop(), pygame.K_ESCAPE)

    def _done(self, notice: str) -> Transition:
        self.report(notice, False)
        return Pop()


class HandInScene(_SessionModal):
    """A team answers this month's events at the screen and hands in."""

    name = "hand_in"

    def __init__(self, session: GroupSession, team: str, report: Report) -> None:
        super().__init__(session, report)
        self.team = team
        earlier = session.submissions.get(team, Submission())
        self.choices: dict[str, str] = dict(earlier.choices)
        self.decisions = earlier.decisions

    def compose(self) -> None:
        w, _ = self.inner
        margin, row, gap = self.m("margin"), self.m("row"), self.m("gap")
        y = self._title(f"{self.team}: month {self.session.month}")
        cards = self.session.cards_for(self.team)
        if not cards:
            self.text_box(pygame.Rect(margin, y, w - 2 * margin, 2 * row),
                          "No events for this team this month. Hand in to confirm the "
                          "practice carries on as it is.")
        bh = int(row * 1.2)
        for card in cards:
            event = card.event
            self.label(pygame.Rect(margin, y, w - 2 * margin, row), event.title)
            y += row + gap // 2
            for choice in card.choices:
                picked = self._pick_of(card) == choice.id
                text = ("Chosen: " if picked else "") + choice.label
                self.button(pygame.Rect(margin, y, w - 2 * margin, bh), text,
                            lambda e=event.id, c=choice.id: self.pick(e, c),
                            object_id="#primary" if picked else None,
                            tooltip=escape(choice.detail) or None)
                y += bh + gap // 2
            y += gap
        y = self._panel_buttons(y)
        if self.decisions:
            listed = "; ".join(d.describe() for d, _ in self.decisions)
            self.text_box(pygame.Rect(margin, y, w - 2 * margin, 2 * row),
                          "Decisions in this hand-in: " + escape(listed), object_id="#muted")
        self._footer("Hand in", self.hand_in)

    def _panel_buttons(self, y: int) -> int:
        """The game's decision panels, one button each, deciding for this team."""
        from .facilitate_decisions import PANELS

        w, _ = self.inner
        margin, row, gap = self.m("margin"), self.m("row"), self.m("gap")
        bw = (w - 2 * margin - (len(PANELS) - 1) * gap) // len(PANELS)
        bh = int(row * 1.2)
        for k, (group, title, key) in enumerate(PANELS):
            self.button(pygame.Rect(margin + k * (bw + gap), y, bw, bh), title,
                        lambda g=group: self.open_panel(g), key,
                        tooltip=f"{title} decisions for {escape(self.team)}")
        return y + bh + gap

    def _pick_of(self, card: Card) -> str:
        """The choice picked on ``card``: the facilitator's, else the first on the card."""
        picked = self.choices.get(card.event.id)
        offered = [c.id for c in card.choices]
        return picked if picked in offered else (offered[0] if offered else "")

    def _chosen(self) -> tuple[tuple[str, str], ...]:
        cards = self.session.cards_for(self.team)
        return tuple((c.event.id, self._pick_of(c)) for c in cards if c.choices)

    def open_panel(self, group: str) -> Transition:
        from .facilitate_decisions import team_panel
        return Push(team_panel(self.session, self.team, group, self._chosen()))

    def resume(self) -> None:
        """Back from a panel: its decisions are in the team's hand-in now."""
        self.decisions = self.session.submissions.get(self.team, Submission()).decisions
        self.build()

    def pick(self, event_id: str, choice_id: str) -> Transition | None:
        self.choices[event_id] = choice_id
        self.build()
        return None

    def hand_in(self) -> Transition | None:
        try:
            self.session.submit(self.team, Submission(self._chosen(), self.decisions))
        except SessionError as exc:
            self.error = str(exc)
            self.build()
            return None
        return self._done(f"{self.team} handed in.")


class InjectScene(_SessionModal):
    """Fire one of the session's events now, for every team or for one."""

    name = "inject"

    def __init__(self, session: GroupSession, report: Report) -> None:
        super().__init__(session, report)
        self.target: str | None = None

    def compose(self) -> None:
        w, _ = self.inner
        margin, row, gap = self.m("margin"), self.m("row"), self.m("gap")
        y = self._title("Inject an event now")
        targets = [None, *self.session.teams]
        texts = [("For: " if t == self.target else "") + (t or "All teams") for t in targets]
        room = w - 2 * margin
        need = max(self.button_width(t, object_id="#primary") for t in texts)
        per_row = max(1, min(len(targets), (room + gap) // (need + gap)))
        bw = (room - (per_row - 1) * gap) // per_row
        bh = int(row * 1.2)
        for k, (team, text) in enumerate(zip(targets, texts, strict=True)):
            picked = team == self.target
            x = margin + (k % per_row) * (bw + gap)
            self.button(pygame.Rect(x, y + (k // per_row) * (bh + gap), bw, bh), text,
                        lambda t=team: self.aim(t), object_id="#primary" if picked else None)
        y += -(-len(targets) // per_row) * (bh + gap) + gap
        for event_id in self.session.spec.injectable_events:
            event = self.session.scenario.event(event_id)
            self.button(pygame.Rect(margin, y, w - 2 * margin, bh), event.title,
                        lambda e=event_id: self.fire(e),
                        tooltip=escape(default_text(event.briefing)))
            y += bh + gap
        self._footer(None, lambda: None)

    def aim(self, team: str | None) -> Transition | None:
        self.target = team
        self.build()
        return None

    def fire(self, event_id: str) -> Transition | None:
        try:
            hit = self.session.inject(event_id, self.target)
        except SessionError as exc:
            self.error = str(exc)
            self.build()
            return None
        title = self.session.scenario.event(event_id).title
        return self._done(f"Injected '{title}' for {', '.join(hit)}.")


class AddTeamScene(_SessionModal):
    """A late team joins: its practice has run so far with no decisions."""

    name = "add_team"
    modal_share = (0.6, 0.5)

    def compose(self) -> None:
        w, _ = self.inner
        margin, row = self.m("margin"), self.m("row")
        y = self._title("Add a team")
        self.entry = self.text_entry(pygame.Rect(margin, y, w - 2 * margin, int(row * 1.3)))
        self.entry.focus()
        self._footer("Add", self.add)

    def on_event(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            return self.add()
        return None

    def add(self) -> Transition | None:
        name = self.entry.get_text()
        try:
            self.session.add_team(name)
        except SessionError as exc:
            self.error = str(exc)
            self.build()
            return None
        return self._done(f"{name.strip()} joined in month {self.session.month}.")


class DropTeamScene(_SessionModal):
    """A team leaves; it keeps the months it played for the debrief."""

    name = "drop_team"

    def compose(self) -> None:
        w, _ = self.inner
        margin, row, gap = self.m("margin"), self.m("row"), self.m("gap")
        y = self._title("Drop a team (it keeps the months it played)")
        bh = int(row * 1.2)
        for team in self.session.teams:
            self.button(pygame.Rect(margin, y, w - 2 * margin, bh), team,
                        lambda t=team: self.drop(t))
            y += bh + gap
        self._footer(None, lambda: None)

    def drop(self, team: str) -> Transition | None:
        try:
            self.session.drop_team(team)
        except SessionError as exc:
            self.error = str(exc)
            self.build()
            return None
        return self._done(f"{team} left after month {self.session.month - 1}.")


class KnowledgeTeamsScene(_SessionModal):
    """Each team's knowledge check, before and after play: pick a team and a stage, and the
    team answers the questions at the screen (``KnowledgeCheckScene``)."""

    name = "knowledge_teams"

    def compose(self) -> None:
        w, _ = self.inner
        margin, row, gap = self.m("margin"), self.m("row"), self.m("gap")
        y = self._title("Knowledge check: each team before and after play")
        bh = int(row * 1.2)
        name_w = (w - 2 * margin) // 3
        bw = (w - 2 * margin - name_w - 2 * gap) // 2
        for team in self.session.records:
            self.label(pygame.Rect(margin, y, name_w, bh), team)
            for k, stage in enumerate(("before", "after")):
                done = " (taken)" if self.session.knowledge_taken(team, stage) else ""
                self.button(pygame.Rect(margin + name_w + gap + k * (bw + gap), y, bw, bh),
                            f"{stage.capitalize()} play{done}",
                            lambda t=team, s=stage: self.take(t, s))
            y += bh + gap
        self._footer(None, lambda: None)

    def take(self, team: str, stage: str) -> Transition:
        from .scenes.knowledge_check import KnowledgeCheckScene

        def record(answers: dict[str, int]) -> None:
            try:
                self.session.record_knowledge(team, stage, answers)
            except SessionError as exc:
                raise ValueError(str(exc)) from None
            self.report(f"Recorded {team}'s knowledge check {stage} play.", False)

        return Push(KnowledgeCheckScene(self.session.scenario.knowledge_check, stage, record,
                                        lambda: Pop(), who=team))

    def resume(self) -> None:
        self.build()
