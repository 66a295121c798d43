"""Balance of the scenario library, checked in numbers with the balance sweep.

For every bundled scenario, 300 seeded runs under each policy of ``game.authoring.policies``
(do-nothing, random, cost-cutter, people-first, growth, balanced, cash-first,
command-and-control):

- a practice left alone does not win (do-nothing wins at most 5% of runs);
- a sensible approach can (the best policy wins at least a quarter of its runs; the library's
  own sensible playthroughs, in ``tests/golden``, are checked separately);
- no single choice wins whatever else is done: the sweep reports no dominant choice, and
  under random play no choice carries a win rate of one half or more among the runs that took
  it;
- every event fires in some runs, and every choice is taken by some policy, and by a
  reasoned policy (any but random and do-nothing).

A "win" is the balance API's: the run finished without an end condition and met every goal.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import pytest

from game.authoring.balance import report
from game.authoring.policies import DEFAULT_POLICIES
from game.authoring.sweep import Outcome, sweep
from game.scenario.library import bundled, load_scenario

RUNS = 300
SEED = 1
SCENARIOS = sorted(bundled())


@cache
def _sweep(scenario_id: str) -> tuple[dict[str, Any], dict[str, Outcome]]:
    scenario = load_scenario(scenario_id)
    outcomes = sweep(scenario, RUNS, DEFAULT_POLICIES, SEED)
    rep = report(scenario, outcomes, seed=SEED, months=scenario.length_months)
    return rep, {o.policy.name: o for o in outcomes}


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_left_alone_does_not_win(scenario_id: str) -> None:
    rep, _ = _sweep(scenario_id)
    assert rep["policies"]["do-nothing"]["win_rate"] <= 0.05


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_sensible_approach_can_win(scenario_id: str) -> None:
    rep, _ = _sweep(scenario_id)
    best = max(p["win_rate"] for p in rep["policies"].values())
    assert best >= 0.25, {n: p["win_rate"] for n, p in rep["policies"].items()}


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_warnings_from_the_sweep(scenario_id: str) -> None:
    rep, _ = _sweep(scenario_id)
    assert not rep["warnings"], [w["message"] for w in rep["warnings"]]


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_single_choice_wins_whatever_else_is_done(scenario_id: str) -> None:
    _, outcomes = _sweep(scenario_id)
    random = outcomes["random"]
    for event in load_scenario(scenario_id).events:
        taken = random.last_choice[event.id]
        for i, choice in enumerate(event.choices):
            runs = taken == i
            if runs.sum() >= 20:
                rate = float(np.mean(random.won[runs]))
                assert rate < 0.5, f"{event.id}.{choice.id} wins {rate:.0%} of runs taking it"


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_event_fires_and_every_choice_is_taken(scenario_id: str) -> None:
    rep, _ = _sweep(scenario_id)
    policies = rep["policies"]
    for event in load_scenario(scenario_id).events:
        assert any(p["events"][event.id] > 0 for p in policies.values()), event.id
        for choice in event.choices:
            assert any(p["choices"][event.id][choice.id] > 0 for p in policies.values()), (
                f"{event.id}.{choice.id} is never taken")


#: Policies that choose for a reason: every registered policy but "random" and "do-nothing"
#: (which takes the first choice at every event whatever it is).
REASONED = tuple(n for n in DEFAULT_POLICIES if n not in ("random", "do-nothing"))


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_choice_appeals_to_a_reasoned_policy(scenario_id: str) -> None:
    """Every choice is taken in some runs by a policy with a reason (any registered policy but
    random and do-nothing): each is a real option in some situation, not a trap only random play
    walks into."""
    rep, _ = _sweep(scenario_id)
    choices = [f"{e.id}.{c.id}" for e in load_scenario(scenario_id).events for c in e.choices]
    untaken = {ec for ec in choices
               if not any(rep["policies"][n]["choices"][ec.split(".")[0]][ec.split(".")[1]] > 0
                          for n in REASONED)}
    assert not untaken, f"no reasoned policy takes {sorted(untaken)}"
