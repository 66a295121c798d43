"""Saves: written atomically, restored by replay, and a bad one never spoils the others."""

from __future__ import annotations

import json

import pytest

from game import saves
from game.cli.commands_core import run_result
from game.model.decisions import SetDrawingsDecision
from game.play.game_session import GameSession
from game.scenario.library import load_scenario


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
    return tmp_path


def _played(months: int) -> GameSession:
    session = GameSession(load_scenario("first-year"), "first-year", 3)
    for _ in range(months):
        for event in session.pending_events():
            session.choose(event.id, event.choices[-1].id)
        session.decide(SetDrawingsDecision(10_000 - 500 * session.month))
        session.end_turn()
    return session


def test_a_save_restores_the_same_game():
    session = _played(3)
    path = saves.write_save(session, "Before winter")
    assert path.name == "before-winter.json" and path.parent == saves.saves_dir()
    restored = saves.load(path)
    assert restored.month == session.month == 4
    assert run_result(restored.run) == run_result(session.run)
    assert restored.log() == session.log()


def test_damaged_and_foreign_saves_are_listed_with_a_reason(data_dir):
    saves.write_save(_played(1))
    folder = saves.saves_dir()
    (folder / "truncated.json").write_text('{"format": "partnership-save/1", "na')
    (folder / "future.json").write_text(json.dumps({"format": "partnership-save/9"}))
    slots = {s.path.stem: s for s in saves.list_saves()}
    assert slots["autosave"].save is not None
    assert "not a readable save" in slots["truncated"].problem
    assert "format 'partnership-save/9'" in slots["future"].problem
    with pytest.raises(saves.SaveError):
        saves.load(folder / "truncated.json")
    assert saves.load(folder / "autosave.json").month == 2


def test_a_changed_scenario_is_refused(tmp_path):
    source = tmp_path / "mine.yaml"
    source.write_bytes(saves.resolve("first-year").read_bytes().replace(
        b"id: first-year", b"id: mine"))
    session = GameSession(load_scenario(source), str(source), 1)
    path = saves.write_save(session, "mine")
    source.write_text(source.read_text() + "\n# edited\n")
    with pytest.raises(saves.SaveError, match="has changed"):
        saves.load(path)


def test_a_save_that_does_not_replay_gives_a_message(data_dir):
    path = saves.write_save(_played(1), "bad")
    data = json.loads(path.read_text())
    data["log"]["months"][0]["decisions"] = [{"type": "release", "role": "partner", "count": 1}]
    path.write_text(json.dumps(data))
    with pytest.raises(saves.SaveError, match="does not replay: Partners cannot"):
        saves.load(path)


def test_a_team_game_saves_and_restores_as_the_team(tmp_path, monkeypatch):
    from game import saves as save_module
    from game.play.game_session import GameSession
    from game.scenario.library import load_scenario

    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
    session = GameSession(load_scenario("first-year"), "first-year", 5, months=4, team="Calder")
    session.run.end_month()
    path = save_module.write_save(session, "team game")
    restored = save_module.load(path)
    assert restored.team == "Calder"
    assert restored.run.months == 4
    assert len(restored.run.history) == 1


def test_stale_temporary_files_from_a_killed_writer_are_cleared(tmp_path, monkeypatch):
    import os
    import time

    from game import saves as save_module

    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
    folder = save_module.saves_dir()
    folder.mkdir(parents=True)
    old = folder / ".autosave.json.abc123.tmp"
    fresh = folder / ".autosave.json.def456.tmp"
    old.write_text("{half a")
    fresh.write_text("{half a")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    assert save_module.list_saves() == []
    assert not old.exists()
    assert fresh.exists()  # perhaps another game writing right now
