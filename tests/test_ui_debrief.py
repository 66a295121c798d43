"""The end of a scenario in the game: results file, debrief, charts, report export."""

from __future__ import annotations

import pygame
import pytest

from game.play.game_results import write_game_results
from game.play.game_session import GameSession
from game.report import game_debrief as words
from game.results import check, load_results
from game.scenario.library import load_scenario
from game.ui.app import App
from game.ui.demo import key
from game.ui.preferences import Preferences
from game.ui.scenes.end import EndScene


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="module")
def finished() -> GameSession:
    session = GameSession(load_scenario("first-year"), "first-year", 3)
    k = 0
    while not session.finished:
        for event in session.pending_events():
            session.choose(event.id, event.choices[k % len(event.choices)].id)
            k += 1
        session.end_turn()
    return session


def test_results_file_is_written_beside_the_saves_and_confirms(finished, data_dir):
    written = write_game_results(finished, player="Dr Test")
    assert written.path is not None and written.path.parent == data_dir / "results"
    loaded = load_results(written.path)
    assert loaded.results.player == "Dr Test"
    assert check(loaded, finished.scenario).confirmed


def test_debrief_words_and_charts(finished, data_dir):
    results = write_game_results(finished, player="")
    view = words.prepare(finished, results.data, runs=30)
    assert {"money", "access", "team", "quality", "pillars", "leadership"} <= set(view.charts)
    assert all(png.startswith(b"\x89PNG") for png in view.charts.values())
    lead = words.leadership_html(results.data["scores"])
    assert lead.count("(") >= 9 and "Holding to account" in lead
    assert "weight" in words.pillars_html(results.data["scores"])
    feedback = words.feedback_html(finished.scenario, results.data)
    assert "You chose" in feedback and "Questions for reflection" in feedback
    report = words.export_html(finished.scenario, results.data, view)
    html = report.read_text()
    assert report.parent == data_dir / "results" and 'data-chart="leadership"' in html


def test_end_scene_pages_and_export(finished, data_dir):
    app = App((1280, 720), prefs=Preferences())
    end = EndScene(finished, runs=20)
    app.start(end)
    app.step()
    end.wait(timeout=60)
    app.step()
    assert end.view is not None and "leadership" in end.surfaces
    assert "Goals met" in end._page_html() and "Leadership" in end._page_html()
    for k, needle in ((pygame.K_3, "Key moments"), (pygame.K_4, "Feedback")):
        app.step(key(k))
        assert needle in end._page_html()
    app.step(key(pygame.K_h))
    assert "Report written" in end.message
    assert list((data_dir / "results").glob("*.json")) and \
        list((data_dir / "results").glob("*.html"))
