"""Balance sweep speed: six policies x 10,000 runs over a 24-month scenario.

Run it with ``python benchmarks/bench_balance.py`` (``--repeats N``, ``--runs N``,
``--scenario ID``, ``--profile`` to print where the time goes). It reports medians over repeats:
the whole sweep (target, issue 6: under 10 s), each policy's share, and the model alone
(``ScenarioRun`` months with no decisions, the floor any policy pays), so the ratio shows what
the policies and the report add on top of the model. The default scenario is the bundled
first-year scenario played for 24 months (events are timed in its first year).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time

from game.authoring.balance import run_policies
from game.authoring.policies import DEFAULT_POLICIES
from game.authoring.sweep import draw_month_major, sweep
from game.scenario.library import load_scenario
from game.scenario.runtime import ScenarioRun, scenario_streams
from game.scenario.spec import ScenarioSpec

MONTHS = 24
TARGET_S = 10.0


def model_only(scenario: ScenarioSpec, runs: int, seed: int = 1) -> float:
    """Seconds to draw the streams and play ``runs`` runs with no decisions (first choices)."""
    start = time.perf_counter()
    width = scenario_streams(scenario)
    noise = draw_month_major(seed, list(range(runs)), MONTHS, width)
    run = ScenarioRun(scenario, seed, list(range(runs)), MONTHS, noise=noise)
    run.play_default()
    return time.perf_counter() - start


def whole_sweep(scenario: ScenarioSpec, runs: int, seed: int = 1) -> float:
    start = time.perf_counter()
    run_policies(scenario, runs, DEFAULT_POLICIES, seed, months=MONTHS)
    return time.perf_counter() - start


def one_policy(scenario: ScenarioSpec, runs: int, name: str) -> float:
    start = time.perf_counter()
    sweep(scenario, runs, [name], 1, months=MONTHS)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--scenario", default="first-year")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    scenario = load_scenario(args.scenario)
    run_policies(scenario, 20, DEFAULT_POLICIES, 1, months=MONTHS)  # warm up
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(whole_sweep, scenario, args.runs)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
    total = statistics.median(whole_sweep(scenario, args.runs) for _ in range(args.repeats))
    model = statistics.median(model_only(scenario, args.runs) for _ in range(args.repeats))
    n = len(DEFAULT_POLICIES)
    print(f"sweep      : {total:6.2f} s for {n} policies x {args.runs:,} runs x {MONTHS} months "
          f"of {scenario.id} (median of {args.repeats})")
    for name in DEFAULT_POLICIES:
        t = statistics.median(one_policy(scenario, args.runs, name) for _ in range(args.repeats))
        print(f"  {name:<13}: {t:6.2f} s ({t / model:4.2f}x the model alone)")
    print(f"model alone: {model:6.2f} s per policy; {n} x model = {n * model:5.2f} s "
          f"= {n * model / total:4.0%} of the sweep")
    print(f"rate       : {n * args.runs * MONTHS / total:,.0f} run-months/s")
    print(f"target     : under {TARGET_S:.0f} s: {'met' if total < TARGET_S else 'MISSED'}")


if __name__ == "__main__":
    main()
