"""Applying a decision log: the one place a month of moves reaches a scenario run.

A month of a decision log is applied in one order wherever it is played (``partnership run``
and ``replay``, a restored save, ``--watch``, a group session's teams and a live team's replica):
the events a facilitator injected fire, then the event answers, then the decisions. Event cards
nobody answered lapse when the month ends (``ScenarioRun.end_month``): none of their choices
happens, only what each event's ``if_no_decision`` says.

``play`` plays a run from a log, headless. A decision that the model refuses, or a choice for an
event that did not happen, is reported like any other problem in the file: with the decision
log's path, line and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from ..content import ContentError, Document, Problem, load_document, validate
from ..model.decisions import Decision, DecisionError
from ..scenario.decision_log import DecisionLog, MonthEntry, to_command
from ..scenario.runtime import ScenarioRun
from ..scenario.spec import ScenarioSpec
from ..scoring.knowledge import answer_problems


class MoveRefused(ValueError):
    """A move of a month that the practice cannot take; the message is the player's.

    ``where`` is the move's place in its month entry, ``("decisions", 2)`` for the third
    decision, so a caller holding the file can point at it."""

    def __init__(self, where: tuple[str, int], message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message


def apply_moves(run: ScenarioRun, month: int, injected: Sequence[str] = (),
                choices: Sequence[tuple[str, str]] = (),
                decisions: Sequence[Decision | BaseModel] = (),
                mask: np.ndarray | None = None) -> None:
    """Apply one month's moves to the runs in ``mask`` (every run if ``None``): injected events
    fire, then the answers to events, then the decisions (commands, or logged decisions).

    Raises ``MoveRefused`` at the first move refused; the moves before it stay applied, so a
    caller that must leave the run unchanged applies them to a copy."""
    run.begin_month()
    for j, event_id in enumerate(injected):
        try:
            run.inject(event_id, mask)
        except ValueError as exc:
            raise MoveRefused(("injected", j), str(exc)) from None
    for j, (event_id, choice) in enumerate(choices):
        if mask is not None and not _fired_for(run, event_id, mask):
            raise MoveRefused(("choices", j),
                              f"'{event_id}' has not happened to this team in month {month}.")
        try:
            run.choose(event_id, choice, mask)
        except ValueError as exc:
            raise MoveRefused(("choices", j), str(exc)) from None
    for j, decision in enumerate(decisions):
        try:
            command = decision if isinstance(decision, Decision) else to_command(decision)
            run.decide(command, mask)
        except DecisionError as exc:
            raise MoveRefused(("decisions", j), str(exc)) from None


def apply_month(run: ScenarioRun, entry: MonthEntry, mask: np.ndarray | None = None) -> None:
    """Apply a month entry of a decision log (see ``apply_moves``)."""
    apply_moves(run, entry.month, entry.injected, [(c.event, c.choice) for c in entry.choices],
                entry.decisions, mask)


def load_log(path: str | Path) -> tuple[DecisionLog, Document]:
    document = load_document(path)
    return validate(document, DecisionLog), document


def play(scenario: ScenarioSpec, seed: int, log: DecisionLog | None = None,
         document: Document | None = None, months: int | None = None) -> ScenarioRun:
    """Play a single run to the end (or ``months``), following the log where it has entries."""
    limit = min(months or scenario.length_months, scenario.length_months)
    run = ScenarioRun(scenario, seed, months=limit)
    log = log or DecisionLog()
    late = [(i, e) for i, e in enumerate(log.months) if e.month > limit]
    if late and document is not None:
        i, entry = late[0]
        _fail(document, ("months", i, "month"),
              f"month {entry.month} is after the last month played ({limit})")
    for (stage, qid), message in (answer_problems(scenario, log.knowledge_check)
                                  if log.knowledge_check else []):
        _fail(document, ("knowledge_check", stage, qid), message)
    index = {e.month: i for i, e in enumerate(log.months)}
    while not run.finished:
        at = index.get(run.month)
        if at is not None:
            entry = log.months[at]
            try:
                apply_month(run, entry)
            except MoveRefused as exc:
                message = (f"month {entry.month}: {exc.message}" if exc.where[0] == "decisions"
                           else exc.message)
                _fail(document, ("months", at, *exc.where), message)
        run.end_month()
    return run


def _fired_for(run: ScenarioRun, event_id: str, mask: np.ndarray) -> bool:
    fired = next((f for f in run.fired_now if f.event.id == event_id), None)
    return fired is not None and bool((fired.mask & mask).any())


def _fail(document: Document | None, loc: tuple[Any, ...], message: str) -> None:
    if document is None:
        raise ContentError([Problem("<decisions>", 1, 1, message)])
    line, col = document.locate(loc)
    raise ContentError([Problem(document.path, line, col, message)])
