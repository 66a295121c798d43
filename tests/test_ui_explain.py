"""The month-end explanations: every cause named pushes the figure the way it moved."""

from __future__ import annotations

import pytest

from game.play.explain import (
    explain,
    explain_sections,
    qof_sentence,
    satisfaction_sentence,
    wait_causes,
    wait_sentence,
    wellbeing_sentence,
)
from game.play.game_session import GameSession
from game.scenario.library import load_scenario

BASE = {"wait_days": 6.0, "backlog": 100.0, "locum_sessions": 40, "appointments_demanded": 4600,
        "dna_rate": 0.05, "gp_fte_absent": 0.2, "gp_fte": 3.1, "seasonal_factor": 1.0}


def test_a_rise_is_never_explained_by_demand_that_fell():
    """The bug this replaced: 'wait rose from 6 to 7 days: demand 4% below the average'."""
    before = {"wait_days": 6.0, "locum_sessions": 48}
    after = {"wait_days": 7.0, "seasonal_factor": 0.96, "locum_sessions": 48, "backlog": 134}
    text = wait_sentence({**before, "backlog": 0.0}, after)
    assert text.startswith("Routine wait rose from 6 days to 7 days")
    assert "below the yearly average" not in text
    assert "backlog carried into next month grew from 0 to 134" in text


def test_wait_rise_names_the_causes_that_push_up():
    after = {**BASE, "wait_days": 14.0, "appointments_demanded": 4600 * 1.08,
             "gp_fte_absent": 1.2, "locum_sessions": 32, "backlog": 500.0}
    text = wait_sentence(BASE, after)
    assert text.startswith("Routine wait rose from 6 days to 14 days")
    assert "new requests up 8% on last month" in text
    assert "more GPs off sick (1.2 FTE, was 0.2)" in text
    assert "8 fewer locum sessions" in text


def test_wait_fall_keeps_only_causes_that_push_down():
    after = {**BASE, "wait_days": 4.0, "appointments_demanded": 4600 * 1.05,
             "locum_sessions": 60, "backlog": 20.0}
    text = wait_sentence(BASE, after)
    assert text.startswith("Routine wait fell")
    assert "20 more locum sessions" in text and "requests up" not in text
    assert "shrank from 100 to 20" in text


def test_first_month_uses_the_season_only_when_it_agrees():
    start = {"wait_days": 6.0, "backlog": 0.0}
    up = wait_sentence(start, {"wait_days": 9.0, "seasonal_factor": 1.08, "backlog": 300.0})
    assert "demand 8% above the yearly average" in up
    down = wait_sentence(start, {"wait_days": 4.0, "seasonal_factor": 1.08, "backlog": 0.0})
    assert "above the yearly average" not in down


def test_unchanged_wait_names_no_cause():
    assert wait_sentence(BASE, {**BASE, "wait_days": 6.2, "locum_sessions": 10}) == \
        "Routine wait held at about 6 days."


@pytest.mark.parametrize("sign", [1, -1])
def test_every_named_cause_agrees_with_the_change(sign):
    after = {**BASE, "wait_days": 6.0 + 3 * sign, "appointments_demanded": 4600 * 1.1,
             "gp_fte_absent": 0.0, "locum_sessions": 20, "dna_rate": 0.06, "backlog": 50.0,
             "leavers_salaried_gp": 1, "gp_fte": 2.5}
    text = wait_sentence(BASE, after)
    named = {words: push for push, words in wait_causes(BASE, after)}
    for words, push in named.items():
        if words in text:
            assert push * sign > 0, words


def test_wellbeing_rise_is_not_blamed_on_overwork():
    before = {"staff_wellbeing": 0.59, "contacts_per_gp_day": 28.0, "pressure_nursing": 0.4}
    after = {"staff_wellbeing": 0.62, "contacts_per_gp_day": 26.0, "pressure_nursing": 0.3}
    text = wellbeing_sentence(before, after)
    assert "GP contacts a day down to 26" in text and "pressure on nurses and HCAs down" in text
    fell = wellbeing_sentence(after, {**after, "staff_wellbeing": 0.55,
                                      "contacts_per_gp_day": 30.0})
    assert "up to 30" in fell and "down" not in fell.split(":")[1]


def test_satisfaction_and_qof_changes_are_explained():
    before = {"patient_satisfaction": 0.74, "wait_days": 7.0, "unmet_demand": 10,
              "appointments_demanded": 4600, "qof_month_achievement": 0.93,
              "high_need_coverage": 0.99}
    after = {"patient_satisfaction": 0.70, "wait_days": 12.0, "unmet_demand": 200,
             "appointments_demanded": 4600, "qof_month_achievement": 0.85,
             "high_need_coverage": 0.90, "qof_points_ytd": 80}
    sat = satisfaction_sentence(before, after)
    assert sat.startswith("Patient satisfaction fell from 74% to 70%")
    assert "routine wait of 12 days" in sat and "more requests went unmet" in sat
    qof = qof_sentence(before, after)
    assert qof.startswith("QOF points earned this month fell from 93% to 85%")
    assert "less long-term-condition" in qof


def test_a_played_year_explains_every_month():
    scenario = load_scenario("first-year")
    session = GameSession(scenario, "first-year", 1)
    before = session.start_row
    while not session.finished:
        for event in session.pending_events():
            session.choose(event.id, event.choices[0].id)
        session.end_turn()
        sections = dict(explain_sections(before, session.latest))
        assert set(sections) >= {"Money", "Access", "Quality"}
        lines = explain(before, session.latest)
        assert all(line.endswith(".") for line in lines)
        before = session.latest
