"""The core command line: list, validate, schema and run, including the ways they fail."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli import main
from game.scenario.library import bundled

ROOT = Path(__file__).parents[1]


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                          timeout=60, cwd=cwd)


def test_list_shows_bundled_scenarios_id_then_title(capsys):
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    ids = [line.split("\t")[0] for line in lines]
    assert "first-year" in ids
    assert ids == list(bundled())
    assert all("\t" in line and line.split("\t")[1] for line in lines)


def test_validate_every_bundled_scenario(capsys):
    assert main(["validate", *map(str, bundled().values())]) == 0


BROKEN = {
    "syntax.yaml": ("id: x\ntitle: [unclosed\n", 3),  # the end of the file
    "unknown-key.yaml": ("id: x\ntitle: T\nsumary: typo\n", 3),
    "duplicate.yaml": ("id: x\nid: y\n", 2),
    "python-tag.yaml": ("id: !!python/object/apply:os.system ['touch /tmp/pwned']\n", 1),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_validate_reports_path_line_col_and_exits_1(tmp_path, name):
    text, line = BROKEN[name]
    path = tmp_path / name
    path.write_text(text)
    result = cli("validate", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(ln.startswith(f"{path}:{line}:") for ln in lines), lines
    assert all(": error: " in ln for ln in lines)


def test_schema_problems_are_located(tmp_path):
    source = (ROOT / "scenarios" / "first-year.yaml").read_text()
    broken = source.replace("length_months: 12", "length_months: 99")
    broken = broken.replace("probability: 0.6", "probability: 1.6")
    broken = broken.replace("cash_below: {gbp: -40000}", "cash_beneath: {gbp: -40000}")
    path = tmp_path / "broken.yaml"
    path.write_text(broken)
    result = cli("validate", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    text = "\n".join(lines)
    src_lines = broken.splitlines()
    for needle, message in (("length_months: 99", "less than or equal to 36"),
                            ("probability: 1.6", "less than or equal to 1"),
                            ("cash_beneath", "unknown condition 'cash_beneath'")):
        number = next(i for i, s in enumerate(src_lines, 1) if needle in s)
        assert any(ln.startswith(f"{path}:{number}:") and message in ln for ln in lines), text


def test_hostile_files_end_quickly_with_a_clear_error(tmp_path):
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    files = {
        "bomb.yaml": bomb,
        "deep.yaml": "[" * 10_000 + "]" * 10_000,
        "empty.yaml": "",
        "bad-utf8.yaml": b"id: caf\xe9\n",
    }
    paths = []
    for name, content in files.items():
        p = tmp_path / name
        p.write_bytes(content if isinstance(content, bytes) else content.encode())
        paths.append(str(p))
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.write(b"# padding\n" * 5_000_000)
    paths += [str(big), str(tmp_path), str(tmp_path / "missing.yaml")]
    start = time.monotonic()
    result = cli("validate", *paths)
    assert time.monotonic() - start < 10
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for p in paths:
        assert any(line.startswith(f"{p}:") for line in result.stdout.splitlines()), p


def test_schema_command_writes_json_schema(tmp_path):
    out = tmp_path / "schema.json"
    assert main(["schema", "-o", str(out)]) == 0
    schema = json.loads(out.read_text())
    assert "events" in schema["properties"]
    assert schema["properties"]["length_months"]["description"]


def test_run_json_has_the_contract_keys_and_cash_identity():
    result = cli("run", "first-year", "--json", "--seed", "7")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"scenario", "seed", "months", "history", "final", "scores"} <= set(data)
    assert data["months"] == len(data["history"]) == 12
    assert data["final"] == data["history"][-1]
    assert isinstance(data["scores"]["overall"], float)
    keys = {"month", "cash_gbp", "income_gbp", "expenses_gbp", "drawings_gbp", "financing_gbp",
            "patients", "appointments_demanded", "appointments_delivered", "dna_rate",
            "wait_days", "gp_fte", "staff_wellbeing", "patient_satisfaction"}
    previous = None
    for month in data["history"]:
        assert keys <= set(month)
        assert 0 <= month["staff_wellbeing"] <= 1 and 0 <= month["patient_satisfaction"] <= 1
        if previous is not None:
            expected = (previous + month["income_gbp"] - month["expenses_gbp"]
                        - month["drawings_gbp"] + month["financing_gbp"])
            assert round(month["cash_gbp"] * 100) == round(expected * 100)
        previous = month["cash_gbp"]


def test_same_seed_gives_byte_identical_output_and_another_seed_differs():
    a = cli("run", "first-year", "--json", "--seed", "11").stdout
    b = cli("run", "first-year", "--json", "--seed", "11").stdout
    c = cli("run", "first-year", "--json", "--seed", "12").stdout
    assert a == b
    assert a != c


def test_run_follows_a_decision_log(tmp_path):
    log = tmp_path / "log.yaml"
    log.write_text(
        "format: partnership-decisions/1\n"
        "months:\n"
        "  - month: 1\n"
        "    decisions:\n"
        "      - {type: set_locum_sessions, sessions_per_month: 10}\n"
        "    choices:\n"
        "      - {event: the-accounts, choice: ask-bank}\n")
    result = cli("run", "first-year", "--decisions", str(log), "--json", "--months", "2")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["months"] == 2
    assert data["history"][0]["locum_sessions"] == 10
    assert data["history"][0]["overdraft_limit_gbp"] == 120_000


@pytest.mark.parametrize("body, line, message", [
    ("      - {type: release, role: partner}\n", 5, "Partners cannot be dismissed"),
    ("      - {type: hire, role: surgeon}\n", 5, "surgeon"),
    ("      - {type: fly, role: x}\n", 5, "fly"),
])
def test_bad_decision_log_gets_a_located_error(tmp_path, body, line, message):
    log = tmp_path / "log.yaml"
    log.write_text("format: partnership-decisions/1\nmonths:\n  - month: 1\n"
                   "    decisions:\n" + body)
    result = cli("run", "first-year", "--decisions", str(log))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{log}:{line}:"), result.stderr
    assert message in result.stderr


def test_choice_for_an_event_that_did_not_happen_is_an_error(tmp_path):
    log = tmp_path / "log.yaml"
    log.write_text("format: partnership-decisions/1\nmonths:\n  - month: 2\n"
                   "    choices:\n      - {event: the-accounts, choice: ask-bank}\n")
    result = cli("run", "first-year", "--decisions", str(log))
    assert result.returncode == 1
    assert f"{log}:5:" in result.stderr and "did not happen" in result.stderr


def test_unknown_scenario_is_a_clear_error():
    result = cli("run", "no-such-scenario")
    assert result.returncode == 1
    assert "no bundled scenario 'no-such-scenario'" in result.stderr


@pytest.mark.parametrize("image, message", [
    ("../../etc/passwd.png", "points outside the scenario folder"),
    ("/etc/passwd.png", "not absolute"),
    ("images/missing.png", "not found beside the scenario"),
    ("notes.txt", "must be a .png or .jpg file"),
])
def test_scenario_assets_stay_in_the_scenario_folder(tmp_path, image, message):
    source = (ROOT / "scenarios" / "first-year.yaml").read_text()
    trigger = "    trigger: {month: 2}\n"
    text = source.replace(trigger, f"    image: {image}\n{trigger}")
    (tmp_path / "notes.txt").write_text("x")
    path = tmp_path / "assets.yaml"
    path.write_text(text)
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.startswith("    image:"))
    result = cli("validate", str(path))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{path}:{line}:5: error:"), result.stdout
    assert message in result.stdout


def test_an_image_inside_the_folder_is_accepted(tmp_path):
    source = (ROOT / "scenarios" / "first-year.yaml").read_text()
    trigger = "    trigger: {month: 2}\n"
    text = source.replace(trigger, f"    image: img/card.png\n{trigger}")
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "card.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = tmp_path / "ok.yaml"
    path.write_text(text)
    assert cli("validate", str(path)).returncode == 0
