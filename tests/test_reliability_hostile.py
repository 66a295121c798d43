"""Hostile scenario files through ``partnership validate``: each gives its message at its line.

The small files live in ``tests/hostile/`` (each opens with a comment saying what it attacks);
huge, deep and system-dependent ones (FIFOs, symlinks, devices) are made in ``tmp_path``. The
loader-level behaviour of the generic files is pinned by ``tests/test_content_loader.py``; here
they go through the command line, as an educator would meet them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli import main

HOSTILE = Path(__file__).parent / "hostile"
BASE = (HOSTILE / "scenario_norway.yaml").read_text(encoding="utf-8").replace("id: no", "id: ok")

#: file -> (line, words in the message)
EXPECTED = {
    # generic YAML attacks (see test_content_loader.py for their columns)
    "billion_laughs.yaml": (7, "too many values once aliases are expanded"),
    "custom_tag.yaml": (3, "unsupported tag '!include'"),
    "duplicate_keys.yaml": (3, "duplicate key 'title'"),
    "empty.yaml": (1, "file is empty"),
    "invalid_utf8.yaml": (2, "invalid UTF-8 (byte 0xff)"),
    "merge_key.yaml": (3, "merge keys ('<<') are not supported"),
    "multi_document.yaml": (2, "more than one YAML document"),
    "nan_inf.yaml": (2, "not a finite number (nan)"),
    "nul_char.yaml": (1, "character U+0000 is not allowed"),
    "python_apply.yaml": (3, "unsupported tag '!!python/object/apply:os.system'"),
    "recursive_alias.yaml": (3, "circular"),
    "syntax_error.yaml": (4, "YAML syntax error"),
    "tab_indent.yaml": (3, "tab character"),
    # attacks inside an otherwise valid scenario
    "scenario_alias_bomb.yaml": (15, "too many values once aliases are expanded"),
    "scenario_python_new.yaml": (12, "unsupported tag '!!python/object/new:subprocess.Popen'"),
    "scenario_python_name.yaml": (15, "unsupported tag '!!python/name:os.system'"),
    "scenario_deep_effects.yaml": (15, "nesting is too deep (more than 64 levels)"),
    "scenario_latin1.yaml": (8, "invalid UTF-8 (byte 0xa3); save the file as UTF-8"),
    "scenario_utf16.yaml": (1, "invalid UTF-8 (byte 0xff)"),
    "scenario_escaped_nul.yaml": (3, "character U+0000 is not allowed in text"),
    "scenario_escaped_control.yaml": (16, "character U+001B is not allowed in text"),
    "scenario_surrogate.yaml": (3, "character U+D800 is not allowed in text"),
    "scenario_invisible_title.yaml": (12, "text made only of invisible characters (U+200B"),
    "scenario_nan_probability.yaml": (13, "not a finite number (nan)"),
    "scenario_inf_cash.yaml": (10, "not a finite number (inf)"),
    "scenario_nan_as_text.yaml": (10, "must be a finite number, got 'nan'"),
    "scenario_inf_weight.yaml": (9, "must be a finite number, got '1e999'"),
    "scenario_inf_condition.yaml": (13, "Input should be a finite number"),
    "scenario_overflow_float.yaml": (15, "Input should be a finite number"),
    "scenario_huge_integer.yaml": (5, "must be less than or equal to 36"),
    "scenario_staff_absurd.yaml": (18, "must be less than or equal to 300, got '1.0e13'"),
    "scenario_age_mix_zero.yaml": (18, "the age shares add up to 0, not 1"),
    "scenario_norway.yaml": (2, "expected text, got false"),
    "scenario_non_string_key.yaml": (9, "Keys should be strings"),
    "scenario_image_climbs.yaml": (13, "points outside the scenario folder"),
    "scenario_image_absolute.yaml": (13, "must be relative to the scenario folder, not absolute"),
    "scenario_image_windows.yaml": (13, "must use '/' between folder names"),
    "scenario_image_nul.yaml": (13, "character U+0000 is not allowed in text"),
    "scenario_image_missing.yaml": (13, "image 'images/reception.png' not found beside"),
    "scenario_image_not_picture.yaml": (13, "must be a .png or .jpg file"),
}


def validate_lines(capsys: pytest.CaptureFixture[str], *paths: Path | str) -> list[str]:
    """``partnership validate PATHS`` in-process: exit 1 and the error lines it printed."""
    assert main(["validate", *map(str, paths)]) == 1
    out = capsys.readouterr().out.splitlines()
    return [line for line in out if ": error: " in line]


def assert_error(lines: list[str], path: Path | str, line: int, words: str) -> None:
    mine = [ln for ln in lines if ln.startswith(f"{path}:")]
    assert any(ln.startswith(f"{path}:{line}:") and words in ln for ln in mine), mine


def test_every_hostile_file_is_in_the_table() -> None:
    assert sorted(p.name for p in HOSTILE.glob("*.yaml")) == sorted(
        [*EXPECTED, "comment_only.yaml", "whitespace_only.yaml"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_gives_its_message_at_its_line(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)  # a tag that ran would leave pwned_marker.txt here
    line, words = EXPECTED[name]
    assert_error(validate_lines(capsys, HOSTILE / name), HOSTILE / name, line, words)
    assert list(tmp_path.iterdir()) == []


def test_the_whole_corpus_through_one_process(tmp_path: Path) -> None:
    """A real ``partnership validate`` over every file: no traceback, exit 1, all located."""
    paths = [HOSTILE / name for name in sorted(EXPECTED)]
    result = subprocess.run([sys.executable, "-m", "game", "validate", *map(str, paths)],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr
    errors = [ln for ln in result.stdout.splitlines() if ": error: " in ln]
    for path in paths:
        assert_error(errors, path, *EXPECTED[path.name])
    assert list(tmp_path.iterdir()) == []


# --- generated: huge, deep and system-dependent files ----------------------------------------


def scenario(folder: Path, text: str, name: str = "scenario.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def with_image(image: str) -> str:
    return BASE.replace("    trigger: {month: 2}", f"    image: {image}\n    trigger: {{month: 2}}")


def test_huge_scenario_is_refused_on_size_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(BASE)
        handle.write("reflection_questions:\n" + "  - Why?\n" * 3_000_000)
    started = time.perf_counter()
    assert_error(validate_lines(capsys, path), path, 1, "file is too large")
    assert time.perf_counter() - started < 5


@pytest.mark.slow
def test_many_values_under_the_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = scenario(tmp_path, BASE + "reflection_questions: [" + "a," * 250_000 + "a]\n")
    assert_error(validate_lines(capsys, path), path, 17, "too many values (more than 200000)")


def test_a_very_long_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = scenario(tmp_path, BASE.replace("You should never", "x" * 1_900_000 + " never"))
    assert_error(validate_lines(capsys, path), path, 8, "String should have at most 4000")


def test_ten_thousand_levels_inside_an_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = "[" * 10_000 + "]" * 10_000
    path = scenario(tmp_path, BASE.replace("{id: accept, label: Say yes}",
                                           f"{{id: accept, label: Say yes, effects: {deep}}}"))
    assert_error(validate_lines(capsys, path), path, 15, "nesting is too deep")


def test_image_through_a_symlink_out_of_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, secret = tmp_path / "scenario", tmp_path / "secret"
    folder.mkdir()
    secret.mkdir()
    (secret / "card.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "images").symlink_to(secret, target_is_directory=True)
    path = scenario(folder, with_image("images/card.png"))
    assert_error(validate_lines(capsys, path), path, 13, "points outside the scenario folder")


@pytest.mark.parametrize("kind", ["folder", "fifo", "device"])
def test_image_that_is_not_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    if kind == "folder":
        (tmp_path / "card.png").mkdir()
    elif kind == "fifo":
        os.mkfifo(tmp_path / "card.png")
    else:
        (tmp_path / "card.png").symlink_to("/dev/zero")  # inside the folder by name only
    path = scenario(tmp_path, with_image("card.png"))
    lines = validate_lines(capsys, path)
    words = "points outside" if kind == "device" else "not found beside the scenario"
    assert_error(lines, path, 13, words)


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_scenario_path_that_is_not_a_file_never_blocks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """A named pipe would block a plain ``open().read()`` for ever; /dev/zero never ends."""
    path = tmp_path / "scenario.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    words = "this is a folder" if kind == "folder" else "this is not a regular file"
    assert_error(validate_lines(capsys, path), path, 1, words)


def test_a_decision_log_of_hostile_reasons(tmp_path: Path) -> None:
    """Reasons are free text that facilitators read: escapes of control characters are refused."""
    log = tmp_path / "log.yaml"
    log.write_text("format: partnership-decisions/1\nmonths:\n  - month: 1\n    decisions:\n"
                   '      - {type: consult_team, reason: "\\e]0;pwned\\a"}\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "game", "run", "first-year", "--decisions",
                             str(log)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{log}:5:"), result.stderr
    assert "character U+001B is not allowed in text" in result.stderr


@pytest.mark.parametrize("override", ["global_sum_per_weighted_patient_gbp: 1.0e300",
                                      "qof_average_list_size: 0"])
def test_absurd_parameter_overrides_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], override: str
) -> None:
    path = scenario(tmp_path, BASE + f"parameters:\n  {override}\n")
    assert_error(validate_lines(capsys, path), path, 18, "must be between")
