"""A game in progress: one scenario run, the player's decision log and the month's answers.

``GameSession`` is what the scenes share. It applies decisions and event choices to the run in
the order ``partnership run --decisions`` replays them (a month's event choices first, then its
decisions), keeps the decision log that is the save, and plays a month on ``end_turn``; a saved
log is replayed through ``replay.apply_month``, as ``partnership replay`` plays it. It never
imports pygame.

Until the month ends its decisions can be withdrawn, and a decision of a kind already taken
this month (the same role, for a hire or a release) replaces the earlier one. Either way the
month is rebuilt from the practice as it began (a copy kept before the month's first move) by
applying the moves that remain, so the run is exactly what a replay of the log will play.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from ..model.decisions import Decision, DecisionError
from ..model.record import MonthRecord
from ..scenario.cards import Card
from ..scenario.decision_log import (
    DECISION_SPECS,
    DecisionLog,
    KnowledgeAnswers,
    MonthEntry,
    to_command,
    to_entry,
)
from ..scenario.runtime import ScenarioRun
from ..scenario.spec import EventSpec, ScenarioSpec
from ..scoring.knowledge import STAGES, answer_problems
from .actions import same_kind
from .changes import Move, describe, later_words, settings
from .month_zero import month_zero
from .replay import MoveRefused, apply_moves


class EventsPendingError(ValueError):
    """A decision was attempted before this month's event cards were answered."""


class GameSession:
    """One player's game: ``source`` is the bundled id or path the scenario was loaded from.

    A team playing its own copy of a group session (``play --session``) passes the session's
    ``months`` limit and its ``team`` name, which goes in the results file as the player."""

    #: whether the game is autosaved here every month (a live team's host keeps it instead)
    saves_locally = True

    def __init__(self, scenario: ScenarioSpec, source: str, seed: int,
                 months: int | None = None, team: str = "") -> None:
        self.scenario = scenario
        self.source = source
        self.seed = int(seed)
        self.team = team
        self.run = ScenarioRun(scenario, self.seed, months=months)
        self.months: list[MonthEntry] = []
        #: the answers to the scenario's knowledge check, before and after play
        self.knowledge = KnowledgeAnswers()
        self._decisions: list[dict[str, Any]] = []
        self._choices: list[dict[str, str]] = []
        self._rows: list[dict[str, Any]] = []
        self._moves: dict[int, list[Move]] = {}
        self._moves_run = self.run
        #: the run as this month began, before its first move: ((run, month), copy, moves)
        self._month_start: tuple[tuple[int, int], ScenarioRun, int] | None = None
        #: the practice's last month before the player took over (``month_zero``)
        self.start_row = month_zero(self.run).row(0)
        self._begin_month()

    # -- reading ----------------------------------------------------------------------------
    @property
    def month(self) -> int:
        """The month being played, 1-based."""
        return self.run.month

    @property
    def finished(self) -> bool:
        return self.run.finished

    @property
    def ended(self) -> str:
        """The id of the end condition reached, '' if none."""
        return str(self.run.ended[0])

    @property
    def rows(self) -> list[dict[str, Any]]:
        """Each month played, as ``MonthRecord.row(0)``."""
        if len(self._rows) != len(self.run.history):
            self._rows = [rec.row(0) for rec in self.run.history]
        return self._rows

    @property
    def latest(self) -> dict[str, Any]:
        """The last month's figures, or the practice at the start before any month."""
        return self.rows[-1] if self.rows else self.start_row

    @property
    def calendar_month(self) -> int:
        return int(self.run.world.state.calendar_month)

    def decisions_this_month(self) -> list[str]:
        """This month's decisions, in the order taken (what a panel can withdraw)."""
        return [_command(d).describe() for d in self._decisions]

    def moves_this_month(self) -> list[str]:
        """This month's event answers, with what each changed, then its decisions."""
        changed = {m.source: m for m in self.moves()}
        answers = []
        for c in self._choices:
            source = self._choice_source(c["event"], c["choice"])
            move = changed.get(source)
            answers.append(move.sentence() if move else source)
        return answers + self.decisions_this_month()

    def moves(self, month: int | None = None) -> list[Move]:
        """What each move of ``month`` (this month by default) changed: effects that earlier
        choices scheduled for it, event answers and decisions, in the order applied."""
        if self._moves_run is not self.run:  # the run was rebuilt (a live team's replica)
            self._moves, self._moves_run = {}, self.run
        return self._moves.setdefault(self.month if month is None else month, [])

    def this_month(self) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
        """Copies of this month's event answers and decisions (not yet in the log)."""
        return [dict(c) for c in self._choices], [dict(d) for d in self._decisions]

    def pending_events(self) -> list[EventSpec]:
        """This month's event cards the player has not answered yet (a card with no choice
        on it, every ``shown_if`` failing, is not asked: it lapses at the month's end)."""
        answered = {c["event"] for c in self._choices}
        return [f.event for f in self.run.begin_month()
                if bool(f.mask[0]) and f.event.id not in answered and f.shown[0].any()]

    def card(self, event_id: str) -> Card:
        """The card ``event_id`` as the player sees it: its briefing in the words that hold
        for this practice, and the choices on it (``shown_if``); see ``ScenarioRun.card``."""
        return self.run.card(event_id, 0)

    # -- acting -----------------------------------------------------------------------------
    def choose(self, event_id: str, choice_id: str, reason: str = "") -> None:
        self._keep_month_start()
        self._apply_choice(event_id, choice_id)
        self._choices.append({"event": event_id, "choice": choice_id,
                              **({"reason": reason} if reason else {})})

    def decide(self, decision: Decision, reason: str = "") -> None:
        """Apply a decision; ``DecisionError`` carries the model's message if refused.

        A decision of a kind already taken this month replaces it (``actions.same_kind``);
        refused, the month stays as it was."""
        if self.pending_events():
            raise EventsPendingError("Answer this month's events first.")
        entry = to_entry(decision, reason)
        earlier = next((i for i, d in enumerate(self._decisions)
                        if same_kind(_command(d), decision)), None)
        if earlier is not None:
            self._rebuild_month([*self._decisions[:earlier], entry,
                                 *self._decisions[earlier + 1:]])
            return
        self._keep_month_start()
        self._apply_decision(decision)
        self._decisions.append(entry)

    def withdraw(self, index: int) -> str:
        """Take back this month's decision ``index`` (as ``decisions_this_month`` lists them;
        event answers stand once given); returns what was withdrawn. If a later decision rests
        on it (the practice would now refuse that one), ``DecisionError`` says so and the
        month stays as it was."""
        if not 0 <= index < len(self._decisions):
            raise IndexError(f"there is no decision {index + 1} this month")
        gone = _command(self._decisions[index]).describe()
        self._rebuild_month(self._decisions[:index] + self._decisions[index + 1:])
        return gone

    def _apply_choice(self, event_id: str, choice_id: str) -> None:
        before, waiting = settings(self.run.world), len(self.run.world.scheduled)
        self.run.choose(event_id, choice_id)
        later = self.run.world.scheduled[waiting:]
        self._note(self._choice_source(event_id, choice_id), before,
                   later_words(self.run.world, later, self.month, self._locum_rate))

    def _apply_decision(self, decision: Decision) -> None:
        before = settings(self.run.world)
        self.run.decide(decision)
        self._note(decision.describe(), before)

    def _keep_month_start(self) -> None:
        """Keep a copy of the run before the month's first move (the rebuilds start there)."""
        if self._choices or self._decisions:
            return
        self.run.begin_month()
        key = (id(self.run), self.month)
        if self._month_start is None or self._month_start[0] != key:
            self._month_start = (key, _copy_run(self.run), len(self.moves()))

    def _start_of_month(self) -> tuple[ScenarioRun, int]:
        """A fresh copy of the run as this month began, and how many of this month's moves
        came before it (effects agreed earlier)."""
        key = (id(self.run), self.month)
        if self._month_start is not None and self._month_start[0] == key:
            return _copy_run(self._month_start[1]), self._month_start[2]
        # no copy of this month's start (the run was rebuilt under the session): replay the log
        fresh = GameSession(self.scenario, self.source, self.seed, months=self.run.months)
        fresh.replay(self.log(), self.month - 1)
        fresh.run.begin_month()
        return fresh.run, len(fresh.moves())

    def _rebuild_month(self, decisions: list[dict[str, Any]]) -> None:
        """The month again from its start with this month's answers and ``decisions``; a
        decision the practice now refuses raises ``DecisionError`` and changes nothing."""
        trial, _ = self._start_of_month()
        for c in self._choices:
            trial.choose(c["event"], c["choice"])
        for d in decisions:
            command = _command(d)
            try:
                trial.decide(command)
            except DecisionError as exc:
                raise DecisionError(f"{command.describe()} could not stand without it: "
                                    f"{exc}") from None
        start, kept = self._start_of_month()
        self.run.__dict__.update(start.__dict__)  # the same run object: the screens hold it
        del self.moves()[kept:]
        for c in self._choices:
            self._apply_choice(c["event"], c["choice"])
        for d in decisions:
            self._apply_decision(_command(d))
        self._decisions = decisions

    def end_turn(self) -> MonthRecord:
        """Play the month and log what the player did in it."""
        if self.pending_events():
            raise EventsPendingError("Answer this month's events first.")
        month = self.month
        record = self.run.end_month()
        if self._decisions or self._choices:
            self.months.append(MonthEntry.model_validate(
                {"month": month, "decisions": self._decisions, "choices": self._choices}))
        self._decisions, self._choices = [], []
        if not self.finished:
            self._begin_month()
        return record

    def log(self) -> DecisionLog:
        """The decision log so far (the months ended; this month's moves are not in it yet),
        with the knowledge check's answers once any are given."""
        taken = self.knowledge if self.knowledge.before or self.knowledge.after else None
        return DecisionLog(scenario=self.scenario.id, seed=self.seed, months=list(self.months),
                           knowledge_check=taken)

    # -- the knowledge check ----------------------------------------------------------------
    def knowledge_due(self, stage: str) -> bool:
        """Whether the scenario's knowledge check should be offered at ``stage`` ('before' the
        first month, 'after' the last): it has one, and it has not been answered then. A
        live team's game (not saved here) leaves it to the facilitator's screen, whose
        session keeps each team's answers for the room's comparison."""
        return (self.saves_locally and bool(self.scenario.knowledge_check)
                and not getattr(self.knowledge, _stage(stage)))

    def record_knowledge(self, stage: str, answers: dict[str, int]) -> None:
        """Keep the answers given at ``stage`` (question id -> option number, from 1; a
        question left out was not answered) in the log, replacing any given then before.
        ``ValueError`` names an answer the scenario cannot mark, and nothing changes."""
        taken = self.knowledge.model_copy(update={_stage(stage): dict(answers)})
        problems = answer_problems(self.scenario, KnowledgeAnswers.model_validate(
            taken.model_dump()))
        if problems:
            raise ValueError("; ".join(message for _, message in problems))
        self.knowledge = KnowledgeAnswers.model_validate(taken.model_dump())

    def replay(self, log: DecisionLog, months: int) -> None:
        """Play ``months`` months from ``log`` (restoring a save, ``--watch``) exactly as
        ``partnership replay`` plays them: each month through ``replay.apply_month``, cards
        the log does not answer left to lapse at the month's end (their ``if_no_decision``).
        A move the practice refuses raises ``MoveRefused`` with the model's message. The
        log's knowledge check answers are kept as they are."""
        if log.knowledge_check is not None:
            self.knowledge = log.knowledge_check.model_copy(deep=True)
        for _ in range(months):
            if self.finished:
                break
            entry = log.month(self.month)
            if entry is not None:
                self._replay_moves(entry)
            self._note_lapses({c.event for c in entry.choices} if entry is not None else set())
            self.run.end_month()
            if entry is not None and (entry.injected or entry.choices or entry.decisions):
                self.months.append(entry)
            if not self.finished:
                self._begin_month()

    # -- inside -----------------------------------------------------------------------------
    def _replay_moves(self, entry: MonthEntry) -> None:
        """A logged month's moves in ``replay.apply_month``'s order, one at a time, noting
        what each changed."""
        apply_moves(self.run, entry.month, injected=entry.injected)
        for j, c in enumerate(entry.choices):
            before = settings(self.run.world)
            try:
                apply_moves(self.run, entry.month, choices=[(c.event, c.choice)])
            except MoveRefused as exc:
                raise MoveRefused(("choices", j), exc.message) from None
            self._note(self._choice_source(c.event, c.choice), before)
        for j, d in enumerate(entry.decisions):
            before = settings(self.run.world)
            try:
                apply_moves(self.run, entry.month, decisions=[d])
            except MoveRefused as exc:
                raise MoveRefused(("decisions", j), exc.message) from None
            self._note(to_command(d).describe(), before)

    def _note_lapses(self, answered: set[str]) -> None:
        """Cards the log does not answer lapse (``ScenarioRun.lapse``, as at the month's end),
        noted here with what their ``if_no_decision`` changed."""
        for fired in list(self.run.fired_now):
            if fired.event.id in answered or not bool(fired.mask[0]):
                continue
            before = settings(self.run.world)
            self.run.lapse(fired.event.id)
            inaction = fired.event.if_no_decision
            summary = f": {inaction.summary}" if inaction is not None and inaction.summary else ""
            self._note(f"{fired.event.title} (nobody answered: the card lapsed{summary})", before)

    def _choice_source(self, event_id: str, choice_id: str) -> str:
        event = self.scenario.event(event_id)
        choice = next((c for c in event.choices if c.id == choice_id), None)
        if choice is None:
            return f"{event.title}: {choice_id}"
        turned = int(self.run.world.outcome(event_id)[0])
        if choice.outcomes and bool(self.run.world.choice(event_id)[0] ==
                                    event.choices.index(choice)) and turned >= 0:
            return f"{event.title}: {choice.label} (as it turned out: " \
                   f"{choice.outcomes[turned].label})"
        return f"{event.title}: {choice.label}"

    @property
    def _locum_rate(self) -> float:
        return float(self.run.params.locum_session_rate_gbp)

    def _note(self, source: str, before: dict[str, float], later: Sequence[str] = ()) -> None:
        after = settings(self.run.world)
        words = describe(before, after, self._locum_rate, self.run.world.person_names)
        words += list(later)
        self.moves().append(Move(source, tuple(words), before, after))

    def _begin_month(self) -> None:
        """Begin the month, noting what effects scheduled by earlier choices changed."""
        due = [s for s in self.run.world.scheduled if s.due_month <= self.month]
        before = settings(self.run.world)
        self.run.begin_month()
        if due:
            causes = []
            for s in due:
                event_id, _, choice_id = s.cause.partition(".")
                source = self._choice_source(event_id, choice_id.split(".")[0])
                if source not in causes:
                    causes.append(source)
            self._note("Agreed earlier (" + "; ".join(causes) + ")", before)


def _stage(stage: str) -> str:
    if stage not in STAGES:
        raise ValueError(f"the knowledge check is taken 'before' or 'after' play, not {stage!r}")
    return stage


def _command(entry: dict[str, Any]) -> Decision:
    """A logged decision (a decision-log entry) as the model's command."""
    return to_command(DECISION_SPECS[entry["type"]].model_validate(entry))


def _copy_run(run: ScenarioRun) -> ScenarioRun:
    """A copy of ``run`` that shares what never changes in play: the scenario, its luck, the
    parameters and the months already recorded."""
    memo = {id(x): x for x in (run.scenario, run.noise, run.params, *run.history)}
    return copy.deepcopy(run, memo)
