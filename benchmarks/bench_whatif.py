"""Debrief speed: key moments and the what-if range for a 24-month scenario.

Run it with ``python benchmarks/bench_whatif.py`` (``--repeats N``, ``--runs N``). The scenario
is the bundled first-year stretched to 24 months, played from a decision log with decisions
in both years. It reports medians over repeats of:

- the key-moment search (every alternative, replayed with the player's seed, in one batch);
- the what-if: ``runs`` seeded runs (ids 1..runs) for the player's decisions, for no decisions
  and for the alternative of each key moment, all in one batch;
- the whole debrief, which is what ``partnership report`` waits for;
- the same what-if played one run at a time (sampled, scaled up), and the batch's speed-up.

Target (issue 4): the whole debrief, 1,000 runs for each key moment, under 3 s on the 2-core
development machine.
"""

from __future__ import annotations

import argparse
import statistics
import time

from game.play.replay import play
from game.scenario.decision_log import DecisionLog
from game.scenario.library import load_scenario
from game.scenario.spec import ScenarioSpec
from game.scoring import score_arrays
from game.scoring.debrief import debrief, key_moments
from game.scoring.policy import Policy, play_policies

MONTHS = 24
SEED = 11
LOG = {
    "format": "partnership-decisions/1",
    "months": [
        {"month": 1, "decisions": [{"type": "consult_team", "topic": "recovery"},
                                   {"type": "set_locum_sessions", "sessions_per_month": 36},
                                   {"type": "set_drawings", "per_partner_month_gbp": 10_000}],
         "choices": [{"event": "the-accounts", "choice": "recovery-plan"}]},
        {"month": 2, "decisions": [{"type": "set_appointment_model", "model": "triage_first"}],
         "choices": [{"event": "agency-rates", "choice": "recruit-salaried"}]},
        {"month": 3, "choices": [{"event": "evening-clinics", "choice": "redirect"}]},
        {"month": 6, "choices": [{"event": "nurse-pay", "choice": "development"}]},
        {"month": 7, "choices": [{"event": "care-home-round", "choice": "take-turn"},
                                 {"event": "winter-vaccines", "choice": "weekday"}]},
        {"month": 13, "decisions": [{"type": "set_pay_award", "percent": 3.6},
                                    {"type": "set_drawings", "per_partner_month_gbp": 10_500}]},
        {"month": 15, "decisions": [{"type": "invest", "item": "staff_wellbeing"}]},
        {"month": 18, "decisions": [{"type": "hire", "role": "practice_nurse"}]},
    ],
}


def scenario_24() -> ScenarioSpec:
    return load_scenario("first-year").model_copy(update={"length_months": MONTHS})


def timed(func, repeats: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        out = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--single-sample", type=int, default=20,
                        help="runs played one at a time to estimate the loop's cost")
    args = parser.parse_args()
    scenario = scenario_24()
    run = play(scenario, SEED, DecisionLog.model_validate(LOG))
    policy = Policy.from_run(run)
    debrief(run, runs=10)  # warm up

    t_moments, found = timed(lambda: key_moments(scenario, SEED, policy), args.repeats)
    moments, tried = found  # type: ignore[misc]
    groups = [policy, Policy(), *(m.policy for m in moments)]
    ids = list(range(1, args.runs + 1))

    def what_if() -> None:
        score_arrays(play_policies(scenario, SEED, ids, groups).run)

    t_whatif, _ = timed(what_if, args.repeats)
    t_total, result = timed(lambda: debrief(run, runs=args.runs), args.repeats)

    sample = ids[: args.single_sample]

    def loop() -> None:
        for g in groups:
            for r in sample:
                score_arrays(play_policies(scenario, SEED, [r], [g]).run)

    t_loop, _ = timed(loop, max(1, args.repeats // 2))
    t_loop_full = t_loop * args.runs / len(sample)

    print(f"scenario: first-year stretched to {MONTHS} months, seed {SEED}, "
          f"{len(LOG['months'])} logged months")
    print(f"key-moment search: {tried} alternatives in one batch      median {t_moments:.3f} s")
    print(f"what-if: {len(groups)} policies x {args.runs} runs ({len(moments)} key moments "
          f"+ yours + none)  median {t_whatif:.3f} s")
    print(f"whole debrief (report waits for this)                   median {t_total:.3f} s  "
          f"target < 3 s: {'met' if t_total < 3 else 'NOT met'}")
    print(f"same what-if one run at a time (est. from {len(sample)} runs/policy)   "
          f"{t_loop_full:.1f} s  -> batch is {t_loop_full / t_whatif:.0f}x faster")
    per_run_month = t_whatif / (len(groups) * args.runs * MONTHS) * 1e6
    print(f"batch cost per run-month: {per_run_month:.2f} us")
    print(f"debrief: {result.to_dict()['moments'][0]['taken'] if moments else 'no moments'}")


if __name__ == "__main__":
    main()
