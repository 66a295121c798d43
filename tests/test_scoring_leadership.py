"""Leadership scoring: the nine dimensions move with tags and decision patterns as documented
in docs/scoring.md; the overall score and the run --json keys."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.cli import main
from game.model.decisions import (
    ConsultTeamDecision,
    SetAppointmentModelDecision,
    SetDrawingsDecision,
    SetLocumSessionsDecision,
)
from game.scenario.library import load_scenario
from game.scenario.runtime import ScenarioRun
from game.scenario.spec import DIMENSIONS
from game.scoring import (
    GOALS_SHARE,
    leadership_profile,
    level,
    months_counted,
    overall,
    score_arrays,
    score_run,
)
from game.scoring.leadership import BAND_TOP, PATTERN_CAP, SCALE, findings, score
from game.scoring.pillars import PILLARS


@pytest.fixture(scope="module")
def scenario():
    """First year, with lapsed cards showing nothing (so these tests see tags and patterns
    alone; tests/test_inaction.py covers what a lapse shows)."""
    base = load_scenario("first-year")
    return base.model_copy(update={"events": [e.model_copy(update={"if_no_decision": None})
                                              for e in base.events]})


def _play(scenario, month_actions, runs=1, months=4):
    """Play ``months`` months; month_actions maps month -> function(run)."""
    run = ScenarioRun(scenario, 5, run_ids=list(range(runs)), months=months)
    while not run.finished:
        run.begin_month()
        if run.month in month_actions:
            month_actions[run.month](run)
        run.end_month()
    return run


def _dim(run, name):
    return score_arrays(run)["leadership"][:, DIMENSIONS.index(name)]


def test_score_is_50_without_evidence_and_follows_the_documented_formula() -> None:
    assert score(np.array([0.0]))[0] == 50.0
    assert score(np.array([2.0]))[0] == pytest.approx(50 + 50 * np.tanh(2 / SCALE))


@given(st.floats(-50, 50), st.floats(0.01, 10))
def test_score_is_bounded_and_rises_with_points(net, more) -> None:
    a, b = score(np.array([net, net + more]))
    assert 0 <= a < b <= 100 or (a == b == 100.0)


def test_levels_follow_the_four_bands() -> None:
    assert [level(x) for x in (0, 39.9, 40, 59.9, 60, 79.9, 80, 100)] == [
        "essential", "essential", "proficient", "proficient", "strong", "strong",
        "exemplary", "exemplary"]


def test_choice_tags_move_exactly_their_dimensions(scenario) -> None:
    def answer(run):
        run.choose("the-accounts", np.array([0, 2]))  # recovery-plan, ask-bank
    run = _play(scenario, {1: answer}, runs=2, months=2)
    lead = score_arrays(run)["leadership"]
    levels = leadership_profile(run).level_index()
    tags = [{"evaluating_information": 2, "engaging_the_team": 1, "sharing_the_vision": 1},
            {"evaluating_information": -1, "holding_to_account": -1}]
    for i, tag in enumerate(tags):
        for d, dim in enumerate(DIMENSIONS):
            if dim not in tag:  # untouched: not yet shown, at 50, never a level
                assert levels[i, d] == -1 and lead[i, d] == 50.0, (i, dim)
            elif tag[dim] > 0:  # one situation is proficient at most, however many points
                assert levels[i, d] == 1 and lead[i, d] == pytest.approx(
                    min(score(np.array([tag[dim]]))[0], BAND_TOP["proficient"])), (i, dim)
            else:
                assert levels[i, d] == 0 and lead[i, d] == pytest.approx(
                    score(np.array([tag[dim]]))[0]), (i, dim)


def test_an_unanswered_event_shows_no_leadership(scenario) -> None:
    run = _play(scenario, {}, months=3)
    assert np.all(score_arrays(run)["leadership"] == 50.0)
    assert all(a.settled for a in run.actions if a.event)


def test_consulting_before_a_change_engages_the_team(scenario) -> None:
    def consult_then_change(run):
        run.decide(ConsultTeamDecision("triage"), np.array([True, False]))
        run.decide(SetAppointmentModelDecision("triage_first"))
    run = _play(scenario, {2: consult_then_change}, runs=2, months=3)
    engaging = _dim(run, "engaging_the_team")
    vision = _dim(run, "sharing_the_vision")
    assert engaging[0] == pytest.approx(min(score(np.array([1.0]))[0], 59.0))
    assert engaging[1] == pytest.approx(score(np.array([-1.0]))[0])
    assert vision[0] > 50 and vision[1] == 50


def test_consultation_covers_three_months_only(scenario) -> None:
    change = SetAppointmentModelDecision("triage_first")
    early = _play(scenario, {1: lambda r: r.decide(ConsultTeamDecision()),
                             3: lambda r: r.decide(change)}, months=4)
    late = _play(scenario, {1: lambda r: r.decide(ConsultTeamDecision()),
                            4: lambda r: r.decide(change)}, months=5)
    assert _dim(early, "engaging_the_team")[0] > 50
    assert _dim(late, "engaging_the_team")[0] < 50


def test_cutting_locums_when_losing_money_is_acting_on_information(scenario) -> None:
    # the practice starts drawing more than it makes (see the scenario's briefing)
    run = _play(scenario, {2: lambda r: r.decide(SetLocumSessionsDecision(30))}, months=3)
    ev = [f for f in findings(run) if f.source == "acted_on_the_figures"]
    assert ev and ev[0].dimension == "evaluating_information" and ev[0].points[0] == 1


def test_bringing_drawings_within_profit_holds_to_account(scenario) -> None:
    run = _play(scenario, {2: lambda r: r.decide(SetDrawingsDecision(6_000))}, months=3)
    assert _dim(run, "holding_to_account")[0] > 50
    raised = _play(scenario, {2: lambda r: r.decide(SetDrawingsDecision(14_000))}, months=3)
    assert _dim(raised, "holding_to_account")[0] < 50


def test_a_pattern_counts_at_most_the_cap(scenario) -> None:
    actions = {m: (lambda r, m=m: r.decide(SetAppointmentModelDecision(
        ("triage_first", "traditional")[m % 2]))) for m in range(2, 8)}
    run = _play(scenario, actions, months=8)
    total = sum(f.points[0] for f in findings(run) if f.dimension == "engaging_the_team")
    assert total == -PATTERN_CAP


def test_overall_is_the_weighted_mean_plus_the_goals_share() -> None:
    pillars = np.array([[100.0, 0, 0, 0, 0, 0]])
    w = np.array([1.0, 1, 1, 1, 0, 0])
    assert overall(pillars, np.zeros((1, 0), bool), np.zeros(0), w)[0] == 25.0
    met = np.array([[True, False]])
    got = overall(pillars, met, np.array([1.0, 1.0]), w)[0]
    assert got == pytest.approx((1 - GOALS_SHARE) * 25 + GOALS_SHARE * 50)


@given(st.lists(st.floats(0, 100), min_size=6, max_size=6), st.integers(0, 5),
       st.floats(0, 50))
def test_a_better_pillar_or_a_met_goal_never_lowers_overall(ps, k, more) -> None:
    w = np.array([1.5, 1, 1, 1.25, 0.75, 0.5])
    base = np.array([ps])
    better = base.copy()
    better[0, k] = min(better[0, k] + more, 100)
    none = np.array([[False, False]])
    gw = np.array([1.0, 2.0])
    assert overall(better, none, gw, w)[0] >= overall(base, none, gw, w)[0] - 1e-9
    assert overall(base, np.array([[True, False]]), gw, w)[0] >= overall(base, none, gw, w)[0]


def test_months_not_reached_after_an_early_end_count_as_zero(scenario) -> None:
    run = ScenarioRun(scenario, 1, months=6)
    run.end_month()
    run.ended[:] = "insolvent"
    assert months_counted(run)[0] == 6


def test_run_json_has_the_documented_score_keys(capsys) -> None:
    assert main(["run", "first-year", "--months", "3", "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)["scores"]
    assert 0 <= scores["overall"] <= 100
    assert list(scores["pillars"]) == list(PILLARS)
    assert list(scores["leadership"]) == list(DIMENSIONS)
    assert set(scores["levels"].values()) <= {"essential", "proficient", "strong",
                                              "exemplary", "not yet shown"}
    assert all(0 <= v <= 100 for v in scores["leadership"].values())


def test_score_run_picks_one_run_of_a_batch(scenario) -> None:
    run = _play(scenario, {1: lambda r: r.choose("the-accounts", np.array([0, 1, 2]))},
                runs=3, months=2)
    arrays = score_arrays(run)
    for i in range(3):
        assert score_run(run, i)["overall"] == round(float(arrays["overall"][i]), 2)


def test_docs_name_every_pattern_and_the_score_table() -> None:
    from pathlib import Path

    from game.scoring.leadership import PATTERNS
    text = (Path(__file__).resolve().parents[1] / "docs" / "scoring.md").read_text()
    for name in PATTERNS:
        assert f"`{name}`" in text, name
    table = [round(float(score(np.array([x]))[0])) for x in (-4, -3, -2, -1, 0, 1, 2, 3, 4, 6)]
    assert "| Score | " + " | ".join(map(str, table)) + " |" in text
