"""The scenario language beyond flags: counters, any_of / all_of / not, choices shown only
when a condition holds, text with variants and chance outcomes. Each bad use is refused at
load with the file, line and column of the mistake."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from game.content import ContentError
from game.scenario.library import load_scenario
from game.scenario.runtime import ScenarioRun

BASE = """\
id: lang
title: Language
summary: A small scenario for the language tests.
length_months: 4
learning_objectives: [{text: Use the language.}]
briefing: A practice.
counters:
  - {id: strikes, start: 1}
events:
  - id: first
    title: First
    briefing: The first card.
    trigger: {month: 1}
    choices:
      - id: add
        label: Add two
        effects: [{counter_add: {name: strikes, amount: 2}}, {set_flag: added}]
      - id: reset
        label: Reset
        effects: [{counter_set: {name: strikes, value: 0}}]
  - id: second
    title: Second
    briefing: The second card.
    trigger:
      month: 2
      when:
        - any_of:
            - counter_at_least: {name: strikes, value: 3}
            - all_of: [{flag_set: added}, {not: {month_at_least: 3}}]
    choices:
      - {id: agree, label: Agree}
      - {id: refuse, label: Refuse}
  - id: referral
    title: Referral
    briefing: A concern goes to the regulator.
    trigger: {month: 3}
    choices:
      - id: refer
        label: Refer
        effects: [{cash: -500}]
        outcomes:
          - {id: upheld, weight: 3, label: upheld, effects: [{counter_add: {name: strikes}}]}
          - {id: dismissed, weight: 1, label: dismissed, effects: [{governance: -0.05}]}
      - {id: wait, label: Wait}
  - id: after
    title: After
    briefing: What the regulator said.
    trigger: {month: 4, when: [{outcome_was: {event: referral, choice: refer, outcome: upheld}}]}
    choices:
      - {id: agree, label: Agree}
      - {id: refuse, label: Refuse}
  - id: review
    title: Review
    briefing:
      - when: [{counter_at_least: {name: strikes, value: 3}}]
        text: Three strikes.
      - when: [{flag_set: added}]
        text: Added, not yet three.
      - text: Nothing added.
    trigger: {month: 2}
    choices:
      - id: thank
        label: Thank
        feedback:
          - {when: [{counter_below: {name: strikes, value: 1}}], text: Reset first.}
          - {text: Plain thanks.}
      - id: escalate
        label: Escalate
        shown_if: [{any_of: [{flag_set: added}, {counter_at_least: {name: strikes, value: 5}}]}]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lang.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problem(tmp_path: Path, old: str, new: str) -> str:
    """The one error loading BASE with ``old`` replaced by ``new`` gives, as printed."""
    assert old in BASE
    with pytest.raises(ContentError) as info:
        load_scenario(write(tmp_path, BASE.replace(old, new)))
    assert len(info.value.problems) == 1
    return info.value.problems[0].format()


def test_base_loads(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, BASE))
    assert [c.id for c in scenario.counters] == ["strikes"]
    assert scenario.event("second").trigger.when[0].name == "any_of"


@pytest.mark.parametrize(("old", "new", "where", "words"), [
    ("{counter_add: {name: strikes, amount: 2}}", "{counter_add: {name: strike}}", ":17:19:",
     "'counter_add' names unknown counter 'strike' (counters: strikes)"),
    ("counter_at_least: {name: strikes", "counter_at_least: {name: strikez", ":28:15:",
     "'counter_at_least' names unknown counter 'strikez'"),
    ("        - any_of:\n            - counter_at_least: {name: strikes, value: 3}\n"
     "            - all_of: [{flag_set: added}, {not: {month_at_least: 3}}]\n",
     "        - any_of: []\n", ":27:11:", "'any_of' needs at least one condition"),
    ("{not: {month_at_least: 3}}", "{not: {month_at_leest: 3}}", ":29:44:",
     "unknown condition 'month_at_leest'"),
    ("{flag_set: added}", "{flag_set: addded}", ":29:24:", "no choice ever sets flag 'addded'"),
    ("  - {id: strikes, start: 1}", "  - {id: strikes, start: 1}\n  - {id: strikes}", ":9:",
     "duplicate counter id 'strikes'"),
    ("{id: strikes, start: 1}", "{id: strikes, start: .inf}", ":8:19:",
     "not a finite number"),
    ("weight: 3", "weight: 0", ":42:26:", "greater than 0"),
    ("weight: 1", "weight: -2", ":43:29:", "greater than 0"),
    ("weight: 3", "weight: .nan", ":42:26:", "not a finite number"),
    ("          - {id: dismissed, weight: 1, label: dismissed, effects: [{governance: -0.05}]}\n",
     "", ":41:9:", "a choice has two to six outcomes, not 1"),
    ("id: dismissed", "id: upheld", ":43:14:", "duplicate outcome id 'upheld'"),
    ("outcome: upheld}", "outcome: uphold}", ":48:32:",
     "choice 'refer' of event 'referral' has no outcome 'uphold' (outcomes: dismissed, upheld)"),
    ("label: upheld, effects: [{counter_add: {name: strikes}}]",
     "label: upheld, effects: [{counter_add: {name: strike}}]", ":42:62:",
     "unknown counter 'strike'"),
    ("{flag_set: added}, {counter_at_least: {name: strikes, value: 5}}",
     "{flag_set: adde}, {counter_at_least: {name: strikes, value: 5}}", ":69:30:",
     "no choice ever sets flag 'adde'"),
    ("[{any_of: [{flag_set: added}, {counter_at_least: {name: strikes, value: 5}}]}]",
     "[{any_of: [{flag_set: added}, {counter_at_least: {name: strike, value: 5}}]}]",
     ":69:49:", "'counter_at_least' names unknown counter 'strike'"),
    ("      - text: Nothing added.\n", "", ":57:9:",
     "the last variant must leave out 'when'"),
    ("      - when: [{flag_set: added}]\n        text: Added, not yet three.\n",
     "      - text: Added, not yet three.\n", ":57:9:",
     "only the last variant may leave out 'when'"),
    ("{text: Plain thanks.}", "{when: [{flag_sett: added}], text: Plain thanks.}", ":66:21:",
     "unknown condition 'flag_sett'"),
    ("    briefing:\n      - when: [{counter_at_least: {name: strikes, value: 3}}]\n"
     "        text: Three strikes.\n      - when: [{flag_set: added}]\n"
     "        text: Added, not yet three.\n      - text: Nothing added.\n",
     "    briefing: []\n", ":54:5:", "a list of text variants needs at least the default"),
])
def test_bad_uses_are_located(tmp_path: Path, old: str, new: str, where: str,
                              words: str) -> None:
    text = problem(tmp_path, old, new)
    assert where in text and words in text, text


def play(scenario, answer: str, runs: int = 1) -> ScenarioRun:
    run = ScenarioRun(scenario, 1, list(range(runs)))
    run.begin_month()
    run.choose("first", answer)
    run.end_month()
    run.begin_month()
    return run


def fired(run: ScenarioRun) -> list[str]:
    return [f.event.id for f in run.fired_now]


def test_counters_move_and_are_read_per_run(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, BASE))
    added = play(scenario, "add", runs=3)
    assert added.world.counter("strikes").tolist() == [3.0, 3.0, 3.0]
    assert "second" in fired(added)
    reset = play(scenario, "reset")
    assert reset.world.counter("strikes").tolist() == [0.0]
    assert "second" not in fired(reset)


def test_combinators_nest(tmp_path: Path) -> None:
    # counter below 3 but the flag set and month 2 < 3: the all_of branch holds
    text = BASE.replace("amount: 2", "amount: 0.5")
    run = play(load_scenario(write(tmp_path, text)), "add")
    assert "second" in fired(run)
    text = text.replace("{not: {month_at_least: 3}}", "{not: {month_at_least: 2}}")
    run = play(load_scenario(write(tmp_path, text)), "add")
    assert "second" not in fired(run)


def test_counters_survive_a_copied_world(tmp_path: Path) -> None:
    from game.play.changes import copy_world
    run = play(load_scenario(write(tmp_path, BASE)), "add")
    trial = copy_world(run.world)
    trial.counters["strikes"] = np.array([9.0])
    assert run.world.counter("strikes").tolist() == [3.0]


def test_schema_accepts_the_language(tmp_path: Path) -> None:
    import jsonschema

    from game.scenario.schema import scenario_schema
    data = yaml.safe_load(BASE)
    jsonschema.validate(data, scenario_schema())
    data["events"][1]["trigger"]["when"][0]["any_of"][0] = {"counter_at_leest": 1}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, scenario_schema())


def test_chance_outcomes_follow_their_weights_and_named_stream(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, BASE))
    runs = 4000

    def to_month_three(seed: int) -> ScenarioRun:
        run = ScenarioRun(scenario, seed, list(range(runs)))
        for _ in range(2):
            run.end_month()
        run.begin_month()
        run.choose("referral", "refer")
        return run

    run = to_month_three(1)
    turned = run.world.outcome("referral")
    assert abs((turned == 0).mean() - 0.75) < 0.03
    assert run.world.counter("strikes").tolist() == (1 + (turned == 0)).tolist()
    # the draw is the named stream's: the same whatever else the scenario holds
    from game.model.noise import draw_streams, outcome_stream
    u = draw_streams(1, list(range(runs)), 3, [outcome_stream("referral", "refer")])[:, 2, 0]
    assert ((u >= 0.75) == (turned == 1)).all()
    assert (to_month_three(1).world.outcome("referral") == turned).all()
    assert not (to_month_three(2).world.outcome("referral") == turned).all()
    run.end_month()
    run.begin_month()
    fired = {f.event.id: f.mask for f in run.fired_now}
    assert (fired["after"] == (turned == 0)).all()


def test_preview_names_each_outcome_with_its_chance(tmp_path: Path) -> None:
    from game.play.preview import preview_choice
    scenario = load_scenario(write(tmp_path, BASE))
    run = ScenarioRun(scenario, 1)
    run.end_month()
    run.end_month()
    run.begin_month()
    event = scenario.event("referral")
    said = preview_choice(run, event, event.choices[0]).effects
    assert said[:3] == ["Whatever happens:", "One-off cost of £500 this month.",
                        "It turns out one of these ways, by chance:"]
    assert said[3] == "75% chance, upheld: strikes up 1 (now 2)."
    assert said[4] == "25% chance, dismissed: governance down 0.05."


def test_shown_if_puts_a_choice_on_the_card_only_where_it_holds(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, BASE))
    run = ScenarioRun(scenario, 1, [0, 1])
    run.begin_month()
    run.choose("first", np.array([0, 1]))  # run 0 adds (sets the flag), run 1 resets
    run.end_month()
    run.begin_month()
    review = next(f for f in run.fired_now if f.event.id == "review")
    assert [c.id for c in review.card(0).choices] == ["thank", "escalate"]
    assert [c.id for c in review.card(1).choices] == ["thank"]
    with pytest.raises(ValueError, match="choice 'escalate' is not on the card of event "
                       "'review' this month: it is shown only when any_of"):
        run.choose("review", "escalate")
    run.choose("review", "escalate", np.array([True, False]))
    run.choose("review", "thank")
    assert run.world.choice("review").tolist() == [1, 0]


def test_text_variants_are_chosen_per_run(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, BASE))
    run = ScenarioRun(scenario, 1, [0, 1, 2])
    run.begin_month()
    run.choose("first", np.array([0, 1, 0]))
    run.end_month()
    run.world.counters["strikes"] = np.array([3.0, 0.0, 2.0])
    run.begin_month()
    review = next(f for f in run.fired_now if f.event.id == "review")
    assert [review.card(i).briefing for i in range(3)] == [
        "Three strikes.", "Nothing added.", "Added, not yet three."]
    run.choose("review", "thank")
    act = run.actions[-1]
    assert act.feedback is not None and act.feedback.tolist() == [1, 0, 1]


def test_a_hidden_choice_in_a_decision_log_is_refused_with_its_place(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli import main
    path = write(tmp_path, BASE)
    log = tmp_path / "log.yaml"
    log.write_text("scenario: lang\nseed: 1\nmonths:\n  - month: 1\n    choices:\n"
                   "      - {event: first, choice: reset}\n  - month: 2\n    choices:\n"
                   "      - {event: review, choice: escalate}\n", encoding="utf-8")
    assert main(["run", str(path), "--decisions", str(log)]) == 1
    said = capsys.readouterr().err
    assert f"{log}:9:9: error: choice 'escalate' is not on the card of event 'review'" in said
    assert "shown only when any_of(flag_set added | counter_at_least" in said


def test_a_hidden_choice_in_a_team_hand_in_is_refused(tmp_path: Path) -> None:
    from game.content import load_text, validate
    from game.session.engine import GroupSession
    from game.session.rounds import SessionError, Submission
    from game.session.spec import SessionSpec, check_session
    path = write(tmp_path, BASE)
    text = (f"format: partnership-session/1\ntitle: Language\nscenario: {path}\nseed: 3\n"
            "months: 3\nteams: [Aire, Calder]\n")
    document = load_text(text, str(tmp_path / "session.yaml"))
    session = GroupSession(check_session(validate(document, SessionSpec), document))
    session.open_round()
    session.submit("Aire", Submission.make([], {"first": "add"}))
    session.submit("Calder", Submission.make([], {"first": "reset"}))
    session.lock()
    session.advance()
    session.open_round()
    assert [c.id for c in session.cards_for("Calder")[-1].choices] == ["thank"]
    assert [c.id for c in session.cards_for("Aire")[-1].choices] == ["thank", "escalate"]
    session.submit("Aire", Submission.make([], {"review": "escalate"}))
    with pytest.raises(SessionError, match="choice 'escalate' is not on the card"):
        session.submit("Calder", Submission.make([], {"review": "escalate"}))


def test_validate_warns_about_counters_and_cards_the_language_leaves_idle(tmp_path: Path) -> None:
    from game.authoring.lint import lint
    from game.content import load_document
    text = BASE.replace("  - {id: strikes, start: 1}\n", "  - {id: strikes, start: 1}\n"
                        "  - {id: idle}\n  - {id: fixed, start: 2}\n")
    text = text.replace("      - {id: agree, label: Agree}\n      - {id: refuse, label: Refuse}\n"
                        "  - id: referral",
                        "      - {id: agree, label: Agree, shown_if: [{flag_set: added}]}\n"
                        "      - {id: refuse, label: Refuse, shown_if: [{counter_below: "
                        "{name: fixed, value: 3}}]}\n  - id: referral")
    path = write(tmp_path, text)
    said = [p.format() for p in lint(load_document(path), load_scenario(path))]
    assert any(":9:5: warning: counter 'idle' is never read" in s for s in said), said
    assert any(":10:5: warning: counter 'fixed' never changes from its start" in s
               for s in said), said
    assert any("every choice of event 'second' has 'shown_if'" in s for s in said), said
    clean = [p.message for p in lint(load_document(write(tmp_path, BASE)),
                                     load_scenario(write(tmp_path, BASE)))]
    assert not [m for m in clean if "counter" in m or "shown_if" in m]


def test_a_card_with_no_choice_on_it_is_not_asked_and_lapses(tmp_path: Path) -> None:
    from game.play.game_session import GameSession
    text = BASE.replace("      - {id: agree, label: Agree}\n      - {id: refuse, label: Refuse}\n"
                        "  - id: referral",
                        "      - {id: agree, label: Agree, shown_if: [{month_at_least: 3}]}\n"
                        "      - {id: refuse, label: Refuse, shown_if: [{month_at_least: 3}]}\n"
                        "  - id: referral")
    path = write(tmp_path, text)
    session = GameSession(load_scenario(path), str(path), 1)
    session.choose("first", "add")
    session.end_turn()
    assert "second" not in [e.id for e in session.pending_events()]
    assert session.card("second").choices == []
    for event in session.pending_events():
        session.choose(event.id, session.card(event.id).choices[0].id)
    session.end_turn()
    lapsed = [a for a in session.run.actions if a.event == "second"]
    assert len(lapsed) == 1 and lapsed[0].settled
