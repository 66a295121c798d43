"""Per-run random streams.

Every run has its own stream of uniform numbers, drawn from a ``numpy.random.Generator`` seeded
from ``SeedSequence(seed, spawn_key=(run_id,))``. A run's luck therefore depends only on the seed
and its run id, never on which other runs share the batch: a batch gives exactly the results of
the same runs advanced one at a time, and a what-if re-run with another decision meets the same
luck. The model reads these numbers through the named slots below and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .roles import N_GROUPS, N_ROLES

DEMAND = 0
CQC_INSPECTION = 1
CQC_RATING = 2
LIST_CHANGE = 3
SICKNESS = slice(4, 4 + N_GROUPS)
_R0 = 4 + N_GROUPS
LEAVERS = slice(_R0, _R0 + N_ROLES)
FILLS = slice(_R0 + N_ROLES, _R0 + 2 * N_ROLES)
LAPSES = slice(_R0 + 2 * N_ROLES, _R0 + 3 * N_ROLES)
#: uniforms the model uses per run-month
MODEL_WIDTH = _R0 + 3 * N_ROLES


def run_generator(seed: int, run_id: int) -> np.random.Generator:
    """The generator for one run of a seeded batch."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(run_id,)))


def draw_streams(seed: int, run_ids: Sequence[int], months: int, width: int) -> np.ndarray:
    """Uniform numbers in [0, 1) for each run, month and slot: shape (runs, months, width)."""
    out = np.empty((len(run_ids), months, width))
    for row, run_id in enumerate(run_ids):
        out[row] = run_generator(seed, int(run_id)).random((months, width))
    return out
