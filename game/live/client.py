"""The client side: a team's or the facilitator's connection to a host.

``LiveClient`` reconnects by itself when the connection drops (or the host restarts) until its
deadline, rejoining with the team's seat key, and sends an unanswered request again with the
same id, so the host handles it once. It keeps the latest ``state`` (team) or ``room``
(facilitator) it was sent. One coroutine at a time reads from it: a script, a test, or the
thread the team's window runs it on.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections.abc import Callable
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from .protocol import MAX_MESSAGE_BYTES, host_problem


class JoinRefused(Exception):
    """The host would not admit this client; the message says why."""


def normalise_address(address: str) -> str:
    """``host:port``, a ``ws://`` URL or the team page's ``http://`` address, as a websocket
    URL: the host answers both on one port, so the address it shows serves either."""
    for web, socket in (("http://", "ws://"), ("https://", "wss://")):
        if address.startswith(web):
            return socket + address[len(web):]
    return address if address.startswith(("ws://", "wss://")) else f"ws://{address}"


def address_problem(address: str) -> str:
    """What is wrong with a host's address (``host:port`` or a ``ws://`` URL), or ''."""
    from urllib.parse import urlsplit

    example = "give it as host:port, e.g. 192.168.1.20:8765"
    try:
        parts = urlsplit(normalise_address(address.strip()))
        port = parts.port
    except ValueError:
        return f"'{address}' is not a host's address: {example}"
    if not parts.hostname or any(c.isspace() for c in address.strip()):
        return f"'{address}' is not a host's address: {example}"
    if port is None:
        return f"'{address}' has no port: {example}"
    return ""


def new_id(prefix: str = "m") -> str:
    return f"{prefix}-{secrets.token_hex(6)}"


class LiveClient:
    """A connection that comes back. ``role`` is 'team' (with code and team) or
    'facilitator' (with token)."""

    def __init__(self, address: str, *, role: str = "team", code: str = "", team: str = "",
                 seat: str | None = None, token: str = "", patience_s: float = 30.0,
                 on_seat: Callable[[str], None] | None = None) -> None:
        self.url = normalise_address(address)
        self.role, self.code, self.team, self.seat, self.token = role, code, team, seat, token
        self.patience_s = patience_s
        self.on_seat = on_seat
        self.welcome: dict[str, Any] = {}
        self.state: dict[str, Any] | None = None  # the latest 'state' or 'room'
        self.errors: list[str] = []  # non-fatal errors the host reported
        self.reconnects = 0
        self._ws: ClientConnection | None = None
        self._pending: dict[str, Any] | None = None

    # -- connecting -------------------------------------------------------------------------
    async def connect(self) -> None:
        """Connect and say hello, retrying until ``patience_s`` has passed."""
        deadline = time.monotonic() + self.patience_s
        delay = 0.05
        while True:
            try:
                await self._hello()
                return
            except (OSError, ConnectionClosed, InvalidHandshake, TimeoutError) as exc:
                if time.monotonic() + delay > deadline:
                    raise ConnectionError(f"cannot reach {self.url}: {exc}") from None
                await asyncio.sleep(delay)
                delay = min(delay * 2, 1.0)

    async def _hello(self) -> None:
        try:
            ws = await connect(self.url, max_size=4 * MAX_MESSAGE_BYTES * 64, open_timeout=5,
                               ping_interval=20, ping_timeout=20)
        except InvalidURI as exc:
            raise JoinRefused(f"not a host address: {self.url}") from exc
        hello: dict[str, Any] = {"type": "hello", "v": 1, "id": new_id("hello"),
                                 "role": self.role}
        if self.role == "facilitator":
            hello["token"] = self.token
        else:
            hello.update(code=self.code, team=self.team, seat=self.seat)
        await ws.send(json.dumps(hello))
        first = self._decode(await asyncio.wait_for(ws.recv(), 10)) or {}
        if first.get("type") == "error":
            await ws.close()
            raise JoinRefused(str(first.get("message", "refused"))[:300])
        problem = host_problem(first) if first.get("type") == "welcome" \
            else "no welcome in answer to hello"
        if problem is not None:
            await ws.close()
            raise JoinRefused(f"This host is broken: it sent {problem}.")
        self.welcome, self._ws = first, ws
        if first.get("seat") and first["seat"] != self.seat:
            self.seat = first["seat"]
            if self.on_seat:
                self.on_seat(self.seat)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    # -- talking ----------------------------------------------------------------------------
    async def request(self, message: dict[str, Any], timeout: float = 30.0,
                      answers: tuple[str, ...] = ("reply",)) -> dict[str, Any]:
        """Send and wait for the answer (a ``reply``, or another of ``answers`` naming it,
        such as the ``desk`` a ``preview`` gets); after a drop, reconnect and send it again
        (same id)."""
        message = {"v": 1, "id": new_id(message.get("type", "m")), **message}
        self._pending = message
        await self._send(message)
        try:
            return await self._read_until(
                lambda m: m.get("type") in answers and m.get("re") == message["id"], timeout)
        finally:
            self._pending = None

    async def wait_state(self, ready: Callable[[dict[str, Any]], bool],
                         timeout: float = 60.0) -> dict[str, Any]:
        """The latest state once ``ready(state)`` holds (it may hold already)."""
        if self.state is not None and ready(self.state):
            return self.state
        await self._read_until(lambda m: m.get("type") in ("state", "room") and ready(m),
                               timeout)
        assert self.state is not None
        return self.state

    async def _send(self, message: dict[str, Any]) -> None:
        if self._ws is None:
            await self._reconnect()
        try:
            assert self._ws is not None
            await self._ws.send(json.dumps(message))
        except ConnectionClosed:
            await self._reconnect()

    async def _read_until(self, done: Callable[[dict[str, Any]], bool],
                          timeout: float) -> dict[str, Any]:
        async with asyncio.timeout(timeout):
            while True:
                if self._ws is None:
                    await self._reconnect()
                try:
                    assert self._ws is not None
                    raw = await self._ws.recv()
                except ConnectionClosed:
                    await self._reconnect()
                    continue
                message = self._decode(raw)
                if message is None:
                    continue
                self._take(message)
                if done(message):
                    return message

    def _decode(self, raw: str | bytes) -> dict[str, Any] | None:
        """A message from the host as a JSON object with a type, or None (after ``_broken``)
        if it is not one: a broken host's frame is reported and skipped, never fatal."""
        try:
            message = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            self._broken(f"a frame that is not JSON ({str(exc)[:80]})")
            return None
        if not isinstance(message, dict) or not isinstance(message.get("type"), str):
            self._broken(f"a {type(message).__name__} instead of a message")
            return None
        return message

    def _broken(self, what: str) -> None:
        """The host sent something unusable: noted in ``errors``."""
        self.errors.append(f"The host sent {what}: ignored.")

    def _take(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind in ("state", "room"):
            self.state = message
        elif kind == "error":
            self.errors.append(str(message.get("message")))

    async def _reconnect(self) -> None:
        self._ws = None
        self.reconnects += 1
        await self.connect()
        if self._pending is not None:  # the host may never have had it: send it again
            assert self._ws is not None
            await self._ws.send(json.dumps(self._pending))


class FacilitatorClient(LiveClient):
    """The facilitator's control API: ``control('open')``, ``control('inject', event=...)``."""

    def __init__(self, address: str, token: str, patience_s: float = 30.0) -> None:
        super().__init__(address, role="facilitator", token=token, patience_s=patience_s)

    async def control(self, action: str, timeout: float = 30.0, **fields: Any) -> dict[str, Any]:
        return await self.request({"type": "control", "action": action, **fields}, timeout)

    async def room(self) -> dict[str, Any]:
        """The room as it is now (asks the host, rather than trusting the last one sent)."""
        await self.control("sync")
        return await self._read_until(lambda m: m.get("type") == "room", 30.0)
