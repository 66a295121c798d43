"""Per-run random streams.

Every random number the model uses is a pure function of (seed, run id, month, slot): a
counter-based generator. A run's luck therefore depends only on the seed and its run id, never
on which other runs share the batch, so a batch gives exactly the results of the same runs
advanced one at a time, and a what-if re-run with another decision meets the same luck.

Why not one ``numpy.random.Generator`` per run: creating ten thousand of them (SeedSequence
hashing plus set-up) took longer than playing the year itself. Here numpy's ``SeedSequence``
turns the seed into a 64-bit key once; each run's starting state is the key and run id mixed,
and its numbers are the SplitMix64 sequence from that state (Steele, Lea and Flood 2014; the
generator behind Java's SplittableRandom and the seeding of xoshiro), computed for every
counter at once, so any month can be drawn without drawing the months before it. The model
reads these numbers through the named slots below and nothing else.
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


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def _splitmix(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: a bijective 64-bit mix with good avalanche."""
    z = x + _GOLDEN
    z = (z ^ (z >> np.uint64(30))) * _MIX1
    z = (z ^ (z >> np.uint64(27))) * _MIX2
    return z ^ (z >> np.uint64(31))


def seed_key(seed: int) -> np.uint64:
    """The 64-bit key of a seed, from numpy's SeedSequence (any non-negative int works)."""
    return np.random.SeedSequence(int(seed)).generate_state(1, np.uint64)[0]


def draw_streams(seed: int, run_ids: Sequence[int], months: int, width: int,
                 first_month: int = 0) -> np.ndarray:
    """Uniform numbers in [0, 1) for each run, month and slot: shape (runs, months, width).

    Month ``m`` of run ``r`` always gets the same numbers, whatever else is asked for. The
    array is laid out month-major (a transposed view), so ``out[:, m]``, the slice ``advance``
    reads each month, is contiguous in memory.
    """
    key = seed_key(seed)
    runs = _splitmix(np.asarray(run_ids, dtype=np.uint64) ^ key)
    counter = (np.arange(first_month, first_month + months, dtype=np.uint64)[:, None]
               * np.uint64(width) + np.arange(width, dtype=np.uint64))
    bits = _splitmix(runs[None, :, None] + counter[:, None, :] * _GOLDEN)
    uniform = (bits >> np.uint64(11)).astype(np.float64) * (1.0 / 2**53)
    return uniform.transpose(1, 0, 2)
