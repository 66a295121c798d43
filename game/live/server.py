"""The host: a WebSocket server (the ``websockets`` library) around one ``LiveRoom``.

Every connection starts with ``hello`` (within ``HELLO_SECONDS``); the room decides who it is.
Then each message is size-limited by the transport (``MAX_MESSAGE_BYTES``, larger closes the
connection with code 1009), parsed and checked against the protocol, and handled on the one
event loop, so the session sees one action at a time. A team's connection may only submit and
sync; the facilitator's may also control. After a change the host sends every team its state
and the facilitator the room.

Nothing one client does can hold up the others. Every message to a connection goes through its
own ``Outbox``: a queue with a limit, emptied by a writer task of its own, so a broadcast never
waits on a socket. A client that stops reading is disconnected once its queue is full or one
send has been stuck for ``SEND_STALL_S``. Hellos are rate-limited per address, and wrong join
codes, tokens and seat keys earn that address a delay that doubles with each (``limits``);
hand-ins are rate-limited per team.

The same port answers plain HTTP with the browser team page (``live.web``, rated per address),
and a team's ``preview`` is answered with its ``desk`` (``live.desk``), worked out in a
process of its own so the event loop goes on serving everyone else meanwhile (previews are
rate-limited per team).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from ..results import content_hash
from . import web
from .desk import DeskSession, DeskWorker
from .limits import Backoff, Rate
from .protocol import (
    MAX_MESSAGE_BYTES,
    ControlMessage,
    HelloMessage,
    PreviewMessage,
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
#: Messages waiting for one connection at most (each a state or a reply); then it is dropped.
SEND_QUEUE_MESSAGES = 64
#: Bytes waiting for one connection at most; then it is dropped.
SEND_QUEUE_BYTES = 4 * 1024 * 1024
#: One send that has not gone through in this long means the client stopped reading.
SEND_STALL_S = 15.0
#: Hellos per address: this many at once (a room of laptops behind one address), then per second.
HELLO_BURST, HELLOS_PER_S = 120, 20.0
#: Hand-ins per team: this many at once, then per second.
SUBMIT_BURST, SUBMITS_PER_S = 10, 10.0
#: Previews (desks asked for) per team: this many at once, then per second.
PREVIEW_BURST, PREVIEWS_PER_S = 20, 4.0
#: Wrong codes, tokens or seat keys from one address before each costs it a growing delay.
FREE_GUESSES = 5


def _dump(message: dict[str, Any]) -> str:
    return json.dumps(message, separators=(",", ":"))


class Outbox:
    """What waits to be sent on one connection, written by a task of its own.

    A state (``state`` or ``room``) is a snapshot: a newer one replaces one still waiting, so
    a client a little behind gets the latest and the queue holds mostly replies. A client that
    lets ``max_messages`` or ``max_bytes`` pile up, or leaves one send stuck for ``stall_s``,
    has stopped reading and is disconnected."""

    SNAPSHOTS = ("state", "room")

    def __init__(self, ws: ServerConnection, max_messages: int = SEND_QUEUE_MESSAGES,
                 max_bytes: int = SEND_QUEUE_BYTES, stall_s: float = SEND_STALL_S) -> None:
        self.ws = ws
        self.max_messages, self.max_bytes, self.stall_s = max_messages, max_bytes, stall_s
        self.waiting: deque[tuple[str, str]] = deque()  # (type, text)
        self.bytes = 0
        self.dropped = ""  # why the connection was dropped, once it was
        self._more = asyncio.Event()
        self._task = asyncio.create_task(self._write())

    def put(self, message: dict[str, Any]) -> None:
        """Queue a message; a client too far behind is disconnected instead."""
        if self.dropped:
            return
        kind, text = str(message.get("type")), _dump(message)
        if kind in self.SNAPSHOTS:
            for queued in [q for q in self.waiting if q[0] == kind]:
                self.waiting.remove(queued)
                self.bytes -= len(queued[1])
        if len(self.waiting) >= self.max_messages \
                or self.bytes + len(text) > self.max_bytes:
            self.drop("this client stopped reading: too many messages waiting for it")
            return
        self.bytes += len(text)
        self.waiting.append((kind, text))
        self._more.set()

    def drop(self, why: str) -> None:
        """Disconnect now, without waiting on the socket."""
        if self.dropped:
            return
        self.dropped = why
        self._task.cancel()
        transport = self.ws.transport
        if transport is not None:
            transport.abort()

    async def close(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    async def _write(self) -> None:
        while True:
            await self._more.wait()
            if not self.waiting:
                self._more.clear()
                continue
            _, text = self.waiting.popleft()
            self.bytes -= len(text)
            try:
                async with asyncio.timeout(self.stall_s):
                    await self.ws.send(text)
            except TimeoutError:
                self.drop(f"one message waited over {self.stall_s:g} s to be sent")
                return
            except ConnectionClosed:
                return


class LiveHost:
    """Serves a room on ``host:port`` (port 0 picks a free one; see ``port`` once started)."""

    def __init__(self, room: LiveRoom, host: str = "127.0.0.1", port: int = 0,
                 on_change: Callable[[], None] | None = None) -> None:
        self.room = room
        self.host, self.port = host, port
        self.teams: dict[str, ServerConnection] = {}
        self.facilitators: set[ServerConnection] = set()
        self.outboxes: dict[ServerConnection, Outbox] = {}
        self.on_change = on_change
        self.clock: Callable[[], float] = time.monotonic
        self.hellos = Rate(HELLO_BURST, HELLOS_PER_S)  # per address
        self.guesses = Backoff(FREE_GUESSES)  # wrong codes, tokens and seat keys, per address
        self.hand_ins = Rate(SUBMIT_BURST, SUBMITS_PER_S)  # per team
        self.previews = Rate(PREVIEW_BURST, PREVIEWS_PER_S)  # per team
        self.pages = Rate(web.PAGE_BURST, web.PAGES_PER_S)  # per address
        self.send_limits = (SEND_QUEUE_MESSAGES, SEND_QUEUE_BYTES, SEND_STALL_S)
        s = room.session
        self.desks = DeskWorker(DeskSession(s.scenario, s.seed, s.months, s.spec.title))
        self._closing: set[asyncio.Task[None]] = set()
        self._server: Server | None = None
        self._ticker: asyncio.Task[None] | None = None

    @property
    def address(self) -> str:
        return f"ws://{self.host}:{self.port}"

    @property
    def page(self) -> str:
        """The team page's address (on this machine)."""
        return f"http://{self.host}:{self.port}/"

    async def start(self) -> None:
        self._server = await serve(self._connection, self.host, self.port,
                                   process_request=self._http, max_size=MAX_MESSAGE_BYTES,
                                   max_queue=32, ping_interval=20, ping_timeout=20)
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
        self.desks.close()
        self.room.journal.close()

    # -- a browser's page -------------------------------------------------------------------
    def _http(self, ws: ServerConnection, request: Request) -> Response | None:
        """A plain HTTP request gets the team page; a websocket's goes on to the handshake."""
        if web.wants_websocket(request):
            return None
        if not self.pages.allow(self._address(ws), self.clock()):
            return web.plain(429, "Too Many Requests", "Too many requests from this address: "
                             "try again in a moment.", [("Retry-After", "2")])
        return web.answer(request)

    # -- one connection ---------------------------------------------------------------------
    async def _connection(self, ws: ServerConnection) -> None:
        try:
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
                    self._tell_facilitators()
        finally:
            outbox = self.outboxes.pop(ws, None)
            if outbox is not None:
                await outbox.close()

    def _address(self, ws: ServerConnection) -> str:
        peer = ws.remote_address
        return str(peer[0]) if isinstance(peer, tuple) and peer else str(peer)

    def _admit(self, ws: ServerConnection, hello: HelloMessage) -> tuple[str, str | None]:
        """``room.admit``, with the address's hello rate and its delay for wrong guesses."""
        address, now = self._address(ws), self.clock()
        if not self.hellos.allow(address, now):
            raise Refused("Too many joins from this address at once: try again in a moment.")
        wait = self.guesses.wait_s(address, now)
        if wait > 0:
            raise Refused(f"Too many wrong codes or keys from this address: wait "
                          f"{math.ceil(wait)} s and try again.")
        try:
            admitted = self.room.admit(hello)
        except Refused:
            self.guesses.failed(address, now)
            raise
        self.guesses.succeeded(address)
        return admitted

    async def _greet(self, ws: ServerConnection) -> str | None:
        try:
            raw = await asyncio.wait_for(ws.recv(), HELLO_SECONDS)
            hello = parse_client(raw)
            if not isinstance(hello, HelloMessage):
                raise Refused("Say hello first: the join code and your team's name.")
            who, seat = self._admit(ws, hello)
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
        outbox = self.outboxes[ws] = Outbox(ws, *self.send_limits)
        outbox.put(welcome)
        if who == FACILITATOR:
            self.facilitators.add(ws)
            outbox.put(room_view(self.room, set(self.teams)))
            return who
        old = self.teams.get(who)
        self.teams[who] = ws
        if old is not None and old is not ws:
            closing = asyncio.create_task(old.close(4000, "this team rejoined from a new "
                                                    "connection"))
            self._closing.add(closing)  # kept until done (the loop holds tasks weakly)
            closing.add_done_callback(self._closing.discard)
        outbox.put(team_view(self.room, who))
        self._tell_facilitators()
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
                self._send(ws, {"type": "error", "v": 1, "message": str(exc), "fatal": False})
                continue
            await self._handle(ws, who, msg)

    async def _handle(self, ws: ServerConnection, who: str, msg: Any) -> None:
        if isinstance(msg, SyncMessage):
            self._reply(ws, msg.id, {"ok": True})
            view = room_view(self.room, set(self.teams)) if who == FACILITATOR \
                else team_view(self.room, who)
            self._send(ws, view)
        elif isinstance(msg, SubmitMessage) and who != FACILITATOR:
            if not self.room.answered(who, msg.id) \
                    and not self.hand_ins.allow(who, self.clock()):
                self._reply(ws, msg.id, {"ok": False, "error": (
                    f"Too many hand-ins at once (more than {SUBMITS_PER_S:g} a second): this "
                    "one was not taken. Hand in again in a moment.")})
                return
            answer = self.room.submit(who, msg)
            await self.room.journal.flush()  # journaled before answered
            self._reply(ws, msg.id, answer)
            await asyncio.sleep(0)  # the outbox sends the reply before the views are made
            self._send(ws, team_view(self.room, who))
            if answer["ok"] and not answer.get("duplicate"):
                self._tell_facilitators()
        elif isinstance(msg, PreviewMessage) and who != FACILITATOR:
            await self._preview(ws, who, msg)
        elif isinstance(msg, ControlMessage) and who == FACILITATOR:
            answer = self.room.control(msg)
            await self.room.journal.flush()
            self._reply(ws, msg.id, answer)
            await asyncio.sleep(0)
            if answer["ok"] and not answer.get("duplicate") and msg.action != "sync":
                await self.broadcast()
            else:
                self._send(ws, room_view(self.room, set(self.teams)))
        else:
            what = "Only the facilitator can do that." if who != FACILITATOR \
                else "The facilitator does not hand in for a team."
            self._reply(ws, getattr(msg, "id", "?"), {"ok": False, "error": what})

    async def _preview(self, ws: ServerConnection, who: str, msg: PreviewMessage) -> None:
        """The team's desk, worked out on the desk thread from a copy of its state now."""
        if not self.previews.allow(who, self.clock()):
            self._reply(ws, msg.id, {"ok": False, "error": (
                f"Too many previews at once (more than {PREVIEWS_PER_S:g} a second): this one "
                "was not worked out. Ask again in a moment.")})
            return
        try:
            desk = await self.desks.desk(who, team_view(self.room, who), msg)
        except RuntimeError:  # the host is closing
            return
        except Exception as exc:  # noqa: BLE001 - the team hears why; the host serves on
            why = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
            self._reply(ws, msg.id, {"ok": False,
                                     "error": f"The host could not work out this desk: {why}"})
            return
        self._send(ws, desk)

    def _reply(self, ws: ServerConnection, re: str, answer: dict[str, Any]) -> None:
        self._send(ws, {"type": "reply", "v": 1, "re": re, "ok": answer["ok"],
                        "error": answer.get("error", ""),
                        "duplicate": bool(answer.get("duplicate")),
                        "data": answer.get("data", {})})

    # -- telling everyone -------------------------------------------------------------------
    async def broadcast(self) -> None:
        """Every team its state, the facilitators the room (after a control). Queued on each
        connection: nothing here waits on a socket."""
        for team, ws in list(self.teams.items()):
            if team in self.room.session.records:
                self._send(ws, team_view(self.room, team))
        self._tell_facilitators()
        if self.on_change:
            self.on_change()

    def _tell_facilitators(self) -> None:
        if self.facilitators:
            view = room_view(self.room, set(self.teams))
            for ws in list(self.facilitators):
                self._send(ws, view)

    def _send(self, ws: ServerConnection, message: dict[str, Any]) -> None:
        outbox = self.outboxes.get(ws)
        if outbox is not None:
            outbox.put(message)

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
