"""Tests for game.content: safe YAML loading, locating, validation and asset paths.

Small hostile files live in tests/hostile/; big ones (50 MB, 10,000-deep) are generated here.
Every failure test pins the exact Problem position and part of its message.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Annotated, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, Field, field_validator

from game.content import (
    ContentError,
    Problem,
    check_relative_path,
    load_document,
    load_model,
    load_text,
    validate,
)

HOSTILE = Path(__file__).parent / "hostile"


def only_problem(exc: pytest.ExceptionInfo[ContentError]) -> Problem:
    """The single Problem carried by a ContentError."""
    assert len(exc.value.problems) == 1, exc.value.format()
    return exc.value.problems[0]


def assert_fails(path: Path | str, line: int, col: int, words: str) -> Problem:
    """load_document(path) must raise ContentError with one Problem at line:col saying words."""
    with pytest.raises(ContentError) as exc:
        load_document(path)
    problem = only_problem(exc)
    assert (problem.line, problem.col) == (line, col), problem.format()
    assert words in problem.message, problem.format()
    assert problem.path == str(path)
    return problem


# --- hostile files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "col", "words"),
    [
        # the 2nd '*e' on line 7 is where the expansion passes 200,000 values
        ("billion_laughs.yaml", 7, 12, "too many values once aliases are expanded"),
        ("custom_tag.yaml", 3, 5, "unsupported tag '!include'"),
        ("duplicate_keys.yaml", 3, 1, "duplicate key 'title' (first defined on line 1)"),
        ("syntax_error.yaml", 4, 18, "YAML syntax error: unexpected ':'"),
        ("merge_key.yaml", 3, 3, "merge keys ('<<') are not supported"),
        ("recursive_alias.yaml", 3, 5, "circular"),
        ("multi_document.yaml", 2, 1, "more than one YAML document"),
        ("tab_indent.yaml", 3, 1, "tab character"),
        ("invalid_utf8.yaml", 2, 11, "invalid UTF-8 (byte 0xff)"),
        ("nul_char.yaml", 1, 12, "character U+0000 is not allowed"),
        ("empty.yaml", 1, 1, "file is empty"),
        ("whitespace_only.yaml", 1, 1, "file is empty"),
        ("comment_only.yaml", 1, 1, "file is empty"),
    ],
)
def test_hostile_file_is_rejected_at_exact_position(
    name: str, line: int, col: int, words: str
) -> None:
    assert_fails(HOSTILE / name, line, col, words)


def test_python_object_tag_executes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args) or 0)
    monkeypatch.chdir(tmp_path)
    assert_fails(HOSTILE / "python_apply.yaml", 3, 10, "'!!python/object/apply:os.system'")
    assert calls == []
    assert not (tmp_path / "pwned_marker.txt").exists()


def test_invalid_utf8_column_counts_characters_not_bytes() -> None:
    with pytest.raises(ContentError) as exc:
        load_text(b"a: 1\nname: caf\xc3\xa9 \xc3(\n", "mem.yaml")
    problem = only_problem(exc)
    assert (problem.path, problem.line, problem.col) == ("mem.yaml", 2, 12)
    assert "invalid UTF-8 (byte 0xc3)" in problem.message


def test_fifty_megabyte_file_fails_fast_on_size(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.write(b"x: 1\n" * 10_000_000)
    started = time.perf_counter()
    assert_fails(big, 1, 1, "file is too large (50,000,000 bytes; the limit is 2,000,000")
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize(
    ("text", "col"),
    [
        ("[" * 10_000 + "]" * 10_000, 65),  # the 65th '[' is one level too deep
        ("{a: " * 10_000 + "1" + "}" * 10_000, 4 * 64 + 1),  # the 65th '{'
        ("- " * 10_000 + "x", 2 * 64 + 1),  # the 65th block '-'
    ],
    ids=["flow-list", "flow-mapping", "block-list"],
)
def test_ten_thousand_deep_nesting_is_a_clear_error(tmp_path: Path, text: str, col: int) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text(text, encoding="utf-8")
    assert_fails(deep, 1, col, "nesting is too deep (more than 64 levels)")


def test_deep_block_mapping_reports_the_line() -> None:
    text = "".join("  " * i + "k:\n" for i in range(100))
    with pytest.raises(ContentError) as exc:
        load_text(text)
    problem = only_problem(exc)
    assert (problem.line, problem.col) == (65, 129)
    assert "nesting is too deep" in problem.message


def test_alias_count_limit() -> None:
    text = "x: &x 1\nall: [" + ", ".join(["*x"] * 201) + "]\n"
    with pytest.raises(ContentError) as exc:
        load_text(text)
    problem = only_problem(exc)
    assert (problem.line, problem.col) == (2, 7 + 4 * 200)  # the 201st '*x'
    assert "too many aliases" in problem.message


def test_node_count_limit_without_aliases() -> None:
    with pytest.raises(ContentError) as exc:
        load_text("[" + ", ".join(["1"] * 50) + "]", max_nodes=20)
    problem = only_problem(exc)
    assert (problem.line, problem.col) == (1, 2 + 3 * 19)  # the 20th scalar is value 21
    assert "too many values (more than 20)" in problem.message


def test_directory_is_rejected(tmp_path: Path) -> None:
    assert_fails(tmp_path, 1, 1, "this is a folder, not a file")


def test_missing_file_is_rejected(tmp_path: Path) -> None:
    assert_fails(tmp_path / "nope.yaml", 1, 1, "file not found")


@pytest.mark.parametrize(
    ("text", "line", "col", "words"),
    [
        ("a: !!int abc\n", 1, 4, "'abc' is not a valid whole number"),
        ("a: !!seq x\n", 1, 4, "tag '!!seq' cannot be used here"),
        ("? [1, 2]\n: x\n", 1, 3, "a mapping key must be a plain value"),
        ("x: &a 1\ny: &a 2\n", 2, 4, "found duplicate anchor 'a'; first occurrence on line 1"),
        ("a: *nowhere\n", 1, 4, "found undefined alias 'nowhere'"),
        ("title: [1, 2\n", 2, 1, "the file ends too early"),
    ],
)
def test_other_yaml_problems(text: str, line: int, col: int, words: str) -> None:
    with pytest.raises(ContentError) as exc:
        load_text(text)
    problem = only_problem(exc)
    assert (problem.line, problem.col) == (line, col), problem.format()
    assert words in problem.message


# --- plain data and locate() ---------------------------------------------------------------

NORMAL = """\
title: Demo practice
partners:
  - name: Dr Ahmed
    salary: 90000
  - name: Dr Brown
    tags: [a, b]
settings:
  budget: {start: 1000, min: 0}
  when: 2024-04-01
  flags: [yes, .inf, 0x1F, ~, '12']
copy: &base {x: 1}
again: *base
"""


def test_normal_document_gives_plain_data() -> None:
    doc = load_text(NORMAL, "normal.yaml")
    assert doc.path == "normal.yaml"
    assert doc.data["partners"][1] == {"name": "Dr Brown", "tags": ["a", "b"]}
    assert doc.data["settings"]["when"] == "2024-04-01"  # timestamps stay text
    assert doc.data["settings"]["flags"] == [True, float("inf"), 31, None, "12"]
    assert doc.data["again"] == {"x": 1}
    assert doc.data["again"] is not doc.data["copy"]  # aliases are copied, not shared


@pytest.mark.parametrize(
    ("loc", "where"),
    [
        ((), (1, 1)),
        (("title",), (1, 1)),
        (("partners",), (2, 1)),
        (("partners", 0), (3, 5)),
        (("partners", 0, "salary"), (4, 5)),
        (("partners", 1, "tags"), (6, 5)),
        (("partners", 1, "tags", 1), (6, 15)),
        (("settings", "budget", "min"), (8, 25)),
        (("settings", "flags", 3), (10, 28)),
        (("again",), (12, 1)),
        (("again", "x"), (11, 14)),  # inside an alias: the anchor's key
        # missing things fall back to the nearest existing ancestor
        (("nope",), (1, 1)),
        (("partners", 0, "missing"), (3, 5)),
        (("partners", 7), (2, 1)),
        (("title", "deeper"), (1, 1)),
        (("partners", "0"), (2, 1)),
    ],
)
def test_locate(loc: tuple[str | int, ...], where: tuple[int, int]) -> None:
    assert load_text(NORMAL).locate(loc) == where


def test_locate_alias_value_points_at_the_alias() -> None:
    doc = load_text("a: &x [1, 2]\nb: [0, *x]\n")
    assert doc.locate(("b", 1)) == (2, 8)
    assert doc.locate(("b", 1, 0)) == (1, 8)


# --- validation ----------------------------------------------------------------------------


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Circle(Strict):
    kind: Literal["circle"]
    radius: float


class Square(Strict):
    kind: Literal["square"]
    side: int = Field(gt=0)


class Partner(Strict):
    name: str
    sessions: int = 0


class Scenario(Strict):
    title: str
    budget: float
    partners: list[Partner] = []
    shapes: list[Annotated[Circle | Square, Field(discriminator="kind")]] = []

    @field_validator("title")
    @classmethod
    def _no_padding(cls, value: str) -> str:
        if value.strip() != value:
            raise ValueError("title must not start or end with spaces")
        return value


BAD_SCENARIO = """\
title: ' Demo'
budget: lots
partners:
  - name: Dr Ahmed
    sesions: 4
  - sessions: 2
shapes:
  - kind: circle
    radius: abc
    colour: red
  - kind: hexagon
  - side: 3
  - kind: square
    side: -1
"""


def test_pydantic_errors_become_located_plain_problems() -> None:
    with pytest.raises(ContentError) as exc:
        validate(load_text(BAD_SCENARIO, "s.yaml"), Scenario)
    got = [(p.path, p.line, p.col, p.message) for p in exc.value.problems]
    assert got == [
        ("s.yaml", 1, 1, "title must not start or end with spaces"),
        ("s.yaml", 2, 1, "expected a number, got 'lots'"),
        ("s.yaml", 5, 5, "unknown field 'sesions' (allowed: name, sessions)"),
        ("s.yaml", 6, 5, "missing required field 'name'"),
        ("s.yaml", 9, 5, "expected a number, got 'abc'"),
        ("s.yaml", 10, 5, "unknown field 'colour' (allowed: kind, radius)"),
        ("s.yaml", 11, 5, "unknown kind 'hexagon' (expected one of: 'circle', 'square')"),
        ("s.yaml", 12, 5, "missing required field 'kind'"),
        ("s.yaml", 14, 5, "must be greater than 0, got -1"),
    ]


def test_missing_top_level_field_points_at_the_mapping() -> None:
    with pytest.raises(ContentError) as exc:
        validate(load_text("# header\n\nbudget: 5\n"), Scenario)
    problem = only_problem(exc)
    assert (problem.line, problem.col, problem.message) == (3, 1, "missing required field 'title'")


def test_non_mapping_document() -> None:
    with pytest.raises(ContentError) as exc:
        validate(load_text("\n- 1\n"), Scenario)
    problem = only_problem(exc)
    assert (problem.line, problem.col) == (2, 1)
    assert "expected a mapping (key: value lines), got a list" in problem.message


def test_nan_and_infinity_are_rejected_before_validation() -> None:
    doc = load_document(HOSTILE / "nan_inf.yaml")
    with pytest.raises(ContentError) as exc:
        validate(doc, Scenario)
    got = [(p.line, p.col, p.message) for p in exc.value.problems]
    assert got == [(2, 1, "not a finite number (nan)"), (5, 5, "not a finite number (-inf)")]


def test_load_model_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("title: Demo\nbudget: 12.5\nshapes:\n  - {kind: square, side: 2}\n")
    scenario = load_model(path, Scenario)
    assert scenario.budget == 12.5
    assert scenario.shapes == [Square(kind="square", side=2)]
    with pytest.raises(ContentError) as exc:
        load_model(path, Scenario, max_bytes=10)
    problem = only_problem(exc)
    assert (problem.line, problem.col) == (1, 1)
    assert "file is too large" in problem.message


# --- asset paths ---------------------------------------------------------------------------


def test_relative_asset_inside_folder_is_resolved(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    assert check_relative_path(tmp_path, "img/logo.png") == tmp_path.resolve() / "img/logo.png"
    assert check_relative_path(tmp_path, "img/../a.png") == tmp_path.resolve() / "a.png"


@pytest.mark.parametrize(
    ("relative", "words"),
    [
        ("../x", "points outside the scenario folder"),
        ("img/../../x.png", "points outside the scenario folder"),
        ("/etc/passwd", "must be relative to the scenario folder, not absolute"),
        ("C:\\Windows\\x.png", "not absolute"),
        ("\\\\server\\share\\x.png", "not absolute"),
        ("img\\x.png", "must use '/'"),
        ("", "asset path is empty"),
        ("a\0b", "NUL"),
    ],
)
def test_asset_paths_that_escape_are_refused(tmp_path: Path, relative: str, words: str) -> None:
    with pytest.raises(ValueError, match="asset path") as exc:
        check_relative_path(tmp_path, relative)
    assert words in str(exc.value)


def test_symlink_out_of_folder_is_refused(tmp_path: Path) -> None:
    base, outside = tmp_path / "scenario", tmp_path / "secret"
    base.mkdir()
    outside.mkdir()
    (base / "link").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ValueError, match="points outside the scenario folder"):
        check_relative_path(base, "link/key.pem")


# --- fuzzing -------------------------------------------------------------------------------

YAMLISH = st.text(alphabet="[]{}:,-?&*!|>'\"#%@`~. \t\n\r\x00\x85ab01\\é", max_size=80)


def _must_only_raise_content_error(source: str | bytes) -> None:
    try:
        load_text(source, "fuzz.yaml", max_nodes=500, max_depth=16)
    except ContentError as exc:
        assert exc.problems
        assert all(p.line >= 1 and p.col >= 1 for p in exc.problems)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), YAMLISH, st.binary(max_size=200)))
def test_fuzz_load_text_only_raises_content_error(source: str | bytes) -> None:
    _must_only_raise_content_error(source)
