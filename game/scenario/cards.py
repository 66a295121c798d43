"""An event card as each run sees it: which choices are on it and which wording it reads.

Both are settled per run when the card arrives (``FiredEvent``): a choice is on the card where
its ``shown_if`` holds, and a briefing reads the first of its variants whose conditions hold.
``refuse_hidden`` is the one check that an answer names a choice on the card; every front end,
log and hand-in reaches it through ``ScenarioRun.choose``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .conditions import truth
from .language import VariantSpec
from .spec import ChoiceSpec, ConditionSpec, EventSpec
from .world import World


def variant(world: World, text: str | list[VariantSpec]) -> np.ndarray:
    """Which variant of ``text`` each run reads: the first whose conditions hold (the last,
    the default, holds always); 0 for a text without variants."""
    out = np.zeros(world.runs, int)
    if isinstance(text, str):
        return out
    open_ = np.ones(world.runs, bool)
    for k, v in enumerate(text):
        hit = open_ & holds(world, v.when)
        out[hit] = k
        open_ &= ~hit
    return out


def wording(text: str | list[VariantSpec], k: int) -> str:
    """Variant ``k`` of ``text`` (the text itself if it has no variants)."""
    return text if isinstance(text, str) else text[k].text


@dataclass(frozen=True)
class Card:
    """An event card as one run sees it: the briefing in the words that hold for it, and the
    choices on it (those whose ``shown_if`` held when it arrived)."""

    event: EventSpec
    briefing: str
    choices: list[ChoiceSpec]


@dataclass(frozen=True)
class FiredEvent:
    """An event that fired this month, for the runs in ``mask``; ``shown`` (runs, choices)
    says which of its choices are on the card in each run (their ``shown_if`` held when it
    arrived), ``briefing`` which variant of its briefing each run reads."""

    event: EventSpec
    mask: np.ndarray
    shown: np.ndarray
    briefing: np.ndarray

    def offered(self, choice_id: str) -> np.ndarray:
        """The runs whose card shows ``choice_id``."""
        ids = [c.id for c in self.event.choices]
        return self.shown[:, ids.index(choice_id)]

    def card(self, i: int) -> Card:
        """The card as run ``i`` sees it."""
        e = self.event
        return Card(e, wording(e.briefing, int(self.briefing[i])),
                    [c for k, c in enumerate(e.choices) if self.shown[i, k]])


def holds(world: World, conditions: list[ConditionSpec]) -> np.ndarray:
    """Whether every condition holds, per run."""
    result = np.ones(world.runs, bool)
    for cond in conditions:
        result &= truth(world, cond)
    return result


def refuse_hidden(fired: FiredEvent, index: np.ndarray, mask: np.ndarray) -> None:
    """Raise ``ValueError`` if any run in ``mask`` answers with a choice not on its card."""
    n = len(fired.event.choices)
    valid = (index >= 0) & (index < n)
    hidden = mask & (~valid | ~fired.shown[np.arange(len(index)), np.clip(index, 0, n - 1)])
    if not hidden.any():
        return
    run = int(np.argmax(hidden))
    if not valid[run]:
        raise ValueError(f"event '{fired.event.id}' has no choice {int(index[run]) + 1}")
    choice = fired.event.choices[int(index[run])]
    rule = " and ".join(c.text() for c in choice.shown_if)
    raise ValueError(f"choice '{choice.id}' is not on the card of event '{fired.event.id}' "
                     f"this month: it is shown only when {rule}, and that did not hold when "
                     "the card arrived")
