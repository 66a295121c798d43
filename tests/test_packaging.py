"""The installed game finds what it ships through importlib.resources, not the source tree.

The wheel itself is built, installed and played by ``.ci/wheel-check``; these tests are the fast
half: the package laid out as the wheel lays it out (``scenarios/`` inside ``game/``), away from
the clone, must still list its scenarios, find its themes and write portable schema lines.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

import game
from game.authoring.template import schema_for, schema_line
from game.cli import main
from game.live.web import FILES
from game.scenario.library import BUNDLED_DIR, bundled

ROOT = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site folder holding ``game`` as the wheel does, with no clone around it."""
    site = tmp_path_factory.mktemp("site")
    shutil.copytree(ROOT / "game", site / "game", ignore=IGNORE)
    shutil.copytree(ROOT / "scenarios", site / "game" / "scenarios", ignore=IGNORE)
    return site


# An editable install of this clone would otherwise fill in anything missing from ``site``.
DROP_EDITABLE = ("import runpy, sys\n"
                 "sys.meta_path[:] = [f for f in sys.meta_path\n"
                 "    if not getattr(f, '__module__', '').startswith('__editable_')]\n")


def run_installed(site: Path, cwd: Path, *args: str,
                  code: str = "runpy.run_module('game', run_name='__main__', alter_sys=True)"
                  ) -> subprocess.CompletedProcess[str]:
    """``python -m game ARGS`` (or ``code``) seeing only the game in ``site``."""
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, "-c", DROP_EDITABLE + code, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_an_installed_package_lists_its_scenarios_and_finds_its_themes(
        installed: Path, tmp_path: Path) -> None:
    probe = ("import json, game\n"
             "from game.scenario.library import BUNDLED_DIR, bundled\n"
             "from game.ui.preferences import THEME_DIR\n"
             "print(json.dumps([game.__file__, str(BUNDLED_DIR), str(THEME_DIR), "
             "list(bundled())]))")
    done = run_installed(installed, tmp_path, code=probe)
    assert done.returncode == 0, done.stderr
    package, scenarios, themes, ids = json.loads(done.stdout)
    assert Path(package).parent == installed / "game"  # the copy, not the clone
    assert Path(scenarios) == installed / "game" / "scenarios"
    assert Path(themes) == installed / "game" / "ui" / "theme"
    assert (Path(themes) / "standard.json").is_file()
    assert ids == sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))
    listed = run_installed(installed, tmp_path, "list")
    assert listed.returncode == 0, listed.stderr
    assert [line.split()[0] for line in listed.stdout.splitlines()] == ids


def test_an_installed_package_writes_a_scenario_that_travels(
        installed: Path, tmp_path: Path) -> None:
    made = run_installed(installed, tmp_path, "new", "winter-crisis")
    assert made.returncode == 0, made.stderr
    first = (tmp_path / "winter-crisis.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=scenario.schema.json"
    elsewhere = tmp_path / "shared" / "with" / "a colleague"
    elsewhere.mkdir(parents=True)
    for name in ("winter-crisis.yaml", "scenario.schema.json"):
        shutil.copy(tmp_path / name, elsewhere / name)
    checked = run_installed(installed, elsewhere, "validate", "winter-crisis.yaml")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_editable_install_sees_the_repository_folders() -> None:
    if not Path(game.__file__).resolve().is_relative_to(ROOT):
        pytest.skip("the game under test is not this checkout")
    assert BUNDLED_DIR == ROOT / "scenarios"
    assert Path(str(resources.files("game.scenarios"))).resolve() == ROOT / "scenarios"
    assert set(bundled()) == {p.stem for p in (ROOT / "scenarios").glob("*.yaml")}


def test_art_ships_as_a_package_when_there_is_any() -> None:
    assets = ROOT / "assets"
    if not assets.is_dir():
        pytest.skip("no assets/ folder yet")
    assert (assets / "__init__.py").is_file(), (
        "assets/ needs an __init__.py so an editable install maps it to game.assets")
    if Path(game.__file__).resolve().is_relative_to(ROOT):
        assert Path(str(resources.files("game.assets"))).resolve() == assets


def test_schema_lines_are_relative_to_the_scenario(tmp_path: Path) -> None:
    outside = tmp_path / "my-scenario.yaml"
    assert schema_for(outside) == tmp_path / "scenario.schema.json"
    assert schema_line(outside) == "# yaml-language-server: $schema=scenario.schema.json\n"
    inside = ROOT / "scenarios" / "new-one.yaml"
    assert schema_line(inside) == "# yaml-language-server: $schema=../docs/scenario.schema.json\n"
    for target in (outside, inside):
        assert "file:" not in schema_line(target) and str(ROOT) not in schema_line(target)


def test_new_keeps_a_foreign_schema_file_unless_forced(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "scenario.schema.json").write_text('{"title": "something else"}')
    assert main(["new", "winter-crisis"]) == 1
    assert not (tmp_path / "winter-crisis.yaml").exists()
    assert main(["new", "winter-crisis", "--force"]) == 0
    schema = json.loads((tmp_path / "scenario.schema.json").read_text())
    assert schema["title"] == "Partnership scenario"


def test_the_version_is_written_once(capsys: pytest.CaptureFixture[str]) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"partnership {game.__version__}"


def test_an_install_without_its_scenarios_says_to_reinstall(installed: Path,
                                                           tmp_path: Path) -> None:
    """An editable install made before the scenarios became a package finds none; it says so."""
    bare = tmp_path / "site"
    shutil.copytree(installed / "game", bare / "game", ignore=shutil.ignore_patterns("scenarios"))
    assert run_installed(bare, tmp_path, "--version").returncode == 0
    done = run_installed(bare, tmp_path, "run", "first-year", "--months", "1")
    assert done.returncode == 1
    assert "reinstall Partnership" in done.stderr and "Traceback" not in done.stderr


def test_an_installed_package_serves_the_team_page(installed: Path, tmp_path: Path) -> None:
    """The browser team page's files are package data: the copy serves them, not the clone."""
    probe = ("import json\n"
             "from game.live import web\n"
             "print(json.dumps({path: len(web.body(name)) for path, (name, _) in "
             "web.FILES.items()}))")
    done = run_installed(installed, tmp_path, code=probe)
    assert done.returncode == 0, done.stderr
    sizes = json.loads(done.stdout)
    static = ROOT / "game" / "live" / "web" / "static"
    assert sizes == {path: (static / name).stat().st_size for path, (name, _) in FILES.items()}
