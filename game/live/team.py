"""A team played from its decision log over the network: ``partnership join --decisions``,
the tests and the load benchmark; ``play_page`` plays it as the browser team page does.

Each time a round opens that the team has not handed in, it sends that month's entry of the
log (an empty hand-in if the log has none, so the facilitator sees it is ready). It stops when
the session finishes, the practice reaches an end, or the team is dropped. A client killed and
started again picks up where the host says the team is: a round already handed in is not
handed in twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..scenario.decision_log import DecisionLog, MonthEntry
from .client import LiveClient


@dataclass
class TeamPlay:
    """What happened to a scripted team: months handed in, refusals, round trips."""

    handed_in: dict[int, str] = field(default_factory=dict)  # month -> message id
    refused: dict[int, str] = field(default_factory=dict)  # month -> the host's reason
    round_trips_ms: list[float] = field(default_factory=list)
    desk_ms: list[float] = field(default_factory=list)  # preview to desk, for a page's team
    last: dict[str, Any] | None = None


def hand_in(entry: MonthEntry | None, month: int) -> dict[str, Any]:
    """The submit message for a log's month (empty if the log has nothing that month)."""
    if entry is None:
        return {"type": "submit", "month": month}
    return {"type": "submit", "month": month,
            "decisions": [d.model_dump(mode="json") for d in entry.decisions],
            "choices": [c.model_dump(mode="json") for c in entry.choices]}


def _needs_hand_in(state: dict[str, Any]) -> bool:
    return state["phase"] == "open" and not state["paused"] and state["submitted"] is None \
        and not state["ended"]


def _over(state: dict[str, Any]) -> bool:
    return state["phase"] == "finished" or bool(state["ended"])


async def play_log(client: LiveClient, log: DecisionLog | None, *,
                   idle_timeout_s: float = 3600.0,
                   on_state: Callable[[dict[str, Any]], None] | None = None) -> TeamPlay:
    """Play the log until the session is over for this team; with no log, only follow it."""
    play = TeamPlay()
    seen: tuple[Any, ...] = ()

    def ready(s: dict[str, Any]) -> bool:
        if _over(s):
            return True
        if log is None:
            return (s["month"], s["phase"]) != seen
        return _needs_hand_in(s) and s["month"] not in play.refused

    while True:
        state = await client.wait_state(ready, idle_timeout_s)
        play.last = state
        if on_state and (state["month"], state["phase"]) != seen:
            on_state(state)
        seen = (state["month"], state["phase"])
        if _over(state):
            return play
        if log is not None:
            await _hand_in(client, log, state["month"], play)


async def play_page(client: LiveClient, log: DecisionLog, *,
                    idle_timeout_s: float = 3600.0) -> TeamPlay:
    """Play the log as the browser page does: each round, ask for the desk, answer every card
    with its first choice, look at the projection of the month's first decision, put the
    month's decisions in the draft, and hand in the draft as the host's desk gives it back."""
    play = TeamPlay()

    def ready(s: dict[str, Any]) -> bool:
        return _over(s) or (_needs_hand_in(s) and s["month"] not in play.refused)

    while True:
        state = await client.wait_state(ready, idle_timeout_s)
        play.last = state
        if _over(state):
            return play
        month = state["month"]
        entry = log.month(month)
        desk = await _desk(client, play, month)
        choices = [{"event": e["id"], "choice": e["choices"][0]["id"]}
                   for e in desk.get("events", [])]
        decisions = [d.model_dump(mode="json") for d in entry.decisions] if entry else []
        look = _action_for(desk, decisions[0]) if decisions else None
        desk = await _desk(client, play, month, choices=choices, decisions=decisions,
                           **({"action": look} if look else {}))
        draft = desk.get("draft") or {"choices": choices, "decisions": decisions}
        start = time.perf_counter()
        reply = await client.request({"type": "submit", "month": month,
                                      "choices": draft["choices"],
                                      "decisions": draft["decisions"]})
        play.round_trips_ms.append((time.perf_counter() - start) * 1000)
        _answered(client, play, month, reply)


async def _desk(client: LiveClient, play: TeamPlay, month: int,
                **draft: Any) -> dict[str, Any]:
    start = time.perf_counter()
    desk = await client.request({"type": "preview", "month": month, **draft},
                                answers=("reply", "desk"))
    play.desk_ms.append((time.perf_counter() - start) * 1000)
    return desk


def _action_for(desk: dict[str, Any], decision: dict[str, Any]) -> dict[str, Any] | None:
    """The page's form for a drawings decision (the one the drill's policies change most)."""
    if decision.get("type") != "set_drawings":
        return None
    for group in desk.get("actions", []):
        for action in group["actions"]:
            names = [p["name"] for p in action["params"]]
            if names == ["gbp"] and action["title"] == "Partner drawings":
                return {"action": action["id"],
                        "values": {"gbp": decision["per_partner_month_gbp"]}}
    return None


async def _hand_in(client: LiveClient, log: DecisionLog, month: int, play: TeamPlay) -> None:
    start = time.perf_counter()
    reply = await client.request(hand_in(log.month(month), month))
    play.round_trips_ms.append((time.perf_counter() - start) * 1000)
    _answered(client, play, month, reply)


def _answered(client: LiveClient, play: TeamPlay, month: int, reply: dict[str, Any]) -> None:
    if reply["ok"]:
        play.handed_in[month] = reply["re"]
        play.refused.pop(month, None)
        if client.state is not None and client.state.get("submitted") is None:
            client.state = {**client.state, "submitted": reply["re"]}  # its state follows
    else:
        play.refused[month] = reply["error"]
