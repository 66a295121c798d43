"""The player's words: their name asked once (and changed in the settings), never the
computer's account; reasons typed with decisions reach the log and the results; leaving with
unsaved moves asks first. Synthetic pygame events on the dummy driver."""

from __future__ import annotations

import json

import pygame
import pytest
from test_ui_inputs import click, settle, typed
from test_ui_scenes import answer_cards, into_dashboard

from game.model.decisions import SetLocumSessionsDecision
from game.play.game_session import GameSession
from game.scenario.library import load_scenario
from game.session.engine import GroupSession
from game.session.script import SESSION_YAML
from game.session.spec import load_session
from game.ui.app import App
from game.ui.demo import click_key, key
from game.ui.facilitate_run import facilitator_app
from game.ui.preferences import Preferences, load_preferences
from game.ui.scenes.chooser import ChooserScene
from game.ui.scenes.confirm import ConfirmScene
from game.ui.scenes.end import EndScene
from game.ui.scenes.name import NameScene
from game.ui.scenes.pause import PauseScene
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.title import TitleScene


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
    return tmp_path


def press(app: App, k: int) -> None:
    app.step(click_key(app.top, k))
    app.step()


def test_the_name_is_asked_once_and_kept():
    app = App((1280, 720), prefs=load_preferences())
    app.start(TitleScene(5))
    press(app, pygame.K_n)
    name = app.top
    assert isinstance(name, NameScene)
    settle(app, click(name.entry.rect.center) + typed("Dr Ama Osei"))
    settle(app, key(pygame.K_RETURN))
    assert isinstance(app.top, ChooserScene)
    assert load_preferences().player_name == "Dr Ama Osei"
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_n)
    assert isinstance(app.top, ChooserScene), "asked once only"
    again = App((1280, 720), prefs=load_preferences())  # the next time the game starts
    again.start(TitleScene(5))
    press(again, pygame.K_n)
    assert isinstance(again.top, ChooserScene)


def test_the_name_is_changed_in_the_settings():
    app = App((1280, 720), prefs=Preferences(player_name="A Trainee", name_asked=True))
    app.start(TitleScene(5))
    press(app, pygame.K_s)
    assert isinstance(app.top, SettingsScene)
    press(app, pygame.K_n)
    name = app.top
    assert isinstance(name, NameScene) and name.entry.get_text() == "A Trainee"
    settle(app, click(name.entry.rect.center) + key(pygame.K_BACKSPACE) * 20 + typed("B Registrar"))
    settle(app, key(pygame.K_RETURN))
    assert isinstance(app.top, SettingsScene)
    assert load_preferences().player_name == "B Registrar"
    assert any("B Registrar" in getattr(b, "text", "") for b in app.top.actions)


def test_results_carry_the_players_name_and_reasons_not_the_account(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "computer-account")
    from game.ui.preferences import save_preferences
    save_preferences(Preferences(player_name="Dr Ama Osei", name_asked=True))
    session = GameSession(load_scenario("first-year"), "first-year", 3, months=2)
    while not session.finished:
        for event in session.pending_events():
            session.choose(event.id, event.choices[0].id, reason="protect the list")
        session.decide(SetLocumSessionsDecision(24), reason="cover the vacancy")
        session.end_turn()
    app = App((1280, 720), prefs=load_preferences())
    end = EndScene(session, runs=2)
    app.start(end)
    data = json.loads(end.results.path.read_text())
    assert data["player"] == "Dr Ama Osei"
    month = data["decisions"]["months"][0]
    assert month["decisions"][0]["reason"] == "cover the vacancy"
    assert month["choices"][0]["reason"] == "protect the list"


def _paused_game_with_moves() -> tuple[App, PauseScene]:
    app, session = into_dashboard()
    answer_cards(app)
    session.decide(SetLocumSessionsDecision(24))
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, PauseScene)
    return app, app.top


def test_quit_to_title_asks_when_this_months_moves_would_be_lost():
    app, pause = _paused_game_with_moves()
    press(app, pygame.K_q)
    assert isinstance(app.top, ConfirmScene)
    press(app, pygame.K_ESCAPE)  # Stay
    assert app.top is pause
    press(app, pygame.K_q)
    press(app, pygame.K_y)
    assert isinstance(app.top, TitleScene)


def test_the_facilitators_quit_asks_and_says_the_session_is_not_saved(tmp_path):
    """Q asks first, saying what would be lost; Esc on the main screen does nothing."""
    path = tmp_path / "session.yaml"
    path.write_text(SESSION_YAML)
    group = GroupSession(load_session(path))
    app = facilitator_app(group, (1280, 720), tmp_path / "results")
    settle(app, key(pygame.K_o))  # a round opened: something to lose
    app.step()
    settle(app, key(pygame.K_ESCAPE))
    app.step()
    assert app.top.name == "facilitate" and app.running
    settle(app, key(pygame.K_q))
    app.step()
    assert isinstance(app.top, ConfirmScene) and app.running
    assert "not being saved" in app.top.detail
    settle(app, key(pygame.K_ESCAPE))
    app.step()
    assert app.top.name == "facilitate" and app.running
    settle(app, key(pygame.K_q))
    app.step()
    app.step(click_key(app.top, pygame.K_y))
    app.step()
    assert not app.running


def test_a_fresh_facilitators_screen_closes_on_q_then_yes(tmp_path):
    """Nothing ends on one key, even with nothing to lose (Esc closed the session at once)."""
    path = tmp_path / "session.yaml"
    path.write_text(SESSION_YAML)
    app = facilitator_app(GroupSession(load_session(path)), (1280, 720), tmp_path / "r")
    app.step(key(pygame.K_ESCAPE))
    assert app.running and app.top.name == "facilitate"
    app.step(key(pygame.K_q))
    assert app.running and isinstance(app.top, ConfirmScene)
    app.step(key(pygame.K_y))
    assert not app.running

