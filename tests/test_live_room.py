"""Live mode without the network: admission, answers kept by id, late hand-ins, the journal
and resuming from it, the protocol's checks and schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.live import drill
from game.live.journal import read_journal
from game.live.protocol import (
    MAX_MESSAGE_BYTES,
    ControlMessage,
    HelloMessage,
    ProtocolError,
    SubmitMessage,
    json_schema,
    parse_client,
)
from game.live.resume import open_room
from game.live.room import FACILITATOR, Refused
from game.live.team import hand_in
from game.live.views import room_view, team_view


@pytest.fixture
def session(tmp_path: Path) -> Path:
    return drill.drill_session(tmp_path, 3, 4)


def _hello(room, team="Team 01", seat=None, code=None):
    return room.admit(HelloMessage(id="h", role="team", code=code or room.code, team=team,
                                   seat=seat))


def _control(room, action, n=[0], **kw):  # noqa: B006 - a counter for unique ids
    n[0] += 1
    return room.control(ControlMessage(id=f"c{n[0]}", action=action, **kw))


def _submit(room, team, month, msg_id, k=1):
    msg = SubmitMessage.model_validate({"id": msg_id,
                                        **hand_in(drill.policy_log(k, 4).month(month), month)})
    return room.submit(team, msg)


def test_code_seat_and_token_admit_only_the_right_people(session: Path) -> None:
    room, resumed = open_room(session)
    assert not resumed
    team, seat = _hello(room)
    assert team == "Team 01" and seat
    with pytest.raises(Refused, match="join code"):
        _hello(room, code="WRONGCODE")
    with pytest.raises(Refused, match="already joined"):
        _hello(room)  # someone else claiming Team 01 without its seat key
    assert _hello(room, seat=seat) == ("Team 01", seat)  # the same laptop rejoins
    with pytest.raises(Refused, match="no team called"):
        _hello(room, team="Intruders")
    with pytest.raises(Refused, match="token"):
        room.admit(HelloMessage(id="h", role="facilitator", token="not-the-token"))
    assert room.admit(HelloMessage(id="h", role="facilitator", token=room.token)) == \
        (FACILITATOR, None)
    assert _control(room, "release", team="Team 01")["ok"]
    assert _hello(room)[1] != seat  # a released seat is taken afresh


def test_a_repeated_hand_in_counts_once_and_a_late_one_is_refused(session: Path) -> None:
    room, _ = open_room(session)
    assert not _submit(room, "Team 01", 1, "early")["ok"]  # before the round opens
    assert _control(room, "open")["ok"]
    first = _submit(room, "Team 01", 1, "s1")
    again = _submit(room, "Team 01", 1, "s1")
    assert first["ok"] and again["ok"] and again["duplicate"] and not first.get("duplicate")
    submits = [e for e in room.journal.entries if e["kind"] == "submit"]
    assert len(submits) == 1
    assert _submit(room, "Team 01", 2, "wrong-month")["error"].startswith("This hand-in")
    _control(room, "lock")
    late = _submit(room, "Team 02", 1, "late")
    assert not late["ok"] and "late" in late["error"]
    assert _submit(room, "Team 02", 1, "late") == {**late, "duplicate": True}
    assert team_view(room, "Team 01")["submitted"] == "s1"
    assert room_view(room, set())["teams"][0]["submitted"]


def test_a_control_is_done_once_per_id(session: Path) -> None:
    room, _ = open_room(session)
    msg = ControlMessage(id="open-1", action="open")
    assert room.control(msg)["ok"]
    assert room.control(msg) == {"ok": True, "data": room.control(msg)["data"],
                                 "duplicate": True}
    assert room.session.month == 1 and room.session.phase.value == "open"


def test_resuming_from_the_journal_gives_the_same_session(session: Path) -> None:
    room, _ = open_room(session)
    seat = _hello(room)[1]
    for month in (1, 2):
        _control(room, "open")
        for k, team in enumerate(room.session.teams, 1):
            _submit(room, team, month, f"t{k}-{month}", k)
        _control(room, "lock")
        _control(room, "advance")
    _control(room, "open")
    _control(room, "inject", event="agency-rates", team="Team 02")
    _submit(room, "Team 03", 3, "t3-3", 3)
    room.journal.close()
    again, resumed = open_room(session)
    assert resumed and again.code == room.code and again.token == room.token
    assert again.session.logs() == room.session.logs()
    assert again.league() == room.league()
    assert again.session.phase.value == "open" and again.session.month == 3
    assert team_view(again, "Team 03")["submitted"] == "t3-3"
    assert _hello(again, seat=seat)[0] == "Team 01"
    assert _submit(again, "Team 03", 3, "t3-3", 3)["duplicate"]  # a resend after restart
    again.journal.close()


def test_a_torn_last_line_is_dropped(session: Path) -> None:
    room, _ = open_room(session)
    _control(room, "open")
    room.journal.close()
    path = session.with_name("drill.live.jsonl")
    with path.open("ab") as f:
        f.write(b'{"kind":"control","id":"x","act')  # killed mid-write
    header, entries = read_journal(path)
    assert [e["action"] for e in entries] == ["open"]
    again, _ = open_room(session)
    _control(again, "lock")
    again.journal.close()
    assert [e.get("action") for e in read_journal(path)[1]] == ["open", "lock"]


def test_a_journal_for_another_session_file_is_refused(session: Path) -> None:
    from game.live.journal import JournalError

    open_room(session)[0].journal.close()
    session.write_text(session.read_text().replace("Live drill", "Changed"))
    with pytest.raises(JournalError, match="different version"):
        open_room(session)
    room, resumed = open_room(session, fresh=True)
    assert not resumed and session.with_name("drill.live.jsonl.old").exists()
    room.journal.close()


@pytest.mark.parametrize("raw, reason", [
    ("not json", "Invalid JSON"),
    ('{"type": "hello"}', "id"),
    ('{"type": "launch", "id": "x"}', "type"),
    ('{"type": "submit", "id": "x", "month": 1, "team": "Team 02"}', "team"),
    ('{"type": "submit", "id": "x", "month": 99}', "month"),
    ('{"type": "submit", "id": "x", "month": 1, "decisions": [{"type": "rob_bank"}]}',
     "decisions"),
    ('{"type": "hello", "id": "x", "role": "team", "v": 2}', "v"),
    ('{"type": "sync", "id": "../../etc"}', "id"),
])
def test_malformed_messages_are_refused_with_a_reason(raw: str, reason: str) -> None:
    with pytest.raises(ProtocolError, match=reason):
        parse_client(raw)


def test_oversized_and_binary_messages_are_refused() -> None:
    big = json.dumps({"type": "sync", "id": "x", "pad": "a" * MAX_MESSAGE_BYTES})
    with pytest.raises(ProtocolError, match="larger"):
        parse_client(big)
    with pytest.raises(ProtocolError, match="binary"):
        parse_client(b'{"type": "sync", "id": "x"}')


def test_the_schema_names_every_message() -> None:
    schema = json.dumps(json_schema())
    for kind in ("hello", "submit", "control", "sync", "welcome", "reply", "state", "room",
                 "error"):
        assert f'"const": "{kind}"' in schema


def test_the_exported_schema_is_current() -> None:
    """docs/live-protocol.schema.json is `partnership live-schema -o` of this code."""
    path = Path(__file__).parent.parent / "docs" / "live-protocol.schema.json"
    assert json.loads(path.read_text()) == json_schema(), \
        "run: partnership live-schema -o docs/live-protocol.schema.json"
