"""Time of one preview: a decision or an event choice projected over 300 seeded futures.

A decision panel recomputes its preview whenever the player changes a value, and an event
card computes one preview per choice when it opens, so each must feel instant. Target: median
and 95th percentile under 150 ms per preview.

    SDL_VIDEODRIVER=dummy .venv/bin/python benchmarks/bench_preview.py
"""

from __future__ import annotations

import statistics
import sys
import time

from game.model.decisions import (
    HireDecision,
    SetDrawingsDecision,
    SetLocumSessionsDecision,
    SetPayAwardDecision,
)
from game.play.game_session import GameSession
from game.play.preview import FUTURES, HORIZON, preview, preview_choice
from game.scenario.library import load_scenario

TARGET_MS = 150.0
DECISIONS = (SetLocumSessionsDecision(24), SetDrawingsDecision(9_000),
             HireDecision("salaried_gp"), HireDecision("clinical_pharmacist"),
             SetPayAwardDecision(4.0))


def _ms(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[int(q * (len(ordered) - 1))] * 1000


def main() -> int:
    scenario = load_scenario("first-year")
    session = GameSession(scenario, "first-year", 1)
    decisions: list[float] = []
    choices: list[float] = []
    while not session.finished:
        for event in session.pending_events():
            for choice in event.choices:
                t = time.perf_counter()
                preview_choice(session.run, event, choice)
                choices.append(time.perf_counter() - t)
            session.choose(event.id, event.choices[0].id)
        for decision in DECISIONS:
            for _ in range(3):
                t = time.perf_counter()
                preview(session.run, decision)
                decisions.append(time.perf_counter() - t)
        session.end_turn()
    ok = True
    print(f"preview: {FUTURES} futures x {HORIZON} months, with and without the move")
    for name, times in (("decision", decisions), ("event choice", choices)):
        median, p95 = statistics.median(times) * 1000, _ms(times, 0.95)
        good = median < TARGET_MS and p95 < TARGET_MS
        ok &= good
        print(f"{name:>12}: median {median:6.1f} ms  p95 {p95:6.1f} ms  over {len(times)} "
              f"previews  (target < {TARGET_MS:.0f} ms)  {'ok' if good else 'SLOW'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
