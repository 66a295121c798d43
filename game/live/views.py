"""What the host sends: a team's view of its round, and the facilitator's view of the room.

Both are read from the room and never change it; they become ``state`` and ``room`` messages.
"""

from __future__ import annotations

from typing import Any

from ..session.rounds import Phase
from .room import LiveRoom


def team_view(room: LiveRoom, team: str) -> dict[str, Any]:
    """The ``state`` message for one team."""
    s = room.session
    playing = team in s.teams
    events = [{"id": c.event.id, "title": c.event.title, "text": c.briefing,
               "choices": [{"id": x.id, "title": x.label} for x in c.choices]}
              for c in (s.cards_for(team) if playing else [])]
    hand_in = s.submissions.get(team)
    submitted = room.hand_in_ids.get(team, "restored") if hand_in is not None else None
    record = s.records.get(team)
    return {"type": "state", "v": 1, "team": team, "month": s.month, "months": s.months,
            "phase": s.phase.value, "paused": s.paused,
            "seconds_left": round(s.timer.seconds_left, 1), "events": events,
            "submitted": submitted, "latest": s.latest(team) if playing else None,
            "league": room.league() if s.league_visible else None,
            "ended": s.ended(team) if playing else "dropped",
            "record": None if record is None else
            {"joined_month": record.joined_month,
             "months": [record.months[m] for m in sorted(record.months)]},
            "hand_in": None if hand_in is None else hand_in.entry(s.month, [])}


def room_view(room: LiveRoom, joined: set[str]) -> dict[str, Any]:
    """The ``room`` message for the facilitator; ``joined`` are the teams connected now."""
    s = room.session
    names = s.teams  # worked out once: the engine builds the list on every call
    ended = [str(e) for e in s.run.ended]
    teams = [{"name": t, "joined": t in joined, "seated": t in room.seats,
              "submitted": t in s.submissions, "ended": ended[i]} for i, t in enumerate(names)]
    waiting = [t["name"] for t in teams if not t["submitted"] and not t["ended"]] \
        if s.phase is Phase.OPEN else []
    return {"type": "room", "v": 1, "month": s.month, "months": s.months,
            "phase": s.phase.value, "paused": s.paused,
            "seconds_left": round(s.timer.seconds_left, 1), "teams": teams,
            "waiting_for": waiting, "league_visible": s.league_visible,
            "league": room.league(), "injectable": list(s.spec.injectable_events),
            "log": [f"month {m}: {what}" for m, what in s.journal[-8:]]}
