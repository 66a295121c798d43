"""Measured learning (issue 20, item 7): a scenario's knowledge check, taken before and after
play, kept in the decision log and the results file, marked in the report, and compared across
a room in the facilitator's debrief."""

from __future__ import annotations

import json

import pytest
import yaml

from game.cli import main
from game.content import ContentError, load_text, validate
from game.scenario.decision_log import KnowledgeAnswers
from game.scenario.library import bundled, load_scenario
from game.scenario.spec import ScenarioSpec
from game.scoring.knowledge import knowledge_results, room_summary
from game.session.compare import compare
from game.session.intake import take_in
from game.session.text import comparison_text


@pytest.mark.parametrize("name", sorted(bundled()))
def test_every_bundled_scenario_ships_six_to_ten_sourced_questions(name: str) -> None:
    check = load_scenario(name).knowledge_check
    assert 6 <= len(check) <= 10
    for q in check:
        assert q.source and q.explanation and 1 <= q.answer <= len(q.options)


def _scenario_text() -> str:
    return bundled()["first-year"].read_text()


def test_a_question_whose_answer_is_not_an_option_is_located() -> None:
    text = _scenario_text().replace("    answer: 2\n", "    answer: 5\n", 1)
    with pytest.raises(ContentError) as err:
        validate(load_text(text, "bad.yaml"), ScenarioSpec)
    message = err.value.format()
    assert "bad.yaml:" in message and "answer 5 is not one of the 4 options" in message


def test_marking_counts_right_answers_before_and_after() -> None:
    scenario = load_scenario("first-year")
    right = {q.id: q.answer for q in scenario.knowledge_check}
    wrong = {q.id: (q.answer % len(q.options)) + 1 for q in scenario.knowledge_check}
    marked = knowledge_results(scenario, KnowledgeAnswers(before=wrong, after=right))
    n = len(scenario.knowledge_check)
    assert marked == {"questions": n, "before": 0, "after": n, "change": n, "marks": {
        q: {"before": False, "after": True} for q in right}}
    assert knowledge_results(scenario, KnowledgeAnswers()) is None


def test_the_cli_writes_both_stages_into_the_log_and_the_results_keep_them(tmp_path) -> None:
    scenario = load_scenario("first-year")
    log = tmp_path / "log.yaml"
    n = len(scenario.knowledge_check)
    assert main(["knowledge-check", "first-year", "--stage", "before", "--log", str(log),
                 "--answers", ",".join(["1"] * n)]) == 0
    right = ",".join(str(q.answer) for q in scenario.knowledge_check)
    assert main(["knowledge-check", "first-year", "--stage", "after", "--log", str(log),
                 "--answers", right]) == 0
    saved = yaml.safe_load(log.read_text())["knowledge_check"]
    assert set(saved) == {"before", "after"}
    out = tmp_path / "results.json"
    assert main(["run", "first-year", "--decisions", str(log), "--results", str(out),
                 "--months", "2"]) == 0
    data = json.loads(out.read_text())
    assert data["decisions"]["knowledge_check"]["before"]
    assert data["knowledge"]["after"] == n and data["knowledge"]["change"] >= 0
    assert main(["replay", str(out)]) == 0


def test_the_cli_refuses_a_bad_answer_naming_the_argument(tmp_path, capsys) -> None:
    assert main(["knowledge-check", "first-year", "--stage", "before", "--log",
                 str(tmp_path / "l.yaml"), "--answers", "9"]) == 1
    assert "--answers" in capsys.readouterr().err


def test_a_log_answering_an_unknown_question_is_located(tmp_path, capsys) -> None:
    log = tmp_path / "log.yaml"
    log.write_text("knowledge_check:\n  before:\n    no-such-question: 1\n")
    assert main(["run", "first-year", "--decisions", str(log), "--months", "1"]) == 1
    err = capsys.readouterr().err
    assert f"{log}:3:" in err and "no question 'no-such-question'" in err


def test_the_room_s_change_and_the_most_missed_questions() -> None:
    scenario = load_scenario("first-year")
    qs = scenario.knowledge_check
    right = {q.id: q.answer for q in qs}
    miss_first = {**right, qs[0].id: (qs[0].answer % len(qs[0].options)) + 1}
    teams = [knowledge_results(scenario, KnowledgeAnswers(before={}, after=right)),
             knowledge_results(scenario, KnowledgeAnswers(before=right, after=miss_first)),
             knowledge_results(scenario, KnowledgeAnswers(before={qs[1].id: 1},
                                                          after=miss_first))]
    room = room_summary(scenario, [*teams, None])
    assert room["took"] == 3
    assert room["after"] == pytest.approx((len(qs) * 3 - 2) / 3)
    assert room["most_missed"][0]["id"] == qs[0].id
    assert room["most_missed"][0]["missed"] == 2 and room["most_missed"][0]["of"] == 3


def test_the_facilitator_comparison_shows_each_team_and_the_room(tmp_path) -> None:
    scenario = load_scenario("first-year")
    n = len(scenario.knowledge_check)
    right = ",".join(str(q.answer) for q in scenario.knowledge_check)
    paths = []
    for team, before in (("Aire", ",".join(["1"] * n)), ("Calder", right)):
        log = tmp_path / f"{team}.yaml"
        for stage, answers in (("before", before), ("after", right)):
            assert main(["knowledge-check", "first-year", "--stage", stage, "--log", str(log),
                         "--answers", answers]) == 0
        out = tmp_path / f"{team}.json"
        assert main(["run", "first-year", "--decisions", str(log), "--results", str(out),
                     "--player", team, "--months", "2", "--seed", "4"]) == 0
        paths.append(str(out))
    c = compare(take_in(paths))
    assert c.team("Calder").knowledge["change"] == 0
    assert c.team("Aire").knowledge["after"] == n
    assert c.knowledge is not None and c.knowledge["took"] == 2
    text = comparison_text(c)
    assert "Knowledge check" in text and "Room:" in text
