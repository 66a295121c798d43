"""Scenes on the dummy video driver, driven by synthetic mouse clicks and key presses."""

from __future__ import annotations

import warnings

import pygame
import pytest

from game.cli import main
from game.cli.commands_core import run_result
from game.model.decisions import SetLocumSessionsDecision
from game.play.game_session import GameSession
from game.play.replay import play
from game.scenario.library import load_scenario
from game.ui.app import App
from game.ui.demo import click_key, key
from game.ui.preferences import Preferences, load_preferences
from game.ui.scenes.base import PopTo, Push, Scene
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.dashboard import DashboardScene
from game.ui.scenes.decisions import DecisionPanelScene
from game.ui.scenes.end import EndScene
from game.ui.scenes.event_card import EventCardScene
from game.ui.scenes.knowledge_check import KnowledgeCheckScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.pause import PauseScene
from game.ui.scenes.summary import MonthSummaryScene
from game.ui.scenes.title import TitleScene
from game.ui.scenes.tutorial import TutorialScene


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
    return tmp_path


def press(app: App, k: int) -> None:
    """Click the button bound to ``k`` (or press the key) and let the result arrive."""
    app.step(click_key(app.top, k))
    app.step()


def into_dashboard(seed: int = 5, size=(1280, 720)) -> tuple[App, GameSession]:
    app = App(size, prefs=Preferences())
    app.start(TitleScene(seed))
    press(app, pygame.K_n)
    if app.top.name == "player-name":  # asked once, before the first game
        press(app, pygame.K_ESCAPE)
    press(app, pygame.K_RETURN)  # chooser: the default scenario
    assert isinstance(app.top, BriefingScene)
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, KnowledgeCheckScene)  # first-year carries a check: skipped
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TutorialScene)
    press(app, pygame.K_ESCAPE)
    session = app.stack[0].session
    return app, session


def answer_cards(app: App, pick: int = 0) -> None:
    while isinstance(app.top, EventCardScene):
        n = len(app.top.event.choices)
        press(app, pygame.K_1 + pick % n)
    assert isinstance(app.top, DashboardScene)


def test_title_to_first_month():
    app, session = into_dashboard()
    assert isinstance(app.top, EventCardScene)
    answer_cards(app, 1)
    assert session.pending_events() == [] and session.month == 1


def test_a_refused_decision_shows_the_models_message():
    app, session = into_dashboard()
    answer_cards(app)
    press(app, pygame.K_w)
    panel = app.top
    assert isinstance(panel, DecisionPanelScene)
    app.step(key(pygame.K_2) + key(pygame.K_RETURN))
    assert not panel.status_ok and "no Salaried GP in post" in panel.status
    app.step(key(pygame.K_3) + key(pygame.K_MINUS) * 2 + key(pygame.K_RETURN))
    assert panel.status_ok
    assert session.decisions_this_month()[-1] == "Book 40 locum sessions a month"
    assert session.this_month()[1] == [{"type": "set_locum_sessions",
                                        "sessions_per_month": 40.0}]
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, DashboardScene)


def test_end_turn_summary_and_next_month():
    app, session = into_dashboard()
    answer_cards(app)
    press(app, pygame.K_e)
    assert isinstance(app.top, MonthSummaryScene)
    assert "Cash" in app.top._html()
    press(app, pygame.K_RETURN)
    assert session.month == 2 and len(session.rows) == 1


def test_pause_save_and_load(data_dir):
    app, session = into_dashboard()
    answer_cards(app)
    press(app, pygame.K_e)
    press(app, pygame.K_RETURN)
    answer_cards(app)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, PauseScene)
    press(app, pygame.K_s)
    assert "Saved as" in app.top.message
    (data_dir / "saves" / "junk.json").write_text("not json")
    press(app, pygame.K_l)
    assert isinstance(app.top, LoadScene) and len(app.top.slots) == 3
    junk = next(i for i, s in enumerate(app.top.slots) if s.save is None)
    app.top.selected = junk
    press(app, pygame.K_RETURN)
    assert "not a readable save" in app.top.message
    app.top.selected = next(i for i, s in enumerate(app.top.slots) if s.path.stem != "junk")
    press(app, pygame.K_RETURN)
    assert isinstance(app.stack[0], DashboardScene) and app.stack[0].session.month == 2


def test_settings_change_the_theme_and_are_kept():
    app = App(prefs=Preferences())
    app.start(TitleScene())
    press(app, pygame.K_s)
    small = app.look.metric("row")
    press(app, pygame.K_t)
    press(app, pygame.K_c)
    assert app.prefs == Preferences(large_text=True, colour_safe=True)
    assert app.look.metric("row") > small
    assert load_preferences() == app.prefs


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("large", [False, True])
def test_layout_fits_the_window(size, large):
    """Every widget on the dashboard and a panel lies inside the window, and no label is too
    small for its text (pygame_gui warns when it is)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        app = App(size, prefs=Preferences(large_text=large))
        session = GameSession(load_scenario("first-year"), "first-year", 1)
        for event in session.pending_events():
            session.choose(event.id, event.choices[0].id)
        session.end_turn()
        app.start(DashboardScene(session))
        app.apply(Push(DecisionPanelScene(session, "money")))
        app.step()
    window = pygame.Rect((0, 0), size)
    for sprite in app.look.manager.get_sprite_group().sprites():
        if sprite.visible and sprite.rect.width > 0:
            assert window.contains(sprite.rect), (type(sprite).__name__, sprite.rect)
    too_small = [str(w.message) for w in caught if "too small" in str(w.message)]
    assert too_small == []


def test_resize_rebuilds_every_scene():
    app, session = into_dashboard()
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900))])
    assert app.size == (1600, 900)
    answer_cards(app)
    assert isinstance(app.top, DashboardScene)


def test_scripted_playthrough_equals_partnership_run():
    """The whole scenario through the UI gives the JSON of ``partnership run`` for its log."""
    app, session = into_dashboard(seed=11)
    while not isinstance(app.top, EndScene):
        if isinstance(app.top, KnowledgeCheckScene):  # the check after play: skipped
            press(app, pygame.K_ESCAPE)
            continue
        answer_cards(app, session.month)
        if session.month in (2, 5):
            press(app, pygame.K_w)
            app.step(key(pygame.K_3) + key(pygame.K_MINUS) * 3 + key(pygame.K_RETURN))
            press(app, pygame.K_ESCAPE)
        if session.month == 4:
            press(app, pygame.K_m)
            app.step(key(pygame.K_1) + key(pygame.K_MINUS) * 2 + key(pygame.K_RETURN))
            press(app, pygame.K_ESCAPE)
        press(app, pygame.K_e)
        press(app, pygame.K_RETURN)
    log = session.log()
    assert any(d.type == "set_locum_sessions" for m in log.months for d in m.decisions)
    scenario = load_scenario("first-year")
    assert run_result(play(scenario, 11, log)) == run_result(session.run)
    assert session.run.world.state.locum_sessions[0] == SetLocumSessionsDecision(
        session.run.world.state.locum_sessions[0]).sessions_per_month


def test_demo_command_saves_screenshots(tmp_path):
    shots = tmp_path / "shots"
    assert main(["play", "--demo", "--months", "2", "--screenshots", str(shots)]) == 0
    names = sorted(p.name for p in shots.glob("*.png"))
    assert any("title" in n for n in names) and any("summary" in n for n in names)
    assert any("dashboard" in n for n in names) and any("event" in n for n in names)


def test_play_rejects_a_bad_size(capsys):
    assert main(["play", "--size", "800x600"]) == 1
    assert "--size" in capsys.readouterr().err


def test_pop_to_takes_the_cards_above_a_scene_off_and_pushes_the_next():
    """A scene that must drop what was stacked on it (a live game's cards of a month gone by)
    returns ``PopTo``; the app pops, with each scene's exit and the survivor's resume."""
    class Noted(Scene):
        def __init__(self, name: str, notes: list[str]) -> None:
            super().__init__()
            self.name, self.notes = name, notes

        def exit(self) -> None:
            self.notes.append(f"exit {self.name}")
            super().exit()

        def resume(self) -> None:
            self.notes.append(f"resume {self.name}")
            super().resume()

    notes: list[str] = []
    app = App((1280, 720), prefs=Preferences())
    base = Noted("base", notes)
    app.start(base)
    app.apply(Push(Noted("card", notes)))
    app.apply(Push(Noted("panel", notes)))
    app.apply(PopTo(base, Noted("summary", notes)))
    assert [s.name for s in app.stack] == ["base", "summary"]
    assert notes == ["exit panel", "exit card", "resume base"]
    app.apply(PopTo(base))
    assert [s.name for s in app.stack] == ["base"] and app.running
