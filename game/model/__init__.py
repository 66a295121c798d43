"""The practice economy model: numpy and the standard library only, never pygame.

``start_state`` builds the practice, ``advance`` plays one month for a batch of runs, and the
decisions in ``decisions`` change the state between months.
"""

from .advance import advance, start_state
from .params import SOURCES, Params
from .record import FIELDS, MonthRecord
from .state import PracticeProfile, PracticeState

__all__ = [
    "FIELDS", "SOURCES", "MonthRecord", "Params", "PracticeProfile", "PracticeState",
    "advance", "start_state",
]
