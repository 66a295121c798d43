"""One way to apply a month of a decision log: the replay, a restored game and a group session's
teams all play the same log to the same practice, injected events included."""

from __future__ import annotations

import pytest

from game.play.game_session import GameSession
from game.play.replay import MoveRefused, apply_month, play
from game.scenario.decision_log import DecisionLog, MonthEntry
from game.scenario.library import load_scenario
from game.scenario.runtime import ScenarioRun
from game.session.engine import replay_records
from game.session.rounds import TeamRecord

SEED = 7
#: Month 2: a facilitator fired an event and the team answered it; month 3 took a decision.
MONTHS = [
    {"month": 2, "injected": ["reception-abuse"],
     "choices": [{"event": "reception-abuse", "choice": "phone-system"}]},
    {"month": 3, "decisions": [{"type": "set_locum_sessions", "sessions_per_month": 12}]},
]


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("first-year")


def log() -> DecisionLog:
    return DecisionLog.model_validate({"scenario": "first-year", "seed": SEED, "months": MONTHS})


def test_a_restored_game_plays_injected_events_as_the_replay_does(scenario):
    replayed = play(scenario, SEED, log(), months=4)
    game = GameSession(scenario, "first-year", SEED)
    game.replay(log(), 4)
    assert [r.row(0) for r in game.run.history] == [r.row(0) for r in replayed.history]
    assert game.log() == log()


def test_a_group_session_team_plays_the_log_as_the_replay_does(scenario):
    replayed = play(scenario, SEED, log(), months=4)
    team = TeamRecord("A", months={e["month"]: {"injected": [], "choices": [], "decisions": [],
                                                **e} for e in MONTHS})
    run = replay_records(scenario, SEED, 4, [team], 5, round_open=False)
    assert [r.row(0) for r in run.history] == [r.row(0) for r in replayed.history]


def test_a_refused_move_says_where_it_is_in_the_month(scenario):
    run = ScenarioRun(scenario, SEED)
    entry = MonthEntry.model_validate(
        {"month": 1, "choices": [{"event": "the-accounts", "choice": "no-such-choice"}]})
    with pytest.raises(MoveRefused) as caught:
        apply_month(run, entry)
    assert caught.value.where == ("choices", 0)
    assert "no-such-choice" in caught.value.message
