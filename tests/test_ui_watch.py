"""``play --watch``: reload a changed scenario, replay to the same month, show bad files."""

from __future__ import annotations

import os
import re
import shutil

import pygame
import pytest

from game.authoring.watch import Position, ScenarioWatcher, reload
from game.model.decisions import SetLocumSessionsDecision
from game.play.game_session import GameSession
from game.scenario.library import load_scenario, resolve
from game.ui.app import App
from game.ui.preferences import Preferences
from game.ui.scenes.dashboard import DashboardScene
from game.ui.scenes.watch_problems import WatchProblemsScene

LOCATED = re.compile(r"^.+:\d+:\d+: ")


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def scenario_file(tmp_path):
    path = tmp_path / "mine.yaml"
    shutil.copy(resolve("first-year"), path)
    return path


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    st = path.stat()  # make sure the change is seen even within one mtime tick
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))


def play_months(path, months: int) -> GameSession:
    session = GameSession(load_scenario(str(path)), str(path), 4)
    for _ in range(months):
        for event in session.pending_events():
            session.choose(event.id, event.choices[-1].id)
        if session.month == 2:
            session.decide(SetLocumSessionsDecision(36), "cheaper")
        session.end_turn()
    for event in session.pending_events():
        session.choose(event.id, event.choices[0].id)
    session.decide(SetLocumSessionsDecision(30))
    return session


def test_poll_sees_a_change_of_content_only(scenario_file):
    watcher = ScenarioWatcher(scenario_file)
    assert not watcher.poll()
    edit(scenario_file, "First year as a partner", "First year as a partner")  # touched only
    assert not watcher.poll()
    edit(scenario_file, "title: First year as a partner", "title: Year one")
    assert watcher.poll() and not watcher.poll()


def test_a_huge_file_or_a_fifo_is_never_read_by_the_watcher(scenario_file):
    """The watcher hashed the whole file: a 50 MB paste was read (and hashed) every time it
    moved, and a FIFO in the file's place hung the game. Now the loader's bounded read decides,
    and the reload shows its located problem."""
    import os

    session = play_months(scenario_file, 1)
    watcher = ScenarioWatcher(scenario_file)
    text = scenario_file.read_text(encoding="utf-8")
    scenario_file.write_text(text + "#" * 50_000_000, encoding="utf-8")
    assert watcher.poll()
    assert watcher.current is not None and watcher.current.sha256.startswith("unreadable")
    result = reload(scenario_file, Position.of(session))
    assert not result.ok and "too large" in " ".join(result.problems)
    scenario_file.unlink()
    os.mkfifo(scenario_file)  # nothing ever writes to it: reading it would block for ever
    assert watcher.poll() and "unreadable" in watcher.current.sha256
    assert not reload(scenario_file, Position.of(session)).ok


def test_reload_replays_to_the_same_month_and_moves(scenario_file):
    session = play_months(scenario_file, 3)
    edit(scenario_file, "title: First year as a partner", "title: Year one")
    result = reload(scenario_file, Position.of(session))
    assert result.ok and result.dropped == []
    new = result.session
    assert new.scenario.title == "Year one" and new.month == session.month
    assert new.rows == session.rows and new.log() == session.log()
    assert new.this_month() == session.this_month()


def test_a_broken_file_gives_located_problems_then_recovers(scenario_file):
    session = play_months(scenario_file, 2)
    at = Position.of(session)
    edit(scenario_file, "id: first-year", "id: first-year\nlength_months: lots")
    broken = reload(scenario_file, at)
    assert not broken.ok and broken.problems
    assert all(LOCATED.match(line) for line in broken.problems), broken.problems
    edit(scenario_file, "length_months: lots", "")
    assert reload(scenario_file, at).ok


def test_the_dashboard_shows_problems_and_recovers(scenario_file):
    session = play_months(scenario_file, 2)
    watcher = ScenarioWatcher(scenario_file)
    app = App((1280, 720), prefs=Preferences())
    app.start(DashboardScene(session, watcher))
    app.step(dt=1.0)
    assert isinstance(app.top, DashboardScene)
    edit(scenario_file, "id: first-year", "id: first-year\nlength_months: lots")
    app.step(dt=1.0)
    assert isinstance(app.top, WatchProblemsScene)
    assert any("length_months" in p for p in app.top.problems)
    edit(scenario_file, "length_months: lots", "")
    app.step(dt=1.0)
    app.step(dt=1.0)
    top = app.top
    assert isinstance(top, DashboardScene) and top.session is not session
    assert top.session.month == 3 and "replayed to month 3" in top.notice
    pygame.quit()
