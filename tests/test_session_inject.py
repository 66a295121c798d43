"""``ScenarioRun.inject``: a facilitator fires one of the scenario's events now, and the
decision log's ``injected`` entries make a replay exact."""

import numpy as np
import pytest

from game.play.replay import play
from game.scenario.decision_log import DecisionLog
from game.scenario.library import load_scenario
from game.scenario.runtime import ScenarioRun


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("first-year")


def test_inject_fires_for_the_masked_runs_only(scenario):
    run = ScenarioRun(scenario, 3, run_ids=[0, 0, 0])
    run.begin_month()
    before = {f.event.id for f in run.fired_now}
    event = next(e.id for e in scenario.events if e.id not in before)
    fired = run.inject(event, np.array([False, True, False]))
    assert fired.tolist() == [False, True, False]
    found = next(f for f in run.fired_now if f.event.id == event)
    assert found.mask.tolist() == [False, True, False]
    assert run.world.times_fired(event).tolist() == [0, 1, 0]
    choice = scenario.event(event).choices[1].id
    run.choose(event, choice, np.array([False, True, False]))
    run.end_month()
    assert run.world.choice(event).tolist()[1] == 1


def test_inject_twice_in_a_month_fires_once_per_run(scenario):
    run = ScenarioRun(scenario, 3, run_ids=[0, 0])
    event = scenario.events[-1].id
    run.inject(event, np.array([True, False]))
    again = run.inject(event)
    assert again.tolist() == [False, True]
    assert run.world.times_fired(event).tolist() == [1, 1]


def test_inject_an_unknown_event_is_refused(scenario):
    run = ScenarioRun(scenario, 3)
    with pytest.raises(ValueError, match="no event 'nope'"):
        run.inject("nope")


def test_a_logged_injection_replays_exactly(scenario):
    event = scenario.events[-1]
    run = ScenarioRun(scenario, 5, run_ids=[0, 0])
    run.end_month()
    run.inject(event.id, np.array([False, True]))
    run.choose(event.id, event.choices[-1].id, np.array([False, True]))
    run.play_default()
    log = DecisionLog.model_validate({"months": [
        {"month": 2, "injected": [event.id],
         "choices": [{"event": event.id, "choice": event.choices[-1].id}]}]})
    alone = play(scenario, 5, log)
    for batch_rec, alone_rec in zip(run.history, alone.history, strict=True):
        assert batch_rec.row(1) == alone_rec.row(0)
    assert run.history[-1].row(0) != run.history[-1].row(1)
