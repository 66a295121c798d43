"""Named people: one of their role's heads, absent from capacity while away, leaving through
their role's notice queue, driven by scenario conditions and effects, the same in a batch as
one run at a time."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.model import Params, PracticeProfile, advance, start_state
from game.model import people as pp
from game.model.decisions import ReleaseDecision
from game.model.noise import draw_streams, state_streams
from game.model.people import PersonProfile
from game.model.roles import FTE_PER_HEAD, NOTICE, ROLE_INDEX
from game.scenario.library import load_scenario
from game.scenario.runtime import ScenarioRun, holds
from game.scenario.spec import ConditionSpec

PARAMS = Params()
NURSE = ROLE_INDEX["practice_nurse"]
PARTNER = ROLE_INDEX["partner"]
SCENARIO = Path(__file__).parent / "people" / "speaking-up.yaml"
PEOPLE = (PersonProfile("okafor", "practice_nurse", 0.9), PersonProfile("hale", "partner", 0.75))


def _start(runs: int = 2, people: tuple[PersonProfile, ...] = PEOPLE):
    return start_state(PracticeProfile(people=people), PARAMS, runs)


def _play(state, months: int, seed: int = 1, run_ids=None):
    ids = list(range(state.runs)) if run_ids is None else run_ids
    noise = draw_streams(seed, ids, months, state_streams(state.person_ids))
    records = []
    for m in range(months):
        state, record = advance(state, PARAMS, noise[:, m])
        records.append(record)
    return state, records


def test_a_named_person_is_one_of_the_roles_heads():
    plain, named = start_state(PracticeProfile(), PARAMS), _start(1)
    assert np.array_equal(plain.heads, named.heads)
    nurses = plain.heads[0, NURSE]
    assert named.fte[0, NURSE] == pytest.approx((nurses - 1) * FTE_PER_HEAD[NURSE] + 0.9)


def test_an_absent_person_is_paid_but_not_at_work():
    here = _start()
    away = here.evolve(person_absence=np.array([[0, pp.SICKNESS], [0, pp.SICKNESS]]),
                       person_return_month=np.full((2, 2), 3))
    _, [with_him] = _play(here, 1)
    _, [without] = _play(away, 1)
    # his 0.75 FTE, less the share of it the group's usual sickness would have taken anyway
    extra = without["gp_fte_absent"][0] - with_him["gp_fte_absent"][0]
    assert 0.75 * (1 - 0.2) < extra <= 0.75
    assert without["contacts_per_gp_day"][0] > with_him["contacts_per_gp_day"][0]
    assert without["expenses_gbp"][0] == with_him["expenses_gbp"][0]


def test_an_absence_ends_in_its_return_month():
    state = _start(1).evolve(person_absence=np.array([[pp.LEAVE, 0]]),
                             person_return_month=np.array([[3, 0]]))
    state, _ = _play(state, 1)
    assert state.person_absence[0, 0] == pp.LEAVE  # away in months 1 and 2
    state, _ = _play(state, 1)
    assert state.person_absence[0, 0] == pp.PRESENT  # back for month 3


def test_a_named_leaver_goes_with_the_notice_queue_and_takes_their_own_fte():
    run = ScenarioRun(load_scenario(SCENARIO), 5)
    from game.scenario.effects import EFFECTS
    EFFECTS.get("give_notice").func(run.world, np.ones(1, bool), person="hale")
    before = run.world.state
    run.end_month()  # he works month 1, in which he resigned, then his six months' notice
    assert run.world.state.person_notice[0, 1] == NOTICE[PARTNER]
    months = int(NOTICE[PARTNER])
    for _ in range(months):
        assert run.world.state.person_in_post[0, 1]
        run.end_month()
    state = run.world.state
    assert not state.person_in_post[0, 1]
    assert state.heads[0, PARTNER] <= before.heads[0, PARTNER] - 1
    assert run.history[-1]["leavers_partner"][0] >= 1


def test_resignations_rise_as_trust_falls():
    trusting, wary = _start(4000), _start(4000)
    wary = wary.evolve(person_trust=np.zeros_like(wary.person_trust))
    a, _ = _play(trusting, 12)
    b, _ = _play(wary, 12)
    assert (~b.person_in_post).mean() > (~a.person_in_post).mean() * 1.3


def test_low_wellbeing_brings_sick_leave():
    low = _start(2000)
    low = low.evolve(person_wellbeing=np.full_like(low.person_wellbeing, 0.05))
    state, _ = _play(low, 1)
    away = (state.person_absence == pp.SICKNESS).mean()
    assert 0.1 < away < 0.4  # about the sick-leave chance at that wellbeing


def test_releasing_posts_below_the_named_people_lets_the_last_named_go():
    people = (PersonProfile("a", "hca", 0.8), PersonProfile("b", "hca", 0.8))
    state = start_state(PracticeProfile(staff={"hca": 2, "partner": 3, "reception_admin": 8},
                                        people=people), PARAMS, 1)
    state = ReleaseDecision("hca", 1).apply(state, PARAMS)
    state, _ = _play(state, 1)
    assert state.person_in_post[0].tolist() == [True, False]


def test_a_batch_gives_each_run_what_it_gets_alone():
    batch, _ = _play(_start(3), 12, seed=9)
    for i in range(3):
        one, _ = _play(_start(1), 12, seed=9, run_ids=[i])
        for name in ("person_in_post", "person_morale", "person_wellbeing", "person_absence",
                     "person_notice", "fte", "heads"):
            assert np.array_equal(getattr(batch, name)[i], getattr(one, name)[0]), name


def test_each_persons_figures_are_in_the_month_record():
    _, [record] = _play(_start(1), 1)
    row = record.row(0)
    assert row["person_okafor_trust"] == pytest.approx(0.6)
    assert row["person_hale_in_post"] is True


# -- the scenario's conditions and effects -----------------------------------------------------
def _cond(name: str, **args) -> ConditionSpec:
    return ConditionSpec.model_validate({name: args})


@pytest.fixture
def run() -> ScenarioRun:
    return ScenarioRun(load_scenario(SCENARIO), 3, run_ids=[0, 1])


def test_sick_leave_makes_a_person_absent_until_they_return(run):
    run.begin_month()
    run.end_month()
    run.begin_month()
    run.choose("concern", np.array([0, 1]))  # run 1 dismisses her: two months off sick
    w = run.world
    assert holds(w, [_cond("person_absent", person="okafor")]).tolist() == [False, True]
    assert holds(w, [_cond("person_on_sick_leave", person="okafor")]).tolist() == [False, True]
    assert holds(w, [_cond("person_present", person="okafor")]).tolist() == [True, False]
    assert holds(w, [_cond("person_trust_below", person="okafor", value=0.5)]).tolist() == [
        False, True]
    assert w.state.person_concerns_about[:, 1].tolist() == [1, 0]
    run.end_month()
    run.begin_month()
    run.end_month()
    assert holds(run.world, [_cond("person_absent", person="okafor")]).tolist() == [False, False]


def test_return_to_work_and_give_notice(run):
    from game.scenario.effects import EFFECTS
    w = run.world
    EFFECTS.get("start_leave").func(w, np.array([True, True]), person="lin", months=6)
    EFFECTS.get("return_to_work").func(w, np.array([True, False]), person="lin")
    assert holds(w, [_cond("person_absent", person="lin")]).tolist() == [False, True]
    EFFECTS.get("give_notice").func(w, np.array([False, True]), person="lin")
    given = holds(w, [_cond("person_has_given_notice", person="lin")])
    assert given.tolist() == [False, True]
    EFFECTS.get("address_concerns").func(w, np.array([True, True]), person="hale")
    assert w.state.person_concerns_open.sum() == 0


def test_the_scenario_plays_to_its_end_and_replays_identically():
    scenario = load_scenario(SCENARIO)
    a, b = ScenarioRun(scenario, 11), ScenarioRun(scenario, 11)
    a.play_default()
    b.play_default()
    assert [r.row(0) for r in a.history] == [r.row(0) for r in b.history]


def test_summing_people_into_roles_gives_a_run_the_same_bits_in_any_batch():
    state = _start(1, people=tuple(PersonProfile(f"r{k}", "reception_admin", 0.37 + k / 7)
                                   for k in range(4)))
    values = np.random.default_rng(3).random((3000, 4)) * 1e3
    batch = pp.by_role(state, values)
    for i in (0, 1234, 2999):
        assert np.array_equal(batch[i], pp.by_role(state, values[i:i + 1])[0])


def test_a_named_leaver_takes_their_own_hours_not_the_roles_average():
    state = _start(2)  # five partners, one of them named at 0.75 FTE
    before = state.fte[0, PARTNER]
    gone = np.array([[False, True], [False, False]])
    correction = pp.fte_correction(state, gone)
    average = before / state.heads[0, PARTNER]
    # the role loses one average head in the queue; the correction makes that his 0.75
    assert before - average + correction[0, PARTNER] == pytest.approx(before - 0.75)
    assert correction[1].tolist() == [0.0] * len(correction[1])
