"""Playing a scenario from a decision log, headless: what ``partnership run`` does.

A decision that the model refuses, or a choice for an event that did not happen, is reported
like any other problem in the file: with the decision log's path, line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..content import ContentError, Document, Problem, load_document, validate
from ..model.decisions import DecisionError
from ..scenario.decision_log import DecisionLog, to_command
from ..scenario.runtime import ScenarioRun
from ..scenario.spec import ScenarioSpec


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
    index = {e.month: i for i, e in enumerate(log.months)}
    while not run.finished:
        entry_index = index.get(run.month)
        if entry_index is not None:
            _apply_month(run, log, entry_index, document)
        run.end_month()
    return run


def _apply_month(run: ScenarioRun, log: DecisionLog, i: int, document: Document | None) -> None:
    entry = log.months[i]
    run.begin_month()
    for j, event_id in enumerate(entry.injected):
        try:
            run.inject(event_id)
        except ValueError as exc:
            _fail(document, ("months", i, "injected", j), str(exc))
    for j, choice in enumerate(entry.choices):
        try:
            run.choose(choice.event, choice.choice)
        except ValueError as exc:
            _fail(document, ("months", i, "choices", j), str(exc))
    for j, decision in enumerate(entry.decisions):
        try:
            run.decide(to_command(decision))
        except DecisionError as exc:
            _fail(document, ("months", i, "decisions", j), f"month {entry.month}: {exc}")


def _fail(document: Document | None, loc: tuple[Any, ...], message: str) -> None:
    if document is None:
        raise ContentError([Problem("<decisions>", 1, 1, message)])
    line, col = document.locate(loc)
    raise ContentError([Problem(document.path, line, col, message)])
