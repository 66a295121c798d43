"""docs/authoring.md and docs/scenario.schema.json are generated and must be current."""

from __future__ import annotations

import json

from game.authoring.reference import DOC_PATH, SCHEMA_PATH, main, reference, schema_text
from game.scenario.conditions import CONDITIONS
from game.scenario.effects import EFFECTS
from game.scenario.library import bundled


def test_authoring_guide_is_current() -> None:
    assert DOC_PATH.read_text(encoding="utf-8") == reference(), (
        "docs/authoring.md is out of date: run python -m game.authoring.reference")


def test_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "docs/scenario.schema.json is out of date: run python -m game.authoring.reference")
    assert json.loads(SCHEMA_PATH.read_text())["title"] == "Partnership scenario"


def test_check_mode_reports_current_files() -> None:
    assert main(["--check"]) == 0


def test_reference_covers_every_condition_and_effect() -> None:
    text = reference()
    for name in [*CONDITIONS.names(), *EFFECTS.names()]:
        assert f"### `{name}`" in text
    for doc in [e.doc for e in CONDITIONS.entries.values()]:
        assert doc.splitlines()[0] in text


def test_bundled_scenarios_point_at_the_schema() -> None:
    for path in bundled().values():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target == SCHEMA_PATH.resolve()
