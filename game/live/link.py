"""A team's connection for a window: the ``LiveClient`` on a thread of its own.

A pygame window must never wait on the network, and ``LiveClient`` is asyncio. ``LiveLink``
runs the client's event loop on a background thread; the window calls ``poll`` once a frame
for what has arrived (``Note`` items, oldest first) and ``hand_in`` to send a month's
decisions, neither of which blocks.

One coroutine reads from the connection, as ``LiveClient`` requires. A dropped connection is
noted (``offline``), retried without end while the window is open, and noted again when back
(``online``, with the host's latest ``state``); a hand-in that was not answered before the drop
is sent again with the same id, so the host counts it once.

Everything the host sends is checked (``protocol.host_problem``) before the window sees it: a
broken or hostile host's message is reported as an ``error`` note and skipped, and the link
reads on.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from websockets.exceptions import ConnectionClosed

from .client import JoinRefused, LiveClient, new_id
from .protocol import host_problem

#: How long the first connection may take before the window says the host cannot be reached.
JOIN_PATIENCE_S = 8.0
#: Once joined, a dropped connection is retried for this long at a time, then again.
RECONNECT_PATIENCE_S = 30.0


@dataclass(frozen=True)
class Note:
    """Something that arrived: ``kind`` is welcome, state, reply, error, offline, online,
    refused (the host would not admit this team: fatal) or unreachable (no host: fatal)."""

    kind: str
    data: Any = None


class _Stopped(Exception):
    """The window closed the link."""


class _Client(LiveClient):
    """A client that tells the link when it drops and when it is back."""

    def __init__(self, link: LiveLink, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.link = link

    async def _reconnect(self) -> None:
        if self.link.stopping:
            raise _Stopped
        self.link.post("offline", "The connection to the host dropped: reconnecting...")
        while True:
            try:
                await super()._reconnect()
                break
            except ConnectionError as exc:
                if self.link.stopping:
                    raise _Stopped from None
                self.link.post("offline", f"Still reconnecting: {exc}")
        self.link.post("welcome", self.welcome)
        self.link.post("online")

    def _broken(self, what: str) -> None:
        super()._broken(what)
        self.link.post("error", {"type": "error", "v": 1, "fatal": False,
                                 "message": self.errors[-1]})


class LiveLink:
    """A team's live connection, for a window. ``start`` it, then ``poll`` every frame."""

    def __init__(self, address: str, code: str, team: str, seat: str | None = None,
                 on_seat: Callable[[str], None] | None = None) -> None:
        self.client = _Client(self, address, code=code.strip().upper(), team=team.strip(),
                              seat=seat, patience_s=JOIN_PATIENCE_S, on_seat=on_seat)
        self.inbox: queue.SimpleQueue[Note] = queue.SimpleQueue()
        self.stopping = False
        self.online = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()

    # -- the window's side --------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._main, name="partnership-live", daemon=True)
        self._thread.start()
        self._ready.wait(5.0)

    def poll(self) -> list[Note]:
        """Everything that has arrived since the last poll, oldest first."""
        notes = []
        while True:
            try:
                notes.append(self.inbox.get_nowait())
            except queue.Empty:
                return notes

    def hand_in(self, month: int, entry: dict[str, Any]) -> str:
        """Send the round's hand-in (choices and decisions of a decision-log month); returns its
        id, which the ``reply`` note names in ``re``. A later hand-in replaces an earlier one."""
        message = {"type": "submit", "v": 1, "id": new_id("submit"), "month": month,
                   "choices": entry.get("choices", []), "decisions": entry.get("decisions", [])}
        if self._loop is not None and not self.stopping:
            asyncio.run_coroutine_threadsafe(self._send(message), self._loop)
        return str(message["id"])

    def close(self, wait_s: float = 2.0) -> None:
        """Leave: the connection is closed and the thread ends (the seat key is kept)."""
        self.stopping = True
        if self._loop is not None and self._loop.is_running():
            with contextlib.suppress(RuntimeError):
                asyncio.run_coroutine_threadsafe(self.client.close(), self._loop)
        if self._thread is not None:
            self._thread.join(wait_s)

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def post(self, kind: str, data: Any = None) -> None:
        if kind == "online":
            self.online = True
        elif kind == "offline":
            self.online = False
        self.inbox.put(Note(kind, data))

    # -- the thread's side --------------------------------------------------------------------
    def _main(self) -> None:
        asyncio.run(self._run())

    async def _run(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._ready.set()
        try:
            await self.client.connect()
        except JoinRefused as exc:
            self.post("refused", str(exc))
            return
        except ConnectionError as exc:
            self.post("unreachable", str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - the window must hear why the link ended
            self.post("unreachable", f"Joining failed: {exc}")
            return
        self.client.patience_s = RECONNECT_PATIENCE_S
        self.post("welcome", self.client.welcome)
        self.post("online")
        try:
            await self.client._read_until(self._take, None)  # type: ignore[arg-type]
        except _Stopped:
            pass
        except JoinRefused as exc:  # e.g. the facilitator released the seat, then it was taken
            self.post("refused", str(exc))
        except Exception as exc:  # noqa: BLE001 - the window must hear why the link ended
            self.post("unreachable", f"The connection ended: {exc}")
        finally:
            self.online = False
            with contextlib.suppress(Exception):
                await self.client.close()

    def _take(self, message: dict[str, Any]) -> bool:
        """Pass one message to the window; never done (the read goes on until closed)."""
        kind = message.get("type")
        problem = host_problem(message)
        if problem is not None:  # a broken host: say so, keep the last good state
            self.client._broken(problem)
            kind = None
        if kind == "reply":
            pending = self.client._pending
            if pending is not None and pending.get("id") == message.get("re"):
                self.client._pending = None
            self.post("reply", message)
        elif kind in ("state", "error"):
            self.post(kind, message)
        if self.stopping:
            raise _Stopped
        return False

    async def _send(self, message: dict[str, Any]) -> None:
        """Send now if connected; the reader sends it again after a reconnect if unanswered."""
        self.client._pending = message
        ws = self.client._ws
        if ws is None:
            return
        with contextlib.suppress(ConnectionClosed):
            await ws.send(json.dumps(message))
