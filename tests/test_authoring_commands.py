"""validate warnings (on the broken corpus), new and map."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.authoring.lint import lint
from game.authoring.reach import window
from game.cli import main
from game.content import load_document, validate
from game.scenario.library import bundled, load_scenario
from game.scenario.spec import ScenarioSpec

ROOT = Path(__file__).resolve().parents[1]
BROKEN = sorted((ROOT / "tests" / "broken").glob("*.yaml"))


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_scenarios_give_their_expected_messages(
        path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    relative = str(path.relative_to(ROOT))
    code = main(["validate", relative])
    out = capsys.readouterr().out
    expected = path.with_suffix(".expected").read_text()
    assert out == expected
    errors = any(": error: " in line for line in expected.splitlines())
    assert code == (1 if errors else 0)
    assert expected.strip(), "every broken scenario has at least one message"
    if not errors:  # warnings alone fail only under --strict
        assert main(["validate", "--strict", relative]) == 1


def test_every_message_names_a_line_and_column() -> None:
    for path in BROKEN:
        for line in path.with_suffix(".expected").read_text().splitlines():
            where, _, rest = line.partition(": ")
            file, line_no, col = where.rsplit(":", 2)
            assert file.endswith(".yaml") and int(line_no) >= 1 and int(col) >= 1
            assert rest.startswith(("error: ", "warning: "))


def test_warnings_say_how_to_fix() -> None:
    fixes = ("add", "remove", "give", "put", "raise", "move", "check", "fix", "drop", "widen")
    for path in BROKEN:
        for line in path.with_suffix(".expected").read_text().splitlines():
            if ": warning: " in line:
                assert any(word in line.lower() for word in fixes), line


@pytest.mark.parametrize("scenario_id", sorted(bundled()))
def test_bundled_scenarios_have_no_errors(scenario_id: str) -> None:
    assert main(["validate", str(bundled()[scenario_id])]) == 0


def test_new_writes_a_commented_scenario_that_validates_strictly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "winter-crisis"]) == 0
    path = tmp_path / "winter-crisis.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    assert text.count("\n#") >= 3  # commented for learning
    assert main(["validate", "--strict", str(path)]) == 0
    assert load_scenario(path).id == "winter-crisis"
    assert main(["new", "winter-crisis"]) == 1  # will not overwrite
    assert main(["new", "winter-crisis", "--force"]) == 0


def test_new_inside_the_project_points_at_the_schema_relatively() -> None:
    folder = ROOT / "tests" / "_new_scenario_tmp"
    target = folder / "zz-test-only.yaml"
    try:
        assert main(["new", "zz-test-only", "-o", str(target)]) == 0
        first = target.read_text().splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../docs/scenario.schema.json"
    finally:
        target.unlink(missing_ok=True)
        folder.rmdir()


def test_new_from_copies_a_scenario_under_the_new_id(tmp_path: Path) -> None:
    out = tmp_path / "my-first-year.yaml"
    assert main(["new", "my-first-year", "--from", "first-year", "-o", str(out)]) == 0
    copied = load_scenario(out)
    original = load_scenario("first-year")
    assert copied.id == "my-first-year"
    assert copied.events == original.events
    assert out.read_text().count("yaml-language-server") == 1


def test_new_people_template_validates_and_plays(tmp_path: Path) -> None:
    """The people template names staff, has a one-to-one card and changes a person: a nurse
    who is put off loses trust, goes off sick in the card that follows and resigns."""
    from game.scenario.runtime import ScenarioRun

    path = tmp_path / "nurse-case.yaml"
    assert main(["new", "nurse-case", "--template", "people", "-o", str(path)]) == 0
    assert main(["validate", "--strict", str(path)]) == 0
    scenario = load_scenario(path)
    assert [p.id for p in scenario.people] == ["lead-nurse", "manager"]
    assert scenario.event("nurse-worried").person == "lead-nurse"
    run = ScenarioRun(scenario, 1)
    fired: list[str] = []
    while not run.finished:
        for f in run.begin_month():
            if f.mask[0]:
                fired.append(f.event.id)
                choice = {"nurse-worried": "later", "nurse-off-sick": "press"}[f.event.id]
                run.choose(f.event.id, choice)
        run.end_month()
    assert fired == ["nurse-worried", "nurse-off-sick"]
    nurse = run.world.state.person_ids.index("lead-nurse")
    assert run.world.state.person_trust[0, nurse] < 0.4
    assert run.world.state.person_notice[0, nurse] != 0 or not run.world.state.person_in_post[
        0, nurse]
    assert main(["run", str(path)]) == 0


def test_new_rejects_an_unknown_template(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["new", "nurse-case", "--template", "nonsense"])
    assert "invalid choice" in capsys.readouterr().err


def test_map_names_the_people_each_event_involves(tmp_path: Path) -> None:
    from game.authoring.story_map import people_involved

    scenario = load_scenario(ROOT / "tests/people/speaking-up.yaml")
    concern, notice = (people_involved(scenario, e) for e in scenario.events)
    assert concern.startswith("with Sister Okafor")
    assert "Dr Hale (raise concern about)" in concern
    assert "if Sister Okafor, Dr Hale" in notice and "Dr Hale (give notice" in notice
    assert people_involved(load_scenario("first-year"), load_scenario("first-year").events[0]) == ""
    out = tmp_path / "map.png"
    assert main(["map", str(ROOT / "tests/people/speaking-up.yaml"), "-o", str(out)]) == 0


def test_new_rejects_a_bad_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "Winter Crisis"]) == 1
    assert "not a valid scenario id" in capsys.readouterr().err


@pytest.mark.parametrize("scenario_id", sorted(bundled()))
def test_map_draws_every_bundled_scenario(scenario_id: str, tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    assert main(["map", scenario_id, "-o", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_map_shows_a_broken_story(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    assert main(["map", str(ROOT / "tests/broken/never_fires_order.yaml"), "-o", str(out)]) == 0
    assert out.stat().st_size > 10_000


def test_map_reports_an_invalid_scenario(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    bad = ROOT / "tests/broken/unknown_effect.yaml"
    assert main(["map", str(bad), "-o", str(tmp_path / "m.png")]) == 1
    assert "unknown effect 'locum_session'" in capsys.readouterr().err


def test_windows_follow_dependencies() -> None:
    path = ROOT / "tests/broken/never_fires_order.yaml"
    document = load_document(path)
    scenario = validate(document, ScenarioSpec)
    first, last = window(scenario, scenario.event("tired"))
    assert first > last
    assert [p.severity for p in lint(document, scenario)] == ["warning"]
