"""Live-session commands: ``host`` (the facilitator's machine) and ``join`` (a team's),
and ``live-schema`` (the protocol's JSON Schema)."""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from ..content import ContentError, Problem
from ..files import check_folder, check_output, write_atomic


def add_parsers(sub: argparse._SubParsersAction) -> None:
    h = sub.add_parser("host", help="serve a group session to teams' laptops (live mode)")
    h.add_argument("session", metavar="SESSION", help="a session file")
    h.add_argument("--port", type=int, default=8765, help="port to listen on (default 8765; "
                   "0 picks a free one)")
    h.add_argument("--lan", action="store_true", help="listen on the room's network, not "
                   "only on this machine")
    h.add_argument("--journal", metavar="FILE", help="the host's journal (default "
                   "SESSION.live.jsonl beside the session); an existing one is resumed")
    h.add_argument("--fresh", action="store_true", help="set an existing journal aside and "
                   "start the session again")
    h.add_argument("--results", metavar="DIR", default="session-results",
                   help="folder the debrief writes teams' results files to")
    h.add_argument("--no-console", action="store_true", help="no console on standard input "
                   "(control through the JSON API with the token)")
    h.add_argument("--window", action="store_true", help="the facilitator's console in a "
                   "window (for the projector) instead of on standard input")
    h.add_argument("--size", default="1280x720", metavar="WxH", help="with --window: its size")
    h.add_argument("--ready-file", metavar="FILE", help="write the address, join code and "
                   "token as JSON once listening (for scripts; readable by its owner only)")
    h.set_defaults(handler=cmd_host)

    j = sub.add_parser("join", help="join a live session as a team")
    j.add_argument("address", metavar="ADDRESS", help="the host's address, e.g. "
                   "192.168.1.20:8765")
    j.add_argument("--code", required=True, help="the join code the facilitator gave")
    j.add_argument("--team", required=True, help="your team's name")
    j.add_argument("--decisions", metavar="LOG", help="hand in this decision log's months "
                   "(headless, no window)")
    j.add_argument("--no-window", action="store_true", help="no window: follow the session "
                   "and print each month")
    j.add_argument("--size", default="1280x720", metavar="WxH", help="window size")
    j.add_argument("--fullscreen", action="store_true", help="fill the screen")
    j.add_argument("--seat-file", metavar="FILE", help="where the team's seat key is kept, to "
                   "rejoin after a crash (default: in the user data folder)")
    j.add_argument("--timeout", type=float, default=3600.0, metavar="S",
                   help="give up after S seconds with nothing from the host (default 3600)")
    j.set_defaults(handler=cmd_join)

    s = sub.add_parser("live-schema", help="print the JSON Schema of the live protocol")
    s.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead")
    s.set_defaults(handler=cmd_schema)


def _fail(what: str, message: str) -> ContentError:
    return ContentError([Problem(what, 1, 1, message)])


# -- host --------------------------------------------------------------------------------------
def cmd_host(args: argparse.Namespace) -> int:
    from ..live.journal import JournalError
    from ..live.resume import open_room

    if not 0 <= args.port <= 65535:
        raise _fail("--port", "a port is 0 to 65535")
    check_folder(args.results, probe=True)
    if args.ready_file:
        check_output(args.ready_file, probe=True)
    try:
        room, resumed = open_room(args.session, args.journal, args.fresh)
    except JournalError as exc:
        print(f"partnership host: {exc}", file=sys.stderr)
        return 1
    if args.window:
        return _host_window(room, resumed, args)
    return asyncio.run(_serve(room, resumed, args))


def _host_window(room: Any, resumed: bool, args: argparse.Namespace) -> int:
    """The host on a thread, the console in a window; closing the window stops the host."""
    from dataclasses import replace

    from ..live.hosting import HostThread
    from ..ui.app import App
    from ..ui.preferences import load_preferences
    from ..ui.scenes.host_console import HostConsoleScene
    from .commands_play import parse_size

    size = parse_size(args.size)
    if size is None:
        room.journal.close()
        raise _fail("--size", f"'{args.size}' is not a size like 1280x720")
    try:
        hosting = HostThread(room, "0.0.0.0" if args.lan else "127.0.0.1", args.port,
                             args.results)
    except OSError as exc:
        print(f"partnership host: cannot listen on port {args.port}: {exc.strerror}",
              file=sys.stderr)
        room.journal.close()
        return 1
    address = f"{lan_address() if args.lan else '127.0.0.1'}:{hosting.port}"
    _announce(room, address, resumed, args)
    try:
        # for the projector, as the facilitator's screen: large text, the player's palette
        app = App(size, prefs=replace(load_preferences(), large_text=True))
        app.start(HostConsoleScene(hosting, address))
        app.run()
    finally:
        hosting.stop()
    print("host stopped; the journal keeps the session", flush=True)
    return 0


async def _serve(room: Any, resumed: bool, args: argparse.Namespace) -> int:
    from ..live.console import console, status_text
    from ..live.server import LiveHost

    host = LiveHost(room, "0.0.0.0" if args.lan else "127.0.0.1", args.port)
    try:
        await host.start()
    except OSError as exc:
        print(f"partnership host: cannot listen on port {args.port}: {exc.strerror}",
              file=sys.stderr)
        room.journal.close()
        return 1
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    address = f"{lan_address() if args.lan else '127.0.0.1'}:{host.port}"
    _announce(room, address, resumed, args)
    print(status_text(host), flush=True)
    if not args.no_console:
        asyncio.create_task(console(host, args.results, stop.set))
    try:
        await stop.wait()
    finally:
        await host.close()
    print("host stopped; the journal keeps the session", flush=True)
    return 0


def _announce(room: Any, address: str, resumed: bool, args: argparse.Namespace) -> None:
    s = room.session
    print(f"Partnership live: {s.spec.title} ('{s.scenario.id}', {s.months} rounds)")
    if resumed:
        print(f"resumed from {room.journal.path}: month {s.month}, {s.phase.value}")
    print(f"address:   {address}")
    print(f"join code: {room.code}")
    print(f"facilitator token (keep it to yourself): {room.token}")
    print(f"teams join with: partnership join {address} --code {room.code} --team NAME",
          flush=True)
    print(f"or in a browser: http://{address}  (the join code and the team's name)",
          flush=True)
    if args.ready_file:  # holds the token: owner-only, even if the file was there before
        write_atomic(args.ready_file, json.dumps({"address": address, "code": room.code,
                                                  "token": room.token, "resumed": resumed}),
                     private=True)


def lan_address() -> str:
    """This machine's address as the room's laptops would use it.

    The address of the interface a packet to the local network would leave by: a UDP socket
    is "connected" to a private address, which picks the route and sends nothing. Many
    machines' own name resolves to a loopback address (127.0.1.1), so that lookup is only the
    fallback."""
    for probe in ("10.254.254.254", "192.168.254.254", "172.31.254.254"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.connect((probe, 9))
                address = str(s.getsockname()[0])
        except OSError:
            continue
        if not address.startswith("127.") and address != "0.0.0.0":
            return address
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return socket.gethostname()


# -- join --------------------------------------------------------------------------------------
def cmd_join(args: argparse.Namespace) -> int:
    from ..live.client import address_problem
    from ..play.replay import load_log
    from ..scenario.decision_log import DecisionLog

    problem = address_problem(args.address)
    if problem:
        raise _fail("ADDRESS", problem)
    if not re.fullmatch(r"[A-Za-z0-9_-]{4,128}", args.code.strip()):
        raise _fail("--code", f"'{args.code}' is not a join code: the facilitator's screen "
                    "shows it (eight letters and digits)")
    if not args.team.strip():
        raise _fail("--team", "give your team's name")
    if args.seat_file:
        check_output(args.seat_file, probe=True)

    log = load_log(args.decisions)[0] if args.decisions else DecisionLog()
    from ..live.seats import seat_file as default_seat_file

    seat_file = (Path(args.seat_file) if args.seat_file
                 else default_seat_file(args.address, args.code, args.team))
    if not args.decisions and not args.no_window:
        return _window(args, seat_file)
    return asyncio.run(_join(args, log, seat_file, watch=not args.decisions))


def _window(args: argparse.Namespace, seat_file: Path) -> int:
    """The team plays in its own window; decisions go to the host."""
    from ..ui.app import App
    from ..ui.scenes.live import JoinScene
    from .commands_play import parse_size

    size = parse_size(args.size)
    if size is None:
        raise _fail("--size", f"'{args.size}' is not a size like 1280x720")
    app = App(size, fullscreen=args.fullscreen)
    app.start(JoinScene(args.address, args.code, args.team, seat_file=seat_file,
                        connect_now=True))
    app.run()
    return 0


async def _join(args: argparse.Namespace, log: Any, seat_file: Path, watch: bool) -> int:
    from ..live.client import JoinRefused, LiveClient
    from ..live.seats import keep_seat, read_seat
    from ..live.team import play_log

    seat = read_seat(seat_file)

    def keep(seat: str) -> None:
        keep_seat(seat_file, seat)

    client = LiveClient(args.address, code=args.code.upper(), team=args.team, seat=seat,
                        patience_s=min(args.timeout, 120.0), on_seat=keep)
    try:
        await client.connect()
        print(f"joined {client.welcome.get('title')} as {client.welcome.get('team')}",
              flush=True)
        play = await play_log(client, None if watch else log, idle_timeout_s=args.timeout,
                              on_state=_show)
    except JoinRefused as exc:
        print(f"partnership join: refused: {exc}", file=sys.stderr)
        return 1
    except (ConnectionError, TimeoutError) as exc:
        print(f"partnership join: {str(exc) or 'no word from the host'}", file=sys.stderr)
        return 1
    finally:
        await client.close()
    for month, why in sorted(play.refused.items()):
        print(f"month {month}: hand-in refused: {why}", file=sys.stderr)
    last = play.last or {}
    print(f"done: {len(play.handed_in)} rounds handed in; "
          f"{'ended: ' + last['ended'] if last.get('ended') else last.get('phase', '')}",
          flush=True)
    return 0


def _show(state: dict[str, Any]) -> None:
    latest = state.get("latest") or {}
    cash = latest.get("cash_gbp")
    print(f"month {state['month']}: {state['phase']}"
          + (f", cash £{cash:,.0f}" if isinstance(cash, (int, float)) else "")
          + "".join(f"\n  event: {e['title']}" for e in state.get("events", [])), flush=True)


def cmd_schema(args: argparse.Namespace) -> int:
    from ..live.protocol import json_schema

    text = json.dumps(json_schema(), indent=2) + "\n"
    if args.output:
        write_atomic(args.output, text)  # a WriteError ends the command with its message
    else:
        sys.stdout.write(text)
    return 0
