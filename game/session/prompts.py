"""Discussion prompts for the comparison debrief, drawn from what the teams did.

Each rule below looks at the teams side by side and, when what it looks for happened, writes
one question naming the teams, the figures and the month. The rules run in this order and the
scenario's own reflection questions follow. A rule that finds nothing writes nothing, so the
prompts are always about this room's session.
"""

from __future__ import annotations

from collections.abc import Callable

from ..report.evidence import pretty
from ..scenario.spec import DIMENSIONS, ScenarioSpec
from ..scoring import PILLARS
from .compare import SplitMonth, TeamView

#: A gap between the best and worst team (0-100 points) worth discussing.
GAP_POINTS = 10.0

Rule = Callable[[ScenarioSpec, list[TeamView], list[SplitMonth]], list[str]]
RULES: list[Rule] = []


def rule(func: Rule) -> Rule:
    RULES.append(func)
    return func


def _best_worst(teams: list[TeamView], key: Callable[[TeamView], float]
                ) -> tuple[TeamView, TeamView]:
    ordered = sorted(teams, key=key)
    return ordered[-1], ordered[0]


@rule
def widest_pillar_gap(sc: ScenarioSpec, teams: list[TeamView], sp: list[SplitMonth]
                      ) -> list[str]:
    """The pillar the teams differ on most: what did the leading team do differently?"""
    gaps = {p: max(t.pillars[p] for t in teams) - min(t.pillars[p] for t in teams)
            for p in PILLARS}
    pillar = max(gaps, key=lambda p: gaps[p])
    if gaps[pillar] < GAP_POINTS:
        return []
    best, worst = _best_worst(teams, lambda t: t.pillars[pillar])
    return [f"{best.team} scored {best.pillars[pillar]:.0f} on {pillar}, {worst.team} "
            f"{worst.pillars[pillar]:.0f}. {best.team}: what did you do that made the "
            f"difference, and when did you first see it in the figures?"]


@rule
def trade_off(sc: ScenarioSpec, teams: list[TeamView], sp: list[SplitMonth]) -> list[str]:
    """A team that led one pillar and trailed another: was the trade worth it?"""
    for t in teams:
        tops = [p for p in PILLARS if t.pillars[p] == max(u.pillars[p] for u in teams)]
        lows = [p for p in PILLARS if t.pillars[p] == min(u.pillars[p] for u in teams)]
        if tops and lows and len(teams) > 2:
            return [f"{t.team} led the room on {tops[0]} ({t.pillars[tops[0]]:.0f}) but was "
                    f"last on {lows[0]} ({t.pillars[lows[0]]:.0f}). Was that a trade you "
                    "chose, or one that happened to you? Who in the practice paid for it?"]
    return []


@rule
def biggest_split(sc: ScenarioSpec, teams: list[TeamView], sp: list[SplitMonth]
                  ) -> list[str]:
    """The month after which the teams drew furthest apart: what did each decide?"""
    if not sp:
        return []
    s = max(sp, key=lambda x: x.spread_after - x.spread_before)
    sides = "; ".join(f"{team}: {_first(what)}" for team, what in s.decided.items())
    return [f"Month {s.month} is where the paths split ({sides}). With what you know now, "
            "which call would you make, and what would you have needed to know then?"]


def _first(what: list[str]) -> str:
    text = what[0].split(" (")[0]
    return text + (f" and {len(what) - 1} more" if len(what) > 1 else "")


@rule
def leadership_contrast(sc: ScenarioSpec, teams: list[TeamView], sp: list[SplitMonth]
                        ) -> list[str]:
    """The leadership dimension with the widest spread of levels."""
    if len(teams) < 2:
        return []
    dim = max(DIMENSIONS, key=lambda d: max(t.leadership[d] for t in teams)
              - min(t.leadership[d] for t in teams))
    best, worst = _best_worst(teams, lambda t: t.leadership[dim])
    if best.levels[dim] == worst.levels[dim]:
        return []
    return [f"On '{pretty(dim)}' {best.team} reached {best.levels[dim]} and {worst.team} "
            f"{worst.levels[dim]}. What did that look like in your team's discussion, not "
            "just in the decisions?"]


@rule
def goals_split(sc: ScenarioSpec, teams: list[TeamView], sp: list[SplitMonth]) -> list[str]:
    """A goal some teams met and others missed."""
    for goal in sc.goals:
        met = [t.team for t in teams if t.goals.get(goal.id)]
        missed = [t.team for t in teams if goal.id in t.goals and not t.goals[goal.id]]
        if met and missed:
            played = max(t.months for t in teams)
            when = f" (judged at month {played})" if played < sc.length_months and \
                goal.judged == "end" else ""
            return [f"'{goal.text}'{when} was met by {', '.join(met)} and missed by "
                    f"{', '.join(missed)}. When did each team realise where it stood?"]
    return []


@rule
def ended_early(sc: ScenarioSpec, teams: list[TeamView], sp: list[SplitMonth]) -> list[str]:
    """A team whose practice reached an end condition."""
    out = []
    ends = {e.id: e.title for e in sc.end_conditions}
    for t in teams:
        if t.ended:
            out.append(f"{t.team}'s practice ended in month {t.months}: "
                       f"{ends.get(t.ended, t.ended)}. What were the warning signs, and who "
                       "could have raised them earlier?")
    return out


@rule
def injected(sc: ScenarioSpec, teams: list[TeamView], sp: list[SplitMonth]) -> list[str]:
    """An event the facilitator fired by hand: how did it change the team's plan?"""
    titles = {e.id: e.title for e in sc.events}
    for t in teams:
        for month, events in sorted(t.injected.items()):
            title = titles.get(events[0], events[0])
            return [f"In month {month} the facilitator sent {t.team} '{title}'. How did it "
                    "change your plan, and how did you decide together?"]
    return []


@rule
def quiet_team(sc: ScenarioSpec, teams: list[TeamView], sp: list[SplitMonth]) -> list[str]:
    """A team that left the practice alone in most rounds."""
    acted = {t.team: sum(1 for m in range(1, t.months + 1) if t.actions.get(m))
             for t in teams if t.months >= 3}
    quiet = sorted((n / next(t.months for t in teams if t.team == name), name)
                   for name, n in acted.items())
    if not quiet or quiet[0][0] >= 0.5:
        return []
    t = next(t for t in teams if t.team == quiet[0][1])
    return [f"{t.team} changed things in {acted[t.team]} of {t.months} months. Was holding "
            "steady a decision? What does doing nothing cost in a real practice?"]


def discussion_prompts(scenario: ScenarioSpec, teams: list[TeamView],
                       splits: list[SplitMonth]) -> list[str]:
    """Every rule's prompts in order, then the scenario's reflection questions."""
    out = [p for r in RULES for p in r(scenario, teams, splits)]
    return out + list(scenario.reflection_questions)
