"""Every file the program reads goes through one bounded reader (issue 16, item 1).

Regular files only, size and depth limits, JSON read as JSON, and a located message for the
rest: the saves folder, results files, facilitator snapshots, live journals and seat keys.
A read that would block (a FIFO) runs under a ``SIGALRM`` guard, so a regression fails the
test instead of hanging it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from game import saves
from game.content import ContentError
from game.live import drill
from game.live.journal import JournalError, read_journal
from game.live.resume import open_room
from game.live.seats import read_seat
from game.play.game_session import GameSession
from game.play.replay import play
from game.results import load_results, write_results
from game.scenario.library import load_scenario
from game.session.engine import GroupSession
from game.session.rounds import SessionError
from game.session.script import SESSION_YAML
from game.session.snapshot import SnapshotWriter, file_sha256, resume
from game.session.spec import load_session

DEEP = "[" * 100_000 + "]" * 100_000


@contextlib.contextmanager
def deadline(seconds: int = 10) -> Iterator[None]:
    """Fail (rather than hang) if the block takes longer than ``seconds``."""
    def expired(*_: object) -> None:
        raise TimeoutError(f"still reading after {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
    return tmp_path


# -- the reader itself --------------------------------------------------------------------------
def test_a_fifo_a_device_and_a_dangling_link_are_refused_without_blocking(tmp_path: Path) -> None:
    from game.content import read_bytes

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    dangling = tmp_path / "gone.json"
    dangling.symlink_to(tmp_path / "nothing-here")
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")
    under = tmp_path / "pipe.json" / "x.json"
    cases = {fifo: "a named pipe", zero: "a device", dangling: "a link to something that is "
             "not there", under: "file not found", tmp_path: "this is a folder"}
    with deadline():
        for path, words in cases.items():
            with pytest.raises(ContentError, match=words) as info:
                read_bytes(path)
            assert info.value.problems[0].path == str(path)


def test_json_is_read_as_json() -> None:
    from game.content import parse_json

    data = parse_json('{"a": 1e-05, "b": 0e0, "c": 1e+28, "d": [1, "x"]}').data
    assert data == {"a": 1e-05, "b": 0.0, "c": 1e28, "d": [1, "x"]}
    assert all(isinstance(data[k], float) for k in "abc")


@pytest.mark.parametrize(("text", "line", "col", "words"), [
    (DEEP, 1, 1, "nested too deeply"),
    ("[" * 70 + "]" * 70, 1, 65, "nesting is too deep"),
    ('{"a": 1,\n "a": 2}', 2, 2, "duplicate key 'a'"),
    ('{"a": NaN}', 1, 1, "not a finite number"),
    ('{"a": 1e999}', 1, 1, "not a finite number"),
    ('{"a":\n  "x\\u0000y"}', 1, 2, "U+0000 is not allowed"),
    ('{"a": ["ok", "\\u001b[2J"]}', 1, 14, "U+001B is not allowed"),
    ('{"a": "\\ud800"}', 1, 2, "U+D800 is not allowed"),
    ('{"a": 1,}', 1, 9, "JSON syntax error"),
])
def test_bad_json_gives_a_located_message(text: str, line: int, col: int, words: str) -> None:
    from game.content import parse_json

    with pytest.raises(ContentError) as info:
        parse_json(text, "f.json")
    problem = info.value.problems[0]
    assert (problem.path, problem.line, problem.col) == ("f.json", line, col)
    assert words in problem.message


def test_a_json_file_over_its_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    from game.content import load_json

    big = tmp_path / "big.json"
    big.write_text("[" + "1," * 1_100_000 + "1]")
    with pytest.raises(ContentError, match="file is too large"):
        load_json(big)


# -- the saves folder ---------------------------------------------------------------------------
def _good_save() -> Path:
    session = GameSession(load_scenario("first-year"), "first-year", 3)
    for event in session.pending_events():
        session.choose(event.id, event.choices[-1].id)
    session.end_turn()
    return saves.write_save(session)


def test_the_saves_folder_lists_what_it_cannot_read_and_says_why(data_dir: Path) -> None:
    good = _good_save()
    folder = saves.saves_dir()
    (folder / "dangling.json").symlink_to(folder / "nowhere.json")
    (folder / "deep.json").write_text(DEEP)
    os.mkfifo(folder / "pipe.json")
    (folder / "zero.json").symlink_to("/dev/zero")
    (folder / "folder.json").mkdir()
    data = json.loads(good.read_text())
    (folder / "negative.json").write_text(json.dumps({**data, "seed": -1}))
    with deadline():
        slots = {s.path.stem: s for s in saves.list_saves()}
    assert slots["autosave"].save is not None
    reasons = {"dangling": "link to something that is not there", "deep": "nested too deeply",
               "pipe": "named pipe", "zero": "a device", "folder": "folder",
               "negative": "seed"}
    for stem, words in reasons.items():
        slot = slots[stem]
        assert slot.save is None and words in slot.problem, (stem, slot.problem)
        assert "cannot be loaded: " in slot.label and slot.reason[:20] in slot.label
        with pytest.raises(saves.SaveError):
            saves.load(slot.path)


def test_continue_on_a_save_with_a_negative_seed_says_why(data_dir: Path) -> None:
    path = _good_save()
    path.write_text(json.dumps({**json.loads(path.read_text()), "seed": -1}))
    with pytest.raises(saves.SaveError, match="seed"):
        saves.load(path)


# -- results, snapshots, journals, seats ---------------------------------------------------------
def test_a_results_file_keeps_json_numbers_as_numbers(tmp_path: Path) -> None:
    scenario = load_scenario("first-year")
    run = play(scenario, 1, None, None, 2)
    path = write_results(run, None, tmp_path / "r.json")
    text = path.read_text()
    data = json.loads(text)
    data["history"][0]["cash_gbp"] = "SENTINEL"
    path.write_text(json.dumps(data).replace('"SENTINEL"', "1e+28"))
    assert load_results(path).results.history[0]["cash_gbp"] == 1e28


@pytest.fixture
def snapshot_case(tmp_path: Path) -> tuple[Path, Path, dict]:
    session_file = tmp_path / "tuesday.yaml"
    session_file.write_text(SESSION_YAML)
    session = GroupSession(load_session(session_file))
    save = tmp_path / "tuesday.facilitate.json"
    session.listeners.append(SnapshotWriter(save, file_sha256(session_file)))
    session.open_round()
    return session_file, save, json.loads(save.read_text())


@pytest.mark.parametrize("damage", ["twins", "far month", "bad log", "nul name", "deep",
                                    "ghost"])
def test_a_damaged_facilitator_snapshot_gives_a_message(snapshot_case, damage: str) -> None:
    session_file, save, data = snapshot_case
    if damage == "twins":
        data["teams"].append(dict(data["teams"][0]))
    elif damage == "far month":
        data["month"] = 10**9
    elif damage == "bad log":
        data.update(month=3, phase="waiting")
        data["teams"][0]["months"] = {"1": {"month": 1, "injected": ["no-such-event"]}}
    elif damage == "ghost":
        data["submissions"] = {"Ghost": {"month": 1}}
    elif damage == "nul name":
        data["teams"][0]["name"] = "A\u0000"
    text = DEEP if damage == "deep" else json.dumps(data)
    save.write_text(text)
    with pytest.raises(SessionError) as info:
        resume(session_file, save)
    assert str(save) in str(info.value)


@pytest.fixture
def journal_case(tmp_path: Path) -> tuple[Path, Path]:
    session = drill.drill_session(tmp_path, 3, 4)
    room, _ = open_room(session)
    room.journal.close()
    return session, room.journal.path


@pytest.mark.parametrize(("line", "words"), [
    ('{"kind": "submit", "id": "x"}', "does not replay"),
    ('{"kind": "seat"}', "does not replay"),
    ('{"kind": "control", "id": "c", "action": "add_team", "team": "A\\u0000"}',
     "U+0000 is not allowed"),
    ('[1, 2]', "not a journal entry"),
    ('{"kind": "timer", "seconds_left": "soon"}', "does not replay"),
])
def test_a_damaged_journal_gives_a_message_naming_its_line(journal_case, line: str,
                                                           words: str) -> None:
    session, journal = journal_case
    with journal.open("a") as f:
        f.write(line + "\n")
    with pytest.raises(JournalError, match=re.escape(words)) as info:
        open_room(session, journal)
    assert f"{journal}:2" in str(info.value)


def test_a_journal_that_is_a_fifo_or_has_no_header_is_refused(journal_case) -> None:
    session, journal = journal_case
    journal.write_text('{"kind": "header"}\n')
    with pytest.raises(JournalError, match="not a live-session journal"):
        read_journal(journal)
    journal.unlink()
    os.mkfifo(journal)
    with deadline(), pytest.raises(JournalError, match="named pipe"):
        open_room(session, journal)


def test_a_seat_file_that_is_a_fifo_or_a_device_is_no_seat(tmp_path: Path) -> None:
    fifo = tmp_path / "seat.json"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")
    with deadline():
        assert read_seat(fifo) is None and read_seat(zero) is None
