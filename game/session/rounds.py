"""The pieces of a group session that are not the model: the round timer, what a team hands
in for a round, and each team's place in the room and its decision log."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ..model.decisions import Decision
from ..scenario.decision_log import DecisionLog, MonthEntry, to_command, to_entry


class SessionError(ValueError):
    """Something the session cannot do now; the message is for the facilitator or the team."""


class Phase(Enum):
    """Where the session is in its round."""

    WAITING = "waiting"  # between rounds: the facilitator has not opened the next one
    OPEN = "open"  # teams may hand in their decisions
    LOCKED = "locked"  # hand-ins closed; the facilitator advances when the room is ready
    FINISHED = "finished"  # every round has been played


@dataclass
class RoundTimer:
    """The visible countdown of a round. It only moves when ``tick`` is called with the time
    that passed, so the session itself never reads a clock."""

    seconds_total: float
    seconds_left: float = 0.0
    running: bool = False

    def restart(self) -> None:
        self.seconds_left, self.running = self.seconds_total, True

    def stop(self) -> None:
        self.running = False

    def tick(self, seconds: float) -> None:
        if self.running:
            self.seconds_left = max(0.0, self.seconds_left - max(0.0, seconds))

    @property
    def expired(self) -> bool:
        return self.seconds_left <= 0.0

    def text(self) -> str:
        """``m:ss`` left, rounded up so 0:00 shows only when time is up."""
        return clock_text(self.seconds_left)


def clock_text(seconds: float) -> str:
    """``m:ss``, rounded up so 0:00 shows only when time is up."""
    whole = int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"


#: Each phase in the words the screens show.
PHASE_WORDS = {Phase.WAITING.value: "Round not open", Phase.OPEN.value: "Round open",
               Phase.LOCKED.value: "Round locked", Phase.FINISHED.value: "Session finished"}


def round_title(month: int, months: int, phase: str) -> str:
    """'Month 3 of 8', or 'All 8 months played' once the session is finished (its month is
    then one past the last, which is no month to show)."""
    if phase == Phase.FINISHED.value:
        return f"All {months} months played"
    return f"Month {min(month, months)} of {months}"


@dataclass(frozen=True)
class Submission:
    """A team's hand-in for one round: answers to the month's events and its decisions."""

    choices: tuple[tuple[str, str], ...] = ()  # (event id, choice id)
    decisions: tuple[tuple[Decision, str], ...] = ()  # (command, reason)
    reasons: tuple[tuple[str, str], ...] = ()  # (event id, why the team chose as it did)

    @classmethod
    def make(cls, decisions: list[Decision] | None = None,
             choices: dict[str, str] | None = None,
             reasons: list[str] | None = None) -> Submission:
        cmds = list(decisions or [])
        why = list(reasons or []) + [""] * (len(cmds) - len(reasons or []))
        return cls(tuple((choices or {}).items()), tuple(zip(cmds, why, strict=False)))

    @classmethod
    def from_entry(cls, entry: MonthEntry) -> Submission:
        return cls(tuple((c.event, c.choice) for c in entry.choices),
                   tuple((to_command(d), d.reason) for d in entry.decisions),
                   tuple((c.event, c.reason) for c in entry.choices if c.reason))

    def entry(self, month: int, injected: list[str]) -> dict[str, Any]:
        """The decision-log month this hand-in becomes (with the month's injected events)."""
        why = dict(self.reasons)
        return {"month": month, "injected": list(injected),
                "choices": [{"event": e, "choice": c, **({"reason": why[e]} if why.get(e) else {})}
                            for e, c in self.choices],
                "decisions": [to_entry(d, why) for d, why in self.decisions]}

    @property
    def empty(self) -> bool:
        return not self.choices and not self.decisions


@dataclass
class TeamRecord:
    """A team in the session: when it joined and left, and its decision log month by month."""

    name: str
    joined_month: int = 1
    left_month: int | None = None  # the month it was dropped in (it played the months before)
    months: dict[int, dict[str, Any]] = field(default_factory=dict)
    #: the team's answers to the knowledge check ('before' and 'after': question id -> option)
    knowledge: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def playing(self) -> bool:
        return self.left_month is None

    def injected(self, month: int) -> list[str]:
        return list(self.months.get(month, {}).get("injected", []))

    def log(self, scenario_id: str, seed: int) -> DecisionLog:
        kept = [self.months[m] for m in sorted(self.months) if _has_content(self.months[m])]
        taken = {stage: a for stage, a in self.knowledge.items() if a}
        return DecisionLog.model_validate({"scenario": scenario_id, "seed": seed,
                                           "months": kept,
                                           **({"knowledge_check": taken} if taken else {})})


def _has_content(entry: dict[str, Any]) -> bool:
    return bool(entry.get("injected") or entry.get("choices") or entry.get("decisions"))
