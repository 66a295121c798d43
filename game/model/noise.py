"""Named random streams.

Every random number the model or a scenario uses is a pure function of (seed, run id, month,
stream name): a counter-based generator keyed by name. A stream's name is stable
("leavers:hca", "event:the-boiler"), so adding a role, an event or a decision adds streams
without changing any other draw, and saves, results files, golden files and ``--watch``
replays survive such edits. A run's luck depends only on the seed and its run id, never on
which other runs share the batch, so a batch gives exactly the results of the same runs
advanced one at a time, and a what-if re-run with another decision meets the same luck.

Why not one ``numpy.random.Generator`` per run: creating ten thousand of them (SeedSequence
hashing plus set-up) took longer than playing the year itself. Here numpy's ``SeedSequence``
turns the seed into a 64-bit key once; each run's starting state is the key and run id mixed;
each (month, stream) pair has a 64-bit counter from the stream's name (BLAKE2b) and the month,
and a number is SplitMix64's finaliser of the two (Steele, Lea and Flood 2014; the generator
behind Java's SplittableRandom and the seeding of xoshiro), computed for every run, month and
stream at once, so any month can be drawn without drawing the months before it.

The model reads its numbers by the named slots below (indices into ``MODEL_STREAMS``), then
each named person's streams (``person_streams``, keyed by the person's id); the scenario
runtime appends one stream per event (``event_stream``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .roles import GROUPS, ROLE_KEYS

#: Bumped whenever a change to the model or its random streams means the same seed and
#: decisions give other results; saves and results files record it.
MODEL_VERSION = 3


def _names(prefix: str, keys: Sequence[str]) -> tuple[str, ...]:
    return tuple(f"{prefix}:{k}" for k in keys)


#: The model's streams, in the order of the slots of the array ``advance`` reads each month.
MODEL_STREAMS: tuple[str, ...] = (
    "demand", "cqc:inspection", "cqc:rating", "list:change",
    *_names("sickness", GROUPS),
    *_names("leavers", ROLE_KEYS),
    *_names("fills", ROLE_KEYS),
    *_names("lapses", ROLE_KEYS),
    "complaints",
    "safety:incidents",
)
MODEL_WIDTH = len(MODEL_STREAMS)


def _slot(name: str) -> int:
    return MODEL_STREAMS.index(name)


def _block(prefix: str, keys: Sequence[str]) -> slice:
    start = _slot(f"{prefix}:{keys[0]}")
    return slice(start, start + len(keys))


DEMAND = _slot("demand")
CQC_INSPECTION = _slot("cqc:inspection")
CQC_RATING = _slot("cqc:rating")
LIST_CHANGE = _slot("list:change")
SICKNESS = _block("sickness", GROUPS)
LEAVERS = _block("leavers", ROLE_KEYS)
FILLS = _block("fills", ROLE_KEYS)
LAPSES = _block("lapses", ROLE_KEYS)
COMPLAINTS = _slot("complaints")
SAFETY_INCIDENTS = _slot("safety:incidents")


def person_streams(person_ids: Sequence[str]) -> tuple[str, ...]:
    """The named streams of a scenario's people, one each (``person:<id>``): a person's month
    is one number, low for resigning and high for going off sick (``people``), so that a
    practice with ten named people draws ten more numbers a month, not twenty."""
    return tuple(f"person:{p}" for p in person_ids)


def state_streams(person_ids: Sequence[str]) -> tuple[str, ...]:
    """Every stream ``advance`` reads for a practice with these named people: the model's,
    then each person's. A practice with no named people reads ``MODEL_STREAMS`` alone."""
    return MODEL_STREAMS + person_streams(person_ids)


def event_stream(event_id: str) -> str:
    """The name of the stream that decides whether a scenario's event fires."""
    return f"event:{event_id}"


def outcome_stream(event_id: str, choice_id: str) -> str:
    """The name of the stream that decides how a choice with chance outcomes turns out."""
    return f"outcome:{event_id}:{choice_id}"


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)


def _splitmix(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: a bijective 64-bit mix with good avalanche."""
    # in place, with one scratch array: the same numbers as the plain expression
    # ``z = x + G; z = (z ^ z >> 30) * M1; z = (z ^ z >> 27) * M2; z ^ z >> 31`` without its
    # seven temporaries (drawing is most of a batch's time when many streams are read)
    z = x + _GOLDEN
    t = np.right_shift(z, _S30)
    z ^= t
    z *= _MIX1
    np.right_shift(z, _S27, out=t)
    z ^= t
    z *= _MIX2
    np.right_shift(z, _S31, out=t)
    z ^= t
    return z


def seed_key(seed: int) -> np.uint64:
    """The 64-bit key of a seed, from numpy's SeedSequence (any non-negative int works)."""
    return np.random.SeedSequence(int(seed)).generate_state(1, np.uint64)[0]


@lru_cache(maxsize=4096)
def stream_key(name: str) -> int:
    """A stream's 64-bit key: a hash of its name, the same on every machine and run."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "little")


def draw_streams(seed: int, run_ids: Sequence[int], months: int, streams: Sequence[str],
                 first_month: int = 0) -> np.ndarray:
    """Uniform numbers in [0, 1) for each run, month and named stream: shape
    (runs, months, len(streams)).

    Month ``m`` of run ``r`` in stream ``s`` always gets the same number, whatever else is
    asked for and in whatever order the streams are listed. The array is laid out month-major
    (a transposed view), so ``out[:, m]``, the slice ``advance`` reads each month, is
    contiguous in memory.
    """
    key = seed_key(seed)
    runs = _splitmix(np.asarray(run_ids, dtype=np.uint64) ^ key)
    keys = np.array([stream_key(s) for s in streams], dtype=np.uint64)
    month = np.arange(first_month, first_month + months, dtype=np.uint64)
    with np.errstate(over="ignore"):
        counter = _splitmix(keys[None, :] ^ (month[:, None] * _MIX1))
        bits = _splitmix(runs[None, :, None] + counter[:, None, :] * _GOLDEN)
    bits >>= _S11
    uniform = bits.astype(np.float64)
    uniform *= 1.0 / 2**53
    return uniform.transpose(1, 0, 2)
