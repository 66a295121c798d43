"""Live mode over loopback, in one process: a session of scripted teams, hostile and
unauthorised messages on the wire, and a team whose connection drops mid-round."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from game.live import drill
from game.live.client import FacilitatorClient, JoinRefused, LiveClient
from game.live.protocol import MAX_MESSAGE_BYTES
from game.live.resume import open_room
from game.live.server import LiveHost


def hosting(session: Path, test: Callable[[LiveHost], Awaitable[None]]) -> LiveHost:
    """Serve the session on a free loopback port while ``test`` runs; always shut down."""
    room, _ = open_room(session)
    host = LiveHost(room, "127.0.0.1", 0)

    async def main() -> None:
        await host.start()
        try:
            await asyncio.wait_for(test(host), 60)
        finally:
            await host.close()

    asyncio.run(main())
    return host


def test_a_session_of_scripted_teams_loses_nothing(tmp_path: Path) -> None:
    teams, months = 14, 4  # two more than a session file holds: they join live
    session = drill.drill_session(tmp_path, teams, months)
    reports: list[drill.DrillReport] = []

    async def test(host: LiveHost) -> None:
        reports.append(await drill.run_drill(host.address, host.room.code, host.room.token,
                                             teams, months, timeout=30))

    host = hosting(session, test)
    report = reports[0]
    assert report.rounds == months and len(report.submit_ms) == teams * months
    assert drill.nothing_lost(host.room.session.logs(), teams, months) == []
    assert host.room.session.phase.value == "finished"
    print(f"\n{teams} teams x {months} months: hand-in p95 "
          f"{drill.percentile(report.submit_ms, 95):.1f} ms")
    assert drill.percentile(report.submit_ms, 95) < 1000  # generous: CI machines vary


async def _raw(host: LiveHost, hello: dict | None = None):
    ws = await connect(host.address, max_size=None)
    if hello is not None:
        await ws.send(json.dumps({"v": 1, "id": "h1", **hello}))
    return ws


async def _next(ws, kind: str) -> dict:
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), 5))
        if message["type"] == kind:
            return message


def test_hostile_and_unauthorised_messages(tmp_path: Path) -> None:
    session = drill.drill_session(tmp_path, 3, 2)

    async def test(host: LiveHost) -> None:
        room = host.room
        team = {"type": "hello", "role": "team", "code": room.code, "team": "Team 01"}
        bad = await _raw(host, {**team, "code": "WRONGCODE"})
        assert "join code" in (await _next(bad, "error"))["message"]
        with pytest.raises(ConnectionClosed):
            await asyncio.wait_for(bad.recv(), 5)
        posing = await _raw(host, {"type": "hello", "role": "facilitator", "token": "guess"})
        assert (await _next(posing, "error"))["fatal"]

        ws = await _raw(host, team)
        assert (await _next(ws, "welcome"))["seat"]
        await ws.send(json.dumps({"v": 1, "type": "control", "id": "c1", "action": "open"}))
        reply = await _next(ws, "reply")
        assert not reply["ok"] and "Only the facilitator" in reply["error"]
        assert room.session.phase.value == "waiting"
        await ws.send("{not json")
        assert not (await _next(ws, "error"))["fatal"]
        await ws.send(json.dumps({"v": 1, "type": "submit", "id": "s1", "month": 1,
                                  "team": "Team 02"}))  # acting for another team
        assert "team" in (await _next(ws, "error"))["message"]
        await ws.send(json.dumps({"v": 1, "type": "sync", "id": "still-here"}))
        assert (await _next(ws, "reply"))["ok"]  # the connection survived all that

        impostor = LiveClient(host.address, code=room.code, team="Team 01", patience_s=2)
        with pytest.raises(JoinRefused, match="already joined"):
            await impostor.connect()

        await ws.send(json.dumps({"v": 1, "type": "sync", "id": "x",
                                  "pad": "a" * (MAX_MESSAGE_BYTES + 10)}))
        with pytest.raises(ConnectionClosed) as closed:
            while True:  # anything already on its way arrives first
                await asyncio.wait_for(ws.recv(), 5)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
        other = LiveClient(host.address, code=room.code, team="Team 02", patience_s=5)
        await other.connect()  # the host serves on
        await other.close()
        for w in (bad, posing, ws):
            await w.close()

    hosting(session, test)


def test_a_dropped_team_resends_and_is_handled_once(tmp_path: Path) -> None:
    session = drill.drill_session(tmp_path, 2, 2)

    async def test(host: LiveHost) -> None:
        f = FacilitatorClient(host.address, host.room.token, patience_s=5)
        team = LiveClient(host.address, code=host.room.code, team="Team 01", patience_s=5)
        await f.connect()
        await team.connect()
        assert (await f.control("open"))["ok"]
        await team.wait_state(lambda s: s["phase"] == "open")
        hand_in = {"type": "submit", "id": "month-1", "month": 1,
                   "decisions": [{"type": "set_drawings", "per_partner_month_gbp": 9000}]}
        assert (await team.request(hand_in))["ok"]
        assert team._ws is not None
        await team._ws.close()  # the laptop's wifi drops
        again = await team.request(hand_in)  # ...and its client sends it again
        assert again["ok"] and again["duplicate"] and team.reconnects == 1
        state = await team.wait_state(lambda s: s["submitted"] == "month-1")
        assert state["month"] == 1 and state["phase"] == "open"
        room = await f.room()
        assert [t["name"] for t in room["teams"] if t["submitted"]] == ["Team 01"]
        submits = [e for e in host.room.journal.entries if e["kind"] == "submit"]
        assert len(submits) == 1
        await team.close()
        await f.close()

    hosting(session, test)


def test_the_host_console_runs_a_round_and_the_debrief(tmp_path: Path) -> None:
    from game.live.console import run_command

    session = drill.drill_session(tmp_path, 2, 2)
    out: list[str] = []

    async def test(host: LiveHost) -> None:
        for line in ("open", "inject agency-rates Team 02", "lock", "advance", "league",
                     "reveal", "rewind", "lock", "advance", "status", "frobnicate", "lock",
                     "drop Team 02",
                     f"debrief {tmp_path / 'results'}"):
            out.append(await run_command(host, line, tmp_path / "results"))

    hosting(session, test)
    assert out[0].startswith("done") and "Team 02" in out[1] and "overall" in out[4]
    assert "month 2" in out[9] and "unknown command" in out[10]
    assert out[11].startswith("refused")
    assert "results files in" in out[-1]
    assert sorted(p.name for p in (tmp_path / "results").iterdir()) == \
        ["debrief.csv", "debrief.html", "team-01.results.json", "team-02.results.json"]
