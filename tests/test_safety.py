"""Patient safety: incidents rise with pressure, unsupervised skill mix and open concerns about
named colleagues; significant event analysis clears them and lowers the rate; the figure feeds
CQC's risk, the quality pillar and the month summary."""

from __future__ import annotations

import numpy as np
import pytest

from game.model import Params, PracticeProfile, advance, safety, start_state
from game.model import decisions as d
from game.model.noise import draw_streams, state_streams
from game.model.people import PersonProfile
from game.play.explain import explain

PARAMS = Params()
SEA = d.SignificantEventAnalysisDecision


def _month(state, seed: int = 2):
    noise = draw_streams(seed, list(range(state.runs)), 1, state_streams(state.person_ids))
    return advance(state, PARAMS, noise[:, 0])


def _start(runs: int = 1, **profile):
    return start_state(PracticeProfile(**profile), PARAMS, runs)


def test_burnout_raises_the_incident_rate():
    calm = _start()
    tired = calm.evolve(burnout=np.full_like(calm.burnout, 0.8))
    _, a = _month(calm)
    _, b = _month(tired)
    assert b["safety_incident_rate_factor"][0] > a["safety_incident_rate_factor"][0] * 1.5
    assert b["patient_safety"][0] < a["patient_safety"][0]
    assert b["cqc_risk"][0] > a["cqc_risk"][0]


def test_staff_needing_more_supervision_than_the_gps_can_give_raise_the_rate():
    assert safety.supervision_gap(np.array([10.0, 10.0, 0.0]),
                                  np.array([20.0, 4.0, 0.0])).tolist() == [0.0, 0.6, 0.0]
    calm = {"pressure": np.zeros((2, 4)), "burnout": np.zeros((2, 4)),
            "concerns": np.zeros(2), "learning": np.zeros(2)}
    factor = safety.rate_factor(PARAMS, supervision_gap=np.array([0.0, 1.0]), **calm)
    assert factor.tolist() == [1.0, 1.0 + PARAMS.safety_skill_mix_multiplier]


def test_an_open_concern_about_a_colleague_raises_the_rate_until_dealt_with():
    people = (PersonProfile("hale", "partner", 0.8),)
    state = _start(people=people)
    raised = state.evolve(person_concerns_open=np.array([[1]]),
                          person_concerns_about=np.array([[1]]))
    _, a = _month(state)
    _, b = _month(raised)
    expected = 1 + PARAMS.safety_concern_multiplier
    assert b["safety_incident_rate_factor"][0] == pytest.approx(
        a["safety_incident_rate_factor"][0] * expected)
    assert "1 concern about a colleague not yet dealt with" in " ".join(
        explain(a.row(0), b.row(0)))


def test_significant_event_analysis_needs_incidents_waiting():
    state = _start()
    with pytest.raises(d.DecisionError, match="No patient safety incident"):
        SEA(1).apply(state, PARAMS)
    waiting = state.evolve(incidents_unreviewed=np.array([2.0]))
    with pytest.raises(d.DecisionError, match="Only 2 incidents"):
        SEA(3).apply(waiting, PARAMS)
    with pytest.raises(d.DecisionError, match="between 1 and 10"):
        SEA(0).apply(waiting, PARAMS)


def test_significant_event_analysis_clears_incidents_and_lowers_the_rate():
    state = _start().evolve(incidents_unreviewed=np.array([4.0]))
    reviewed = SEA(4).apply(state, PARAMS)
    assert reviewed.incidents_unreviewed[0] == 0
    assert reviewed.pending_one_off_gbp[0] == pytest.approx(
        4 * PARAMS.significant_event_analysis_cost_gbp)
    assert reviewed.safety_learning[0] > state.safety_learning[0]
    _, before = _month(state)
    _, after = _month(reviewed)
    assert after["safety_incident_rate_factor"][0] < before["safety_incident_rate_factor"][0]
    assert after["patient_safety"][0] > before["patient_safety"][0]


def test_unreviewed_incidents_lower_the_safety_figure_and_raise_cqc_risk():
    state = _start()
    backlog = state.evolve(incidents_unreviewed=np.array([15.0]))
    _, a = _month(state)
    _, b = _month(backlog)
    assert b["patient_safety"][0] < a["patient_safety"][0] - 0.1
    assert b["cqc_risk"][0] > a["cqc_risk"][0]


def test_the_month_summary_names_patient_safety():
    state = _start()
    state, first = _month(state)
    _, second = _month(state.evolve(incidents_unreviewed=np.array([5.0])), seed=3)
    words = " ".join(explain(first.row(0), second.row(0)))
    assert "Patient safety:" in words and "wait for review" in words
