"""A team's own copy of a group session (``play --session SESSION --team NAME``), headless."""

from __future__ import annotations

import json

import pygame
import pytest

from game.cli import main
from game.cli.commands_play import team_app
from game.session.intake import take_in
from game.session.spec import load_session
from game.ui.demo import click_key, key
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.dashboard import DashboardScene
from game.ui.scenes.end import EndScene
from game.ui.scenes.event_card import EventCardScene
from game.ui.scenes.knowledge_check import KnowledgeCheckScene
from game.ui.scenes.tutorial import TutorialScene

SESSION = """format: partnership-session/1
title: Laptops test
scenario: first-year
seed: 11
months: 4
teams: [Aire, Calder]
"""


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def session_file(tmp_path):
    path = tmp_path / "session.yaml"
    path.write_text(SESSION)
    return path


def press(app, k: int) -> None:
    app.step(click_key(app.top, k))
    app.step()


def play_through(app) -> EndScene:
    """Briefing to the end: locums down in months 2 and 3, drawings down in month 1."""
    assert isinstance(app.top, BriefingScene) and app.top.team == "Calder"
    press(app, pygame.K_RETURN)
    if isinstance(app.top, KnowledgeCheckScene):  # skipped, before play and after
        press(app, pygame.K_ESCAPE)
    if isinstance(app.top, TutorialScene):
        press(app, pygame.K_ESCAPE)
    session = app.stack[0].session
    while not isinstance(app.top, EndScene):
        if isinstance(app.top, KnowledgeCheckScene):
            press(app, pygame.K_ESCAPE)
            continue
        while isinstance(app.top, EventCardScene):
            press(app, pygame.K_1 + session.month % len(app.top.event.choices))
        assert isinstance(app.top, DashboardScene)
        if session.month in (2, 3):
            press(app, pygame.K_w)
            app.step(key(pygame.K_3) + key(pygame.K_MINUS) * 3 + key(pygame.K_RETURN))
            press(app, pygame.K_ESCAPE)
        if session.month == 1:
            press(app, pygame.K_m)
            app.step(key(pygame.K_1) + key(pygame.K_MINUS) * 2 + key(pygame.K_RETURN))
            press(app, pygame.K_ESCAPE)
        press(app, pygame.K_e)
        press(app, pygame.K_RETURN)
    return app.top


def test_a_team_plays_the_session_and_its_results_match_session_play(session_file, tmp_path,
                                                                     data_dir):
    loaded = load_session(session_file)
    end = play_through(team_app(loaded, "Calder", (1280, 720)))
    session = end.session
    assert session.team == "Calder" and len(session.run.history) == 4  # the session's months
    path = end.results.path
    assert path is not None and path.parent == data_dir / "results"
    assert path.name.startswith("calder-first-year-seed11-")
    assert path.name in end.message
    assert str(path) in end._outcome_html() and "facilitator" in end._outcome_html()
    data = json.loads(path.read_text())
    assert data["player"] == "Calder" and data["months_limit"] == 4
    assert data["scenario"]["source"] == loaded.scenario_source
    assert any(m["decisions"] for m in data["decisions"]["months"])

    intake = take_in([str(path)], loaded)
    assert not intake.rejected and [t.team for t in intake.teams] == ["Calder"]
    assert main(["debrief", str(path), "--session", str(session_file), "--strict"]) == 0

    log = tmp_path / "calder.json"
    log.write_text(json.dumps(data["decisions"]))
    headless = tmp_path / "headless.json"
    assert main(["session", "play", str(session_file), "--team", "Calder", "--decisions",
                 str(log), "--results", str(headless)]) == 0
    other = json.loads(headless.read_text())
    for field in ("scenario", "seed", "player", "months_limit", "months", "decisions",
                  "history", "scores"):
        assert data[field] == other[field], field


def test_play_session_needs_a_team(session_file, capsys):
    assert main(["play", "--session", str(session_file)]) == 1
    assert "--team" in capsys.readouterr().err
    assert main(["play", "first-year", "--session", str(session_file), "--team", "Aire"]) == 1


def test_play_session_demo_runs_headless(session_file, tmp_path):
    shots = tmp_path / "shots"
    assert main(["play", "--session", str(session_file), "--team", "Aire", "--demo",
                 "--months", "2", "--screenshots", str(shots)]) == 0
    assert any("briefing" in p.name for p in shots.glob("*.png"))
