"""Saves and results survive the plug being pulled, a full disk and a read-only folder.

Kill test: a forked writer plays the first-year scenario from the autosave (as the game does
when restarted), writing the autosave and a results file after every month; the test SIGKILLs
it at a random moment, checks what is on disk, and starts the next writer from it. Every save
and results file on disk must load, the autosave must be the last one the writer finished (or
the one it was finishing), and the next writer must restore from it. A writer that fails in any
other way fails the test.

Full disk and read-only folder: the write fails with a message for the player, the previous
save is untouched, no temporary file is left, and the game plays on.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pygame
import pytest

from game import files, saves
from game.model.decisions import SetDrawingsDecision
from game.play.game_session import GameSession
from game.results import build_results, load_results
from game.scenario.library import load_scenario
from game.ui.app import App
from game.ui.demo import click_key
from game.ui.preferences import Preferences
from game.ui.scenes.dashboard import DashboardScene
from game.ui.scenes.event_card import EventCardScene
from game.ui.scenes.pause import PauseScene
from game.ui.scenes.summary import MonthSummaryScene
from game.ui.scenes.title import TitleScene

SCENARIO = load_scenario("first-year")
WRITER_FAILED = 3


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
    return tmp_path


def play_month(session: GameSession) -> None:
    for event in session.pending_events():
        session.choose(event.id, event.choices[session.month % len(event.choices)].id)
    session.decide(SetDrawingsDecision(11_000 - 100 * session.month))
    session.end_turn()


def writer(report: int, results_path: Path) -> None:
    """Resume from the autosave (or start), then play and save month after month, for ever.

    The save is read and its log replayed as the game does; only the scenario's YAML, which
    takes longer to parse than the rest, comes from memory.

    After each file is complete it writes ``save SEED MONTHS`` or ``results SEED MONTHS`` to
    the ``report`` pipe.
    """
    saves.load_scenario = lambda source: SCENARIO  # this process only: skip re-parsing YAML
    autosave = saves.saves_dir() / "autosave.json"
    session = saves.load(autosave) if autosave.exists() else GameSession(SCENARIO, "first-year", 1)
    while True:
        if session.finished:
            session = GameSession(SCENARIO, "first-year", session.seed + 1)
        play_month(session)
        saves.write_save(session)
        os.write(report, f"save {session.seed} {len(session.run.history)}\n".encode())
        data = build_results(session.run, session.log(), player="Kill test", source="first-year")
        files.write_atomic(results_path, json.dumps(data, indent=1) + "\n")
        os.write(report, f"results {session.seed} {len(session.run.history)}\n".encode())


@dataclass
class Tally:
    kills: int = 0
    saves_written: int = 0
    results_written: int = 0
    killed_mid_write: int = 0  # temporary files left behind: killed inside write_atomic
    resumed_from_autosave: int = 0
    last: dict[str, tuple[int, int]] = field(default_factory=dict)


def run_and_kill(results_path: Path, delay: float, tally: Tally) -> None:
    """Fork a writer, SIGKILL it after ``delay`` seconds, read what it reported."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the writer
        os.close(read_end)
        try:
            writer(write_end, results_path)
        except BaseException:
            os.write(write_end, ("failed " + traceback.format_exc()).encode())
        os._exit(WRITER_FAILED)
    os.close(write_end)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    with os.fdopen(read_end, "rb") as pipe:
        reports = pipe.read().decode().splitlines()
    assert not any(line.startswith("failed") for line in reports), "\n".join(reports)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
    tally.kills += 1
    tally.resumed_from_autosave += 1 if tally.last.get("save") else 0
    for line in reports:
        kind, seed, months = line.split()
        tally.last[kind] = (int(seed), int(months))
        tally.saves_written += kind == "save"
        tally.results_written += kind == "results"


def check_disk(results_path: Path, tally: Tally) -> None:
    """Everything on disk loads, and nothing older than the last finished write is there."""
    slots = saves.list_saves()
    assert all(slot.save is not None for slot in slots), [s.problem for s in slots]
    leftovers = list(saves.saves_dir().glob(".*.tmp")) + list(results_path.parent.glob(".*.tmp"))
    tally.killed_mid_write += len(leftovers)
    for path in leftovers:  # the game never reads them; clear them so each kill counts once
        path.unlink()
    if "save" in tally.last:
        save = saves.read_save(saves.saves_dir() / "autosave.json")
        assert_current((save.seed, save.months_played), tally.last["save"])
    if "results" in tally.last:  # written after the save, so never ahead of it
        results = load_results(results_path).results
        assert tally.last["results"] <= (results.seed, results.months) <= (
            save.seed, save.months_played)


def assert_current(on_disk: tuple[int, int], reported: tuple[int, int]) -> None:
    """The save on disk is the last one reported, or the next (finished but not reported)."""
    seed, months = reported
    assert on_disk in (reported, (seed, months + 1), (seed + 1, 1)), (on_disk, reported)


def kill_many(tmp_path: Path, kills: int, seed: int) -> Tally:
    rng = np.random.default_rng(seed)
    results_path = tmp_path / "results" / "results.json"
    tally = Tally()
    for _ in range(kills):
        run_and_kill(results_path, float(rng.uniform(0.0, 0.25)), tally)
        check_disk(results_path, tally)
    final = saves.load(saves.saves_dir() / "autosave.json")  # and the game resumes from it
    assert_current((final.seed, len(final.run.history)), tally.last["save"])
    print(f"kill test: {tally}")
    return tally


def test_killing_the_writer_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    tally = kill_many(tmp_path, 25, seed=1)
    assert tally.saves_written > 0 and tally.results_written > 0


@pytest.mark.slow
def test_killing_the_writer_hundreds_of_times(tmp_path: Path) -> None:
    tally = kill_many(tmp_path, 150, seed=2)
    assert tally.killed_mid_write > 0  # some kills did land inside a write


# --- full disk and read-only folders -----------------------------------------------------------


def no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def read_only(*args: object, **kwargs: object) -> None:
    raise OSError(errno.EROFS, os.strerror(errno.EROFS))


def played(months: int) -> GameSession:
    session = GameSession(SCENARIO, "first-year", 4)
    for _ in range(months):
        play_month(session)
    return session


@pytest.mark.parametrize(("where", "fault", "words"), [
    ("fsync", no_space, "No space left on device"),
    ("mkstemp", read_only, "Read-only file system"),
    ("replace", read_only, "Read-only file system"),
])
def test_a_failed_save_says_why_and_keeps_the_last_one(
    monkeypatch: pytest.MonkeyPatch, where: str, fault: object, words: str
) -> None:
    session = played(2)
    good = saves.write_save(session)
    before = good.read_bytes()
    play_month(session)
    target = {"fsync": (os, "fsync"), "mkstemp": (files.tempfile, "mkstemp"),
              "replace": (os, "replace")}[where]
    with monkeypatch.context() as patch:
        patch.setattr(*target, fault)
        with pytest.raises(saves.SaveError) as exc:
            saves.write_save(session)
    message = str(exc.value)
    assert message.startswith("The game could not be saved:") and words in message
    assert good.read_bytes() == before
    assert sorted(p.name for p in good.parent.iterdir()) == ["autosave.json"]  # no temp file
    assert len(saves.load(good).run.history) == 2
    play_month(session)  # the game is still playable, and saves again once there is room
    assert len(saves.load(saves.write_save(session)).run.history) == 4


def test_saves_folder_that_cannot_be_created(data_dir: Path) -> None:
    (data_dir / "saves").write_text("a file where the folder should be")
    with pytest.raises(saves.SaveError, match="cannot write here"):
        saves.write_save(played(1))


def test_a_full_disk_while_playing_shows_a_message_and_the_game_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The month summary autosaves; with no space it says so and the next month still plays."""
    app = App((1280, 720), prefs=Preferences(name_asked=True))
    app.start(TitleScene(6))
    # title, chooser, briefing, then Esc skips the knowledge check and Esc leaves the tutorial
    for k in (pygame.K_n, pygame.K_RETURN, pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_ESCAPE):
        app.step(click_key(app.top, k))
        app.step()
    session = app.stack[0].session
    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", no_space)
        play_through_a_full_disk(app, session)
    app.top.save()
    assert app.top.message.startswith("Saved as")
    assert not list(saves.saves_dir().glob(".*.tmp"))


def play_through_a_full_disk(app: App, session: GameSession) -> None:
    for month in (1, 2):
        while isinstance(app.top, EventCardScene):
            app.step(click_key(app.top, pygame.K_1))
            app.step()
        assert isinstance(app.top, DashboardScene)
        app.step(click_key(app.top, pygame.K_e))
        app.step()
        assert isinstance(app.top, MonthSummaryScene)
        app.step()
        assert "No space left on device" in app.top.save_problem
        assert session.month == month + 1
        app.step(click_key(app.top, pygame.K_RETURN))
        app.step()
    while isinstance(app.top, EventCardScene):
        app.step(click_key(app.top, pygame.K_1))
        app.step()
    app.step(click_key(app.top, pygame.K_ESCAPE))
    app.step()
    assert isinstance(app.top, PauseScene)
    app.top.save()
    assert "No space left on device" in app.top.message
