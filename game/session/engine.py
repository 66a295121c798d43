"""The multi-team engine: every team's practice in one batch, paced by the facilitator.

``GroupSession`` plays the session's scenario for each team as one run of a ``ScenarioRun``.
Every team uses run id 0, so every team meets exactly the same luck (demand, sickness,
inspections, which random events fire): differences between teams come from their decisions
alone, and a team's results file replays to the same figures on any machine.

A round is one month: ``open_round`` (the timer starts), teams ``submit`` (checked at once
against their own practice, so a refused decision is reported while they can still change
it), ``lock``, ``advance`` (hand-ins applied in replay order, the month played). A team that
hands in nothing keeps its settings; event cards it did not answer lapse, with what each
event's ``if_no_decision`` says (``ScenarioRun.end_month``), never its first choice.

The decision logs are the truth. ``rewind``, ``add_team`` and ``drop_team`` rebuild the batch
by replaying them from month 1, which makes them exact. No pygame, no clock: the timer moves
only when the caller ``tick``s it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from pydantic import ValidationError

from ..content import name_problem
from ..model.decisions import Decision
from ..model.record import MonthRecord
from ..play.replay import MoveRefused, apply_month, apply_moves
from ..scenario.cards import Card
from ..scenario.decision_log import KnowledgeAnswers, MonthEntry
from ..scenario.runtime import ScenarioRun
from ..scenario.spec import EventSpec, ScenarioSpec
from ..scoring import PILLARS, score_arrays
from ..scoring.knowledge import STAGES, answer_problems
from .rounds import Phase, RoundTimer, SessionError, Submission, TeamRecord
from .spec import LoadedSession, visible


class GroupSession:
    """One facilitated session in progress."""

    def __init__(self, loaded: LoadedSession) -> None:
        self.loaded = loaded
        self.spec = loaded.spec
        self.scenario = loaded.scenario
        self.seed = loaded.spec.seed
        self.records: dict[str, TeamRecord] = {n: TeamRecord(n) for n in loaded.spec.teams}
        self.observers: list[str] = list(loaded.spec.observers)
        self.timer = RoundTimer(loaded.spec.minutes_per_round * 60.0)
        self.league_visible = loaded.spec.teams_see_each_other
        self.paused = False
        self.phase = Phase.WAITING
        self.submissions: dict[str, Submission] = {}
        self.journal: list[tuple[int, str]] = []
        #: called with the session after every change (``snapshot.SnapshotWriter`` saves it)
        self.listeners: list[Callable[[GroupSession], None]] = []
        self.run = self._replay_to(1)

    # -- reading ----------------------------------------------------------------------------
    @property
    def teams(self) -> list[str]:
        """Teams playing now, in batch order."""
        return [n for n, r in self.records.items() if r.playing]

    @property
    def month(self) -> int:
        return self.run.month

    @property
    def months(self) -> int:
        return self.loaded.months

    def index(self, team: str) -> int:
        if team in self.observers:
            raise SessionError(f"{team} is observing: observers watch and take notes, and do "
                               "not decide.")
        if team not in self.teams:
            raise SessionError(f"There is no team called '{team}' playing now.")
        return self.teams.index(team)

    def mask(self, team: str) -> np.ndarray:
        m = np.zeros(len(self.teams), bool)
        m[self.index(team)] = True
        return m

    def events_for(self, team: str) -> list[EventSpec]:
        """The events the team must answer this round (empty before the round opens)."""
        if self.phase is not Phase.OPEN and self.phase is not Phase.LOCKED:
            return []
        i = self.index(team)
        return [f.event for f in self.run.fired_now if f.mask[i]]

    def cards_for(self, team: str) -> list[Card]:
        """The team's cards this round as it sees them: each briefing in the words that hold
        for its practice, and the choices on it (``shown_if``)."""
        if self.phase is not Phase.OPEN and self.phase is not Phase.LOCKED:
            return []
        i = self.index(team)
        return [f.card(i) for f in self.run.fired_now if f.mask[i]]

    def ended(self, team: str) -> str:
        """The end condition the team's practice reached ('' while it plays on)."""
        return str(self.run.ended[self.index(team)])

    def waiting_for(self) -> list[str]:
        """Teams still playing that have not handed in this round."""
        return [t for t in self.teams if t not in self.submissions and not self.ended(t)]

    def league(self) -> list[dict[str, Any]]:
        """Every playing team's scores so far (overall and each pillar, never overall alone),
        best overall first; ties keep the teams' order."""
        if not self.run.history:
            return [{"name": t, "overall": None, **dict.fromkeys(PILLARS)} for t in self.teams]
        scores = score_arrays(self.run)
        rows = [{"name": t, "overall": round(float(scores["overall"][i]), 1),
                 **{p: round(float(scores[p][i]), 1) for p in PILLARS}}
                for i, t in enumerate(self.teams)]
        return sorted(rows, key=lambda r: -r["overall"])

    def latest(self, team: str) -> dict[str, Any] | None:
        """The team's figures for the last month played."""
        return self.run.history[-1].row(self.index(team)) if self.run.history else None

    def team_view(self, team: str, choices: tuple[tuple[str, str], ...] | None = None
                  ) -> ScenarioRun:
        """The team's practice on its own, as a one-run copy at this point of the round with
        its hand-in so far applied (with ``choices`` as its event answers, if given): what a
        decision panel reads and previews (run 0). It is replayed from the team's log, so it
        is exact; changing it changes nothing here."""
        self.index(team)
        run = self._replay_to(self.month, [team])
        sub = self.submissions.get(team, Submission())
        if choices is not None:
            sub = Submission(choices, sub.decisions)
        if self.phase in (Phase.OPEN, Phase.LOCKED):
            _apply(run, sub, np.ones(1, bool), self.month)
        return run

    def add_decision(self, team: str, decision: Decision, reason: str = "",
                     choices: tuple[tuple[str, str], ...] | None = None) -> None:
        """Add one decision to the team's hand-in for this round, its earlier decisions kept
        and its event answers kept (or replaced by ``choices``). Refused, ``SessionError``
        carries the model's message and the hand-in stays as it was."""
        earlier = self.submissions.get(team, Submission())
        answers = earlier.choices if choices is None else choices
        self.submit(team, Submission(answers, (*earlier.decisions, (decision, reason))))

    # -- the round --------------------------------------------------------------------------
    def open_round(self) -> dict[str, list[str]]:
        """Open the month's round: events fire, the timer restarts. Returns each event that
        fired (its title) with the teams it fired for."""
        self._require(Phase.WAITING, "open a round")
        self.run.begin_month()
        self.phase = Phase.OPEN
        self.submissions = {}
        self.timer.restart()
        if self.paused:
            self.timer.stop()
        self._note("opened the round")
        return {f.event.title: [t for i, t in enumerate(self.teams) if f.mask[i]]
                for f in self.run.fired_now}

    def submit(self, team: str, submission: Submission) -> None:
        """Hand in (or replace) a team's decisions for this round; refused decisions raise
        ``SessionError`` with the model's message and leave the earlier hand-in in place."""
        i = self.index(team)
        if self.paused:
            raise SessionError("The session is paused: wait for the facilitator.")
        self._require(Phase.OPEN, "hand in decisions")
        if self.run.ended[i]:
            raise SessionError(f"{team}'s practice has already reached an end: "
                               f"{self.run.ended[i]}.")
        trial = self._trial_run()
        _apply(trial, submission, self.mask(team), self.month)
        self.submissions[team] = submission
        self._changed()

    def lock(self) -> None:
        """Close hand-ins for this round."""
        self._require(Phase.OPEN, "lock the round")
        self.phase = Phase.LOCKED
        self.timer.stop()
        self._note(f"locked the round ({', '.join(self.waiting_for()) or 'every team'} "
                   f"{'did not hand in' if self.waiting_for() else 'handed in'})")

    def advance(self) -> MonthRecord:
        """Apply every hand-in and play the month."""
        self._require(Phase.LOCKED, "advance")
        month = self.month
        for team in self.teams:
            sub = self.submissions.get(team, Submission())
            rec = self.records[team]
            rec.months[month] = sub.entry(month, rec.injected(month))
            _apply(self.run, sub, self.mask(team), month)
        record = self.run.end_month()
        self.submissions = {}
        self.phase = Phase.FINISHED if self.run.finished else Phase.WAITING
        self._note("played the month")
        return record

    def tick(self, seconds: float) -> None:
        """Let ``seconds`` pass on the round timer (it stands still while paused)."""
        self.timer.tick(seconds)

    def pause(self) -> None:
        self.paused = True
        self.timer.stop()
        self._note("paused")

    def resume(self) -> None:
        self.paused = False
        if self.phase is Phase.OPEN and not self.timer.expired:
            self.timer.running = True
        self._note("resumed")

    def set_league_visible(self, visible: bool) -> None:
        self.league_visible = bool(visible)
        self._note("revealed the league table" if visible else "hid the league table")

    # -- interventions ----------------------------------------------------------------------
    def inject(self, event_id: str, team: str | None = None) -> list[str]:
        """Fire one of the session's injectable events now, for one team or for all. Returns
        the teams it fired for (not those it had already fired for this month)."""
        if event_id not in self.spec.injectable_events:
            raise SessionError(f"'{event_id}' is not one of this session's injectable events.")
        self._require(Phase.OPEN, "inject an event")
        mask = self.mask(team) if team else np.ones(len(self.teams), bool)
        try:
            fired = self.run.inject(event_id, mask)
        except ValueError as exc:  # set in a season this month is not in
            raise SessionError(str(exc)) from None
        hit = [t for i, t in enumerate(self.teams) if fired[i]]
        if not hit:
            raise SessionError(f"'{self.scenario.event(event_id).title}' has already happened "
                               "this month for " + (team or "every team") + ".")
        for t in hit:
            entry = self.records[t].months.setdefault(
                self.month, {"month": self.month, "injected": [], "choices": [],
                             "decisions": []})
            entry["injected"].append(event_id)
        self._note(f"injected {event_id} for {', '.join(hit)}")
        return hit

    def rewind(self) -> int:
        """Undo the last round played: the session goes back to that round, open again, with
        each team's hand-in restored so it can be changed. Anything handed in for the current
        round is discarded; injected events of the rewound round stay. Returns the month."""
        if not self.run.history:
            raise SessionError("There is no round to rewind yet.")
        back = len(self.run.history)
        restored = {}
        for team in self.teams:
            rec = self.records[team]
            rec.months.pop(back + 1, None)
            entry = rec.months.get(back)
            if entry and (entry["choices"] or entry["decisions"]):
                restored[team] = Submission.from_entry(_month_entry(entry))
            if entry:
                rec.months[back] = {**entry, "choices": [], "decisions": []}
        self.phase = Phase.OPEN
        self.run = self._replay_to(back)
        self.submissions = restored
        self.timer.restart()
        self._note(f"rewound to month {back}")
        return back

    def add_team(self, name: str) -> None:
        """A team joins now. Its practice has run the months so far with no decisions (the
        same practice every team started with, untouched)."""
        name = name.strip()
        if not visible(name) or len(name) > 40 or "," in name:
            raise SessionError("A team name is 1 to 40 characters, without commas.")
        problem = name_problem(name)
        if problem is not None:
            raise SessionError(f"That team name cannot be used: {problem}.")
        taken = {n.casefold() for n in [*self.records, *self.observers]}
        if name.casefold() in taken:
            raise SessionError(f"'{name}' is already in the session.")
        self.records[name] = TeamRecord(name, joined_month=self.month)
        self._rebuild()
        self._note(f"added team {name}")

    def drop_team(self, name: str) -> None:
        """A team leaves now. It keeps the months it played (for the debrief); its hand-in for
        the current round, if any, is discarded."""
        self.index(name)
        if len(self.teams) == 1:
            raise SessionError("The last team cannot be dropped.")
        rec = self.records[name]
        rec.left_month = self.month
        rec.months.pop(self.month, None)
        self.submissions.pop(name, None)
        self._rebuild()
        self._note(f"dropped team {name}")

    def add_observer(self, name: str) -> None:
        name = name.strip()
        if not name or name in self.observers or name in self.records:
            raise SessionError(f"'{name}' cannot be added as an observer.")
        self.observers.append(name)

    def record_knowledge(self, team: str, stage: str, answers: dict[str, int]) -> None:
        """Keep a team's answers to the knowledge check at ``stage`` ('before' or 'after'
        play; question id -> option number from 1), replacing any it gave then. They go in
        its decision log, so its results file and the comparison keep them. An answer the
        scenario cannot mark raises ``SessionError`` and nothing changes."""
        if team not in self.records:
            raise SessionError(f"There is no team called '{team}' in the session.")
        if stage not in STAGES:
            raise SessionError(f"The knowledge check is taken 'before' or 'after' play, not "
                               f"'{stage}'.")
        try:
            taken = KnowledgeAnswers.model_validate({stage: answers})
        except ValidationError:
            raise SessionError("An answer is an option's number, 1 to 5.") from None
        problems = answer_problems(self.scenario, taken)
        if problems:
            raise SessionError("; ".join(message for _, message in problems) + ".")
        self.records[team].knowledge[stage] = dict(answers)
        self._note(f"recorded {team}'s knowledge check {stage} play "
                   f"({len(answers)} of {len(self.scenario.knowledge_check)} answered)")

    def knowledge_taken(self, team: str, stage: str) -> bool:
        return bool(self.records[team].knowledge.get(stage))

    # -- the record -------------------------------------------------------------------------
    def months_played(self, team: str) -> int:
        rec = self.records[team]
        return (rec.left_month - 1) if rec.left_month else len(self.run.history)

    def logs(self) -> dict[str, Any]:
        """Every team's decision log (dropped teams included), by team name."""
        return {n: r.log(self.scenario.id, self.seed) for n, r in self.records.items()}

    # -- inside -----------------------------------------------------------------------------
    def _require(self, phase: Phase, what: str) -> None:
        if self.phase is not phase:
            raise SessionError(f"Cannot {what} now: the round is {self.phase.value}.")

    def _note(self, what: str) -> None:
        self.journal.append((self.month, what))
        self._changed()

    def _changed(self) -> None:
        for listener in self.listeners:
            listener(self)

    def replay_to(self, month: int) -> None:
        """Rebuild the batch from the teams' logs to ``month``, in the current phase (a saved
        session restored: ``snapshot.restore``)."""
        self.run = self._replay_to(month)

    def _trial_run(self) -> ScenarioRun:
        return copy.deepcopy(self.run)

    def _rebuild(self) -> None:
        """The batch for the current teams, replayed to this month, with the round's state."""
        self.run = self._replay_to(self.month)

    def _replay_to(self, month: int, teams: list[str] | None = None) -> ScenarioRun:
        """A fresh batch for the playing teams (or ``teams``), replayed from their logs up to
        the start of ``month``; if that month's round is open, its injected events are fired
        again."""
        teams = self.teams if teams is None else teams
        return replay_records(self.scenario, self.seed, self.months,
                              [self.records[t] for t in teams], month,
                              self.phase in (Phase.OPEN, Phase.LOCKED))


def replay_records(scenario: ScenarioSpec, seed: int, months: int, records: list[TeamRecord],
                   month: int, round_open: bool) -> ScenarioRun:
    """A batch with one run per team record, replayed from the records' logs up to the start of
    ``month``; with ``round_open``, that month has begun and its injected events fired again.

    Each team's month goes through ``play.replay.apply_month``, as a single game's log does. The
    host's session and a team's own laptop in a live session (``game.live.replica``) both
    build a team's practice with this, so the two agree exactly."""
    run = ScenarioRun(scenario, seed, run_ids=[0] * len(records), months=months)
    for m in range(1, month):
        run.begin_month()
        for i, rec in enumerate(records):
            entry = rec.months.get(m)
            if entry:
                with _refusal_as_session_error():
                    apply_month(run, _month_entry(entry), _one(i, len(records)))
        run.end_month()
    if round_open:
        run.begin_month()
        for i, rec in enumerate(records):
            with _refusal_as_session_error():
                apply_moves(run, month, rec.injected(month), mask=_one(i, len(records)))
    return run


def _one(i: int, n: int) -> np.ndarray:
    m = np.zeros(n, bool)
    m[i] = True
    return m


def _month_entry(entry: dict[str, Any]) -> MonthEntry:
    return MonthEntry.model_validate(entry)


def _apply(run: ScenarioRun, sub: Submission, mask: np.ndarray, month: int) -> None:
    """A hand-in applied as a replay applies it: the event answers, then the decisions."""
    with _refusal_as_session_error():
        apply_moves(run, month, choices=sub.choices, decisions=[d for d, _why in sub.decisions],
                    mask=mask)


@contextmanager
def _refusal_as_session_error() -> Iterator[None]:
    try:
        yield
    except MoveRefused as exc:
        raise SessionError(exc.message) from None
