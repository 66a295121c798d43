"""A team's window keeps an exact replica of its practice, whatever the room does.

Model-based: hypothesis plays random sequences of what happens in a live round (the team's
decisions, event answers and hand-ins; the facilitator's open, inject, lock, advance and
rewind) through the real ``LiveRoom`` and a ``LiveGame`` fed the host's team states, with no
network in between. After every step the replica must be the host's practice: the months
played to the penny, and, while the team's moves are the ones handed in, the host's own view
of the team's month with its hand-in applied.
"""

from __future__ import annotations

import dataclasses
import itertools
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.live import drill
from game.live.protocol import ControlMessage, SubmitMessage
from game.live.replica import LiveGame
from game.live.resume import open_room
from game.live.room import LiveRoom
from game.live.views import team_view
from game.model.decisions import DecisionError, SetDrawingsDecision
from game.results import content_hash
from game.scenario.decision_log import DECISION_SPECS, to_command
from game.session.engine import _apply
from game.session.rounds import Submission

TEAM = "Team 01"
STEPS = st.lists(st.sampled_from(["decide", "answer", "hand_in", "open", "inject", "lock",
                                  "advance", "rewind", "hand_in", "decide", "open", "lock",
                                  "advance"]),
                 min_size=5, max_size=40)


class _Wire:
    """The link, without the network: a hand-in goes straight to the room."""

    def __init__(self, room: LiveRoom) -> None:
        self.room = room
        self.n = 0
        self.replies: list[dict[str, Any]] = []

    def hand_in(self, month: int, entry: dict[str, Any]) -> str:
        self.n += 1
        msg = SubmitMessage(id=f"s{self.n}", month=month, choices=entry["choices"],
                            decisions=entry["decisions"])
        self.replies.append({"re": msg.id, **self.room.submit(TEAM, msg)})
        return msg.id


_CONTROL_IDS = itertools.count()


def _control(room: LiveRoom, action: str, **fields: Any) -> bool:
    """Whether the room did it."""
    answer = room.control(ControlMessage(id=f"c{next(_CONTROL_IDS)}", action=action, **fields))
    return bool(answer["ok"])


def _same(game: LiveGame, room: LiveRoom) -> None:
    """The replica is the host's practice: the months played to the penny and, in an open
    round, the host's month with the window's own moves applied as the host applies a
    hand-in (answers, then decisions), array by array."""
    s = room.session
    host = [rec.row(s.index(TEAM)) for rec in s.run.history]
    mine = [rec.row(0) for rec in game.run.history]
    assert len(mine) == len(host)
    for a, b in zip(mine, host, strict=True):
        assert a["cash_gbp"] == b["cash_gbp"] and a["wait_days"] == b["wait_days"]
    if s.phase.value not in ("open", "locked"):
        return
    expected = s._replay_to(s.month, [TEAM])
    choices, decisions = game.this_month()
    commands = [to_command(DECISION_SPECS[d["type"]].model_validate(d)) for d in decisions]
    _apply(expected, Submission.make(commands, {c["event"]: c["choice"] for c in choices}),
           np.ones(1, bool), s.month)
    here, there = game.run.world.state, expected.world.state
    for f in dataclasses.fields(here):  # every array of the practice's state
        mine_a, theirs = np.asarray(getattr(here, f.name)), np.asarray(getattr(there, f.name))
        assert mine_a.shape == theirs.shape and np.array_equal(
            mine_a, theirs, equal_nan=mine_a.dtype.kind == "f"), f.name


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS, amounts=st.lists(st.integers(6000, 11000), min_size=40, max_size=40),
       picks=st.lists(st.integers(0, 3), min_size=40, max_size=40))
def test_the_replica_is_always_the_hosts_practice(steps: list[str], amounts: list[int],
                                                  picks: list[int]) -> None:
    play(steps, amounts, picks)


def test_a_rewind_brings_back_the_hand_in_with_its_decisions() -> None:
    game = play(["open", "decide", "hand_in", "lock", "advance", "rewind"], [7000] * 6,
                [0] * 6)
    assert [d["per_partner_month_gbp"] for d in game.this_month()[1]] == [7000]


def test_an_event_fired_after_a_decision_is_applied_before_it_as_the_host_does() -> None:
    # month 2: drawings set to 7,000, then the accounts fired again and a £3,000 cut chosen:
    # the host applies the cut first, so drawings end at 7,000, not 4,000
    game = play(["open", "decide", "lock", "advance", "open", "decide", "inject", "answer",
                 "hand_in"], [9000] * 5 + [7000] * 4, [0] * 6 + [1, 1, 0])
    assert game.run.world.state.drawings_per_partner[0] == 7000


def play(steps: list[str], amounts: list[int], picks: list[int]) -> LiveGame:
    """The steps through a room and a window fed its states, checked after every one."""
    with tempfile.TemporaryDirectory() as folder:
        session = drill.drill_session(Path(folder), 2, 3)
        # the accounts' answers change drawings, as the team's decisions do: order matters
        session.write_text(session.read_text().replace(
            "injectable_events: [agency-rates]", "injectable_events: [agency-rates, "
            "the-accounts]"))
        room, _ = open_room(session)
        try:
            s = room.session
            welcome = {"type": "welcome", "v": 1, "re": "h", "role": "team", "seat": "seat-key",
                       "team": TEAM, "title": s.spec.title, "scenario": s.scenario.id,
                       "months": s.months, "seed": s.seed,
                       "scenario_sha256": content_hash(s.scenario),
                       "scenario_spec": s.scenario.model_dump(mode="json")}
            wire = _Wire(room)
            game = LiveGame(welcome, team_view(room, TEAM), wire)
            for k, step in enumerate(steps):
                if step == "decide" and not game.finished:
                    for event in game.pending_events():  # as a player must, answer first
                        game.choose(event.id, event.choices[picks[k] % len(event.choices)].id)
                    try:
                        game.decide(SetDrawingsDecision(per_partner_month_gbp=amounts[k]))
                    except DecisionError:
                        pass
                elif step == "answer" and game.pending_events():
                    event = game.pending_events()[0]
                    game.choose(event.id, event.choices[picks[k] % len(event.choices)].id)
                elif step == "hand_in" and game.phase == "open" and not game.paused:
                    game.hand_in()
                    game.take_reply(wire.replies[-1])
                    game.sync(team_view(room, TEAM))
                    assert wire.replies[-1]["ok"] and not game.changed_since_hand_in
                elif step == "inject":
                    event = ("agency-rates", "the-accounts")[picks[k] % 2]
                    _control(room, "inject", event=event, team=TEAM)
                elif step in ("open", "lock", "advance", "rewind"):
                    done = _control(room, step)
                    if step == "rewind" and done and room.session.submissions.get(TEAM):
                        game.sync(team_view(room, TEAM))  # the hand-in is back in the window
                        assert not game.changed_since_hand_in, (game._what(), game._held())
                game.sync(team_view(room, TEAM))
                _same(game, room)
            return game
        finally:
            room.journal.close()
