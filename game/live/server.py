"""The host: a WebSocket server (the ``websockets`` library) around one ``LiveRoom``.

Every connection starts with ``hello`` (within ``HELLO_SECONDS``); the room decides who it is.
Then each message is size-limited by the transport (``MAX_MESSAGE_BYTES``, larger closes the
connection with code 1009), parsed and checked against the protocol, and handled on the one
event loop, so the session sees one action at a time. A team's connection may only submit and
sync; the facilitator's may also control. After a change the host sends every team its state
and the facilitator the room.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from ..results import content_hash
from .protocol import (
    MAX_MESSAGE_BYTES,
    ControlMessage,
    HelloMessage,
    ProtocolError,
    SubmitMessage,
    SyncMessage,
    close_reason,
    parse_client,
)
from .room import FACILITATOR, LiveRoom, Refused
from .views import room_view, team_view

HELLO_SECONDS = 10.0
MAX_BAD_MESSAGES = 20  # a connection that keeps sending nonsense is closed
TIMER_NOTE_SECONDS = 10.0


def _dump(message: dict[str, Any]) -> str:
    return json.dumps(message, separators=(",", ":"))


class LiveHost:
    """Serves a room on ``host:port`` (port 0 picks a free one; see ``port`` once started)."""

    def __init__(self, room: LiveRoom, host: str = "127.0.0.1", port: int = 0,
                 on_change: Callable[[], None] | None = None) -> None:
        self.room = room
        self.host, self.port = host, port
        self.teams: dict[str, ServerConnection] = {}
        self.facilitators: set[ServerConnection] = set()
        self.on_change = on_change
        self._server: Server | None = None
        self._ticker: asyncio.Task[None] | None = None

    @property
    def address(self) -> str:
        return f"ws://{self.host}:{self.port}"

    async def start(self) -> None:
        self._server = await serve(self._connection, self.host, self.port,
                                   max_size=MAX_MESSAGE_BYTES, max_queue=32,
                                   ping_interval=20, ping_timeout=20)
        self.port = next(iter(self._server.sockets)).getsockname()[1]
        self._ticker = asyncio.create_task(self._tick_forever())

    async def close(self) -> None:
        if self._ticker:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
        if self._server:
            self._server.close()
            await self._server.wait_closed()
        self.room.journal.close()

    # -- one connection ---------------------------------------------------------------------
    async def _connection(self, ws: ServerConnection) -> None:
        who = await self._greet(ws)
        if who is None:
            return
        try:
            await self._serve(ws, who)
        except ConnectionClosed:
            pass
        finally:
            if who == FACILITATOR:
                self.facilitators.discard(ws)
            elif self.teams.get(who) is ws:
                del self.teams[who]
                await self._tell_facilitators()

    async def _greet(self, ws: ServerConnection) -> str | None:
        try:
            raw = await asyncio.wait_for(ws.recv(), HELLO_SECONDS)
            hello = parse_client(raw)
            if not isinstance(hello, HelloMessage):
                raise Refused("Say hello first: the join code and your team's name.")
            who, seat = self.room.admit(hello)
            await self.room.journal.flush()
        except (TimeoutError, ConnectionClosed):
            await ws.close(1008, "no hello")
            return None
        except (ProtocolError, Refused) as exc:
            await self._fatal(ws, str(exc))
            return None
        s = self.room.session
        welcome = {"type": "welcome", "v": 1, "re": hello.id, "title": s.spec.title,
                   "scenario": s.scenario.id, "months": s.months,
                   "role": "facilitator" if who == FACILITATOR else "team",
                   "team": None if who == FACILITATOR else who, "seat": seat}
        if who != FACILITATOR:
            welcome.update(seed=s.seed, scenario_sha256=content_hash(s.scenario),
                           scenario_spec=s.scenario.model_dump(mode="json"))
        await ws.send(_dump(welcome))
        if who == FACILITATOR:
            self.facilitators.add(ws)
            await ws.send(_dump(room_view(self.room, set(self.teams))))
            return who
        old = self.teams.get(who)
        self.teams[who] = ws
        if old is not None and old is not ws:
            await old.close(4000, "this team rejoined from a new connection")
        await ws.send(_dump(team_view(self.room, who)))
        await self._tell_facilitators()
        return who

    async def _fatal(self, ws: ServerConnection, message: str) -> None:
        with contextlib.suppress(ConnectionClosed):
            await ws.send(_dump({"type": "error", "v": 1, "message": message, "fatal": True}))
            await ws.close(1008, close_reason(message))

    async def _serve(self, ws: ServerConnection, who: str) -> None:
        bad = 0
        async for raw in ws:
            try:
                msg = parse_client(raw)
            except ProtocolError as exc:
                bad += 1
                if bad > MAX_BAD_MESSAGES:
                    await self._fatal(ws, "too many malformed messages")
                    return
                await ws.send(_dump({"type": "error", "v": 1, "message": str(exc),
                                     "fatal": False}))
                continue
            await self._handle(ws, who, msg)

    async def _handle(self, ws: ServerConnection, who: str, msg: Any) -> None:
        if isinstance(msg, SyncMessage):
            await self._reply(ws, msg.id, {"ok": True})
            view = room_view(self.room, set(self.teams)) if who == FACILITATOR \
                else team_view(self.room, who)
            await ws.send(_dump(view))
        elif isinstance(msg, SubmitMessage) and who != FACILITATOR:
            answer = self.room.submit(who, msg)
            await self.room.journal.flush()  # journaled before answered
            await self._reply(ws, msg.id, answer)
            await ws.send(_dump(team_view(self.room, who)))
            if answer["ok"] and not answer.get("duplicate"):
                await self._tell_facilitators()
        elif isinstance(msg, ControlMessage) and who == FACILITATOR:
            answer = self.room.control(msg)
            await self.room.journal.flush()
            await self._reply(ws, msg.id, answer)
            if answer["ok"] and not answer.get("duplicate") and msg.action != "sync":
                await self.broadcast()
            else:
                await ws.send(_dump(room_view(self.room, set(self.teams))))
        else:
            what = "Only the facilitator can do that." if who != FACILITATOR \
                else "The facilitator does not hand in for a team."
            await self._reply(ws, getattr(msg, "id", "?"), {"ok": False, "error": what})

    async def _reply(self, ws: ServerConnection, re: str, answer: dict[str, Any]) -> None:
        await ws.send(_dump({"type": "reply", "v": 1, "re": re, "ok": answer["ok"],
                             "error": answer.get("error", ""),
                             "duplicate": bool(answer.get("duplicate")),
                             "data": answer.get("data", {})}))

    # -- telling everyone -------------------------------------------------------------------
    async def broadcast(self) -> None:
        """Every team its state, the facilitators the room (after a control)."""
        sends = [self._send(ws, team_view(self.room, team)) for team, ws in self.teams.items()
                 if team in self.room.session.records]
        await asyncio.gather(*sends, self._tell_facilitators())
        if self.on_change:
            self.on_change()

    async def _tell_facilitators(self) -> None:
        if self.facilitators:
            view = room_view(self.room, set(self.teams))
            await asyncio.gather(*(self._send(ws, view) for ws in list(self.facilitators)))

    async def _send(self, ws: ServerConnection, message: dict[str, Any]) -> None:
        with contextlib.suppress(ConnectionClosed):
            await ws.send(_dump(message))

    async def _tick_forever(self) -> None:
        last = noted = time.monotonic()
        while True:
            await asyncio.sleep(0.5)
            now = time.monotonic()
            timer = self.room.session.timer
            was_running = timer.running and not timer.expired
            self.room.tick(now - last)
            last = now
            if was_running and now - noted >= TIMER_NOTE_SECONDS:
                self.room.note_timer()
                noted = now
            if was_running and timer.expired:
                await self.broadcast()  # time is up: everyone sees 0:00
