"""Model speed: run-months per second for one run and for 10,000 runs advanced together.

Run it with ``python benchmarks/bench_model.py`` (add ``--repeats N`` for more samples). It
reports medians over repeats and the ratio of the batch rate to the single-run rate, per
run-month. Targets (issue 2): 10,000 runs x 12 months in under 1 s, and the batch at least
200x the single-run rate. Timings include drawing each run's random stream.

``--people N`` names N members of staff (issue 17: the model with ten named people should stay
within 1.3x of the model without them); ``--compare`` times both and prints the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import time

from game.model import Params, PracticeProfile, advance, start_state
from game.model.noise import draw_streams, state_streams
from game.model.people import PersonProfile

MONTHS = 12
#: Roles the benchmark's named people take, in turn (within the default practice's staff).
PEOPLE_ROLES = ("partner", "practice_nurse", "reception_admin", "hca", "salaried_gp",
                "practice_manager", "clinical_pharmacist", "paramedic")


def named_people(n: int) -> tuple[PersonProfile, ...]:
    """``n`` named people spread over the default practice's roles (no role over-named)."""
    people = []
    for k in range(n):
        role = PEOPLE_ROLES[k % len(PEOPLE_ROLES)]
        people.append(PersonProfile(f"person-{k + 1}", role, 0.8, trust=0.4 + 0.05 * (k % 5)))
    return tuple(people)


def play(runs: int, seed: int = 1, people: int = 0) -> float:
    """Seconds to set up and play ``runs`` runs for twelve months."""
    params = Params()
    start = time.perf_counter()
    state = start_state(PracticeProfile(people=named_people(people)), params, runs)
    noise = draw_streams(seed, list(range(runs)), MONTHS, state_streams(state.person_ids))
    for month in range(MONTHS):
        state, _ = advance(state, params, noise[:, month])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=0, help="named people in the practice")
    parser.add_argument("--compare", action="store_true",
                        help="also time the practice without named people and print the ratio")
    args = parser.parse_args()
    play(10, people=args.people)  # warm up imports and caches
    if args.compare:
        compare(args.runs, args.repeats, args.people)
        return
    single = statistics.median(play(1, people=args.people) for _ in range(args.repeats * 5))
    batch = statistics.median(play(args.runs, people=args.people) for _ in range(args.repeats))
    single_rate = MONTHS / single
    batch_rate = args.runs * MONTHS / batch
    print(f"single run : {single * 1000:8.2f} ms for {MONTHS} months "
          f"({single_rate:,.0f} run-months/s, median of {args.repeats * 5})")
    print(f"batch      : {batch * 1000:8.2f} ms for {args.runs:,} runs x {MONTHS} months "
          f"({batch_rate:,.0f} run-months/s, median of {args.repeats})")
    print(f"ratio      : {batch_rate / single_rate:8.0f}x the single-run rate per run-month")
    print(f"targets    : batch under 1 s: {'met' if batch < 1.0 else 'MISSED'}; "
          f"ratio at least 200x: {'met' if batch_rate / single_rate >= 200 else 'MISSED'}")


def compare(runs: int, repeats: int, people: int) -> None:
    """Median times with and without named people, interleaved so load affects both alike."""
    plain: dict[int, list[float]] = {1: [], runs: []}
    named: dict[int, list[float]] = {1: [], runs: []}
    for _ in range(repeats):
        for size, times in ((1, 5), (runs, 1)):
            for _ in range(times):
                plain[size].append(play(size))
                named[size].append(play(size, people=people))
    for size in (1, runs):
        a, b = statistics.median(plain[size]), statistics.median(named[size])
        print(f"{size:>6,} run(s): {a * 1000:8.2f} ms without, {b * 1000:8.2f} ms with "
              f"{people} named people: {b / a:.2f}x")


if __name__ == "__main__":
    main()
