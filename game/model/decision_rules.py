"""How a decision declares its limits and is checked: the machinery behind every decision.

A decision's fields declare their bounds once (``bounded``, ``one_of``, ``text``); ``rules``
and ``bounds`` read them back (for the decision log's schema, the panels' input limits and the
policies). ``Decision.check(state, params)`` gives a ``Check``: the runs where the decision is
allowed now and the player's message for the others; ``apply`` checks first. The decisions
themselves are in ``decisions``, which re-exports all of this.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, ClassVar

import numpy as np

from .params import Params
from .state import PracticeState


class DecisionError(ValueError):
    """A decision the practice cannot take; the message is written for the player."""


Mask = np.ndarray | None


# -- bounds, declared once on each field ------------------------------------------------------
@dataclass(frozen=True)
class Bounds:
    """The range of a number a player may give, with its name and unit for messages."""

    low: float
    high: float
    label: str
    unit: str = ""
    integer: bool = False
    step: float = 1.0

    def contains(self, value: Any) -> bool:
        try:
            number = float(value)
        except (TypeError, ValueError):
            return False
        if not math.isfinite(number) or not self.low <= number <= self.high:
            return False
        return number.is_integer() if self.integer else True

    def text(self, value: float) -> str:
        """A value as the player reads it, with its unit."""
        if self.unit == "£":
            return f"£{value:,.0f}"
        if self.unit == "%":
            return f"{value:g}%"
        return f"{value:,g}" + (f" {self.unit}" if self.unit else "")

    def message(self) -> str:
        whole = "a whole number " if self.integer else ""
        if self.unit in ("£", "%", ""):
            low, high, tail = self.text(self.low), self.text(self.high), ""
        else:
            low, high, tail = f"{self.low:,g}", f"{self.high:,g}", f" {self.unit}"
        return f"{self.label} must be {whole}between {low} and {high}{tail}."

    def why(self, value: Any) -> str:
        return self.message()


@dataclass(frozen=True)
class Options:
    """A value chosen from a fixed list."""

    values: tuple[Any, ...]
    label: str

    def contains(self, value: Any) -> bool:
        return value in self.values

    def message(self) -> str:
        return f"{self.label}: one of {', '.join(map(str, self.values))}."

    def why(self, value: Any) -> str:
        return (f"Unknown {self.label.lower()} {value!r} (choose from "
                f"{', '.join(map(str, self.values))}).")


@dataclass(frozen=True)
class Text:
    """Free text up to ``max_length`` characters."""

    max_length: int
    label: str

    def contains(self, value: Any) -> bool:
        return isinstance(value, str) and len(value) <= self.max_length

    def message(self) -> str:
        return f"{self.label} must be text of at most {self.max_length} characters."

    def why(self, value: Any) -> str:
        return self.message()


Rule = Bounds | Options | Text


def bounded(low: float, high: float, label: str, unit: str = "", *, default: Any = MISSING,
            integer: bool = False, step: float = 1.0) -> Any:
    """A numeric field with its bounds (the field's one declaration of them)."""
    return field(default=default, metadata={"rule": Bounds(low, high, label, unit, integer,
                                                           step)})


def one_of(values: tuple[Any, ...], label: str, *, default: Any = MISSING) -> Any:
    """A field whose value comes from ``values``."""
    return field(default=default, metadata={"rule": Options(tuple(values), label)})


def text(max_length: int, label: str, *, default: Any = MISSING) -> Any:
    return field(default=default, metadata={"rule": Text(max_length, label)})


def rules(cls: type[Decision]) -> dict[str, Rule]:
    """Each field's rule, by field name."""
    return {f.name: f.metadata["rule"] for f in fields(cls) if "rule" in f.metadata}


def bounds(cls: type[Decision], name: str) -> Bounds:
    """A numeric field's bounds (the panels' input limits read these)."""
    rule = rules(cls)[name]
    if not isinstance(rule, Bounds):
        raise TypeError(f"{cls.__name__}.{name} is not a number")
    return rule


# -- the check ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Check:
    """Where a decision is allowed (per run) and, where it is not, the player's message."""

    allowed: np.ndarray
    reasons: tuple[tuple[np.ndarray, str], ...] = ()

    def why(self, mask: np.ndarray | None = None) -> str:
        """The message for the first refusal among the runs in ``mask`` ('' if none)."""
        for refused, message in self.reasons:
            if mask is None or (refused & mask).any():
                return message
        return ""

    @property
    def message(self) -> str:
        return self.why()


def _mask(state: PracticeState, mask: Mask) -> np.ndarray:
    return np.ones(state.runs, bool) if mask is None else np.asarray(mask, bool)


Refusals = Iterator[tuple[np.ndarray, str]]


@dataclass(frozen=True)
class Decision:
    kind: ClassVar[str] = ""

    def check(self, state: PracticeState, params: Params) -> Check:
        """Where this decision may be taken now, and why not elsewhere."""
        problem = self.out_of_bounds()
        if problem:
            nowhere = np.zeros(state.runs, bool)
            return Check(nowhere, ((~nowhere, problem),))
        reasons = tuple((np.asarray(refused, bool), message)
                        for refused, message in self.refusals(state, params))
        allowed = np.ones(state.runs, bool)
        for refused, _ in reasons:
            allowed &= ~refused
        return Check(allowed, tuple(r for r in reasons if r[0].any()))

    def out_of_bounds(self) -> str:
        """The player's message for the first field outside its bounds, '' if none."""
        for name, rule in rules(type(self)).items():
            if not rule.contains(getattr(self, name)):
                return rule.why(getattr(self, name))
        return ""

    def refusals(self, state: PracticeState, params: Params) -> Refusals:
        """The state's reasons against the decision (its fields are already in bounds)."""
        return iter(())

    def apply(self, state: PracticeState, params: Params, mask: Mask = None) -> PracticeState:
        """The state with the decision taken in the runs in ``mask``, or ``DecisionError``.
        A decision outside its bounds is refused whichever runs it is for."""
        problem = self.out_of_bounds()
        if problem:
            raise DecisionError(problem)
        m = _mask(state, mask)
        checked = self.check(state, params)
        if (m & ~checked.allowed).any():
            raise DecisionError(checked.why(m))
        return self.effect(state, params, m)

    def effect(self, state: PracticeState, params: Params, m: np.ndarray) -> PracticeState:
        raise NotImplementedError

    def describe(self) -> str:
        return self.kind.replace("_", " ")
