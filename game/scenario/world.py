"""The world a scenario plays in: the model's state plus the scenario's own bookkeeping.

Conditions read a ``World``; effects change it. It holds the practice state (replaced, never
edited in place), the flags and counters events set, the events that have fired and the
choices taken (per run), and effects waiting for a later month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..model import Params, PracticeState


@dataclass
class ScheduledEffect:
    due_month: int  # applied at the start of this scenario month (1-based)
    name: str
    args: dict[str, Any]
    mask: np.ndarray
    cause: str


@dataclass
class World:
    state: PracticeState
    params: Params
    flags: dict[str, np.ndarray] = field(default_factory=dict)
    #: the scenario's numeric counters by name, per run (declared with their start values)
    counters: dict[str, np.ndarray] = field(default_factory=dict)
    fired: dict[str, np.ndarray] = field(default_factory=dict)
    last_fired: dict[str, np.ndarray] = field(default_factory=dict)
    choices: dict[str, np.ndarray] = field(default_factory=dict)
    #: the chance outcome each event's last answer turned out with, per run (-1: none)
    outcomes: dict[str, np.ndarray] = field(default_factory=dict)
    scheduled: list[ScheduledEffect] = field(default_factory=list)
    choice_ids: dict[str, list[str]] = field(default_factory=dict)
    #: the scenario's named people, id to the name the game shows
    person_names: dict[str, str] = field(default_factory=dict)
    #: the outcome ids of each choice with chance outcomes, by (event, choice)
    outcome_ids: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    #: how easily posts are filled, per run (1 = normal); the scenario sets it, effects move it
    recruitment_market: np.ndarray = field(init=False)
    #: runs whose CQC inspection an effect has brought forward to this month
    force_inspection: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.recruitment_market = np.ones(self.state.runs)
        self.force_inspection = np.zeros(self.state.runs, bool)

    @property
    def runs(self) -> int:
        return self.state.runs

    @property
    def month(self) -> int:
        """The scenario month about to be played (1-based)."""
        return self.state.month + 1

    def flag(self, name: str) -> np.ndarray:
        return self.flags.get(name, np.zeros(self.runs, bool))

    def counter(self, name: str) -> np.ndarray:
        """A counter's value per run (a scenario checks at load that it declares the name)."""
        return self.counters.get(name, np.zeros(self.runs))

    def times_fired(self, event_id: str) -> np.ndarray:
        return self.fired.get(event_id, np.zeros(self.runs, int))

    def choice_index(self, event_id: str, choice_id: str) -> int:
        ids = self.choice_ids.get(event_id, [])
        return ids.index(choice_id) if choice_id in ids else -2

    def outcome(self, event_id: str) -> np.ndarray:
        """Index of the chance outcome of the last answer at ``event_id`` per run (-1: none)."""
        return self.outcomes.get(event_id, np.full(self.runs, -1))

    def choice(self, event_id: str) -> np.ndarray:
        """Index of the choice last taken at ``event_id`` per run, -1 where never answered."""
        return self.choices.get(event_id, np.full(self.runs, -1))
