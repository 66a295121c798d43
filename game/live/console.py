"""The facilitator's text console on the host: one command a line on standard input.

Commands go through the same room as the JSON control API (so they are journaled and
replayed alike); ``status``, ``league`` and ``debrief`` only read.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from ..session.commands import console_help
from ..session.rounds import clock_text, round_title
from .client import new_id
from .protocol import CONTROL_ACTIONS, ControlMessage
from .server import LiveHost
from .views import room_view

HELP = console_help()

ALIASES = {"add": "add_team", "drop": "drop_team"}


def status_text(host: LiveHost) -> str:
    view = room_view(host.room, set(host.teams))
    title = round_title(view["month"], view["months"], view["phase"])
    lines = [f"{title[0].lower()}{title[1:]}: {view['phase']}"
             f"{' (paused)' if view['paused'] else ''}, timer {clock_text(view['seconds_left'])}"]
    for t in view["teams"]:
        mark = "handed in" if t["submitted"] else ("ended: " + t["ended"] if t["ended"]
                                                    else "-")
        lines.append(f"  {t['name']:<20} {'joined' if t['joined'] else 'away':<7} {mark}")
    return "\n".join(lines)


def league_text(host: LiveHost) -> str:
    rows = host.room.league()
    if not rows or rows[0]["overall"] is None:
        return "no month played yet"
    pillars = [k for k in rows[0] if k not in ("name", "overall")]
    head = f"{'team':<20} {'overall':>7} " + " ".join(f"{p[:7]:>7}" for p in pillars)
    body = [f"{r['name']:<20} {r['overall']:>7} " + " ".join(f"{r[p]:>7}" for p in pillars)
            for r in rows]
    return "\n".join([head, *body])


async def run_command(host: LiveHost, line: str, results: str | Path) -> str:
    """Do one console line; the text to show."""
    words = line.split()
    if not words:
        return ""
    verb, rest = words[0].lower(), words[1:]
    if verb in ("help", "?"):
        return HELP
    if verb == "status":
        return status_text(host)
    if verb == "league":
        return league_text(host)
    if verb == "debrief":
        folder = Path(rest[0]) if rest else Path(results)
        text = await asyncio.to_thread(host.room.debrief, folder)
        return text + f"\nresults files in {folder}"
    action = ALIASES.get(verb, verb)
    if action not in CONTROL_ACTIONS or action == "sync":
        return f"unknown command '{verb}' (help lists them)"
    fields: dict[str, str | None] = {"event": None, "team": None}
    if action == "inject":
        fields = {"event": rest[0] if rest else "", "team": " ".join(rest[1:]) or None}
    elif action in ("add_team", "drop_team", "release"):
        fields["team"] = " ".join(rest) or None
    msg = ControlMessage(id=new_id("console"), action=action, **fields)  # type: ignore[arg-type]
    answer = host.room.control(msg)
    await host.room.journal.flush()
    if not answer["ok"]:
        return "refused: " + answer["error"]
    await host.broadcast()
    return done_text(answer.get("data") or {}) + "\n" + status_text(host)


def done_text(data: dict[str, Any]) -> str:
    """What a command did, in words: 'done; fired: The accounts (Team 01, Team 02)'."""
    said = []
    for key, value in data.items():
        if isinstance(value, dict):
            value = "; ".join(f"{k} ({', '.join(map(str, v)) if isinstance(v, list) else v})"
                              for k, v in value.items()) or "nothing"
        elif isinstance(value, list):
            value = ", ".join(map(str, value)) or "none"
        said.append(f"{key}: {value}")
    return "done" + "".join(f"; {s}" for s in said)


async def console(host: LiveHost, results: str | Path, stop: Callable[[], None],
                  stream: TextIO = sys.stdin) -> None:
    """Read commands until ``quit`` (which calls ``stop``) or the end of input."""
    print(HELP, flush=True)
    while True:
        line = await asyncio.to_thread(stream.readline)
        if not line:
            return  # no console (input closed): the host serves on
        if line.strip().lower() in ("quit", "exit"):
            stop()
            return
        try:
            print(await run_command(host, line, results), flush=True)
        except Exception as exc:  # a console typo must not stop the host
            print(f"error: {exc}", flush=True)
