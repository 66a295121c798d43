"""Fuzz of every live message in both directions, byte-level and schema-level.

Client to host: each kind of client message, mutated, is either a protocol message or a
``ProtocolError`` from ``parse_client``; one that parses is answered by the room (ok or a
refusal), never an exception. Host to client: each kind of host message, mutated, is read by
the client as a message or reported as broken, ``host_problem`` names a problem or passes it,
and a team's replica either takes a state or refuses it with ``LiveStateError``, unchanged.
Short here; ``-m slow`` runs many more examples.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.live import drill
from game.live.client import LiveClient
from game.live.protocol import (
    ControlMessage,
    HelloMessage,
    ProtocolError,
    SubmitMessage,
    SyncMessage,
    host_problem,
    parse_client,
)
from game.live.replica import LiveGame, LiveStateError
from game.live.resume import open_room
from game.live.room import LiveRoom, Refused
from game.live.views import room_view, team_view
from game.results import content_hash

TEAM = "Team 01"
QUICK = settings(max_examples=40, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])
MANY = settings(max_examples=1500, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

CLIENT_MESSAGES: list[dict[str, Any]] = [
    {"v": 1, "type": "hello", "id": "h1", "role": "team", "code": "ABCDEFGH", "team": TEAM},
    {"v": 1, "type": "hello", "id": "h2", "role": "facilitator", "token": "tok-1234"},
    {"v": 1, "type": "submit", "id": "s1", "month": 1,
     "decisions": [{"type": "set_drawings", "per_partner_month_gbp": 9000, "reason": "why"}],
     "choices": [{"event": "the-accounts", "choice": "recovery-plan", "reason": "r"}]},
    {"v": 1, "type": "control", "id": "c1", "action": "inject", "event": "agency-rates",
     "team": TEAM},
    {"v": 1, "type": "sync", "id": "y1"},
]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12)


@st.composite
def schema_mutation(draw: st.DrawFn, messages: list[dict[str, Any]]) -> str:
    """A valid message with one field (at any depth) replaced, removed or added."""
    message = json.loads(json.dumps(draw(st.sampled_from(messages))))
    node: Any = message
    for _ in range(draw(st.integers(0, 3))):
        children = list(node.items()) if isinstance(node, dict) else \
            list(enumerate(node)) if isinstance(node, list) else []
        containers = [(k, v) for k, v in children if isinstance(v, dict | list) and v]
        if not containers:
            break
        node = draw(st.sampled_from(containers))[1]
    if isinstance(node, dict):
        key = draw(st.sampled_from(sorted(node)) | st.text(max_size=8))
        if draw(st.booleans()) and key in node:
            del node[key]
        else:
            node[key] = draw(json_values)
    elif isinstance(node, list):
        node[draw(st.integers(0, len(node) - 1))] = draw(json_values)
    return json.dumps(message)


@st.composite
def byte_mutation(draw: st.DrawFn, messages: list[dict[str, Any]]) -> bytes:
    """A valid message's bytes with some flipped, cut, repeated or inserted."""
    data = bytearray(json.dumps(draw(st.sampled_from(messages))).encode())
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        match draw(st.sampled_from(["flip", "cut", "insert", "repeat"])):
            case "flip" if data:
                data[at] ^= 1 << draw(st.integers(0, 7))
            case "cut":
                del data[at:at + draw(st.integers(1, 20))]
            case "insert":
                data[at:at] = draw(st.binary(min_size=1, max_size=8))
            case "repeat":
                data[at:at] = data[at:at + draw(st.integers(1, 40))]
    return bytes(data)


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> LiveRoom:
    room, _ = open_room(drill.drill_session(tmp_path_factory.mktemp("fuzz"), 3, 2))
    room.control(ControlMessage(id="open", action="open"))
    return room


def _client_to_host(room: LiveRoom, raw: str | bytes) -> None:
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        return  # a WebSocket text frame is UTF-8: the transport refuses anything else
    try:
        msg = parse_client(text)
    except ProtocolError as exc:
        assert str(exc) and len(str(exc)) <= 300
        return
    if isinstance(msg, SubmitMessage):
        answer = room.submit(TEAM, msg)
    elif isinstance(msg, ControlMessage):
        answer = room.control(msg)
    elif isinstance(msg, HelloMessage):
        try:
            room.admit(msg)
        except Refused as exc:
            assert str(exc)
        return
    else:
        assert isinstance(msg, SyncMessage)
        return
    assert isinstance(answer["ok"], bool)
    assert answer["ok"] or answer["error"]


def test_client_messages_schema_mutated(room: LiveRoom) -> None:
    QUICK(given(schema_mutation(CLIENT_MESSAGES))(lambda raw: _client_to_host(room, raw)))()


def test_client_messages_byte_mutated(room: LiveRoom) -> None:
    QUICK(given(byte_mutation(CLIENT_MESSAGES))(lambda raw: _client_to_host(room, raw)))()


@pytest.mark.slow
def test_client_messages_mutated_many(room: LiveRoom) -> None:
    MANY(given(schema_mutation(CLIENT_MESSAGES) | byte_mutation(CLIENT_MESSAGES))(
        lambda raw: _client_to_host(room, raw)))()


@pytest.fixture(scope="module")
def host_side(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]],
                                                                  dict[str, Any]]:
    room, _ = open_room(drill.drill_session(tmp_path_factory.mktemp("host"), 3, 2))
    room.control(ControlMessage(id="open", action="open"))
    s = room.session
    welcome = {"type": "welcome", "v": 1, "re": "h1", "title": s.spec.title,
               "scenario": s.scenario.id, "months": s.months, "role": "team", "team": TEAM,
               "seat": "seat-key-1234", "seed": s.seed,
               "scenario_sha256": content_hash(s.scenario),
                       "scenario_spec": s.scenario.model_dump(mode="json")}  # the bundled scenario
    messages = [welcome, team_view(room, TEAM), room_view(room, {TEAM}),
                {"type": "reply", "v": 1, "re": "s1", "ok": False, "error": "late",
                 "duplicate": False, "data": {}},
                {"type": "error", "v": 1, "message": "bad", "fatal": False}]
    return messages, welcome


def _host_to_client(messages: list[dict[str, Any]], welcome: dict[str, Any],
                    raw: str | bytes) -> None:
    client = LiveClient("127.0.0.1:1")
    message = client._decode(raw)
    if message is None:
        assert client.errors and client.errors[-1].startswith("The host sent")
        return
    problem = host_problem(message)
    assert problem is None or isinstance(problem, str)
    if message.get("type") == "state":
        game = LiveGame(welcome, messages[1], link=None)  # type: ignore[arg-type]
        before = dict(game.state)
        try:
            game.sync(message)
        except LiveStateError:
            assert game.state == before
            return
        assert problem is None
        game.status(), game.timer_text(), game.league_line()


def test_host_messages_schema_mutated(host_side: Any) -> None:
    messages, welcome = host_side
    QUICK(given(schema_mutation(messages))(
        lambda raw: _host_to_client(messages, welcome, raw)))()


def test_host_messages_byte_mutated(host_side: Any) -> None:
    messages, welcome = host_side
    QUICK(given(byte_mutation(messages))(
        lambda raw: _host_to_client(messages, welcome, raw)))()


@pytest.mark.slow
def test_host_messages_mutated_many(host_side: Any) -> None:
    messages, welcome = host_side
    MANY(given(schema_mutation(messages) | byte_mutation(messages))(
        lambda raw: _host_to_client(messages, welcome, raw)))()


def test_the_fuzz_reaches_past_the_parser(tmp_path: Path, host_side: Any) -> None:
    """The unmutated messages are taken: the fuzz starts from valid ones."""
    messages, _ = host_side
    assert all(host_problem(m) is None for m in messages)
    for m in CLIENT_MESSAGES:
        parse_client(json.dumps(m))
