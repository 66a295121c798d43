"""The default practice, left alone for a year, lands near the published national figures."""

from pathlib import Path

import pytest

from game import calibration
from game.model import SOURCES, Params

FIGURES = calibration.default_year()


@pytest.mark.parametrize("key", list(calibration.TARGETS))
def test_default_practice_within_15_percent_of_published_figure(key):
    target = calibration.TARGETS[key].value
    assert FIGURES[key] == pytest.approx(target, rel=0.15), key


def test_every_parameter_has_a_source_record():
    assert set(Params().as_dict()) == set(SOURCES)
    for name, source in SOURCES.items():
        assert source.basis in ("S", "D", "E"), name


def test_calibration_document_is_current():
    committed = Path(__file__).parents[1].joinpath("docs", "calibration.md").read_text()
    assert committed == calibration.markdown(), (
        "docs/calibration.md is stale: run python -m game.calibration > docs/calibration.md")
