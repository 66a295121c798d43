"""The host on a thread of its own, for a window on the facilitator's laptop.

``HostThread`` runs a ``LiveHost`` on a background event loop. The window asks it for the room
(``view``) and gives it console commands (``command``, the same commands as the text console,
journaled and broadcast alike); both return futures, so the window never waits on the host.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from .console import run_command
from .room import LiveRoom
from .server import LiveHost
from .views import room_view


class HostThread:
    """A started host; ``stop`` it to close the connections and the journal."""

    def __init__(self, room: LiveRoom, host: str = "127.0.0.1", port: int = 0,
                 results: str | Path = "session-results") -> None:
        self.room = room
        self.host = LiveHost(room, host, port)
        self.results = results
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="partnership-host",
                                       daemon=True)
        self.thread.start()
        try:
            self.call(self.host.start())
        except BaseException:
            self._stop_loop()
            raise

    @property
    def port(self) -> int:
        return self.host.port

    def call(self, coroutine: Coroutine[Any, Any, Any], timeout: float = 30.0) -> Any:
        """Run ``coroutine`` on the host's loop and wait for it (for setup and tests)."""
        return self.submit(coroutine).result(timeout)

    def submit(self, coroutine: Coroutine[Any, Any, Any]) -> concurrent.futures.Future[Any]:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def view(self) -> concurrent.futures.Future[dict[str, Any]]:
        """The room as the facilitator's client would be sent it."""
        async def read() -> dict[str, Any]:
            return room_view(self.room, set(self.host.teams))
        return self.submit(read())

    def command(self, line: str) -> concurrent.futures.Future[str]:
        """A console command (``open``, ``inject agency-rates``, ``debrief``...); its text."""
        async def run() -> str:
            try:
                return await run_command(self.host, line, self.results)
            except Exception as exc:  # noqa: BLE001 - shown to the facilitator, host serves on
                return f"error: {exc}"
        return self.submit(run())

    def stop(self) -> None:
        if self.loop.is_running():
            try:
                self.call(self.host.close(), timeout=10.0)
            finally:
                self._stop_loop()

    def _stop_loop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5.0)
        if not self.thread.is_alive():
            self.loop.close()
