"""The game's pure parts: the session, the month-end explanations and the indicators."""

from __future__ import annotations

import pytest

from game.cli.commands_core import run_result
from game.model.decisions import DecisionError, ReleaseDecision, SetLocumSessionsDecision
from game.play.explain import explain, wait_sentence
from game.play.game_session import EventsPendingError, GameSession
from game.play.indicators import INDICATORS, with_derived
from game.play.preview import preview
from game.play.replay import play
from game.scenario.library import load_scenario


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("first-year")


def _answer(session: GameSession, pick: int = 0) -> None:
    for event in session.pending_events():
        session.choose(event.id, event.choices[pick % len(event.choices)].id)


def test_session_log_replays_to_the_same_result(scenario):
    session = GameSession(scenario, "first-year", 7)
    while not session.finished:
        _answer(session, session.month)
        if session.month == 2:
            session.decide(SetLocumSessionsDecision(30))
        session.end_turn()
    replayed = play(scenario, 7, session.log())
    assert run_result(replayed) == run_result(session.run)


def test_decisions_wait_for_the_event_cards(scenario):
    session = GameSession(scenario, "first-year", 1)
    assert session.pending_events(), "the default scenario opens with an event"
    with pytest.raises(EventsPendingError):
        session.decide(SetLocumSessionsDecision(30))
    with pytest.raises(EventsPendingError):
        session.end_turn()


def test_a_refused_decision_is_not_logged(scenario):
    session = GameSession(scenario, "first-year", 1)
    _answer(session)
    with pytest.raises(DecisionError, match="no Salaried GP in post"):
        session.decide(ReleaseDecision("salaried_gp"))
    assert session.this_month()[1] == []
    assert not any(d.startswith("Release") for d in session.decisions_this_month())


def test_preview_shows_the_refusal_and_changes_nothing(scenario):
    session = GameSession(scenario, "first-year", 1)
    before = session.run.world.state
    assert not preview(session.run, ReleaseDecision("partner")).ok
    shown = preview(session.run, SetLocumSessionsDecision(20))
    assert shown.ok and any("cash" in line for line in shown.effects)
    assert session.run.world.state is before


def test_explanations_name_the_causes():
    before = {"wait_days": 9.0, "locum_sessions": 40}
    after = {"wait_days": 14.0, "seasonal_factor": 1.08, "gp_fte_absent": 1.0,
             "locum_sessions": 40, "leavers_salaried_gp": 0}
    text = wait_sentence(before, after)
    assert text.startswith("Routine wait rose from 9 days to 14 days")
    assert "demand 8% above the yearly average" in text and "1.0 GP FTE off sick" in text


def test_explain_covers_a_played_month(scenario):
    session = GameSession(scenario, "first-year", 1)
    _answer(session)
    session.end_turn()
    lines = explain(session.start_row, session.latest)
    assert lines[0].startswith("Cash ") and any("Routine wait" in x for x in lines)


def test_every_indicator_has_a_stated_rule_and_a_state(scenario):
    session = GameSession(scenario, "first-year", 1)
    _answer(session)
    session.end_turn()
    row = with_derived(session.latest)
    for ind in INDICATORS:
        assert ind.rule()
        assert ind.state(row) in ("green", "amber", "red", "none")
        assert ind.show(row)
    assert INDICATORS[0].state({"cash_gbp": -50_000.0}) == "red"
