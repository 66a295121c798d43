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
from ..scenario.spec import EventSpec
from ..session.engine import GroupSession
from ..session.rounds import SessionError, Submission
from ..session.team_view import key_figures, latest_row
from .scenes.base import Pop, Push, Scene, Transition, escape
from .scenes.dashboard import BADGE

Report = Callable[[str, bool], None]
#: Keys that open this month's event cards in a team's hand-in.
KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4)


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
    """A team's round at the screen, as its own live window would show it: its key figures,
    each of this month's events in full with its answer (the game's event card, with every
    choice's cost and projected effect and what happens if nobody decides), the game's
    decision panels, then hand in. An event left unanswered lapses, as in the game."""

    name = "hand_in"
    modal_share = (0.94, 0.94)

    def __init__(self, session: GroupSession, team: str, report: Report) -> None:
        super().__init__(session, report)
        self.team = team
        earlier = session.submissions.get(team, Submission())
        self.choices: dict[str, str] = dict(earlier.choices)
        self.reasons: dict[str, str] = dict(earlier.reasons)
        self.decisions = earlier.decisions
        self.figures_html = figures_html(latest_row(session, team))

    def compose(self) -> None:
        w, h = self.inner
        margin, row, gap = self.m("margin"), self.m("row"), self.m("gap")
        y = self._title(f"{self.team}: month {self.session.month} of {self.session.months}")
        side = max(300, int((w - 2 * margin) * 0.3))
        left = w - 2 * margin - side - gap
        bh = int(row * 1.2)
        bottom = h - int(row * 1.3) - margin // 2 - gap - (2 * row + gap if self.error else 0)
        panels_y = bottom - bh
        self._events(pygame.Rect(margin, y, left, panels_y - gap - y))
        self._panel_buttons(panels_y)
        self.text_box(pygame.Rect(margin + left + gap, y, side, panels_y - gap - y),
                      self._side_html())
        self._footer("Hand in", self.hand_in)

    def _events(self, rect: pygame.Rect) -> None:
        """Each event's text and its answer so far, with a button that opens its card."""
        cards = self.session.cards_for(self.team)
        if not cards:
            self.text_box(rect, "No events for this team this month. Hand in to confirm the "
                          "practice carries on as it is, or take decisions in the panels "
                          "below first.")
            return
        gap, row = self.m("gap"), self.m("row")
        each = (rect.height - (len(cards) - 1) * gap) // len(cards)
        bw = max(self.button_width("Answer", pygame.K_1), rect.width // 4)
        for k, card in enumerate(cards):
            event = card.event
            y = rect.y + k * (each + gap)
            self.button(pygame.Rect(rect.x, y, bw, min(each, int(row * 1.3))),
                        "Change" if event.id in self.choices else "Answer",
                        lambda e=event: self.open_card(e), KEYS[k] if k < len(KEYS) else None,
                        object_id=None if event.id in self.choices else "#primary",
                        tooltip=f"Read the card and choose for {escape(self.team)}")
            self.text_box(pygame.Rect(rect.x + bw + gap, y, rect.width - bw - gap, each),
                          self._event_html(card))

    def _event_html(self, card: Card) -> str:
        """The card's words as this team's practice reads them, and its answer so far."""
        event = card.event
        text = escape(card.briefing.strip()).replace("\n", " ")
        chosen = self.choices.get(event.id)
        if chosen is not None:
            label = next(c.label for c in event.choices if c.id == chosen)
            why = self.reasons.get(event.id, "")
            answer = f"<b>Your answer:</b> {escape(label)}" + (
                f" <i>({escape(why)})</i>" if why else "")
        else:
            lapse = event.if_no_decision.summary.strip() if event.if_no_decision else ""
            answer = "<b>Not answered yet.</b> " + (
                f"If nobody decides: {escape(lapse)}" if lapse else
                "If nobody decides, none of its choices happens.")
        return f"<b>{escape(event.title)}</b><br>{text}<br>{answer}"

    def _side_html(self) -> str:
        listed = "<br>".join(f"• {escape(d.describe())}" for d, _ in self.decisions)
        return (self.figures_html + "<br><br><b>Decisions in this hand-in</b><br>"
                + (listed or "<i>None yet: the panels below take them.</i>"))

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

    def _chosen(self, leave_out: str = "") -> tuple[tuple[str, str], ...]:
        """The answers given so far (an unanswered card lapses, as in the game); an answer
        no longer on its card (``shown_if``) is left out."""
        return tuple((c.event.id, self.choices[c.event.id])
                     for c in self.session.cards_for(self.team)
                     if c.event.id != leave_out
                     and self.choices.get(c.event.id) in {x.id for x in c.choices})

    def _submission(self) -> Submission:
        chosen = self._chosen()
        reasons = tuple((e, self.reasons[e]) for e, _ in chosen if self.reasons.get(e))
        return Submission(chosen, self.decisions, reasons)

    def open_card(self, event: EventSpec) -> Transition | None:
        """The game's event card for this team: its projections are the team's own."""
        from .scenes.event_card import EventCardScene
        try:
            card = TeamCard(self, event)
        except SessionError as exc:
            return self._refused(str(exc))
        return Push(EventCardScene(card, event))

    def open_panel(self, group: str) -> Transition | None:
        from .facilitate_decisions import team_panel
        try:
            return Push(team_panel(self.session, self.team, group, self._chosen()))
        except SessionError as exc:
            return self._refused(str(exc))

    def resume(self) -> None:
        """Back from a panel: its decisions are in the team's hand-in now."""
        self.decisions = self.session.submissions.get(self.team, Submission()).decisions
        self.build()

    def pick(self, event_id: str, choice_id: str, reason: str = "") -> Transition | None:
        """Take an answer, unless the practice cannot do it with the decisions already in the
        hand-in (the model says why, and the earlier answer stays)."""
        earlier = self.choices.get(event_id)
        self.choices[event_id] = choice_id
        try:
            self.session.team_view(self.team, self._chosen())
        except SessionError as exc:
            if earlier is None:
                self.choices.pop(event_id)
            else:
                self.choices[event_id] = earlier
            return self._refused(f"That answer cannot go with this hand-in's decisions: {exc} "
                                 "Take a decision out in its panel first.")
        self.reasons[event_id] = reason
        self.error = ""
        self.build()
        return None

    def _refused(self, message: str) -> None:
        self.error = message
        self.build()

    def hand_in(self) -> Transition | None:
        try:
            self.session.submit(self.team, self._submission())
        except SessionError as exc:
            self.error = str(exc)
            self.build()
            return None
        return self._done(f"{self.team} handed in.")


class TeamCard:
    """What the game's event card needs of a game, for one team at the facilitator's screen:
    the team's practice with its other answers and decisions so far (what the card's
    projections are worked out on), and ``choose``, which puts the answer in the hand-in."""

    def __init__(self, hand_in: HandInScene, event: EventSpec) -> None:
        self.hand_in = hand_in
        self.run = hand_in.session.team_view(hand_in.team, hand_in._chosen(event.id))
        # the card names the person an event is with, and finds their portrait beside the
        # scenario's file
        self.scenario = hand_in.session.scenario
        self.source = hand_in.session.loaded.scenario_source

    def card(self, event_id: str) -> Card:
        """The card as this team's practice sees it (its briefing's words, its choices)."""
        return next(c for c in self.hand_in.session.cards_for(self.hand_in.team)
                    if c.event.id == event_id)

    def choose(self, event_id: str, choice_id: str, reason: str = "") -> None:
        self.hand_in.pick(event_id, choice_id, reason)


def figures_html(row: dict) -> str:
    """The team's key figures, as its dashboard's tiles show them."""
    lines = [f"<b>{escape(f.label)}: {escape(f.value)}</b>"
             + (f" ({BADGE[f.state]})" if f.state in BADGE else "")
             + f"<br><i>{escape(f.detail)}</i>" for f in key_figures(row)]
    month = int(row.get("month", 0))
    heading = f"<b>Key figures</b> (month {month})" if month else \
        "<b>Key figures</b> (at the start)"
    return heading + "<br>" + "<br>".join(lines)


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
    finished = False

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

    def drop(self, team: str) -> Transition:
        """Ask first: a dropped team plays no more rounds."""
        from .scenes.confirm import ConfirmScene
        return Push(ConfirmScene(f"Drop {team}?", f"{team} plays no more rounds; it keeps "
                                 "the months it played for the debrief.", "Drop",
                                 lambda: self.confirmed(team), stay="Cancel"))

    def confirmed(self, team: str) -> Transition | None:
        try:
            self.session.drop_team(team)
        except SessionError as exc:
            self.error = str(exc)
            return Pop()
        self.report(f"{team} left after month {self.session.month - 1}.", False)
        self.finished = True
        return Pop()

    def update(self, dt: float) -> Transition | None:
        """Back from the question with the team dropped: back to the room too."""
        return Pop() if self.finished else None

    def resume(self) -> None:
        self.build()


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
