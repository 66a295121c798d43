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
