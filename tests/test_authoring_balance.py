"""The balance sweep: policies, the report, its warnings and the command."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
import yaml

from game.authoring.balance import run_policies
from game.authoring.policies import POLICIES
from game.authoring.progress import ProgressBar
from game.cli import main
from game.scenario.library import bundled, load_scenario

SIX = ("do-nothing", "random", "cost-cutter", "people-first", "growth", "balanced")


def scenario_file(tmp_path: Path, **changes: object) -> Path:
    """A small valid scenario, with top-level fields replaced by ``changes``."""
    data: dict[str, object] = {
        "id": "test-balance", "title": "Balance test", "summary": "A test.",
        "length_months": 6, "briefing": "A practice.",
        "learning_objectives": [{"text": "Learn."}],
        "events": [{
            "id": "windfall", "title": "A windfall", "briefing": "Money is offered.",
            "trigger": {"month": 2},
            "choices": [
                {"id": "decline", "label": "Decline", "effects": [{"morale": {
                    "group": "all", "delta": -0.05}}]},
                {"id": "accept", "label": "Accept", "effects": [{"cash": 400000}]},
            ]}],
    }
    data.update(changes)
    path = tmp_path / "test-balance.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_registry_has_the_six_policies_with_docs() -> None:
    assert set(SIX) <= set(POLICIES)
    assert all(p.doc for p in POLICIES.values())


@pytest.mark.parametrize("scenario_id", sorted(bundled()))
def test_every_policy_plays_every_bundled_scenario(scenario_id: str) -> None:
    report = run_policies(load_scenario(scenario_id), 40, tuple(POLICIES), seed=3)
    assert list(report["policies"]) == list(POLICIES)
    for summary in report["policies"].values():
        assert 0 <= summary["win_rate"] <= 1
        s = summary["overall"]
        assert 0 <= s["p10"] <= s["p50"] <= s["p90"] <= 100
        assert summary["completed"] + sum(summary["end_conditions"].values()) == pytest.approx(1)
    json.dumps(report)  # JSON-ready


def test_report_replays_from_its_seed_and_differs_with_another() -> None:
    scenario = load_scenario("first-year")
    a = run_policies(scenario, 60, ["random", "balanced"], seed=5)
    b = run_policies(scenario, 60, ["random", "balanced"], seed=5)
    c = run_policies(scenario, 60, ["random", "balanced"], seed=6)
    assert a == b
    assert a != c


def test_policies_act_per_run() -> None:
    report = run_policies(load_scenario("first-year"), 200, ["random"], seed=1)
    shares = report["policies"]["random"]["choices"]["the-accounts"]
    assert all(0.2 < v < 0.5 for v in shares.values()), shares


def test_do_nothing_takes_the_first_choice() -> None:
    report = run_policies(load_scenario("first-year"), 30, ["do-nothing"], seed=1)
    for choices in report["policies"]["do-nothing"]["choices"].values():
        first = next(iter(choices.values()))
        assert first in (0.0, 1.0)
        assert sum(choices.values()) in (0.0, pytest.approx(1.0))


def test_warnings_dominant_choice_never_fires_and_too_easy(tmp_path: Path) -> None:
    events = yaml.safe_load(scenario_file(tmp_path).read_text())["events"]
    events.append({
        "id": "lottery", "title": "A lottery win", "briefing": "Unlikely.",
        "trigger": {"when": [{"cash_above": 1_500_000}]},
        "choices": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]})
    scenario = load_scenario(scenario_file(tmp_path, events=events))
    report = run_policies(scenario, 300, SIX, seed=2)
    kinds = {(w["kind"], w.get("event"), w.get("choice")) for w in report["warnings"]}
    assert ("dominant_choice", "windfall", "accept") in kinds
    assert ("event_never_fires", "lottery", None) in kinds
    assert ("too_easy", None, None) in kinds  # no goals, and the default practice scores well
    assert all("how" in w["message"] or ":" in w["message"] for w in report["warnings"])


def test_unwinnable_names_the_hardest_goal(tmp_path: Path) -> None:
    goals = [{"id": "rich", "text": "End with two million in the bank.", "metric": "cash_gbp",
              "at_least": 2_000_000, "pillar": "finance"}]
    report = run_policies(load_scenario(scenario_file(tmp_path, goals=goals)), 50, SIX, seed=1)
    unwinnable = [w for w in report["warnings"] if w["kind"] == "unwinnable"]
    assert unwinnable and "'rich'" in unwinnable[0]["message"]


def test_balance_command_json_and_plots(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                        ) -> None:
    code = main(["balance", "first-year", "--runs", "20", "--policy", "do-nothing",
                 "--policy", "balanced", "--json", "--plots", str(tmp_path / "charts")])
    out = capsys.readouterr().out
    assert code == 0
    report = json.loads(out)
    assert list(report["policies"]) == ["do-nothing", "balanced"]
    pngs = sorted(p.name for p in (tmp_path / "charts").glob("*.png"))
    assert pngs == ["endings.png", "events.png", "scores.png"]


def test_balance_command_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["balance", "first-year", "--runs", "10", "--seed", "4"]) == 0
    out = capsys.readouterr().out
    assert "balanced" in out and "wins" in out and "the-accounts" in out


def test_balance_command_rejects_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["balance", "first-year", "--runs", "0"]) == 1
    assert "--runs must be at least 1" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["balance", "first-year", "--policy", "lazy"])
    assert exc.value.code == 2
    assert main(["balance", "no-such-scenario"]) == 1
    assert "no bundled scenario" in capsys.readouterr().err


def test_progress_bar_draws_and_finishes() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream, "test", width=10, force=True)
    bar(5, 10)
    bar(10, 10)
    text = stream.getvalue()
    assert "[##########] 100%" in text and text.endswith("\n")
    silent = io.StringIO()
    ProgressBar(silent)(10, 10)  # not a terminal: nothing drawn
    assert silent.getvalue() == ""


def test_progress_reaches_total() -> None:
    seen: list[tuple[int, int]] = []
    run_policies(load_scenario("first-year"), 10, ["do-nothing"], seed=1,
                 progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1]
    assert np.all(np.diff([d for d, _ in seen]) > 0)


def test_balance_warns_when_a_policy_ignoring_the_objectives_wins() -> None:
    from game.authoring.balance import _objectives_ignored as warnings
    from game.authoring.policies import get_policy
    from game.authoring.sweep import Outcome
    from game.scenario.spec import DIMENSIONS

    scenario = load_scenario("first-year")
    objectives = {d for o in scenario.learning_objectives for d in o.leadership}
    levels = np.ones((40, 9), int)  # proficient everywhere: no objective reaches strong
    cutter = Outcome(get_policy("cut-corners"), scores={"overall": np.full(40, 70.0)},
                     ended=np.full(40, "", object), goals={"g": np.ones(40, bool)},
                     levels=levels)
    kinds = warnings(scenario, [cutter])
    assert kinds and kinds[0]["policy"] == "cut-corners"
    assert "reaches strong" in kinds[0]["message"]
    shown = levels.copy()
    shown[:, DIMENSIONS.index(sorted(objectives)[0])] = 2
    cutter.levels = shown
    assert not warnings(scenario, [cutter])


def test_balance_text_shows_tag_readers_apart() -> None:
    from game.authoring.balance_text import format_report
    rep = run_policies(load_scenario("first-year"), 20, ["cost-cutter", "balanced"], seed=1,
                       months=3)
    text = format_report(rep)
    figures = text.index("Policies that decide by the practice's figures")
    tags = text.index("Policies that also weigh the author's leadership tags")
    assert figures < text.index("cost-cutter") < tags < text.index("balanced")
    assert rep["policies"]["balanced"]["decides_by"] == "tags"
    assert set(rep["policies"]["cost-cutter"]["leadership"]["leading_with_care"]) == {
        "not yet shown", "essential", "proficient", "strong", "exemplary"}
