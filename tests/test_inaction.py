"""Inaction as an authored outcome (issue 20, item 2): a card nobody answers lapses. None of its
choices happens (it used to take the first choice, which could be the best one); only what the
event's ``if_no_decision`` says happens. Headless runs, group sessions and the policies follow."""

from __future__ import annotations

import numpy as np
import pytest

from game.authoring.lint import lint
from game.authoring.policies import LAPSE, get_policy
from game.authoring.sweep import sweep
from game.cli import main
from game.content import load_text, validate
from game.play.replay import play
from game.scenario.library import bundled, load_scenario
from game.scenario.runtime import ScenarioRun
from game.scenario.spec import InactionSpec, ScenarioSpec
from game.scoring import score_run
from game.session.engine import GroupSession
from game.session.rounds import Submission
from game.session.script import SESSION_YAML
from game.session.spec import SessionSpec, check_session


def _with_lapse(scenario: ScenarioSpec, event_id: str, lapse: InactionSpec | None
                ) -> ScenarioSpec:
    events = [e.model_copy(update={"if_no_decision": lapse}) if e.id == event_id else e
              for e in scenario.events]
    return scenario.model_copy(update={"events": events})


@pytest.fixture(scope="module")
def first_year() -> ScenarioSpec:
    return load_scenario("first-year")


def test_a_lapsed_card_without_if_no_decision_takes_none_of_its_choices(first_year) -> None:
    # the first choice of the-accounts is the recovery plan: drawings -£1,500 a partner
    bare = _with_lapse(first_year, "the-accounts", None)
    run = ScenarioRun(bare, 5, months=1)
    before = run.world.state.drawings_per_partner.copy()
    run.end_month()
    assert np.array_equal(run.world.state.drawings_per_partner, before)
    assert run.world.choice("the-accounts")[0] == -1  # no choice was taken
    act = next(a for a in run.actions if a.event == "the-accounts")
    assert act.settled and act.choice is not None and act.choice[0] == -1


def test_if_no_decision_effects_apply_to_the_runs_that_let_it_lapse(first_year) -> None:
    lapse = InactionSpec.model_validate({"effects": [{"cash": -7000}]})
    def cash_after(scenario):
        run = ScenarioRun(scenario, 5, run_ids=[0, 0], months=1)
        run.begin_month()
        run.choose("the-accounts", "ask-bank", np.array([True, False]))
        run.end_month()
        assert [a.settled for a in run.actions if a.event] == [False, True]
        return run.history[0]["cash_gbp"]
    plain = cash_after(_with_lapse(first_year, "the-accounts", None))
    costly = cash_after(_with_lapse(first_year, "the-accounts", lapse))
    assert costly[0] == pytest.approx(plain[0])  # run 0 answered: untouched
    assert costly[1] < plain[1] - 5000  # run 1 let it lapse: the £7,000 (less knock-ons)


def test_a_headless_run_without_a_log_lets_every_card_lapse(first_year) -> None:
    run = play(first_year, 5, months=3)
    events = [a for a in run.actions if a.event]
    assert events and all(a.settled for a in events)
    assert all(run.world.choice(a.event)[0] == -1 for a in events)


def test_the_lapse_shows_in_the_scores_where_the_author_tags_it(first_year) -> None:
    run = play(first_year, 5, months=1)
    evidence = score_run(run)["evidence"]
    assert {(e["source"], e["dimension"], e["points"]) for e in evidence} == {
        ("no_decision", "evaluating_information", -1.0),
        ("no_decision", "holding_to_account", -1.0)}


def test_a_group_session_team_that_hands_in_nothing_lets_cards_lapse() -> None:
    document = load_text(SESSION_YAML, "session.yaml")
    session = GroupSession(check_session(validate(document, SessionSpec), document))
    session.open_round()
    session.submit("Aire", Submission.make([], {"the-accounts": "recovery-plan"}))
    session.lock()
    session.advance()
    choice = session.run.world.choice("the-accounts")
    assert choice[session.index("Aire")] == 0
    assert choice[session.index("Wharfe")] == -1  # handed in nothing: no choice taken
    lapsed = [a for a in session.run.actions if a.event == "the-accounts" and a.settled]
    assert lapsed and not lapsed[0].mask[session.index("Aire")]


def test_do_nothing_lets_cards_lapse_and_never_picks_a_choice(first_year) -> None:
    out = sweep(first_year, 20, ["do-nothing"], seed=3, months=4)[0]
    assert all(int(n.sum()) == 0 for n in out.answers.values())
    assert sum(out.lapsed.values()) > 0
    assert all((c == -1).all() for c in out.last_choice.values())
    assert LAPSE == -1 and get_policy("do-nothing").jitter == 0.0


@pytest.mark.parametrize("name", sorted(bundled()))
def test_every_bundled_event_says_what_happens_if_nobody_decides(name) -> None:
    scenario = load_scenario(name)
    for event in scenario.events:
        lapse = event.if_no_decision
        assert lapse is not None, event.id
        assert lapse.summary and lapse.feedback, event.id


def test_the_validator_warns_for_an_event_without_if_no_decision(tmp_path, capsys) -> None:
    path = next(iter(bundled().values()))
    text = path.read_text()
    first = text.index("    if_no_decision:")
    nxt = text.index("\n  - id:", first)
    bare = tmp_path / "bare.yaml"
    bare.write_text(text[:first] + text[nxt + 1:])
    document = load_text(bare.read_text(), str(bare))
    scenario = validate(document, ScenarioSpec)
    found = [p for p in lint(document, scenario) if "if nobody decides" in p.message]
    assert len(found) == 1 and found[0].severity == "warning" and found[0].line > 0
    assert main(["validate", str(bare)]) == 0  # old files keep loading
    assert main(["validate", "--strict", str(bare)]) == 1
    assert "if_no_decision" in capsys.readouterr().out


def test_a_flag_set_only_by_a_lapse_counts_as_set(first_year) -> None:
    from game.scenario.spec import EffectSpec
    lapse = InactionSpec(effects=[EffectSpec.model_validate({"set_flag": {"name": "x"}})])
    scenario = _with_lapse(first_year, "the-accounts", lapse)
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    data["events"][1]["trigger"]["when"] = [{"flag_set": {"name": "x"}}]
    checked = ScenarioSpec.model_validate(data)  # would say "no choice ever sets flag 'x'"
    run = ScenarioRun(checked, 5, months=2)
    run.end_month()
    assert run.world.flag("x")[0]


def test_the_debrief_gives_a_lapsed_card_its_feedback(first_year) -> None:
    from game.report.evidence import feedback_items
    run = play(first_year, 5, months=2)
    scores = score_run(run)
    assert [x["event"] for x in scores["lapsed"]] == ["the-accounts", "agency-rates"]
    items = feedback_items(first_year, {"decisions": {"months": []}, "scores": scores})
    lapse = first_year.event("the-accounts").if_no_decision
    assert lapse is not None
    assert items[0][:3] == (1, "The management accounts", f"Nobody decided: {lapse.summary}")
    assert items[0][4] == lapse.feedback
