"""The host's team page and the desk it works out for a browser, without a browser.

The page is served on the websocket's port with safe headers from a fixed list of files (no
path reaches the file system); a team's ``preview`` is answered with its ``desk``, worked out
on the host's model exactly as the team's window works it out on its own laptop. The page in
a real browser is tested in ``test_live_browser.py``.
"""

from __future__ import annotations

import asyncio
import json
import socket
from importlib import resources
from pathlib import Path

import pytest

from game.live import drill, web
from game.live.client import FacilitatorClient, LiveClient
from game.live.protocol import HOST_MESSAGE, PreviewMessage, json_schema, parse_client
from game.live.server import PREVIEW_BURST, LiveHost
from game.play.actions import GROUPS
from game.play.wording import money
from tests.test_live_net import hosting


def _http(port: int, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """One raw HTTP exchange with the host (so nothing in between tidies the request)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def _get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    return _http(port, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())


def test_the_page_is_served_with_safe_headers_and_nothing_else(tmp_path: Path) -> None:
    session = drill.drill_session(tmp_path, 2, 2)

    async def test(host: LiveHost) -> None:
        port = host.port
        status, headers, body = await asyncio.to_thread(_get, port, "/")
        assert status == 200 and headers["content-type"].startswith("text/html")
        assert body == (resources.files("game.live.web") / "static" / "index.html").read_bytes()
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp
        assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert b"<script>" not in body and b" on" + b"click=" not in body  # no inline script
        for path, kind in (("/team.js", "text/javascript"), ("/team.css", "text/css")):
            status, headers, _ = await asyncio.to_thread(_get, port, path)
            assert status == 200 and headers["content-type"].startswith(kind), path
        for path in ("/../pyproject.toml", "/%2e%2e/setup.py", "/static/team.js",
                     "/__init__.py", "/web/__init__.py", "//etc/passwd", "/index.html/.."):
            status, headers, body = await asyncio.to_thread(_get, port, path)
            assert status == 404 and b"team page is at /" in body, path
            assert headers["x-content-type-options"] == "nosniff"
        huge = b"GET /" + b"a" * 20_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
        status, _, _ = await asyncio.to_thread(_http, port, huge)
        assert status >= 400  # the request line is bounded
        many = b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: y\r\n" % k for k in range(300)) + b"\r\n"
        status, _, _ = await asyncio.to_thread(_http, port, many)
        assert status >= 400  # so are the headers
        # the websocket on the same port still works
        team = LiveClient(host.address, code=host.room.code, team="Team 01", patience_s=5)
        await team.connect()
        await team.close()

    hosting(session, test)


def test_page_requests_are_rated_per_address(tmp_path: Path) -> None:
    session = drill.drill_session(tmp_path, 2, 2)

    async def test(host: LiveHost) -> None:
        host.clock = lambda: 1000.0  # no time passes: the burst is all there is
        codes = [(await asyncio.to_thread(_get, host.port, "/team.css"))[0]
                 for _ in range(web.PAGE_BURST + 3)]
        assert codes[:web.PAGE_BURST] == [200] * web.PAGE_BURST
        assert codes[web.PAGE_BURST:] == [429] * 3

    hosting(session, test)


def test_the_page_files_ship_in_the_package() -> None:
    for name, _ in web.FILES.values():
        assert (resources.files("game.live.web") / "static" / name).is_file(), name


async def _desk(team: LiveClient, **fields) -> dict:
    """Ask for the desk and wait for it (or the reply refusing)."""
    message = {"type": "preview", "v": 1, "id": f"p-{id(fields)}-{len(str(fields))}", **fields}
    assert team._ws is not None
    await team._ws.send(json.dumps(message))
    while True:
        got = json.loads(await asyncio.wait_for(team._ws.recv(), 30))
        if got.get("re") == message["id"]:
            assert HOST_MESSAGE.validate_python(got)
            return got


def test_a_teams_desk_is_its_window_worked_out_by_the_host(tmp_path: Path) -> None:
    session = drill.drill_session(tmp_path, 2, 3)

    async def test(host: LiveHost) -> None:
        f = FacilitatorClient(host.address, host.room.token, patience_s=5)
        team = LiveClient(host.address, code=host.room.code, team="Team 01", patience_s=5)
        await f.connect()
        await team.connect()
        before = await _desk(team, month=1)
        assert before["ready"] and before["events"] == [] and before["actions"] == []
        assert (await f.control("open"))["ok"]
        state = await team.wait_state(lambda s: s["phase"] == "open")
        desk = await _desk(team, month=1)
        # the round's cards in full, with what each choice would do
        assert [e["id"] for e in desk["events"]] == [e["id"] for e in state["events"]]
        card = desk["events"][0]
        assert card["text"] and card["if_no_decision"]
        assert all(c["effects"] for c in card["choices"])
        assert desk["draft"]["pending"] == [card["id"]]
        # every decision the panels offer, with the bounds its decision declares
        offered = [a["title"] for g in desk["actions"] for a in g["actions"]]
        assert offered == [a.title for _, (_, acts) in GROUPS.items() for a in acts]
        drawings = next(a for g in desk["actions"] for a in g["actions"]
                        if a["title"] == "Partner drawings")
        gbp = drawings["params"][0]
        assert gbp["kind"] == "number" and gbp["low"] == 0 and gbp["high"] > 10_000
        # decisions wait for the card, as in the window
        early = await _desk(team, month=1, action={"action": drawings["id"],
                                                    "values": {"gbp": 9000}})
        assert not early["preview"]["ok"] and "events first" in early["preview"]["message"]
        answer = [{"event": card["id"], "choice": card["choices"][0]["id"], "reason": "r"}]
        shown = await _desk(team, month=1, choices=answer,
                            action={"action": drawings["id"], "values": {"gbp": 9000}})
        preview = shown["preview"]
        assert preview["ok"] and preview["entry"]["per_partner_month_gbp"] == 9000
        assert any("In 4 months" in line for line in preview["effects"])  # the projection
        assert shown["draft"]["pending"] == []
        out_of_bounds = await _desk(team, month=1, choices=answer, action={
            "action": drawings["id"], "values": {"gbp": gbp["high"] + 1}})
        assert not out_of_bounds["preview"]["ok"]
        assert gbp["range"] in out_of_bounds["preview"]["message"]
        # the draft as the host applies it: a second drawings replaces the first
        second = {**preview["entry"], "per_partner_month_gbp": 9500.0}
        drafted = await _desk(team, month=1, choices=answer,
                              decisions=[preview["entry"], second])
        assert "draft" in drafted, drafted.get("error")
        assert [d["per_partner_month_gbp"] for d in drafted["draft"]["decisions"]] == [9500.0]
        assert "£9,500" in drafted["settings"]
        assert len(drafted["draft"]["moves"]) == 2  # the answer and the drawings
        # handed in as the desk says, played: the figures are the host's own
        reply = await team.request({"type": "submit", "month": 1, **{
            k: drafted["draft"][k] for k in ("choices", "decisions")}})
        assert reply["ok"], reply
        assert (await f.control("lock"))["ok"]
        await team.wait_state(lambda s: s["phase"] == "locked")
        locked = await _desk(team, month=1)  # no draft: the hand-in the host holds
        assert "£9,500" in locked["settings"] and locked["actions"] == []
        assert (await f.control("advance"))["ok"]
        await team.wait_state(lambda s: s["month"] == 2)
        played = await _desk(team, month=2)
        cash = next(x for x in played["figures"] if x["key"] == "cash_gbp")
        latest = host.room.session.latest("Team 01")
        assert latest is not None
        assert cash["shown"] == money(latest["cash_gbp"])
        assert cash["trend"][-1] == pytest.approx(latest["cash_gbp"], abs=1e-6)
        assert len(cash["trend"]) == 2 and cash["band_words"] in ("OK", "Watch", "Act")
        summary = played["summary"]
        assert summary["month"] == 1 and summary["sections"][0]["title"] == "What you decided"
        assert any("£9,500" in line for line in summary["sections"][0]["lines"])
        logged = host.room.session.logs()["Team 01"].month(1)
        assert [d.model_dump()["per_partner_month_gbp"] for d in logged.decisions] == [9500.0]
        await team.close()
        await f.close()

    hosting(session, test)


def test_previews_are_rate_limited_and_the_facilitator_gets_no_desk(tmp_path: Path) -> None:
    session = drill.drill_session(tmp_path, 2, 2)

    async def test(host: LiveHost) -> None:
        host.clock = lambda: 50.0
        team = LiveClient(host.address, code=host.room.code, team="Team 01", patience_s=5)
        await team.connect()
        answers = [await _desk(team, month=1) for _ in range(PREVIEW_BURST + 1)]
        assert all(a["type"] == "desk" for a in answers[:PREVIEW_BURST])
        assert answers[-1]["type"] == "reply" and "Too many previews" in answers[-1]["error"]
        f = FacilitatorClient(host.address, host.room.token, patience_s=5)
        await f.connect()
        refused = await f.request({"type": "preview", "month": 1})
        assert not refused["ok"]
        await team.close()
        await f.close()

    hosting(session, test)


def test_the_preview_message_is_checked_and_in_the_schema() -> None:
    ok = parse_client(json.dumps({"v": 1, "type": "preview", "id": "p1", "month": 2,
                                  "action": {"action": "money.0", "values": {"gbp": 9000}}}))
    assert isinstance(ok, PreviewMessage)
    for bad in ({"action": {"action": "../x", "values": {}}},
                {"action": {"action": "money.0", "values": {"gbp": "lots"}}},
                {"action": {"action": "money.0", "reason": "bell\u0007"}},
                {"choices": [{"event": "e", "choice": "c", "reason": "\u0000"}]}):
        with pytest.raises(ValueError):
            parse_client(json.dumps({"v": 1, "type": "preview", "id": "p1", "month": 2, **bad}))
    kinds = json.dumps(json_schema())
    assert '"preview"' in kinds and '"desk"' in kinds


def test_every_decision_on_the_page_is_projected_or_refused_in_words(tmp_path: Path) -> None:
    """Each decision the page offers, at the values its form opens with, gets the model's
    projection or its message; one the practice takes goes into the hand-in as a valid log
    entry. (Worked out here in the test's process, as the desk process does.)"""
    from game.live.desk import Desks, DeskSession
    from game.live.protocol import ControlMessage, HelloMessage
    from game.live.resume import open_room
    from game.live.views import team_view
    from game.scenario.decision_log import MonthEntry

    room, _ = open_room(drill.drill_session(tmp_path, 2, 3))
    room.admit(HelloMessage(id="h", role="team", code=room.code, team="Team 01"))
    assert room.control(ControlMessage(id="c1", action="open"))["ok"]
    s = room.session
    desks = Desks(DeskSession(s.scenario, s.seed, s.months, s.spec.title))
    state = json.loads(json.dumps(team_view(room, "Team 01")))
    first = desks.desk("Team 01", state, PreviewMessage(id="p0", month=1))
    answers = [{"event": e["id"], "choice": e["choices"][-1]["id"]} for e in first["events"]]
    taken = 0
    for group in first["actions"]:
        for action in group["actions"]:
            values = {p["name"]: p["initial"] for p in action["params"]}
            desk = desks.desk("Team 01", state, PreviewMessage.model_validate(
                {"id": f"p-{action['id']}", "month": 1, "choices": answers,
                 "action": {"action": action["id"], "values": values}}))
            shown = desk["preview"]
            assert shown["action"] == action["id"] and shown["message"], action["title"]
            if shown["ok"]:
                taken += 1
                assert shown["effects"], action["title"]
                MonthEntry.model_validate({"month": 1, "decisions": [shown["entry"]]})
            else:
                assert shown["entry"] is None
    assert taken >= 10  # most of the panels' decisions are open to a new practice


def test_the_address_the_host_shows_serves_the_window_too() -> None:
    """The host's window shows ``http://ADDRESS`` (the team page); the game's Join and
    ``partnership join`` take that same text."""
    from game.live.client import address_problem, normalise_address

    assert normalise_address("http://192.168.1.20:8765") == "ws://192.168.1.20:8765"
    assert normalise_address("https://host.example:443/") == "wss://host.example:443/"
    assert normalise_address("192.168.1.20:8765") == "ws://192.168.1.20:8765"
    assert address_problem("http://192.168.1.20:8765") == ""
    assert "no port" in address_problem("http://192.168.1.20")
