"""The comparison debrief: teams side by side, built from confirmed results only.

``compare(intake)`` gathers what the projector shows: every team on each pillar and on the
nine leadership dimensions (the overall score only ever next to them), the goals, the months
where the teams' paths split and what each decided, each team's figures month by month for
the charts, and discussion prompts drawn from what happened (``prompts.py``). It reads the
results data alone, so the debrief of files brought on a stick equals the debrief of the same
session played on one machine.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..report.evidence import decision_rows
from ..scenario.spec import DIMENSIONS, ScenarioSpec
from ..scoring import PILLARS
from ..scoring.knowledge import knowledge_results, room_summary
from .intake import Intake, TeamResults

#: Figures charted and exported for every team, with their labels.
SERIES: dict[str, str] = {
    "cash_gbp": "Cash (£)", "profit_gbp": "Profit this month (£)",
    "wait_days": "Routine wait (days)", "staff_wellbeing": "Team wellbeing (0-1)",
    "patient_satisfaction": "Patient satisfaction (share)",
    "high_need_coverage": "High-need care met (share)",
}
#: Split months listed in the debrief, most consequential first.
MAX_SPLITS = 6


@dataclass
class TeamView:
    """One team's column in the comparison."""

    team: str
    months: int
    ended: str  # the end condition reached, '' if none
    overall: float
    pillars: dict[str, float]
    leadership: dict[str, float]
    levels: dict[str, str]
    goals: dict[str, bool]
    monthly_pillars: dict[str, list[float]]
    series: dict[str, list[float]]
    actions: dict[int, list[str]]  # month -> what the team decided or chose (with reasons)
    injected: dict[int, list[str]]  # month -> events the facilitator fired for the team
    knowledge: dict[str, Any] | None = None  # the knowledge check marked (scoring.knowledge)


@dataclass
class SplitMonth:
    """A month where teams did different things, and how far apart they were afterwards."""

    month: int
    decided: dict[str, list[str]]  # team -> what it did ("nothing handed in" if nothing)
    spread_before: float  # range of the teams' mean pillar score the month before
    spread_after: float  # and at the end


@dataclass
class Comparison:
    """Everything the comparison debrief shows, as plain data (``to_dict`` for tests/JSON)."""

    scenario_id: str
    scenario_title: str
    seed: int
    teams: list[TeamView]
    splits: list[SplitMonth]
    prompts: list[str]
    left_out: list[tuple[str, str]] = field(default_factory=list)
    #: the room's knowledge check: means before and after, change, questions most missed
    knowledge: dict[str, Any] | None = None

    def to_dict(self, with_sources: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not with_sources:
            data.pop("left_out")
        return data

    def team(self, name: str) -> TeamView:
        return next(t for t in self.teams if t.team == name)


def _team_view(scenario: ScenarioSpec, t: TeamResults) -> TeamView:
    r, s = t.results, t.results.scores
    log = r.decisions.model_dump(mode="json")
    actions: dict[int, list[str]] = {}
    for month, what, why in decision_rows(scenario, log):
        actions.setdefault(month, []).append(f"{what} ({why})" if why else what)
    injected = {e["month"]: list(e["injected"]) for e in log["months"] if e.get("injected")}
    ended = next((row.get("ended") or "" for row in r.history if row.get("ended")), "")
    return TeamView(
        team=t.team, months=r.months, ended=str(ended),
        overall=float(s["overall"]),
        pillars={p: float(s["pillars"][p]) for p in PILLARS},
        leadership={d: float(s["leadership"][d]) for d in DIMENSIONS},
        levels={d: str(s["levels"][d]) for d in DIMENSIONS},
        goals={g["id"]: bool(g["met"]) for g in s.get("goals", [])},
        monthly_pillars={p: [float(x) for x in s["monthly"][p]] for p in PILLARS},
        series={k: [float(row[k]) for row in r.history] for k in SERIES},
        actions=actions, injected=injected,
        knowledge=knowledge_results(scenario, r.decisions.knowledge_check))


def _mean_pillars(team: TeamView, month: int) -> float | None:
    """The team's mean pillar score in ``month`` (1-based), None if it did not play it."""
    if not 1 <= month <= team.months:
        return None
    return sum(team.monthly_pillars[p][month - 1] for p in PILLARS) / len(PILLARS)


def _spread(teams: list[TeamView], month: int) -> float:
    values = [v for t in teams if (v := _mean_pillars(t, month)) is not None]
    return round(max(values) - min(values), 2) if len(values) > 1 else 0.0


def split_months(teams: list[TeamView], limit: int = MAX_SPLITS) -> list[SplitMonth]:
    """Months where the teams' decisions differed, with the spread of their mean pillar score
    before and at the end; the ``limit`` months after which the spread grew most, in order."""
    last = max((t.months for t in teams), default=0)
    found = []
    for month in range(1, last + 1):
        playing = [t for t in teams if t.months >= month]
        decided = {t.team: t.actions.get(month) or ["nothing handed in"] for t in playing}
        if len(playing) < 2 or len({tuple(v) for v in decided.values()}) < 2:
            continue
        found.append(SplitMonth(month, decided, _spread(teams, month - 1),
                                _spread(teams, last)))
    by_growth = sorted(found, key=lambda s: (-(s.spread_after - s.spread_before), s.month))
    return sorted(by_growth[:limit], key=lambda s: s.month)


def compare(intake: Intake) -> Comparison:
    """The comparison debrief of the confirmed teams (in the order they were given)."""
    from .prompts import discussion_prompts

    scenario = intake.scenario
    if scenario is None or intake.seed is None or not intake.teams:
        raise ValueError("no confirmed results to compare")
    teams = [_team_view(scenario, t) for t in intake.teams]
    splits = split_months(teams)
    return Comparison(scenario.id, scenario.title, intake.seed, teams, splits,
                      discussion_prompts(scenario, teams, splits),
                      [(r.source, r.reason) for r in intake.rejected],
                      room_summary(scenario, [t.knowledge for t in teams]))
