"""A broken or hostile host: the team's window checks everything the host sends, says so, and
keeps going. A fake host over loopback sends frames that are not JSON, not messages, and
messages with a NUL in a title, a negative seed, a NaN timer or a month out of range; the
team's link reports each and reads on, and the replica refuses them without changing."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.server import ServerConnection, serve

from game.live import drill
from game.live.link import LiveLink, Note
from game.live.protocol import host_problem
from game.live.replica import LiveGame, LiveStateError, _close
from game.live.resume import open_room
from game.live.views import team_view
from game.results import content_hash

TEAM = "Team 01"


def _good(tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """A welcome and a first state as a working host sends them."""
    room, _ = open_room(drill.drill_session(tmp_path, 3, 2))
    s = room.session
    welcome = {"type": "welcome", "v": 1, "re": "h1", "title": s.spec.title,
               "scenario": s.scenario.id, "months": s.months, "role": "team", "team": TEAM,
               "seat": "seat-key-1234", "seed": s.seed,
               "scenario_sha256": content_hash(s.scenario),
               "scenario_spec": s.scenario.model_dump(mode="json")}
    return welcome, team_view(room, TEAM)


HOSTILE_WELCOMES = {
    "NUL in the title": {"title": "Live\x00drill"},
    "negative seed": {"seed": -1},
    "no rounds": {"months": 0},
    "ESC in the team": {"team": "Team\x1b[2J01"},
    "seed as text": {"seed": "eleven"},
}


@pytest.mark.parametrize("change", HOSTILE_WELCOMES.values(), ids=HOSTILE_WELCOMES.keys())
def test_a_hostile_welcome_is_refused_by_the_replica(tmp_path: Path, change: dict) -> None:
    welcome, state = _good(tmp_path)
    LiveGame(welcome, state, link=None)  # type: ignore[arg-type]  # the good one plays
    with pytest.raises(LiveStateError, match="host"):
        LiveGame({**welcome, **change}, state, link=None)  # type: ignore[arg-type]


HOSTILE_STATES = {
    "NUL in an event title": lambda s: {**s, "events": [{"id": "x", "title": "A\x00B",
                                                         "text": "", "choices": []}]},
    "NaN timer": lambda s: {**s, "seconds_left": float("nan")},
    "negative timer": lambda s: {**s, "seconds_left": -5.0},
    "month out of range": lambda s: {**s, "month": -3},
    "C1 control in the league": lambda s: {**s, "league": [{"name": "X\x9b", "overall": 1}]},
}


@pytest.mark.parametrize("make", HOSTILE_STATES.values(), ids=HOSTILE_STATES.keys())
def test_a_hostile_state_is_refused_and_changes_nothing(tmp_path: Path, make: Any) -> None:
    welcome, state = _good(tmp_path)
    game = LiveGame(welcome, state, link=None)  # type: ignore[arg-type]
    before = dict(game.state)
    with pytest.raises(LiveStateError, match="host is broken"):
        game.sync(make(state))
    assert game.state == before


def test_figures_that_are_not_numbers_are_a_mismatch_not_a_crash() -> None:
    assert _close(1.0, 1.0) and _close(100, 100.00000001)
    assert not _close("lots", 1.0) and not _close(None, 1.0) and not _close(True, 1.0)


def _fake_host(welcome: dict[str, Any], frames: list[str]):
    """A host that welcomes with ``welcome``, then sends ``frames``, then stays open."""
    async def handler(ws: ServerConnection) -> None:
        await ws.recv()
        await ws.send(json.dumps(welcome))
        for frame in frames:
            await ws.send(frame)
        await ws.wait_closed()
    return serve(handler, "127.0.0.1", 0)


async def _notes(link: LiveLink, until: Any, seconds: float = 10) -> list[Note]:
    """The link's notes, polled until ``until(notes)`` holds (or the deadline fails the test)."""
    notes: list[Note] = []
    deadline = time.monotonic() + seconds
    while not until(notes):
        assert time.monotonic() < deadline, f"only these arrived: {notes}"
        notes += link.poll()
        await asyncio.sleep(0.01)
    return notes


def test_the_team_link_reports_a_broken_host_and_reads_on(tmp_path: Path) -> None:
    welcome, state = _good(tmp_path)
    bad_state = {**state, "events": [{"id": "x", "title": "A\x00B", "text": "", "choices": []}]}
    frames = ["{not json", "[1, 2, 3]", json.dumps({"type": 7}), json.dumps(bad_state),
              json.dumps({**state, "seconds_left": float("nan")}),
              json.dumps({"type": "error", "v": 1, "message": "\x1b]0;owned\x07"}),
              json.dumps({"type": "reply", "v": 1, "re": "x", "ok": "maybe"}),
              json.dumps(state)]

    async def main() -> None:
        async with _fake_host(welcome, frames) as server:
            port = next(iter(server.sockets)).getsockname()[1]
            link = LiveLink(f"127.0.0.1:{port}", "CODE1234", TEAM)
            link.start()
            try:
                notes = await _notes(link, lambda ns: any(n.kind == "state" for n in ns))
                assert link.alive, "the link thread died"
                kinds = [n.kind for n in notes]
                assert kinds[:2] == ["welcome", "online"] and kinds[-1] == "state"
                broken = [n.data["message"] for n in notes if n.kind == "error"]
                assert len(broken) == 7 and all("The host sent" in m for m in broken)
                assert "\x00" not in "".join(broken) and "\x1b" not in "".join(broken)
                assert host_problem(notes[-1].data) is None
                game = LiveGame(notes[0].data, notes[-1].data, link)
                assert game.team == TEAM
            finally:
                link.close()

    asyncio.run(main())


def test_a_broken_welcome_ends_the_link_with_a_message(tmp_path: Path) -> None:
    welcome, _ = _good(tmp_path)

    async def main() -> None:
        async with _fake_host({**welcome, "seed": -1, "title": "x\x00"}, []) as server:
            port = next(iter(server.sockets)).getsockname()[1]
            link = LiveLink(f"127.0.0.1:{port}", "CODE1234", TEAM)
            link.start()
            try:
                notes = await _notes(link, lambda ns: any(n.kind == "refused" for n in ns))
                assert "host is broken" in notes[-1].data
                assert not any(n.kind == "welcome" for n in notes)
            finally:
                link.close()

    asyncio.run(main())
