"""Service obligations: patients leaving, complaints, CQC, the ICB's notices and QOF recovery."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.model import Params, PracticeProfile, advance, start_state
from game.model import decisions as d
from game.model import obligations as ob
from game.model.noise import MODEL_STREAMS, draw_streams
from game.model.roles import role_index
from game.play.explain import explain
from game.play.obligation_words import cqc_obligation_sentences
from game.scenario.library import load_scenario
from game.scenario.runtime import ScenarioRun

PARAMS = Params()
SLOW = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def play(profile: PracticeProfile, months: int, seed: int, runs: int = 1,
         first: list[d.Decision] | None = None, params: Params = PARAMS):
    state = start_state(profile, params, runs)
    for decision in first or []:
        state = decision.apply(state, params)
    noise = draw_streams(seed, list(range(runs)), months, MODEL_STREAMS)
    records = []
    for month in range(months):
        state, record = advance(state, params, noise[:, month])
        records.append(record)
    return state, records


def status_by_month(records) -> np.ndarray:
    """(months, runs) contract status levels."""
    return np.array([r["contract_status_level"] for r in records]).astype(int)


#: A practice with one partner, nobody else and no locums.
EMPTY = PracticeProfile(staff={"partner": 1}, locum_sessions_per_month=0.0)


@SLOW
@given(seed=st.integers(0, 10_000))
def test_a_practice_with_no_staff_gets_a_remedial_notice_and_loses_its_contract(seed):
    _, records = play(EMPTY, 12, seed, runs=4)
    status = status_by_month(records)
    assert (status[:4] >= ob.REMEDIAL).any(axis=0).all(), "no remedial notice in four months"
    assert (status[-1] == ob.TERMINATED).all(), "left so, the contract should end"
    first_breach = np.argmax(status >= ob.BREACH, axis=0)
    first_end = np.argmax(status == ob.TERMINATED, axis=0)
    assert (first_breach < first_end).all(), "termination comes after a breach notice"
    assert records[-1]["contract_failing_sessions"].all()
    assert records[-1]["contract_failing_phones"].all()


@SLOW
@given(seed=st.integers(0, 10_000))
def test_a_well_run_default_practice_gets_no_notice_in_a_year(seed):
    _, records = play(PracticeProfile(), 12, seed, runs=100)
    noticed = (status_by_month(records) > ob.NONE).any(axis=0)
    assert noticed.mean() <= 0.05


def test_notice_lifted_when_the_practice_puts_things_right():
    state = start_state(PracticeProfile(), PARAMS, 1).evolve(
        contract_status=np.array([ob.REMEDIAL]), contract_months_in_status=np.array([1]),
        contract_failing_months=np.array([3]))
    lifted = ob.review_contract(state, PARAMS, np.array([False]), np.array([False]))
    kept = ob.review_contract(state, PARAMS, np.array([True]), np.array([False]))
    assert lifted.status[0] == ob.NONE and lifted.breach_notices[0] == 0
    assert kept.status[0] == ob.BREACH and kept.breach_notices[0] == 1
    # a second unremedied notice after an earlier breach is a repeated breach: the end
    again = state.evolve(contract_breach_notices=np.array([1]))
    assert ob.review_contract(again, PARAMS, np.array([True]),
                              np.array([False])).status[0] == ob.TERMINATED
    # CQC enforcement counts as a breach at once
    calm = start_state(PracticeProfile(), PARAMS, 1)
    assert ob.review_contract(calm, PARAMS, np.array([True]),
                              np.array([True])).status[0] == ob.BREACH


@given(wait=st.floats(0, 200), extra=st.floats(0.1, 60), unmet=st.floats(0, 0.5),
       satisfaction=st.floats(0.15, 0.95))
def test_list_loss_grows_as_the_wait_grows(wait, extra, unmet, satisfaction):
    state = start_state(PracticeProfile(), PARAMS, 2)
    shortfall = ob.access_shortfall(np.array([wait, wait + extra]), np.full(2, unmet),
                                    np.full(2, satisfaction), PARAMS)
    u = np.full((2, len(MODEL_STREAMS)), 0.5)
    moved = ob.move_list(state, PARAMS, shortfall, u)
    assert moved.left_access[1] >= moved.left_access[0]
    assert moved.joined[1] <= moved.joined[0]
    assert moved.list_by_age[1].sum() <= moved.list_by_age[0].sum()


def test_a_long_wait_sends_patients_elsewhere_in_the_model():
    """Fewer GPs, a longer wait, more patients registered elsewhere over a year."""
    _, full = play(PracticeProfile(), 12, 5, runs=20)
    thin = PracticeProfile(staff={"partner": 2, "practice_nurse": 1, "practice_manager": 1,
                                  "reception_admin": 11}, locum_sessions_per_month=0.0)
    _, few = play(thin, 12, 5, runs=20)
    left_full = sum(r["patients_left_access"] for r in full)
    left_few = sum(r["patients_left_access"] for r in few)
    assert np.mean(left_few) > np.mean(left_full) + 50
    assert np.mean(few[-1]["patients"]) < np.mean(full[-1]["patients"])
    assert np.mean(few[-1]["wait_days"]) > np.mean(full[-1]["wait_days"])


@given(wait=st.floats(0, 120), extra=st.floats(1, 60))
def test_complaints_rise_with_the_wait(wait, extra):
    shortfall = ob.access_shortfall(np.array([wait, wait + extra]), np.zeros(2), np.full(2, 0.7),
                                    PARAMS)
    u = np.full((2, len(MODEL_STREAMS)), 0.999)
    count = ob.complaints(np.full(2, 10_000.0), shortfall, np.zeros(2), PARAMS, u)
    assert count[1] >= count[0]


def test_qof_achievement_that_falls_is_recovered_not_written_off():
    """Poorly recorded QOF work falls short of the 80% aspiration paid monthly: in June the
    difference is taken back, as an expense line, and cash falls by it."""
    profile = PracticeProfile(recording_quality=0.35, qof_previous_achievement=0.97)
    _, records = play(profile, 15, 2, runs=3)
    year_end, june = records[11], records[14]
    assert (year_end["calendar_month"] == 3).all() and (june["calendar_month"] == 6).all()
    recovered = june["expense_qof_recovery_gbp"]
    assert (recovered > 1_000).all()
    achieved = year_end["qof_previous_achievement"]  # this year's, once the year has ended
    aspired = PARAMS.qof_aspiration_share * 0.97
    assert (achieved < aspired).all()
    # the year's aspiration, paid monthly, less the recovery is what the achievement earned
    year_value = year_end["income_qof_gbp"] * 12 / aspired
    assert np.allclose(recovered, (aspired - achieved) * year_value, rtol=0.02)
    assert (june["income_qof_gbp"] >= 0).all()
    assert all((r["expense_qof_recovery_gbp"] == 0).all() for r in records[:14])


@SLOW
@given(seed=st.integers(0, 10_000), sessions=st.floats(0, 120))
def test_locum_spend_is_booked_sessions_times_the_rate(seed, sessions):
    _, records = play(PracticeProfile(), 6, seed, runs=2,
                      first=[d.SetLocumSessionsDecision(sessions_per_month=sessions)])
    for r in records:
        assert np.allclose(r["expense_locums_gbp"],
                           r["locum_sessions"] * r["locum_session_rate_gbp"])


def test_cqc_inspects_a_collapsed_practice_and_special_measures_cost_money():
    _, records = play(EMPTY, 8, 3, runs=50)
    inspected = np.array([r["cqc_inspected"] for r in records[:3]]).any(axis=0)
    assert inspected.mean() > 0.7
    assert all(r["cqc_concern"].all() for r in records)
    rated_inadequate = np.array([r["cqc_inspected"] & (r["cqc_rating_level"] == 0)
                                 for r in records])
    costs = np.array([r["expense_cqc_improvement_gbp"] for r in records])
    assert (costs[rated_inadequate] >= PARAMS.cqc_special_measures_cost_gbp).all()
    follow_up = np.array([r["cqc_reinspection_months"] for r in records])
    assert (follow_up[rated_inadequate] == PARAMS.cqc_special_measures_reinspection_months).all()


def test_stripping_the_staff_ends_the_scenario_on_the_contract():
    scenario = load_scenario("first-year")
    run = ScenarioRun(scenario, 4, run_ids=list(range(6)))
    run.begin_month()
    for role in ("reception_admin", "practice_nurse", "hca"):
        heads = int(run.world.state.heads[0, role_index(role)])
        run.decide(d.ReleaseDecision(role=role, count=heads))
    run.decide(d.SetLocumSessionsDecision(sessions_per_month=0))
    run.play_default()
    assert set(run.ended) == {"contract-terminated"}, run.ended


def test_the_month_summary_says_who_left_and_what_the_icb_did():
    _, records = play(EMPTY, 8, 1)
    rows = [r.row(0) for r in records]
    text = " ".join(" ".join(explain(a, b)) for a, b in zip(rows, rows[1:], strict=False))
    assert "patients registered elsewhere: the routine wait was" in text
    assert "formal complaints this month" in text
    assert "The ICB issued a remedial notice: " in text
    assert "The ICB issued a breach notice: " in text
    assert "The ICB terminated the contract: " in text
    assert "too few reception staff to answer patients" in text


def test_the_summary_names_the_complaints_that_brought_cqc():
    before = {"cqc_concern": False}
    after = {"cqc_inspected": True, "cqc_concern": True, "complaints_3m": 14,
             "cqc_rating": "requires_improvement", "expense_cqc_improvement_gbp": 6_800.0,
             "cqc_reinspection_months": 12}
    lines = cqc_obligation_sentences(before, after)
    assert lines[0] == "CQC inspected after 14 complaints in three months: rated requires " \
        "improvement."
    assert "action plan: £6,800" in lines[1] and "within 12 months" in lines[1]
