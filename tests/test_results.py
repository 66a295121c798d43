"""The results file: written headless, replayed and confirmed; tampering is caught and named."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from game.cli import main
from game.play.replay import load_log, play
from game.results import FORMAT, content_hash, load_results, scenario_for
from game.scenario.library import load_scenario
from game.scoring.policy import Policy, play_policies

LOG = """\
format: partnership-decisions/1
scenario: first-year
seed: 3
months:
  - month: 1
    decisions:
      - {type: consult_team, topic: the accounts, reason: bring everyone along}
      - {type: set_locum_sessions, sessions_per_month: 36, reason: the accounts show a loss}
    choices:
      - {event: the-accounts, choice: recovery-plan, reason: shared understanding}
  - month: 2
    decisions:
      - {type: set_appointment_model, model: triage_first}
    choices:
      - {event: agency-rates, choice: recruit-salaried}
  - month: 3
    choices:
      - {event: evening-clinics, choice: redirect}
"""


@pytest.fixture()
def results_file(tmp_path: Path) -> Path:
    log = tmp_path / "log.yaml"
    log.write_text(LOG)
    out = tmp_path / "results.json"
    assert main(["run", "first-year", "--decisions", str(log), "--months", "6",
                 "--results", str(out), "--player", "Team Blue"]) == 0
    return out


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_the_results_file_holds_what_the_issue_lists(results_file: Path) -> None:
    data = json.loads(results_file.read_text())
    assert data["format"] == FORMAT
    assert data["scenario"]["id"] == "first-year"
    assert data["scenario"]["content_sha256"] == content_hash(load_scenario("first-year"))
    assert data["seed"] == 3 and data["player"] == "Team Blue"
    assert data["decisions"]["months"][0]["decisions"][0]["reason"] == "bring everyone along"
    assert len(data["history"]) == data["months"] == 6
    assert set(data["scores"]) >= {"overall", "pillars", "leadership", "levels"}


def test_replay_confirms_an_untouched_file(results_file: Path, capsys) -> None:
    assert main(["replay", str(results_file)]) == 0
    assert "confirmed" in capsys.readouterr().out


def test_a_hand_edited_score_is_caught_and_named(results_file: Path, capsys) -> None:
    _edit(results_file, lambda d: d["scores"]["pillars"].__setitem__("finance", 99.0))
    assert main(["replay", str(results_file)]) == 1
    err = capsys.readouterr().err
    assert "scores.pillars.finance: the file says 99.0" in err


def test_a_file_from_another_version_says_so_when_it_does_not_replay(results_file: Path,
                                                                     capsys) -> None:
    from game.results import game_version

    assert json.loads(results_file.read_text())["game_version"] == game_version()
    _edit(results_file, lambda d: d["scores"]["pillars"].__setitem__("finance", 99.0))
    assert main(["replay", str(results_file)]) == 1
    assert "edited after it was written" in capsys.readouterr().err

    def older(d):
        d["game_version"] = "0.0.1"
    _edit(results_file, older)
    assert main(["replay", str(results_file)]) == 1
    assert "written by Partnership 0.0.1 and this is" in capsys.readouterr().err

    def unrecorded(d):
        del d["game_version"]
    _edit(results_file, unrecorded)
    assert main(["replay", str(results_file)]) == 1
    assert "does not say which version" in capsys.readouterr().err


def test_an_edited_history_or_leadership_score_is_caught(results_file: Path, capsys) -> None:
    def change(d):
        d["history"][2]["cash_gbp"] += 1000
        d["scores"]["leadership"]["engaging_the_team"] = 100
    _edit(results_file, change)
    assert main(["replay", str(results_file)]) == 1
    err = capsys.readouterr().err
    assert "history[2].cash_gbp" in err and "scores.leadership.engaging_the_team" in err


def test_an_edited_decision_changes_the_replay(results_file: Path, capsys) -> None:
    _edit(results_file, lambda d: d["decisions"]["months"][0]["decisions"][1].__setitem__(
        "sessions_per_month", 10))
    assert main(["replay", str(results_file)]) == 1
    assert "does not match" in capsys.readouterr().err


def test_a_broken_or_foreign_file_is_a_clear_error(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "partnership-results/1", "seed": "x"')
    assert main(["replay", str(bad)]) == 1
    assert str(bad) in capsys.readouterr().err
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"format": "something-else/1"}))
    assert main(["replay", str(other)]) == 1
    assert "not a Partnership results file" in capsys.readouterr().err


def test_a_changed_scenario_is_reported(results_file: Path, capsys) -> None:
    _edit(results_file, lambda d: d["scenario"].__setitem__("content_sha256", "0" * 64))
    assert main(["replay", str(results_file)]) == 1
    assert "has changed since these results were written" in capsys.readouterr().err


def test_an_impossible_logged_decision_is_located_in_the_results_file(results_file: Path,
                                                                     capsys) -> None:
    _edit(results_file, lambda d: d["decisions"]["months"][0]["decisions"][1].__setitem__(
        "sessions_per_month", 500))
    assert main(["replay", str(results_file)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(str(results_file)) and "error" in err


def test_load_results_and_scenario_for(results_file: Path) -> None:
    loaded = load_results(results_file)
    assert scenario_for(loaded).id == "first-year"


def test_the_batch_player_reproduces_the_logged_run_exactly(tmp_path: Path) -> None:
    path = tmp_path / "log.yaml"
    path.write_text(LOG)
    scenario = load_scenario("first-year")
    log, doc = load_log(path)
    run = play(scenario, 3, log, doc)
    batch = play_policies(scenario, 3, [0], [Policy.from_run(run), Policy.from_run(run)])
    for rec, again in zip(run.history, batch.run.history, strict=True):
        for key, value in rec.values.items():
            assert np.array_equal(np.repeat(value, 2), again[key]), key


def test_the_batch_player_meets_events_a_facilitator_injected(tmp_path: Path) -> None:
    path = tmp_path / "log.yaml"
    path.write_text(LOG + "  - month: 4\n    injected: [boiler]\n"
                    "    choices:\n      - {event: boiler, choice: challenge-lease}\n")
    scenario = load_scenario("first-year")
    log, doc = load_log(path)
    run = play(scenario, 3, log, doc)
    injected = {e.month: tuple(e.injected) for e in log.months if e.injected}
    batch = play_policies(scenario, 3, [0], [Policy.from_run(run, 0, injected)])
    assert np.array_equal(run.history[-1]["cash_gbp"], batch.run.history[-1]["cash_gbp"])
    assert np.array_equal(run.history[-1]["staff_wellbeing"],
                          batch.run.history[-1]["staff_wellbeing"])


def test_a_file_from_another_model_version_says_so(results_file: Path, capsys) -> None:
    from game.model.noise import MODEL_VERSION

    assert json.loads(results_file.read_text())["model_version"] == MODEL_VERSION

    def older_model(d):
        d["model_version"] = MODEL_VERSION - 1
        d["scores"]["pillars"]["finance"] = 99.0
    _edit(results_file, older_model)
    assert main(["replay", str(results_file)]) == 1
    err = capsys.readouterr().err
    assert f"version {MODEL_VERSION - 1} of the model" in err
    assert f"this game's model is version {MODEL_VERSION}" in err
