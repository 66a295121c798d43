"""Scores within range (issue 16, item 5): scoring weights are bounded in the scenario, and a
results file is never written with a score that is not finite or outside 0-100."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from game import results
from game.content import ContentError
from game.files import WriteError
from game.play.replay import play
from game.scenario.library import bundled, load_scenario


def _with_scoring(tmp_path: Path, scoring: str) -> Path:
    text = bundled()["first-year"].read_text()
    start = text.index("\nscoring:")
    end = text.index("\n\n", start + 1)
    path = tmp_path / "weights.yaml"
    path.write_text(text[:start] + f"\nscoring: {scoring}" + text[end:])
    return path


@pytest.mark.parametrize(("scoring", "words"), [
    ("{finance: -1}", "greater than or equal to 0"),
    ("{finance: 1.0e308}", "less than or equal to 100"),
    ("{finance: 0, access: 0}", "at least one pillar must weigh more than 0"),
])
def test_scoring_weights_are_bounded(tmp_path: Path, scoring: str, words: str) -> None:
    with pytest.raises(ContentError) as info:
        load_scenario(_with_scoring(tmp_path, scoring))
    problem = info.value.problems[0]
    assert words in problem.message and problem.line > 1


def test_weights_in_range_score_within_0_to_100(tmp_path: Path) -> None:
    scenario = load_scenario(_with_scoring(tmp_path, "{finance: 100, equity: 0.001}"))
    overall = results.build_results(play(scenario, 1, None, None, 3), None)["scores"]["overall"]
    assert math.isfinite(overall) and 0 <= overall <= 100


@pytest.mark.parametrize(("damage", "words"), [
    ({"overall": math.nan}, "scores.overall is nan"),
    ({"overall": -24.0}, "outside 0-100"),
    ({"monthly": {"finance": [50.0, math.inf]}}, "scores.monthly.finance[1] is inf"),
])
def test_a_score_that_is_not_finite_or_in_range_is_not_written(tmp_path, monkeypatch, damage,
                                                                words) -> None:
    real = results.score_run
    monkeypatch.setattr(results, "score_run", lambda run, i=0: {**real(run, i), **damage})
    path = tmp_path / "r.json"
    with pytest.raises(WriteError, match=re.escape(words)):
        results.write_results(play(load_scenario("first-year"), 1, None, None, 2), None, path)
    assert not path.exists()
