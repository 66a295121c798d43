"""This month's decisions can be withdrawn or replaced until the month ends, and the run stays
exactly what a replay of the log plays."""

from __future__ import annotations

import numpy as np
import pytest

from game.cli.commands_core import run_result
from game.model.decisions import (
    HireDecision,
    SetDrawingsDecision,
    SetLocumSessionsDecision,
    TakeLoanDecision,
)
from game.play.game_session import GameSession
from game.play.replay import play
from game.scenario.library import load_scenario


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("first-year")


def _session(scenario, seed: int = 3) -> GameSession:
    session = GameSession(scenario, "first-year", seed)
    for event in session.pending_events():
        session.choose(event.id, event.choices[0].id)
    return session


def _state(session: GameSession) -> dict[str, np.ndarray]:
    s = session.run.world.state
    return {k: np.asarray(v).copy() for k, v in vars(s).items() if isinstance(v, np.ndarray)}


def _same(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> bool:
    return a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)


def test_committing_the_same_kind_again_replaces_it(scenario):
    session = _session(scenario)
    session.decide(SetDrawingsDecision(9_500))
    session.decide(SetLocumSessionsDecision(30))
    session.decide(SetDrawingsDecision(9_000), reason="keep cash")
    assert session.decisions_this_month() == [
        "Set drawings to £9,000 a partner a month", "Book 30 locum sessions a month"]
    assert float(session.run.world.state.drawings_per_partner[0]) == 9_000
    _, decisions = session.this_month()
    assert decisions[0]["reason"] == "keep cash"


def test_a_hire_replaces_a_hire_of_the_same_role_only(scenario):
    session = _session(scenario)
    session.decide(HireDecision("salaried_gp", 1))
    session.decide(HireDecision("practice_nurse", 1))
    session.decide(HireDecision("salaried_gp", 2))
    assert session.decisions_this_month() == ["Recruit 2 × Salaried GP",
                                              "Recruit 1 × Practice nurse"]


def test_a_replaced_loan_is_borrowed_once(scenario):
    once = _session(scenario)
    once.decide(TakeLoanDecision(20_000, 36))
    twice = _session(scenario)
    twice.decide(TakeLoanDecision(50_000, 36))
    twice.decide(TakeLoanDecision(20_000, 36))
    assert _same(_state(once), _state(twice))


def test_withdrawing_leaves_the_month_as_if_never_taken(scenario):
    plain = _session(scenario)
    plain.decide(SetLocumSessionsDecision(30))
    session = _session(scenario)
    session.decide(TakeLoanDecision(50_000, 24))
    session.decide(SetLocumSessionsDecision(30))
    assert session.withdraw(0) == "Borrow £50,000 over 24 months"
    assert session.decisions_this_month() == ["Book 30 locum sessions a month"]
    assert _same(_state(plain), _state(session))
    with pytest.raises(IndexError):
        session.withdraw(1)


def test_a_game_with_withdrawals_replays_from_its_log(scenario):
    session = GameSession(scenario, "first-year", 11)
    while not session.finished:
        for event in session.pending_events():
            session.choose(event.id, event.choices[session.month % len(event.choices)].id)
        session.decide(SetLocumSessionsDecision(4 * (session.month % 5)))
        session.decide(TakeLoanDecision(10_000, 24))
        session.decide(SetDrawingsDecision(9_000 + 100 * session.month))
        session.withdraw(1)
        session.decide(SetLocumSessionsDecision(8))
        session.end_turn()
    assert all(len(m.decisions) == 2 for m in session.log().months)
    assert run_result(play(scenario, 11, session.log())) == run_result(session.run)
