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


def test_counters_move_and_are_read_per_run(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, BASE))
    added = play(scenario, "add", runs=3)
    assert added.world.counter("strikes").tolist() == [3.0, 3.0, 3.0]
    assert [f.event.id for f in added.fired_now] == ["second"]
    reset = play(scenario, "reset")
    assert reset.world.counter("strikes").tolist() == [0.0]
    assert reset.fired_now == []


def test_combinators_nest(tmp_path: Path) -> None:
    # counter below 3 but the flag set and month 2 < 3: the all_of branch holds
    text = BASE.replace("amount: 2", "amount: 0.5")
    run = play(load_scenario(write(tmp_path, text)), "add")
    assert [f.event.id for f in run.fired_now] == ["second"]
    text = text.replace("{not: {month_at_least: 3}}", "{not: {month_at_least: 2}}")
    run = play(load_scenario(write(tmp_path, text)), "add")
    assert run.fired_now == []


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
