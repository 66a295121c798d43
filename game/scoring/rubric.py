"""The leadership rubric: from a run's evidence to a level and a score on each dimension.

Every finding (``leadership.Finding``) belongs to a situation: an event card in a month, or a
decision pattern in a month. ``Profile`` adds up each situation's points on each dimension,
counts the situations that showed it well (more than 0) or poorly (less than 0), and reads the
level from those counts and the net points, as ``docs/scoring.md`` states in words: a
dimension nothing showed is "not yet shown"; net points below 0 are essential; exemplary needs
``EXEMPLARY_GOOD`` good situations and no poor one; strong needs ``STRONG_GOOD`` good
situations, ``STRONG_NET`` net points and ``STRONG_RATIO`` times as many good situations as
poor; anything else is proficient. The 0-100 score is ``score(net)`` held to the level's band.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..scenario.spec import DIMENSIONS

if TYPE_CHECKING:
    from .leadership import Finding

#: Net points at which a dimension reaches about 88 (tanh(1) of the way from 50 to 100).
SCALE = 4.0
#: Exemplary: at least this many situations showing the dimension well, and none poorly.
EXEMPLARY_GOOD = 5
#: Strong: at least this many good situations, net points at least STRONG_NET, and at least
#: STRONG_RATIO times as many good situations as poor ones.
STRONG_GOOD = 2
STRONG_NET = 2.0
STRONG_RATIO = 2
#: Level names, lowest first; a dimension with no evidence is NOT_SHOWN instead.
LEVEL_NAMES: tuple[str, ...] = ("essential", "proficient", "strong", "exemplary")
NOT_SHOWN = "not yet shown"
#: The highest score each level can show (its band's top), so a score never reads as a level
#: the rubric did not give.
BAND_TOP = {"essential": 39.0, "proficient": 59.0, "strong": 79.0, "exemplary": 100.0}


def score(net: np.ndarray) -> np.ndarray:
    """Net points to a 0-100 score: 50 + 50 * tanh(net / SCALE)."""
    return 50.0 + 50.0 * np.tanh(np.asarray(net, float) / SCALE)


@dataclass(frozen=True)
class Profile:
    """The rubric's reading of the evidence, per run and dimension (arrays (runs, 9)): the net
    points, and how many situations showed each dimension well (``good``: its points there add
    up to more than 0) or poorly (``poor``: less than 0)."""

    net: np.ndarray
    good: np.ndarray
    poor: np.ndarray

    @classmethod
    def of(cls, found: Sequence[Finding], runs: int) -> Profile:
        per: dict[tuple[str, str], np.ndarray] = {}
        for f in found:
            key = (f.dimension, f.key)
            per[key] = per.get(key, np.zeros(runs)) + f.points
        shape = (runs, len(DIMENSIONS))
        net, good, poor = np.zeros(shape), np.zeros(shape, int), np.zeros(shape, int)
        for (dim, _), points in per.items():
            d = DIMENSIONS.index(dim)
            net[:, d] += points
            good[:, d] += points > 0
            poor[:, d] += points < 0
        return cls(net, good, poor)

    @property
    def shown(self) -> np.ndarray:
        """Whether any situation showed the dimension, well or poorly."""
        return (self.good + self.poor) > 0

    def level_index(self) -> np.ndarray:
        """(runs, 9): -1 not yet shown, then 0 essential, 1 proficient, 2 strong, 3 exemplary."""
        strong = ((self.good >= STRONG_GOOD) & (self.net >= STRONG_NET)
                  & (self.good >= STRONG_RATIO * self.poor))
        exemplary = (self.good >= EXEMPLARY_GOOD) & (self.poor == 0)
        out = np.where(self.net < 0, 0, 1)
        out = np.where((self.net >= 0) & strong, 2, out)
        out = np.where((self.net >= 0) & exemplary, 3, out)
        return np.where(self.shown, out, -1)

    def levels(self) -> list[list[str]]:
        """(runs, 9) level names, ``NOT_SHOWN`` where nothing showed the dimension."""
        return self.level_names(self.level_index())

    @staticmethod
    def level_names(index: np.ndarray) -> Any:
        """Level names for level indices (-1 is ``NOT_SHOWN``), as nested lists of the same
        shape."""
        names = np.array([NOT_SHOWN, *LEVEL_NAMES], dtype=object)
        return names[np.asarray(index) + 1].tolist()

    def scores(self) -> np.ndarray:
        """(runs, 9) scores 0-100: ``score(net)``, no higher than the top of the level's band
        (``BAND_TOP``); 50 where nothing showed the dimension."""
        tops = np.array([50.0, *(BAND_TOP[n] for n in LEVEL_NAMES)])
        return np.minimum(score(self.net), tops[self.level_index() + 1])
