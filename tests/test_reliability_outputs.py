"""One writer policy and one text rule (issue 16, items 2 and 3).

Output goes to regular files only (a folder, a pipe, a link to a device or a path under a
file gets a message and nothing is replaced); secrets are owner-only whether or not the file
existed. Names and free text from outside follow the content loader's characters on arrival
(live messages, session files, command-line arguments), and the debrief CSV neutralises cells
a spreadsheet would run as formulas.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from game import files
from game.cli import main
from game.content import ContentError
from game.live import drill
from game.live.journal import JournalError
from game.live.protocol import ProtocolError, parse_client
from game.live.resume import open_room
from game.live.server import LiveHost
from game.play.replay import play
from game.results import write_results
from game.scenario.library import load_scenario
from game.session.engine import GroupSession
from game.session.rounds import SessionError
from game.session.script import SESSION_YAML
from game.session.spec import load_session


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- writing -------------------------------------------------------------------------------------
def test_output_to_a_folder_a_pipe_a_device_link_or_under_a_file_is_refused(tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    device = tmp_path / "null-link"
    device.symlink_to("/dev/null")
    note = tmp_path / "note.txt"
    note.write_text("keep me")
    cases = {tmp_path: "it is a folder", fifo: "it is a named pipe", device: "it is a device",
             note / "out.json": "is a file, not a folder"}
    for path, words in cases.items():
        with pytest.raises(files.WriteError) as info:
            files.write_atomic(path, "x")
        assert words in str(info.value).removeprefix(str(path))
    assert device.is_symlink() and note.read_text() == "keep me"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_results_file_gets_the_usual_permissions_and_a_secret_only_its_owner(tmp_path):
    run = play(load_scenario("first-year"), 1, None, None, 1)
    results = write_results(run, None, tmp_path / "r.json")
    assert _mode(results) == 0o666 & ~files._UMASK
    secret = tmp_path / "ready.json"
    secret.write_text("{}")
    secret.chmod(0o644)
    files.write_atomic(secret, "{}", private=True)
    assert _mode(secret) == 0o600


def test_the_ready_file_is_owner_only_even_when_it_existed(tmp_path: Path) -> None:
    from game.cli.commands_live import _announce

    room, _ = open_room(drill.drill_session(tmp_path, 2, 2))
    ready = tmp_path / "ready.json"
    ready.write_text("old")
    ready.chmod(0o644)
    _announce(room, "127.0.0.1:1", False, argparse.Namespace(ready_file=str(ready)))
    room.journal.close()
    assert _mode(ready) == 0o600 and json.loads(ready.read_text())["token"] == room.token


def test_a_journal_is_owner_only_and_never_a_folder_or_a_pipe(tmp_path: Path) -> None:
    session = drill.drill_session(tmp_path, 2, 2)
    journal = tmp_path / "j.jsonl"
    journal.touch(0o644)
    journal.chmod(0o644)
    room, _ = open_room(session, journal)
    room.journal.close()
    assert _mode(journal) == 0o600
    folder = tmp_path / "journal-folder"
    folder.mkdir()
    with pytest.raises(JournalError, match="folder"):
        open_room(session, folder)
    assert folder.is_dir()  # not set aside as if it were an old journal
    with pytest.raises(JournalError, match="is a file, not a folder"):
        open_room(session, journal / "x.jsonl")


# -- text ----------------------------------------------------------------------------------------
BAD_TEXT = ["a\x00b", "\x1b[2J", "a\x9bb", "a\ufffeb", "a\x7fb"]


@pytest.mark.parametrize("bad", BAD_TEXT)
def test_live_messages_refuse_unreadable_text(bad: str) -> None:
    hand_in = {"v": 1, "type": "submit", "id": "s1", "month": 1, "choices": [],
               "decisions": [{"type": "set_drawings", "per_partner_month_gbp": 9000,
                              "reason": bad}]}
    add = {"v": 1, "type": "control", "id": "c1", "action": "add_team", "team": bad}
    hello = {"v": 1, "type": "hello", "id": "h", "role": "team", "code": "ABCD",
             "team": f"x{bad}"}
    for message in (hand_in, add, hello):
        with pytest.raises(ProtocolError):
            parse_client(json.dumps(message))


def test_a_team_name_with_spaces_at_either_end_is_refused_in_the_session_file(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(SESSION_YAML.replace("Nidd]", "' Aire2 ']"))
    with pytest.raises(ContentError, match="spaces at its start or end"):
        load_session(path)


def test_add_team_refuses_unreadable_names(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(SESSION_YAML)
    session = GroupSession(load_session(path))
    for bad in BAD_TEXT:
        with pytest.raises(SessionError):
            session.add_team(f"Swale{bad}")


@pytest.mark.parametrize(("argv", "words"), [
    (["run", "first-year", "--player", "a\x1b[2Jb"], "U+001B"),
    (["session", "play", "s.yaml", "--team", "A\x00", "--results", "r.json"], "U+0000"),
    (["join", "127.0.0.1:1", "--code", "ABCD", "--team", "a\nb", "--no-window"], "one line"),
])
def test_command_line_text_is_checked_on_arrival(argv, words, capsys) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in err and "internal error" not in err


def test_a_40_emoji_team_name_gets_a_close_reason_within_the_limit(tmp_path: Path) -> None:
    room, _ = open_room(drill.drill_session(tmp_path, 2, 2))
    host = LiveHost(room, "127.0.0.1", 0)
    closed: list[tuple[int | None, str | None]] = []

    async def go() -> None:
        await host.start()
        try:
            ws = await connect(host.address)
            await ws.send(json.dumps({"v": 1, "type": "hello", "id": "h", "role": "team",
                                      "code": room.code, "team": "\U0001F600" * 40}))
            with pytest.raises(ConnectionClosed):
                while True:
                    await asyncio.wait_for(ws.recv(), 10)
            closed.append((ws.close_code, ws.close_reason))
        finally:
            await host.close()

    asyncio.run(go())
    code, reason = closed[0]
    assert code == 1008 and reason and len(reason.encode()) <= 123


# -- the debrief CSV -----------------------------------------------------------------------------
def test_debrief_csv_cells_are_neutralised(tmp_path: Path, capsys) -> None:
    from game.scenario.decision_log import DecisionLog

    log = DecisionLog.model_validate({"months": [{"month": 1, "decisions": [
        {"type": "set_drawings", "per_partner_month_gbp": 9000,
         "reason": "=HYPERLINK(\"http://x\",\"y\")"}]}]})
    run = play(load_scenario("first-year"), 1, log, None, 2)
    paths = []
    for name in ("=cmd|' /C calc'!A0", "@SUM(1+1)", "+44", "-1"):
        path = tmp_path / f"{len(paths)}.json"
        write_results(run, log, path, player=name)
        paths.append(str(path))
    table = tmp_path / "d.csv"
    assert main(["debrief", *paths, "--csv", str(table)]) == 0
    rows = list(csv.reader(io.StringIO(table.read_text())))
    teams = {r[0] for r in rows[1:]}
    assert teams == {"'=cmd|' /C calc'!A0", "'@SUM(1+1)", "'+44", "'-1"}
    reasons = [r[4] for r in rows[1:] if r[4]]
    assert reasons and all(r.startswith("'=HYPERLINK") for r in reasons)
    cash = rows[0].index("cash_gbp")
    assert all(not r[cash].startswith("'") for r in rows[1:])  # numbers stay numbers
