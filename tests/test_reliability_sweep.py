"""Long runs: a balance sweep of a million runs, in chunks, with flat memory and finite scores.

The chunks are played with the balance sweep's own pieces (``draw_month_major`` and ``play``
from ``game.authoring.sweep``, the same code ``sweep`` loops over), cycling through every
policy, and only running totals are kept, as a sweep that streams its report would. After
each chunk: every score is finite and within 0-100, and the memory the process holds is
sampled; it must not grow once the first chunks have warmed the caches.
"""

from __future__ import annotations

import time

import numpy as np
import pytest
from reliability_memory import assert_flat, held_mb, rss_mb

from game.authoring.policies import DEFAULT_POLICIES, get_policy
from game.authoring.sweep import CHUNK, draw_month_major, play
from game.scenario.library import load_scenario
from game.scenario.runtime import ScenarioRun, scenario_streams


def long_sweep(scenario_id: str, runs: int, chunk: int, seed: int = 1) -> dict[str, object]:
    scenario = load_scenario(scenario_id)
    months, width = scenario.length_months, scenario_streams(scenario)
    held, played, won, ended, total = [held_mb()], 0, 0, 0, 0.0
    started = time.perf_counter()
    for k, start in enumerate(range(0, runs, chunk)):
        ids = list(range(start, min(start + chunk, runs)))
        policy = get_policy(DEFAULT_POLICIES[k % len(DEFAULT_POLICIES)])
        noise = draw_month_major(seed, ids, months, width)
        run = ScenarioRun(scenario, seed, ids, months, noise=noise)
        outcome = play(run, policy, np.random.default_rng([seed, k]))
        for name, values in outcome.scores.items():
            assert np.isfinite(values).all(), (name, k)
            assert ((values >= 0) & (values <= 100)).all(), (name, k)
        played += outcome.runs
        won += int(outcome.won.sum())
        ended += int((outcome.ended != "").sum())
        total += float(outcome.scores["overall"].sum())
        del outcome, run, noise
        held.append(held_mb())
    figures = {"runs": played, "chunks": len(held) - 1, "won": won, "ended_early": ended,
               "mean_overall": total / played, "seconds": time.perf_counter() - started,
               "held_mb": (held[0], held[len(held) // 4], held[-1]), "rss_now_mb": rss_mb()}
    print(f"sweep {scenario_id}: {figures}")
    assert played == runs
    assert_flat(held, allowed_mb=20)
    return figures


def test_a_sweep_in_chunks_keeps_memory_flat() -> None:
    long_sweep("first-year", runs=12_000, chunk=1_000)


@pytest.mark.slow
def test_a_million_runs() -> None:
    long_sweep("first-year", runs=1_000_000, chunk=CHUNK)
