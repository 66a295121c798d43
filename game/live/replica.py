"""A team's game in a live session: the team's own window, the host's one authoritative model.

``LiveGame`` is a ``GameSession`` whose practice is a replica. The host sends the team's
decision log as it holds it (``record``) with every state; the replica is that log replayed
with ``replay_records``, the very function the host's session plays teams with, so the two
agree to the penny. The team answers events and takes decisions on the replica, which is what
the panels preview and the model refuses at once; ``hand_in`` sends the month's moves to the
host instead of playing the month. When the host has played the month (or rewound it, or
fired an event), the next state's record differs and the replica is built again from it.

No pygame and no sockets here: the link is anything with ``hand_in(month, entry)``; the team's
window (``game.ui.scenes.live``) shows it. It lives in the live package, not in ``game.play``,
because it reads the host's state message (``live.protocol``) and replays with the group
session's ``replay_records``, both above the play layer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..model.decisions import DecisionError
from ..play.game_session import GameSession, _copy_run
from ..results import content_hash
from ..scenario.decision_log import DECISION_SPECS, MonthEntry, to_command, to_entry
from ..scenario.library import bundled, load_scenario
from ..scenario.runtime import ScenarioRun
from ..scenario.spec import ScenarioSpec
from ..session.engine import replay_records
from ..session.rounds import TeamRecord, clock_text
from .protocol import TeamStateMessage, host_problem

#: Figures the replica's last month must share with the host's, as a check that both ran the
#: same model on the same scenario.
CHECKED = ("cash_gbp", "patients", "wait_days", "backlog", "patient_satisfaction")


class Sender(Protocol):
    def hand_in(self, month: int, entry: dict[str, Any]) -> str: ...


class LiveScenarioError(ValueError):
    """The host's scenario cannot be played here; the message says why."""


class LiveStateError(ValueError):
    """A state from the host that this window cannot use; the game is left as it was."""


def scenario_from_welcome(welcome: dict[str, Any]) -> ScenarioSpec:
    """The session's scenario: this laptop's bundled copy if it is the same, else the copy the
    host sent (checked as any scenario is, and against the host's hash)."""
    sha = welcome.get("scenario_sha256")
    sid = str(welcome.get("scenario", ""))
    if sid in bundled():
        local = load_scenario(sid)
        if content_hash(local) == sha:
            return local
    sent = welcome.get("scenario_spec")
    if not isinstance(sent, dict):
        raise LiveScenarioError(f"The host did not send its scenario '{sid}'.")
    try:
        scenario = ScenarioSpec.model_validate(sent)
    except ValueError as exc:
        raise LiveScenarioError(f"The host's scenario '{sid}' is not valid here: "
                                f"{str(exc).splitlines()[0]}") from None
    if content_hash(scenario) != sha:
        raise LiveScenarioError(f"The host's scenario '{sid}' arrived changed; join again.")
    return scenario


@dataclass
class Change:
    """What a state from the host did to the game (for the window to show)."""

    played: int = 0  # months the host played since the last state (1 when a round advanced)
    rewound: bool = False
    rebuilt: bool = False
    dropped: list[str] = field(default_factory=list)  # local moves the new state refused
    mismatch: str = ""  # the replica disagrees with the host: different model or scenario


class LiveGame(GameSession):
    """One team's game in a live session. Build it from the welcome and the first state."""

    saves_locally = False

    def __init__(self, welcome: dict[str, Any], state: dict[str, Any], link: Sender,
                 clock: Callable[[], float] = time.monotonic,
                 scenario: ScenarioSpec | None = None) -> None:
        """``scenario``, when given, is the session's own (the host builds a team's desk with
        it) and is used as it is; otherwise it comes from the welcome."""
        problem = host_problem(welcome)
        if problem is not None or welcome.get("type") != "welcome":
            raise LiveStateError(f"the host is broken: it sent {problem or 'no welcome'}")
        scenario = scenario if scenario is not None else scenario_from_welcome(welcome)
        super().__init__(scenario, f"live:{welcome.get('title', '')}",
                         int(welcome.get("seed") or 0), months=int(welcome["months"]),
                         team=str(welcome.get("team") or state.get("team") or ""))
        self.title = str(welcome.get("title", ""))
        self.link = link
        self.clock = clock
        self.state: dict[str, Any] = {}
        self.received_at = 0.0
        self.sent_id = ""  # the last hand-in sent
        self.sent_what: tuple[Any, ...] | None = None  # what it held
        self.refusal = ""  # the host's answer to it, if it refused
        self._built_on: tuple[Any, ...] | None = None
        self._base: tuple[dict[str, Any], int, str] | None = None  # what the replica is built on
        self._base_run: ScenarioRun | None = None  # the replica as built, kept by ``draft``
        self.sync(state)

    # -- the round, as the host says it is ----------------------------------------------------
    @property
    def phase(self) -> str:
        return str(self.state.get("phase", "waiting"))

    @property
    def paused(self) -> bool:
        return bool(self.state.get("paused"))

    @property
    def handed_in(self) -> bool:
        """The host holds a hand-in from this team for this round."""
        return self.state.get("submitted") is not None

    @property
    def changed_since_hand_in(self) -> bool:
        """Moves made here since the last hand-in the host holds."""
        return self._what() != self._held()

    @property
    def host_finished(self) -> bool:
        return self.phase == "finished" or bool(self.state.get("ended"))

    def seconds_left(self) -> float:
        """The round's timer, counted down here since the state came."""
        left = float(self.state.get("seconds_left", 0.0))
        if self.phase == "open" and not self.paused:
            left -= self.clock() - self.received_at
        return max(0.0, left)

    def timer_text(self) -> str:
        return clock_text(self.seconds_left())

    def status(self) -> str:
        """One line on where the round stands for this team."""
        if self.state.get("ended") == "dropped":
            return "The facilitator has taken this team out of the session."
        if self.host_finished:
            return "The session is over for this practice."
        month = self.state.get("month")
        if self.paused:
            return "Paused by the facilitator."
        if self.phase == "waiting":
            return f"Waiting for the facilitator to open month {month}."
        if self.phase == "locked":
            return ("Round locked: your hand-in is in. Waiting for the month to be played."
                    if self.handed_in else
                    "Round locked before you handed in: your settings carry on unchanged.")
        if self.refusal:
            return f"Hand-in refused: {self.refusal}"
        if self.handed_in and not self.changed_since_hand_in:
            return f"Handed in. {self.timer_text()} left: you can still change it."
        if self.handed_in:
            return f"Changed since your hand-in: hand in again. {self.timer_text()} left."
        return f"Round open: {self.timer_text()} left to hand in."

    def league_line(self) -> str:
        """The team's place in the league, when the facilitator lets teams see it."""
        rows = self.state.get("league") or []
        scored = [r for r in rows if isinstance(r, dict) and r.get("overall") is not None]
        place = next((i for i, r in enumerate(scored, 1) if r.get("name") == self.team), None)
        if place is None:
            return ""
        leader = scored[0]
        line = f"League: {_ordinal(place)} of {len(scored)} (overall {scored[place - 1]['overall']}"
        if place > 1:
            line += f"; {leader.get('name', '?')} leads on {leader['overall']}"
        return line + ")."

    # -- acting ---------------------------------------------------------------------------
    def end_turn(self) -> Any:  # type: ignore[override]
        """In a live session the host plays the month: this hands the month's moves in."""
        return self.hand_in()

    def hand_in(self) -> str:
        """Send this month's event answers and decisions to the host."""
        choices, decisions = self.this_month()
        self.sent_what = self._what()
        self.refusal = ""
        self.sent_id = self.link.hand_in(self.month, {"choices": choices,
                                                      "decisions": decisions})
        return self.sent_id

    def take_reply(self, reply: dict[str, Any]) -> None:
        """The host's answer to a hand-in."""
        if reply.get("re") != self.sent_id:
            return
        if reply.get("ok"):
            self.refusal = ""
            self.state = {**self.state, "submitted": self.sent_id}
        else:
            self.refusal = str(reply.get("error") or "refused")

    def sync(self, state: dict[str, Any]) -> Change:
        """Take the host's latest state: rebuild the replica if the team's log, the month or
        the phase moved, keeping the moves made here this month where they still apply."""
        change = Change()
        try:
            TeamStateMessage.model_validate(state)
        except ValueError as exc:
            raise LiveStateError(_first_line(exc)) from None
        problem = host_problem(state)
        if problem is not None:
            raise LiveStateError(f"the host is broken: it sent {problem}")
        record = state.get("record")
        key = (state["month"], state["phase"] in ("open", "locked"), _frozen(record))
        if record is None or key == self._built_on:  # nothing (more) to replay
            self.state, self.received_at = state, self.clock()
            return change
        before = len(self.run.history)
        keep = self.this_month() if state["month"] == self.month else None
        self._rebuild(record, int(state["month"]), state["phase"])  # raises, changing nothing
        self.state, self.received_at = state, self.clock()
        self._built_on = key
        change.rebuilt = True
        change.played = max(0, len(self.run.history) - before)
        change.rewound = len(self.run.history) < before
        if keep is not None and (keep[0] or keep[1]) and not change.played:
            change.dropped = self._restore(*keep)
        elif state.get("hand_in"):
            hand_in = state["hand_in"]
            change.dropped = self._restore(hand_in.get("choices", []),
                                           hand_in.get("decisions", []))
        change.mismatch = self._check(state.get("latest"))
        return change

    def draft(self, choices: list[dict[str, Any]], decisions: list[dict[str, Any]]
              ) -> list[str]:
        """This month as the host's state began it, with ``choices`` answered and then
        ``decisions`` taken as the window takes them (a decision of a kind already taken
        replaces it); those the practice refuses are left out and described."""
        if self._base is None:
            return []
        if self._base_run is None:  # the first draft on this base: replay it once
            self._rebuild(*self._base)
            self._base_run = _copy_run(self.run)
        else:  # later ones start from a copy of it
            self.run = _copy_run(self._base_run)
            self._decisions, self._choices, self._rows = [], [], []
        dropped = self._restore(choices, [])
        for d in decisions:
            try:
                command = to_command(DECISION_SPECS[d["type"]].model_validate(d))
                self.decide(command, str(d.get("reason", "")))
            except (KeyError, ValueError, DecisionError) as exc:
                dropped.append(f"{d.get('type')}: {exc}")
        return dropped

    # -- inside ---------------------------------------------------------------------------
    def _rebuild(self, record: dict[str, Any], month: int, phase: str) -> None:
        """The replica from the host's record; a record that does not replay changes nothing."""
        try:
            entries = {int(e["month"]): e for e in record.get("months", [])}
            logged = [MonthEntry.model_validate(entries[m]) for m in sorted(entries)]
            team = TeamRecord(self.team, joined_month=int(record.get("joined_month", 1)),
                              months=entries)
            run = replay_records(self.scenario, self.seed, self.run.months, [team], month,
                                 round_open=phase != "finished")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise LiveStateError(f"the team's log from the host does not replay: "
                                 f"{_first_line(exc)}") from None
        self.run = run
        self.months = [e for e in logged if e.month < month and _has_moves(entries[e.month])]
        self._decisions, self._choices, self._rows = [], [], []
        self._base = (record, month, phase)
        self._base_run = None

    def choose(self, event_id: str, choice_id: str, reason: str = "") -> None:
        """Answer an event. The host applies a hand-in's answers before its decisions; an event
        answered after decisions were taken (one the facilitator fired mid-round) has the month
        replayed here in that order, so the replica stays the host's."""
        if not self._decisions or self._base is None:
            super().choose(event_id, choice_id, reason)
            return
        choices, decisions = self.this_month()
        self._rebuild(*self._base)
        self._restore(choices, [])
        try:
            super().choose(event_id, choice_id, reason)
        finally:
            self._restore([], decisions)

    def _restore(self, choices: list[dict[str, str]], decisions: list[dict[str, Any]]
                 ) -> list[str]:
        """Apply moves again after a rebuild, as the host applies a hand-in (answers, then
        decisions, with events still unanswered allowed); those the practice now refuses are
        dropped and described."""
        dropped = []
        for c in choices:
            try:
                GameSession.choose(self, c["event"], c["choice"], c.get("reason", ""))
            except (KeyError, ValueError) as exc:
                dropped.append(f"answer to {c.get('event')}: {exc}")
        for d in decisions:
            try:
                command = to_command(DECISION_SPECS[d["type"]].model_validate(d))
                self.run.decide(command)
            except (KeyError, ValueError, DecisionError) as exc:
                dropped.append(f"{d.get('type')}: {exc}")
                continue
            self._decisions.append(to_entry(command, str(d.get("reason", ""))))
        return dropped

    def _what(self) -> tuple[Any, ...]:
        choices, decisions = self.this_month()
        return (self.month, _frozen(choices), _frozen(decisions))

    def _held(self) -> tuple[Any, ...] | None:
        hand_in = self.state.get("hand_in")
        if not hand_in:
            return self.sent_what if self.handed_in else None
        return (self.month, _frozen(hand_in.get("choices", [])),
                _frozen(hand_in.get("decisions", [])))

    def _check(self, latest: dict[str, Any] | None) -> str:
        if not latest or not self.run.history:
            return ""
        mine = self.run.history[-1].row(0)
        off = [k for k in CHECKED if k in latest and k in mine
               and not _close(latest[k], float(mine[k]))]
        if off:
            return ("This laptop's copy of the practice differs from the host's "
                    f"({', '.join(off)}): it may run another version of Partnership. The "
                    "host's figures count.")
        return ""


def _close(theirs: Any, mine: float) -> bool:
    """The host's figure (whatever it sent) agrees with this laptop's."""
    if isinstance(theirs, bool) or not isinstance(theirs, int | float):
        return False
    return abs(float(theirs) - mine) <= 1e-6 * max(1.0, abs(mine))


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def _has_moves(entry: dict[str, Any]) -> bool:
    return bool(entry.get("injected") or entry.get("choices") or entry.get("decisions"))
