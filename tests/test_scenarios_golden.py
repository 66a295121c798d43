"""Golden playthroughs: each bundled scenario, a fixed seed and a recorded decision log give
fixed scores. The logs (``tests/golden/<id>.decisions.yaml``) are sensible playthroughs; the
expected scores sit beside them in ``<id>.scores.json``.

After a deliberate change to the model, a scenario or the scoring, regenerate the expected
scores with ``PARTNERSHIP_UPDATE_GOLDEN=1 pytest tests/test_scenarios_golden.py`` and review
the diff like any other change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from game.play.replay import load_log, play
from game.scenario.library import bundled, load_scenario
from game.scoring import score_run

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PARTNERSHIP_UPDATE_GOLDEN") == "1"


def _scores(scenario_id: str) -> dict[str, Any]:
    log, document = load_log(GOLDEN / f"{scenario_id}.decisions.yaml")
    assert log.scenario == scenario_id and log.seed is not None
    run = play(load_scenario(scenario_id), log.seed, log, document)
    scores = score_run(run)
    return {
        "seed": log.seed,
        "overall": scores["overall"],
        "pillars": scores["pillars"],
        "goals": {g["id"]: g["met"] for g in scores["goals"]},
        "ended": str(run.ended[0]),
        "months_played": len(run.history),
    }


def test_every_bundled_scenario_has_a_golden_log() -> None:
    for scenario_id in bundled():
        assert (GOLDEN / f"{scenario_id}.decisions.yaml").is_file(), scenario_id


@pytest.mark.parametrize("scenario_id", sorted(bundled()))
def test_golden_scores(scenario_id: str) -> None:
    got = _scores(scenario_id)
    expected_path = GOLDEN / f"{scenario_id}.scores.json"
    if UPDATE or not expected_path.exists():
        expected_path.write_text(json.dumps(got, indent=2, sort_keys=True) + "\n")
        if not UPDATE:
            pytest.fail(f"wrote missing golden scores {expected_path.name}; review and commit")
    expected = json.loads(expected_path.read_text())
    assert got["goals"] == expected["goals"]
    assert got["ended"] == expected["ended"]
    assert got["months_played"] == expected["months_played"]
    assert got["overall"] == pytest.approx(expected["overall"], abs=0.01)
    for pillar, value in expected["pillars"].items():
        assert got["pillars"][pillar] == pytest.approx(value, abs=0.01), pillar
