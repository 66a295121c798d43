"""Tile tooltips render, the preview says when a decision is already in place, and edited
theme files apply live."""

from __future__ import annotations

import json
import shutil

import pygame
import pytest
from pygame_gui.elements import UITooltip

from game.model.decisions import SetLocumSessionsDecision
from game.play.game_session import GameSession
from game.play.preview import preview
from game.scenario.library import load_scenario
from game.ui import preferences
from game.ui.app import App
from game.ui.preferences import Preferences
from game.ui.scenes.dashboard import DashboardScene


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))


def played(months: int = 1) -> GameSession:
    session = GameSession(load_scenario("first-year"), "first-year", 1)
    for _ in range(months):
        for event in session.pending_events():
            session.choose(event.id, event.choices[0].id)
        session.end_turn()
    for event in session.pending_events():
        session.choose(event.id, event.choices[0].id)
    return session


def hover(app: App, pos: tuple[int, int], monkeypatch, seconds: float = 1.5) -> None:
    """Rest the mouse at ``pos`` (the dummy driver has no pointer: pygame_gui is told where
    it is, as it reads it every frame)."""
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: pos)
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])
    for _ in range(int(seconds / 0.1)):
        app.step(dt=0.1)


def test_a_tile_tooltip_shows_its_bands(monkeypatch, tmp_path):
    app = App((1280, 720), prefs=Preferences())
    dashboard = DashboardScene(played())
    app.start(dashboard)
    app.step()
    tile = next(t for t in dashboard.tiles if t["indicator"].key == "wait_days")
    hover(app, tile["value"].rect.center, monkeypatch)
    app.screenshot(str(tmp_path / "tooltip.png"))
    tips = [s for s in app.look.manager.get_sprite_group().sprites()
            if isinstance(s, UITooltip) and s.visible]
    assert tips, "no tooltip after hovering a tile"
    assert "Green: 10 days or less" in tips[0].text_block.html_text


def test_preview_after_commit_says_already_in_place():
    session = played()
    session.decide(SetLocumSessionsDecision(20))
    again = preview(session.run, SetLocumSessionsDecision(20))
    assert again.ok and any("Already in place" in e for e in again.effects)
    assert not any("+£0" in e for e in again.effects)


def test_theme_edits_apply_live(tmp_path, monkeypatch):
    themes = tmp_path / "theme"
    shutil.copytree(preferences.THEME_DIR, themes)
    monkeypatch.setattr(preferences, "THEME_DIR", themes)
    app = App((1280, 720), prefs=Preferences())
    dashboard = DashboardScene(played())
    app.start(dashboard)
    app.step()
    row = app.look.metric("row")
    standard = themes / "standard.json"
    data = json.loads(standard.read_text())
    data["layout"]["misc"]["row"] = str(row + 6)
    standard.write_text(json.dumps(data))
    app.step(dt=1.5)
    assert app.look.metric("row") == row + 6 and dashboard.root is not None
