"""The debrief: key moments and what-if, the HTML report with every chart, the text report."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pytest
from test_results import LOG

from game.cli import main
from game.play.replay import load_log, play
from game.report.charts import CHARTS
from game.scenario.library import load_scenario
from game.scoring import score_arrays
from game.scoring.debrief import alternatives, debrief, key_moments
from game.scoring.policy import Policy, play_policies

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    path = tmp_path_factory.mktemp("log") / "log.yaml"
    path.write_text(LOG)
    scenario = load_scenario("first-year")
    log, doc = load_log(path)
    return scenario, play(scenario, 3, log, doc)


@pytest.fixture(scope="module")
def results_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("results")
    (folder / "log.yaml").write_text(LOG)
    out = folder / "results.json"
    assert main(["run", "first-year", "--decisions", str(folder / "log.yaml"),
                 "--results", str(out), "--player", "Dr Example"]) == 0
    return out


def test_every_choice_and_decision_has_its_alternatives(played) -> None:
    scenario, run = played
    alts = alternatives(scenario, Policy.from_run(run))
    events = {e.id: e for e in scenario.events}
    lapsed = [a for a in run.actions if a.event and a.settled]
    # 3 answered events with 3 choices (2 others each), 3 decisions, and every choice of
    # each card let lapse
    assert len(alts) == 3 * 2 + 3 + sum(len(events[a.event].choices) for a in lapsed)
    assert sum(a.instead == "without this decision" for a in alts) == 3
    assert lapsed and sum(a.taken.endswith(": nobody decided") for a in alts) == sum(
        len(events[a.event].choices) for a in lapsed)


def test_key_moments_are_measured_with_the_same_luck(played) -> None:
    scenario, run = played
    policy = Policy.from_run(run)
    moments, tried = key_moments(scenario, 3, policy)
    assert tried == len(alternatives(scenario, policy)) and 1 <= len(moments) <= 3
    deltas = [abs(m.delta_overall) for m in moments]
    assert deltas == sorted(deltas, reverse=True)
    # re-playing the first moment's alternative alone gives the same change
    alone = play_policies(scenario, 3, [0], [policy, moments[0].policy])
    overall = score_arrays(alone.run)["overall"]
    assert overall[1] - overall[0] == pytest.approx(moments[0].delta_overall)


def test_what_if_plays_seeded_runs_one_to_n(played) -> None:
    _, run = played
    d = debrief(run, runs=40)
    assert d.own_range.size == d.passive_range.size == 40
    assert len(d.what_ifs) == len(d.moments)
    assert np.isfinite(d.own_range).all()
    assert 0 <= d.luck_percentile() <= 1
    again = debrief(run, runs=40)
    assert np.array_equal(d.own_range, again.own_range)  # same seed, same luck


def test_the_html_report_contains_every_chart(results_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["report", str(results_file), "--html", str(out), "--runs", "30"]) == 0
    html = out.read_text()
    found = re.findall(r'<figure data-chart="(\w+)"><img alt="[^"]+" '
                       r'src="data:image/png;base64,[A-Za-z0-9+/=]{200,}"', html)
    assert found == list(CHARTS)
    for section in ("Leadership evidence summary", "Learning objectives", "Decisions and reasons",
                    "Questions for discussion", "Feedback on your choices", "Dr Example",
                    "bring everyone along", "@media print"):
        assert section in html, section
    assert "http://" not in html and "https://" not in html  # self-contained


def test_the_text_report(results_file: Path, capsys) -> None:
    assert main(["report", str(results_file), "--runs", "20"]) == 0
    out = capsys.readouterr().out
    assert "Key moments" in out and "engaging the team" in out and "Luck:" in out


def test_no_report_from_a_tampered_file(results_file: Path, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(results_file.read_text().replace('"overall": ', '"overall": 1', 1))
    assert main(["report", str(bad), "--runs", "0"]) == 1
    assert "does not match" in capsys.readouterr().err


@pytest.mark.parametrize("folder", ["game/scoring", "game/report"])
def test_scoring_and_report_never_import_pygame(folder: str) -> None:
    for path in (ROOT / folder).glob("*.py"):
        tree = ast.parse(path.read_text())
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not any(n.split(".")[0] in ("pygame", "pygame_gui") for n in names), path
