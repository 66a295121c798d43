"""Balance of the scenario library, checked in numbers with the balance sweep.

For every bundled scenario, 300 seeded runs under each policy of ``game.authoring.policies``
(do-nothing, random, cost-cutter, the adversaries staff-cutter and cut-corners,
people-first, growth, balanced, cash-first, command-and-control):

- a practice left alone does not win (do-nothing wins at most 5% of runs);
- a sensible approach can (the best policy wins at least a quarter of its runs; the library's
  own sensible playthroughs, in ``tests/golden``, are checked separately);
- no single choice wins whatever else is done: the sweep reports no dominant choice, and
  under random play no choice carries a win rate of one half or more among the runs that took
  it;
- every event fires in some runs, and every choice is taken by some policy, and by a
  reasoned policy (any but random and do-nothing);
- the leadership rubric holds up in numbers (issue 20): stripping the staff or cutting every
  corner never reaches strong on leading with care or engaging the team, doing nothing never
  reaches exemplary, and exemplary is rare.

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
from game.scenario.spec import DIMENSIONS
from game.scoring.rubric import LEVEL_NAMES

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
#: (which lets every card lapse).
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


#: Adversaries: their play must never read as caring for or engaging the team.
ADVERSARIES = ("staff-cutter", "cut-corners")
#: Exemplary is rare: at most this share of all (run, dimension) pairs over the library's
#: policies, and at most EXEMPLARY_ONE of any one policy that decides by the figures.
EXEMPLARY_ALL = 0.1
EXEMPLARY_ONE = 0.2


def _level(o: Outcome, dim: str) -> np.ndarray:
    return o.levels[:, DIMENSIONS.index(dim)]


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_stripping_staff_or_cutting_corners_never_leads_with_care(scenario_id: str) -> None:
    _, outcomes = _sweep(scenario_id)
    strong = LEVEL_NAMES.index("strong")
    for name in ADVERSARIES:
        for dim in ("leading_with_care", "engaging_the_team"):
            assert (_level(outcomes[name], dim) < strong).all(), (name, dim)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_doing_nothing_is_never_exemplary(scenario_id: str) -> None:
    _, outcomes = _sweep(scenario_id)
    assert (outcomes["do-nothing"].levels < LEVEL_NAMES.index("exemplary")).all()


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_exemplary_is_rare(scenario_id: str) -> None:
    rep, outcomes = _sweep(scenario_id)
    top = LEVEL_NAMES.index("exemplary")
    every = np.concatenate([o.levels for o in outcomes.values()])
    assert (every == top).mean() <= EXEMPLARY_ALL
    for name, o in outcomes.items():
        if rep["policies"][name]["decides_by"] == "figures":
            assert (o.levels == top).mean() <= EXEMPLARY_ONE, name


def test_policies_that_read_the_tags_are_reported_apart() -> None:
    rep, _ = _sweep(SCENARIOS[0])
    by = {n: p["decides_by"] for n, p in rep["policies"].items()}
    assert {n for n, b in by.items() if b == "tags"} == {
        "people-first", "balanced", "command-and-control"}
