"""``partnership host --lan`` and ``partnership join`` as a facilitator and a team run them:
separate processes, the team's window on the dummy video driver."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli.commands_live import lan_address
from game.live import drill
from game.live.client import FacilitatorClient, LiveClient


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


async def _room_when(address: str, token: str, ready, seconds: float = 30.0) -> dict:
    f = FacilitatorClient(address, token)
    await f.connect()
    try:
        return await f.wait_state(lambda r: r["type"] == "room" and ready(r), seconds)
    finally:
        await f.close()


def test_lan_host_is_reached_at_its_network_address(tmp_path: Path) -> None:
    """With --lan the host announces the machine's network address (not loopback, where the
    machine has a network) and a team joins by it."""
    session = drill.drill_session(tmp_path, 2, 2)
    ready = tmp_path / "ready.json"
    host = drill.spawn_host(session, tmp_path / "j.jsonl", ready, lan=True)
    try:
        info = json.loads(ready.read_text())
        address = info["address"]
        assert address.rsplit(":", 1)[0] == lan_address()

        async def team() -> str:
            c = LiveClient(address, code=info["code"], team="Team 01", patience_s=10)
            await c.connect()
            await c.close()
            return str(c.welcome["team"])

        assert asyncio.run(team()) == "Team 01"
    finally:
        drill.stop_process(host)


def test_join_opens_the_teams_window_and_takes_its_seat(tmp_path: Path) -> None:
    session = drill.drill_session(tmp_path, 2, 2)
    ready = tmp_path / "ready.json"
    host = drill.spawn_host(session, tmp_path / "j.jsonl", ready)
    window = None
    try:
        info = json.loads(ready.read_text())
        env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
        window = subprocess.Popen(
            [sys.executable, "-m", "game", "join", info["address"], "--code", info["code"],
             "--team", "Team 02"], env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        room = asyncio.run(_room_when(
            info["address"], info["token"],
            lambda r: any(t["name"] == "Team 02" and t["joined"] for t in r["teams"])))
        assert [t["seated"] for t in room["teams"]] == [False, True]
        assert window.poll() is None  # the window plays on
        seats = list((tmp_path / "data" / "live-seats").glob("*.json"))
        deadline = time.monotonic() + 10
        while not seats and time.monotonic() < deadline:
            time.sleep(0.05)
            seats = list((tmp_path / "data" / "live-seats").glob("*.json"))
        assert len(seats) == 1  # kept, to rejoin after a crash
    finally:
        if window is not None:
            drill.stop_process(window)
        drill.stop_process(host)


@pytest.mark.xfail(strict=False, reason="open: in full runs the host window sometimes does not "
                   "exit within 20 s of Ctrl+C (never alone); cause not yet found")
def test_host_window_serves_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    import signal

    session = drill.drill_session(tmp_path, 2, 2)
    ready, journal = tmp_path / "ready.json", tmp_path / "j.jsonl"
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    host = subprocess.Popen(
        [sys.executable, "-m", "game", "host", str(session), "--port", "0", "--window",
         "--journal", str(journal), "--ready-file", str(ready)],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not (ready.exists() and ready.read_text()):
            assert host.poll() is None and time.monotonic() < deadline, host.stderr.read()
            time.sleep(0.05)
        info = json.loads(ready.read_text())

        async def team() -> str:
            c = LiveClient(info["address"], code=info["code"], team="Team 01", patience_s=10)
            await c.connect()
            await c.close()
            return str(c.welcome["team"])

        assert asyncio.run(team()) == "Team 01"
        host.send_signal(signal.SIGINT)
        assert host.wait(20) == 130
        assert b"Traceback" not in host.stderr.read()
    finally:
        drill.stop_process(host)
    assert journal.read_text().count("\n") >= 2  # the header and the team's seat: kept
