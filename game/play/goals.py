"""Goals in words, for the months actually played.

A scenario's goals are written for its whole length ("by March", "finish the year"); a
session or game shorter than its scenario judges them at its own last month. ``goal_rule``
says how a goal is judged, ``goal_text`` is the goal as the player reads it with, when the
play is shorter than the scenario, the month it is judged at, and ``short_note`` says so once
for a briefing. The scoring itself judges on the months played (``scoring.goal_arrays``);
these only say so.
"""

from __future__ import annotations

from ..scenario.seasons import calendar_month
from ..scenario.spec import GoalSpec, ScenarioSpec
from .wording import month_name

JUDGED = {"end": "judged on the last month", "every_month": "judged every month",
          "average": "judged on the average of all months"}


def goal_rule(goal: GoalSpec) -> str:
    """How a goal is judged, in words: 'wait days at most 12, judged on the average...'."""
    if goal.at_least is not None:
        bound = f"at least {goal.at_least:,g}"
    else:
        bound = f"at most {goal.at_most:,g}"
    return f"{goal.metric.replace('_', ' ')} {bound}, {JUDGED[goal.judged]} ({goal.pillar})"


def _month(scenario: ScenarioSpec, month: int) -> str:
    return month_name(calendar_month(scenario.start_month, month))


def judged_at(goal: GoalSpec, scenario: ScenarioSpec, months: int | None) -> str:
    """When a goal is judged in play of ``months`` months, if that is shorter than the
    scenario ('' when it is the scenario's own length)."""
    if months is None or months >= scenario.length_months:
        return ""
    first, last = _month(scenario, 1), _month(scenario, months)
    if goal.judged == "end":
        return (f"Here it is judged at month {months} ({last}), the last month played, not "
                f"at the scenario's month {scenario.length_months}.")
    how = "each" if goal.judged == "every_month" else "the average"
    return f"Here it is judged on {how} of the {months} months played ({first} to {last})."


def goal_text(goal: GoalSpec, scenario: ScenarioSpec, months: int | None) -> str:
    """The goal as the player reads it, with when it is judged in shorter play."""
    return " ".join(t for t in (goal.text, judged_at(goal, scenario, months)) if t)


def short_note(scenario: ScenarioSpec, months: int | None) -> str:
    """For a briefing: play shorter than the scenario ends early, and goals are judged then."""
    if months is None or months >= scenario.length_months:
        return ""
    return (f"This session plays {months} of the scenario's {scenario.length_months} months: "
            f"it ends with month {months} ({_month(scenario, months)}), and every goal is "
            "judged on the months played, whatever month its words name.")


def goal_texts(scenario: ScenarioSpec, months: int | None) -> dict[str, str]:
    """Every goal's words by id, for the debrief's goals table."""
    return {g.id: goal_text(g, scenario, months) for g in scenario.goals}
