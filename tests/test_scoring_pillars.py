"""Properties of the six outcome pillars: bounded, and monotone where they should be."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.scoring.pillars import PILLARS, access, equity, finance, month_pillars, quality, system

unit = st.floats(0.0, 1.0)
money = st.floats(-200_000, 400_000)


@st.composite
def records(draw: st.DrawFn) -> dict[str, np.ndarray]:
    """A month record with the figures the pillars read (one run)."""
    r = {
        "expenses_gbp": draw(st.floats(1_000, 300_000)), "cash_gbp": draw(money),
        "overdraft_limit_gbp": draw(st.floats(0, 200_000)),
        "calendar_month": float(draw(st.integers(1, 12))),
        "profit_per_partner_ytd_gbp": draw(money), "profit_gbp": draw(money),
        "drawings_gbp": draw(st.floats(0, 100_000)),
        "appointments_offered": draw(st.floats(0, 10_000)),
        "unmet_demand": draw(st.floats(0, 5_000)), "wait_days": draw(st.floats(0, 60)),
        "dna_rate": draw(st.floats(0, 0.3)), "qof_month_achievement": draw(unit),
        "cqc_risk": draw(unit), "patient_satisfaction": draw(unit),
        "patient_safety": draw(unit),
        "cqc_rating": draw(st.sampled_from(["inadequate", "requires_improvement", "good",
                                            "outstanding"])),
        "staff_wellbeing": draw(unit), "contacts_per_gp_day": draw(st.floats(0, 60)),
        "pcn_relationship": draw(unit), "arrs_claimed_gbp": draw(st.floats(0, 50_000)),
        "arrs_unused_gbp": draw(st.floats(0, 50_000)), "high_need_coverage": draw(unit),
        "prevalence_recording": draw(st.floats(0.5, 1.1)), "deprivation": draw(unit),
        "heads_partner": 4.0, "leavers_partner": draw(st.floats(0, 2)),
    }
    return {k: np.array([v]) for k, v in r.items()}


def _with(r: dict[str, np.ndarray], **changes: float) -> dict[str, np.ndarray]:
    return {**r, **{k: r[k] + v for k, v in changes.items()}}


@settings(max_examples=150, deadline=None)
@given(records())
def test_every_pillar_is_between_0_and_100(r: dict[str, np.ndarray]) -> None:
    scores = month_pillars(r)
    assert set(scores) == set(PILLARS)
    for p in PILLARS:
        assert np.isfinite(scores[p]).all()
        assert (0 <= scores[p]).all() and (scores[p] <= 100).all()


@settings(max_examples=100, deadline=None)
@given(records(), st.floats(0, 1))
def test_safer_care_never_lowers_quality(r, gain) -> None:
    safer = {**r, "patient_safety": np.minimum(r["patient_safety"] + gain, 1.0)}
    assert quality(safer) >= quality(r) - 1e-9
    if 0.45 < safer["patient_safety"][0] < 0.9 and gain > 0.05:  # within the ramp
        assert quality(safer) > quality(r)


@settings(max_examples=150, deadline=None)
@given(records(), st.floats(0, 5_000))
def test_more_unmet_demand_never_raises_access_or_equity(r, extra) -> None:
    worse = _with(r, unmet_demand=extra)
    assert access(worse) <= access(r) + 1e-9
    assert equity(worse) <= equity(r) + 1e-9


@settings(max_examples=150, deadline=None)
@given(records(), st.floats(0, 30))
def test_a_longer_wait_never_raises_access(r, extra) -> None:
    assert access(_with(r, wait_days=extra)) <= access(r) + 1e-9


@settings(max_examples=150, deadline=None)
@given(records(), st.floats(0, 100_000))
def test_more_cash_or_profit_never_lowers_finance(r, extra) -> None:
    assert finance(_with(r, cash_gbp=extra)) >= finance(r) - 1e-9
    assert finance(_with(r, profit_per_partner_ytd_gbp=extra)) >= finance(r) - 1e-9
    assert finance(_with(r, profit_gbp=extra)) >= finance(r) - 1e-9


@settings(max_examples=150, deadline=None)
@given(records(), st.floats(0, 0.5))
def test_more_cqc_risk_never_raises_quality(r, extra) -> None:
    assert quality(_with(r, cqc_risk=extra)) <= quality(r) + 1e-9
    assert quality(_with(r, patient_satisfaction=extra)) >= quality(r) - 1e-9


@settings(max_examples=150, deadline=None)
@given(records(), st.floats(0, 10), st.floats(0, 0.5))
def test_workload_and_wellbeing_move_team_the_right_way(r, contacts, wellbeing) -> None:
    team = month_pillars(r)["team"]
    assert month_pillars(_with(r, contacts_per_gp_day=contacts))["team"] <= team + 1e-9
    assert month_pillars(_with(r, staff_wellbeing=wellbeing))["team"] >= team - 1e-9
    assert month_pillars(_with(r, leavers_partner=1.0))["team"] <= team + 1e-9


@settings(max_examples=150, deadline=None)
@given(records(), st.floats(0, 20_000))
def test_using_arrs_money_never_lowers_system(r, used) -> None:
    more = {**r, "arrs_claimed_gbp": r["arrs_claimed_gbp"] + used,
            "arrs_unused_gbp": np.maximum(r["arrs_unused_gbp"] - used, 0.0)}
    assert system(more) >= system(r) - 1e-9


def test_no_arrs_entitlement_is_not_a_penalty() -> None:
    base = {"pcn_relationship": np.array([0.8]), "arrs_claimed_gbp": np.array([0.0]),
            "arrs_unused_gbp": np.array([0.0])}
    assert system(base)[0] == 100.0


def test_a_worse_cqc_rating_never_raises_quality() -> None:
    ratings = ["inadequate", "requires_improvement", "good", "outstanding"]
    base = {"qof_month_achievement": np.full(4, 0.9), "cqc_risk": np.full(4, 0.3),
            "patient_satisfaction": np.full(4, 0.7), "cqc_rating": np.array(ratings),
            "patient_safety": np.full(4, 0.8)}
    assert np.all(np.diff(quality(base)) > 0)
