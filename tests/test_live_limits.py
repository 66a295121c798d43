"""The live host's limits: a client that stops reading holds up no one, guessing codes and
tokens is slowed, hand-ins are rate-limited and capped per round, and what the host
remembers per team is bounded. Over loopback in one process; every wait is a deadline."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import struct
import time
from pathlib import Path

from game.live import drill
from game.live.client import FacilitatorClient, LiveClient
from game.live.protocol import ControlMessage, SubmitMessage
from game.live.resume import open_room
from game.live.room import FACILITATOR, KEPT_ANSWERS, MAX_HAND_INS_PER_ROUND, LiveRoom
from game.live.server import FREE_GUESSES, SUBMIT_BURST, LiveHost
from tests.test_live_net import _next, _raw, hosting


def _frame(text: str) -> bytes:
    """One masked WebSocket text frame, as a client sends it (RFC 6455, 5.2)."""
    data, mask = text.encode(), os.urandom(4)
    n = len(data)
    head = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else
                            bytes([0x80 | 126]) + struct.pack("!H", n))
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data))


def _stalled_team(host: LiveHost, team: str) -> socket.socket:
    """A team that joins, hands in a large (valid) month, and never reads its socket again:
    a plain socket with a small receive buffer, so what the host sends it piles up."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.settimeout(5)
    sock.connect(("127.0.0.1", host.port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{host.port}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                  "Sec-WebSocket-Version: 13\r\n\r\n").encode())
    answer = b""
    while b"\r\n\r\n" not in answer:
        answer += sock.recv(1)
    assert b" 101 " in answer.split(b"\r\n")[0]
    sock.sendall(_frame(json.dumps({"v": 1, "id": "h-stall", "type": "hello", "role": "team",
                                    "code": host.room.code, "team": team})))
    decisions = [{"type": "set_drawings", "per_partner_month_gbp": 8000 + k, "reason": "r" * 900}
                 for k in range(15)]
    sock.sendall(_frame(json.dumps({"v": 1, "id": "s-big", "type": "submit", "month": 1,
                                    "decisions": decisions})))
    return sock


def test_a_client_that_stops_reading_does_not_hold_up_the_facilitator(tmp_path: Path) -> None:
    session = drill.drill_session(tmp_path, 3, 2)
    slowest: list[float] = []

    async def test(host: LiveHost) -> None:
        f = FacilitatorClient(host.address, host.room.token, patience_s=5)
        await f.connect()
        assert (await f.control("open", timeout=5))["ok"]
        stalled = await asyncio.to_thread(_stalled_team, host, "Team 01")
        deadline = time.monotonic() + 10
        while "Team 01" not in host.room.session.submissions:
            assert time.monotonic() < deadline, f"never handed in: {host.room.answers}"
            await asyncio.sleep(0.01)
        stalled_ws = host.teams["Team 01"]
        # every control is broadcast to the stalled team too, its large hand-in with it:
        # a few hundred of them fill its socket
        start = time.monotonic()
        for k in range(600):
            t0 = time.monotonic()
            reply = await f.control("pause" if k % 2 == 0 else "resume", timeout=5)
            slowest.append(time.monotonic() - t0)
            assert reply["ok"], reply
            assert time.monotonic() - start < 30, "the facilitator was held up"
        while "Team 01" in host.teams:  # its queue filled: the host let it go
            assert time.monotonic() - start < 30, "the stalled team was never disconnected"
            await asyncio.sleep(0.01)
        assert all(box.dropped == "" for ws, box in host.outboxes.items()
                   if ws is not stalled_ws)
        assert (await f.control("sync", timeout=5))["ok"]
        await f.close()
        stalled.close()

    hosting(session, test)
    print(f"\nslowest control round trip with a stalled team: {max(slowest) * 1000:.0f} ms")
    assert max(slowest) < 5


def test_guessing_codes_and_tokens_is_slowed_per_address(tmp_path: Path) -> None:
    session = drill.drill_session(tmp_path, 3, 2)

    async def test(host: LiveHost) -> None:
        room = host.room
        for k in range(FREE_GUESSES + 1):
            ws = await _raw(host, {"type": "hello", "role": "team", "code": f"WRONG{k:03d}",
                                   "team": "Team 01"})
            assert "join code" in (await _next(ws, "error"))["message"]
            await ws.close()
        # now even the right code is refused without being checked: the address must wait
        ws = await _raw(host, {"type": "hello", "role": "team", "code": room.code,
                               "team": "Team 01"})
        refusal = (await _next(ws, "error"))["message"]
        assert "wait 1 s" in refusal and "wrong codes" in refusal
        await ws.close()
        assert "Team 01" not in room.seats
        # so is the facilitator's token, from the same address
        ws = await _raw(host, {"type": "hello", "role": "facilitator", "token": room.token})
        assert "wait" in (await _next(ws, "error"))["message"]
        await ws.close()
        # each further wrong guess doubles the wait
        first = host.guesses.wait_s("127.0.0.1", host.clock())
        host.guesses.failed("127.0.0.1", host.clock())
        assert host.guesses.wait_s("127.0.0.1", host.clock()) > 1.5 * first

    hosting(session, test)


def test_hand_ins_beyond_the_rate_are_refused_with_a_message(tmp_path: Path) -> None:
    session = drill.drill_session(tmp_path, 3, 2)

    async def test(host: LiveHost) -> None:
        f = FacilitatorClient(host.address, host.room.token, patience_s=5)
        await f.connect()
        assert (await f.control("open", timeout=5))["ok"]
        team = LiveClient(host.address, code=host.room.code, team="Team 02", patience_s=5)
        await team.connect()
        answers = [await team.request({"type": "submit", "month": 1}, timeout=5)
                   for _ in range(SUBMIT_BURST + 5)]
        refused = [a for a in answers if not a["ok"]]
        assert refused and all("Too many hand-ins" in a["error"] for a in refused)
        assert sum(a["ok"] for a in answers) <= SUBMIT_BURST + 1
        journaled = [e for e in host.room.journal.entries if e["kind"] == "submit"]
        assert len(journaled) == sum(a["ok"] for a in answers)
        await team.close()
        await f.close()

    hosting(session, test)


def _room(tmp_path: Path) -> LiveRoom:
    room, _ = open_room(drill.drill_session(tmp_path, 3, 2))
    assert room.control(ControlMessage(id="open", action="open"))["ok"]
    return room


def test_hand_ins_journaled_per_team_and_round_are_capped(tmp_path: Path) -> None:
    room = _room(tmp_path)
    answers = [room.submit("Team 01", SubmitMessage(id=f"s{k}", month=1))
               for k in range(MAX_HAND_INS_PER_ROUND + 20)]
    assert all(a["ok"] for a in answers[:MAX_HAND_INS_PER_ROUND])
    assert not any(a["ok"] for a in answers[MAX_HAND_INS_PER_ROUND:])
    assert "the most the host takes" in answers[-1]["error"]
    submits = [e for e in room.journal.entries if e["kind"] == "submit"]
    assert len(submits) == MAX_HAND_INS_PER_ROUND
    assert room.submit("Team 02", SubmitMessage(id="other", month=1))["ok"]  # per team
    for action in ("lock", "advance", "open"):  # a new round: the team may hand in again
        assert room.control(ControlMessage(id=f"c-{action}", action=action))["ok"]
    assert room.submit("Team 01", SubmitMessage(id="next-round", month=2))["ok"]


def test_answers_kept_for_message_ids_are_bounded(tmp_path: Path) -> None:
    room = _room(tmp_path)
    for k in range(5_000):  # refused hand-ins, each with a new id: all answered, few kept
        assert not room.submit("Team 01", SubmitMessage(id=f"late-{k}", month=9))["ok"]
        room.control(ControlMessage(id=f"c{k}", action="sync"))
    assert len(room.answers["Team 01"]) == KEPT_ANSWERS
    assert len(room.answers.get(FACILITATOR, {})) <= KEPT_ANSWERS
    again = room.submit("Team 01", SubmitMessage(id="late-4999", month=9))
    assert again["duplicate"]  # the latest ids still get their first answer
