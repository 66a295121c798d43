"""One authority for decisions: bounds declared once on each decision's fields give the model's
check, the decision log's schema, the panels' limits and the policies' feasibility; anything
out of range, repeated beyond a month's limit, or too late is refused with a message and
changes nothing, however it arrives (the model, a decision file, a save, a live hand-in)."""

from __future__ import annotations

import json
from dataclasses import fields

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.cli import main
from game.model import Params, PracticeProfile, start_state
from game.model import decisions as d
from game.model.roles import ROLE_KEYS
from game.scenario.decision_log import DecisionLog
from game.scenario.library import load_scenario
from game.scenario.runtime import ScenarioRun

PARAMS = Params()


def _state(runs: int = 3, **profile):
    return start_state(PracticeProfile(**profile), PARAMS, runs)


def _same(a, b) -> bool:
    for f in fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, np.ndarray):
            if not np.array_equal(x, y):
                return False
        elif x != y:
            return False
    return True


def _refused(decision: d.Decision, state, mask=None) -> str:
    with pytest.raises(d.DecisionError) as info:
        decision.apply(state, PARAMS, mask)
    assert str(info.value)
    return str(info.value)


# -- bounds declared once ---------------------------------------------------------------------
def _outside(rule: d.Bounds) -> st.SearchStrategy:
    below = st.floats(max_value=rule.low, exclude_max=True, allow_nan=False)
    above = st.floats(min_value=rule.high, exclude_min=True, allow_nan=False)
    odd = st.sampled_from([float("nan"), float("inf"), -float("inf")])
    return st.one_of(below, above, odd)


BOUNDED = [(cls, f.name) for cls in d.DECISION_TYPES.values() for f in fields(cls)
           if isinstance(f.metadata.get("rule"), d.Bounds)]


@pytest.mark.parametrize("cls, name", BOUNDED, ids=[f"{c.kind}.{n}" for c, n in BOUNDED])
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_value_outside_its_bounds_is_refused_and_changes_nothing(cls, name, data):
    rule = d.bounds(cls, name)
    value = data.draw(_outside(rule))
    good = {"role": "hca", "model": "traditional", "item": "staff_wellbeing",
            "cloud_telephony": True, "online_consultations": True, "amount_gbp": 10_000}
    kwargs = {f.name: good[f.name] for f in fields(cls) if f.name in good}
    decision = cls(**{**kwargs, name: value})
    state = _state(staff={"hca": 3, "partner": 4, "reception_admin": 5})
    before = state
    mask = data.draw(st.lists(st.booleans(), min_size=3, max_size=3).map(np.array))
    message = _refused(decision, state, mask)  # even for an empty mask
    assert rule.label in message
    assert _same(state, before)
    assert not decision.check(state, PARAMS).allowed.any()


@pytest.mark.parametrize("cls, name", BOUNDED, ids=[f"{c.kind}.{n}" for c, n in BOUNDED])
def test_the_log_schema_carries_the_same_bounds(cls, name):
    rule = d.bounds(cls, name)
    schema = DecisionLog.model_json_schema()["$defs"][f"{cls.__name__}Spec"]
    prop = schema["properties"][name]
    assert (prop["minimum"], prop["maximum"]) == (rule.low, rule.high)
    assert prop["type"] == ("integer" if rule.integer else "number")


@settings(max_examples=60, deadline=None)
@given(count=st.integers(-1_000, 0))
def test_a_negative_release_never_adds_staff(count):
    state = _state(staff={"salaried_gp": 1, "partner": 4})
    message = _refused(d.ReleaseDecision("salaried_gp", count), state)
    assert "whole number between 1 and 50" in message


@settings(max_examples=60, deadline=None)
@given(extra=st.integers(1, 40), have=st.integers(0, 10))
def test_releasing_more_than_there_are_is_refused(extra, have):
    state = _state(staff={"practice_nurse": have, "partner": 4})
    count = have + extra
    if count > 50:
        return
    message = _refused(d.ReleaseDecision("practice_nurse", count), state)
    assert f"{count} post{'s' if count > 1 else ''} cannot be released" in message
    assert ("There is no" if have == 0 else f"only {have}") in message


# -- limits a month ---------------------------------------------------------------------------
def test_two_loans_in_one_month_are_refused():
    state = d.TakeLoanDecision(100_000, 36).apply(_state(), PARAMS)
    before = state
    assert "already been arranged this month" in _refused(d.TakeLoanDecision(100_000, 36),
                                                          state)
    assert _same(state, before)


def test_the_same_investment_twice_in_a_month_is_refused_and_repeats_fade():
    state = _state(cash_gbp=500_000)
    once = d.InvestDecision("governance_systems").apply(state, PARAMS)
    assert "already been made this month" in _refused(d.InvestDecision("governance_systems"),
                                                      once)
    first_gain = float(once.governance[0] - state.governance[0])
    from game.model import advance
    from game.model.noise import MODEL_STREAMS, draw_streams
    later, _ = advance(once, PARAMS, draw_streams(1, [0, 1, 2], 1, MODEL_STREAMS)[:, 0])
    later = later.evolve(governance=state.governance)
    again = d.InvestDecision("governance_systems").apply(later, PARAMS)
    second_gain = float(again.governance[0] - later.governance[0])
    assert 0 < second_gain < 0.6 * first_gain


def test_ten_posts_a_month_at_most_across_adverts():
    state = _state(cash_gbp=500_000)
    state = d.HireDecision("social_prescriber", 8).apply(state, PARAMS)
    assert "8 posts already this month" in _refused(d.HireDecision("social_prescriber", 3),
                                                    state)
    d.HireDecision("social_prescriber", 2).apply(state, PARAMS)  # up to ten is fine
    d.HireDecision("care_coordinator", 10).apply(state, PARAMS)  # another role is separate


def test_consulting_twice_in_a_month_is_refused():
    state = d.ConsultTeamDecision("rota").apply(_state(), PARAMS)
    assert "already been consulted this month" in _refused(d.ConsultTeamDecision("x"), state)


def test_a_decision_for_a_finished_scenario_is_refused():
    run = ScenarioRun(load_scenario("first-year"), 1, months=1)
    run.end_month()
    assert run.finished
    with pytest.raises(d.DecisionError, match="has ended"):
        run.decide(d.SetLocumSessionsDecision(10))


def test_check_is_per_run_and_apply_respects_the_mask():
    state = _state(runs=2)
    state = state.evolve(pending_financing_gbp=np.array([50_000.0, 0.0]))
    checked = d.TakeLoanDecision(20_000).check(state, PARAMS)
    assert checked.allowed.tolist() == [False, True]
    assert "already been arranged" in checked.why()
    taken = d.TakeLoanDecision(20_000).apply(state, PARAMS, np.array([False, True]))
    assert taken.pending_financing_gbp.tolist() == [50_000.0, 20_000.0]


def test_unknown_choices_name_the_field():
    state = _state()
    assert "Unknown role 'surgeon'" in _refused(d.HireDecision("surgeon"), state)
    assert "Unknown investment 'yacht'" in _refused(d.InvestDecision("yacht"), state)
    for key in ROLE_KEYS:
        assert key in d.rules(d.HireDecision)["role"].values  # type: ignore[union-attr]


# -- through a decision file, a save and a live hand-in ---------------------------------------
def _log(tmp_path, decisions) -> str:
    path = tmp_path / "log.yaml"
    entries = "\n".join(f"      - {json.dumps(x)}" for x in decisions)
    path.write_text(f"format: partnership-decisions/1\nmonths:\n  - month: 1\n"
                    f"    decisions:\n{entries}\n")
    return str(path)


@pytest.mark.parametrize("decisions, message, line", [
    ([{"type": "release", "role": "salaried_gp", "count": -4}], "greater than or equal to 1", 5),
    ([{"type": "take_loan", "amount_gbp": 100000}, {"type": "take_loan", "amount_gbp": 100000}],
     "already been arranged this month", 6),
    ([{"type": "release", "role": "practice_nurse", "count": 9}], "cannot be released", 5),
    ([{"type": "set_locum_sessions", "sessions_per_month": 1e9}], "less than or equal to 200",
     5),
])
def test_a_decision_file_is_refused_at_the_line(tmp_path, capsys, decisions, message, line):
    path = _log(tmp_path, decisions)
    assert main(["run", "first-year", "--decisions", path, "--months", "2"]) == 1
    err = capsys.readouterr().err
    assert f"{path}:{line}:" in err and message in err and "Traceback" not in err


def test_a_save_with_two_loans_in_a_month_does_not_restore(tmp_path, monkeypatch):
    from game import saves
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
    log = DecisionLog.model_validate({"scenario": "first-year", "seed": 1, "months": [
        {"month": 1, "decisions": [{"type": "take_loan", "amount_gbp": 50_000},
                                   {"type": "take_loan", "amount_gbp": 50_000}]}]})
    save = saves.SaveSpec(format=saves.FORMAT, name="two loans", scenario="first-year",
                          source="first-year", content_hash=saves.content_hash("first-year"),
                          seed=1, months_played=1, log=log)
    with pytest.raises(saves.SaveError, match="already been arranged this month"):
        saves.restore(save)


def test_a_live_hand_in_out_of_bounds_or_doubled_is_refused(tmp_path):
    from game.live import drill
    from game.live.protocol import ProtocolError, SubmitMessage, parse_client
    from game.live.resume import open_room
    with pytest.raises(ProtocolError, match="count"):
        parse_client(json.dumps({"type": "submit", "id": "x", "month": 1, "decisions": [
            {"type": "release", "role": "salaried_gp", "count": -4}]}))
    room, _ = open_room(drill.drill_session(tmp_path, 2, 3))
    room.control(__import__("game.live.protocol", fromlist=["ControlMessage"]).ControlMessage(
        id="open", action="open"))
    msg = SubmitMessage.model_validate({"id": "s", "type": "submit", "month": 1, "decisions": [
        {"type": "take_loan", "amount_gbp": 50_000}, {"type": "take_loan", "amount_gbp": 50_000}]})
    answer = room.submit("Team 01", msg)
    assert not answer["ok"] and "already been arranged this month" in answer["error"]
    room.journal.close()


# -- leaving and hiring as employment law, the deed and the building allow (issue 14) -----------
def test_a_resignation_works_its_notice_and_a_partner_gives_six_months():
    from game.model import advance
    from game.model.noise import MODEL_STREAMS, draw_streams
    from game.model.roles import NOTICE, ROLE_INDEX
    state = _state(runs=400)
    noise = draw_streams(3, list(range(400)), 12, MODEL_STREAMS)
    resigned, left = [], []
    for month in range(12):
        state, rec = advance(state, PARAMS, noise[:, month])
        resigned.append(rec["resigned_partner"])
        left.append(rec["leavers_partner"])
    resigned, left = np.array(resigned), np.array(left)
    assert NOTICE[ROLE_INDEX["partner"]] == 6
    assert resigned.sum() > 0
    assert left[:6].sum() == 0  # nobody goes before a six-month notice ends
    assert np.array_equal(left[6:], resigned[:6])  # and then exactly those who gave it


def test_a_release_pays_notice_and_redundancy_and_cannot_take_those_leaving():
    state = _state(cash_gbp=200_000, staff={"reception_admin": 10, "partner": 4})
    released = d.ReleaseDecision("reception_admin", 10).apply(state, PARAMS)
    cost = float(released.pending_one_off_gbp[0] - state.pending_one_off_gbp[0])
    assert cost == pytest.approx(d.ReleaseDecision("reception_admin", 10).cost(PARAMS))
    assert 30_000 < cost < 45_000  # a month's notice and about 4.5 weeks' pay each
    leaving = state.notice.copy()
    leaving[:, 13, 0] = 9.0  # nine of the ten already working their notice
    assert "not already leaving" in _refused(d.ReleaseDecision("reception_admin", 2),
                                             state.evolve(notice=leaving))


def test_hiring_stops_at_the_rooms_and_the_gps_supervision():
    state = _state(cash_gbp=900_000)
    hired = 0
    with pytest.raises(d.DecisionError, match="No clinical room is free"):
        for _ in range(20):
            state = d.HireDecision("physiotherapist").apply(state, PARAMS)
            hired += 1
    assert 1 <= hired <= 4
    state = d.InvestDecision("premises_refurbishment").apply(state, PARAMS)
    d.HireDecision("physiotherapist").apply(state, PARAMS)  # two rooms more
    few_gps = start_state(PracticeProfile(cash_gbp=900_000, clinical_rooms=30,
                                          staff={"partner": 1, "reception_admin": 3}), PARAMS)
    with pytest.raises(d.DecisionError, match="cannot supervise"):
        for _ in range(5):
            few_gps = d.HireDecision("physician_associate").apply(few_gps, PARAMS)
