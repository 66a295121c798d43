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
from typing import Any

from ..model.decisions import Decision, DecisionError
from ..model.record import MonthRecord
from ..model.roles import GROUPS, ROLE_KEYS
from ..model.state import APPOINTMENT_MODELS, CQC_RATINGS
from ..model.wellbeing import staff_wellbeing
from ..scenario.decision_log import (
    DECISION_SPECS,
    DecisionLog,
    MonthEntry,
    to_command,
    to_entry,
)
from ..scenario.runtime import ScenarioRun
from ..scenario.spec import EventSpec, ScenarioSpec
from .actions import same_kind
from .replay import apply_month


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
        self._decisions: list[dict[str, Any]] = []
        self._choices: list[dict[str, str]] = []
        self._rows: list[dict[str, Any]] = []
        #: the run as this month began, before its first move: ((run, month), copy)
        self._month_start: tuple[tuple[int, int], ScenarioRun] | None = None
        self.start_row = self._start_row()
        self.run.begin_month()

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
        return [_command(d).describe() for d in self._decisions]

    def this_month(self) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
        """Copies of this month's event answers and decisions (not yet in the log)."""
        return [dict(c) for c in self._choices], [dict(d) for d in self._decisions]

    def pending_events(self) -> list[EventSpec]:
        """This month's event cards the player has not answered yet."""
        answered = {c["event"] for c in self._choices}
        return [f.event for f in self.run.begin_month()
                if bool(f.mask[0]) and f.event.id not in answered]

    # -- acting -----------------------------------------------------------------------------
    def choose(self, event_id: str, choice_id: str, reason: str = "") -> None:
        self._keep_month_start()
        self.run.choose(event_id, choice_id)
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
        self.run.decide(decision)
        self._decisions.append(entry)

    def withdraw(self, index: int) -> str:
        """Take back this month's decision ``index`` (as listed by ``decisions_this_month``);
        returns what was withdrawn. If a later decision rests on it (the practice would now
        refuse that one), ``DecisionError`` says so and the month stays as it was."""
        if not 0 <= index < len(self._decisions):
            raise IndexError(f"there is no decision {index + 1} this month")
        gone = self.decisions_this_month()[index]
        self._rebuild_month(self._decisions[:index] + self._decisions[index + 1:])
        return gone

    def _keep_month_start(self) -> None:
        """Keep a copy of the run before the month's first move (the rebuilds start there)."""
        if self._choices or self._decisions:
            return
        self.run.begin_month()
        key = (id(self.run), self.month)
        if self._month_start is None or self._month_start[0] != key:
            self._month_start = (key, _copy_run(self.run))

    def _start_of_month(self) -> ScenarioRun:
        """A fresh copy of the run as this month began."""
        key = (id(self.run), self.month)
        if self._month_start is not None and self._month_start[0] == key:
            return _copy_run(self._month_start[1])
        # no copy of this month's start (the run was rebuilt under the session): replay the log
        fresh = GameSession(self.scenario, self.source, self.seed, months=self.run.months)
        fresh.replay(self.log(), self.month - 1)
        fresh.run.begin_month()
        return fresh.run

    def _rebuild_month(self, decisions: list[dict[str, Any]]) -> None:
        """The month again from its start with this month's answers and ``decisions``; a
        decision the practice now refuses raises ``DecisionError`` and changes nothing."""
        run = self._start_of_month()
        for c in self._choices:
            run.choose(c["event"], c["choice"])
        for d in decisions:
            command = _command(d)
            try:
                run.decide(command)
            except DecisionError as exc:
                raise DecisionError(f"{command.describe()} could not stand without it: "
                                    f"{exc}") from None
        self.run.__dict__.update(run.__dict__)  # the same run object: the screens hold it
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
            self.run.begin_month()
        return record

    def log(self) -> DecisionLog:
        """The decision log so far (the months ended; this month's moves are not in it yet)."""
        return DecisionLog(scenario=self.scenario.id, seed=self.seed, months=list(self.months))

    def replay(self, log: DecisionLog, months: int) -> None:
        """Play ``months`` months from ``log`` (restoring a save, ``--watch``) exactly as
        ``partnership replay`` plays them: each month through ``replay.apply_month``, events
        the log does not answer settled at the month's end. A move the practice refuses
        raises ``MoveRefused`` with the model's message."""
        for _ in range(months):
            if self.finished:
                break
            entry = log.month(self.month)
            if entry is not None:
                apply_month(self.run, entry)
            self.run.end_month()
            if entry is not None and (entry.injected or entry.choices or entry.decisions):
                self.months.append(entry)
            if not self.finished:
                self.run.begin_month()

    def _start_row(self) -> dict[str, Any]:
        """The practice before the first month, in the record's names where they apply."""
        s = self.run.world.state
        row: dict[str, Any] = {
            "month": 0, "cash_gbp": float(s.cash_pence[0]) / 100.0,
            "overdraft_limit_gbp": float(s.overdraft_limit_gbp[0]),
            "loan_balance_gbp": float(s.loan_balance_gbp[0]),
            "patients": int(round(float(s.list_by_age[0].sum()))),
            "wait_days": float(s.wait_days[0]), "backlog": float(s.backlog[0]),
            "patient_satisfaction": float(s.satisfaction[0]),
            "pcn_relationship": float(s.pcn_relationship[0]),
            "governance": float(s.governance[0]),
            "locum_sessions": float(s.locum_sessions[0]),
            "partners": int(round(float(s.heads[0, 0]))),
            "cqc_rating": CQC_RATINGS[int(s.cqc_rating[0])],
            "appointment_model": APPOINTMENT_MODELS[int(s.appointment_model[0])],
            "staff_wellbeing": float(staff_wellbeing(s.morale, s.burnout, s.heads)[0]),
        }
        for g, name in enumerate(GROUPS):
            row[f"morale_{name}"] = float(s.morale[0, g])
        for k, key in enumerate(ROLE_KEYS):
            row[f"heads_{key}"] = float(s.heads[0, k])
            row[f"fte_{key}"] = float(s.fte[0, k])
        row["gp_fte"] = row["fte_partner"] + row["fte_salaried_gp"]
        return row


def _command(entry: dict[str, Any]) -> Decision:
    """A logged decision (a decision-log entry) as the model's command."""
    return to_command(DECISION_SPECS[entry["type"]].model_validate(entry))


def _copy_run(run: ScenarioRun) -> ScenarioRun:
    """A copy of ``run`` that shares what never changes in play: the scenario, its luck, the
    parameters and the months already recorded."""
    memo = {id(x): x for x in (run.scenario, run.noise, run.params, *run.history)}
    return copy.deepcopy(run, memo)
