"""Model speed: run-months per second for one run and for 10,000 runs advanced together.

Run it with ``python benchmarks/bench_model.py`` (add ``--repeats N`` for more samples). It
reports medians over repeats and the ratio of the batch rate to the single-run rate, per
run-month. Targets (issue 2): 10,000 runs x 12 months in under 1 s, and the batch at least
200x the single-run rate. Timings include drawing each run's random stream.
"""

from __future__ import annotations

import argparse
import statistics
import time

from game.model import Params, PracticeProfile, advance, start_state
from game.model.noise import MODEL_STREAMS, draw_streams

MONTHS = 12


def play(runs: int, seed: int = 1) -> float:
    """Seconds to set up and play ``runs`` runs for twelve months."""
    params = Params()
    start = time.perf_counter()
    state = start_state(PracticeProfile(), params, runs)
    noise = draw_streams(seed, list(range(runs)), MONTHS, MODEL_STREAMS)
    for month in range(MONTHS):
        state, _ = advance(state, params, noise[:, month])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--runs", type=int, default=10_000)
    args = parser.parse_args()
    play(10)  # warm up imports and caches
    single = statistics.median(play(1) for _ in range(args.repeats * 5))
    batch = statistics.median(play(args.runs) for _ in range(args.repeats))
    single_rate = MONTHS / single
    batch_rate = args.runs * MONTHS / batch
    print(f"single run : {single * 1000:8.2f} ms for {MONTHS} months "
          f"({single_rate:,.0f} run-months/s, median of {args.repeats * 5})")
    print(f"batch      : {batch * 1000:8.2f} ms for {args.runs:,} runs x {MONTHS} months "
          f"({batch_rate:,.0f} run-months/s, median of {args.repeats})")
    print(f"ratio      : {batch_rate / single_rate:8.0f}x the single-run rate per run-month")
    print(f"targets    : batch under 1 s: {'met' if batch < 1.0 else 'MISSED'}; "
          f"ratio at least 200x: {'met' if batch_rate / single_rate >= 200 else 'MISSED'}")


if __name__ == "__main__":
    main()
