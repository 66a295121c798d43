"""No strategy a partner would call reckless pays: each adversarial policy, over every bundled
scenario and 12 and 24 months, may beat a practice left alone (on the finance pillar or overall,
by more than ``BEATS_BY_POINTS``) in at most 1 of 10 seeds, unless the scenario's
``balance_notes`` explain why that policy is right there. Stripping the staff puts the contract
at risk (or CQC's enforcement) in most runs."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from game.authoring.balance import reckless_beats_idle, report
from game.authoring.policies import ADVERSARIAL_POLICIES
from game.authoring.sweep import Outcome, sweep
from game.scenario.library import bundled, load_scenario

SEEDS = 10


@cache
def _outcomes(scenario_id: str, months: int) -> dict[str, Outcome]:
    scenario = load_scenario(scenario_id)
    played = sweep(scenario, SEEDS, ["do-nothing", *ADVERSARIAL_POLICIES], seed=1, months=months)
    return {o.policy.name: o for o in played}


@pytest.mark.parametrize("months", [12, 24])
@pytest.mark.parametrize("scenario_id", sorted(bundled()))
def test_no_reckless_strategy_beats_a_practice_left_alone(scenario_id: str, months: int):
    notes = load_scenario(scenario_id).balance_notes
    outcomes = _outcomes(scenario_id, months)
    idle = outcomes["do-nothing"]
    paying = {name: int(reckless_beats_idle(idle, outcomes[name]).sum())
              for name in ADVERSARIAL_POLICIES if name not in notes}
    assert all(n <= 1 for n in paying.values()), paying


@pytest.mark.parametrize("scenario_id", sorted(bundled()))
def test_stripping_the_staff_puts_the_contract_at_risk(scenario_id: str):
    stripped = _outcomes(scenario_id, 12)["strip-the-staff"]
    ended = np.asarray(stripped.ended).astype(str)
    assert np.mean(np.isin(ended, ["contract-terminated", "special-measures"])) > 0.5, ended


def test_balance_warns_when_a_reckless_strategy_pays_without_a_note():
    scenario = load_scenario("senior-partner-retires")
    outcomes = list(_outcomes(scenario.id, 12).values())
    warned = report(scenario, outcomes, seed=1, months=12)["warnings"]
    assert not [w for w in warned if w["kind"] == "reckless_pays"]
    bare = scenario.model_copy(update={"balance_notes": {}})
    warned = report(bare, outcomes, seed=1, months=12)["warnings"]
    assert [w["policy"] for w in warned if w["kind"] == "reckless_pays"] == ["zero-locums"]
