"""Leadership on the nine dimensions of the NHS Healthcare Leadership Model.

Evidence comes from two places, and every piece of it is a ``Finding`` that the debrief can show:

1. **Tags** the scenario's author put on each choice (``leadership: {engaging_the_team: 1}``):
   taking the choice adds those points to those dimensions.
2. **Patterns** in the player's own decisions, from the registry ``PATTERNS`` below: for example
   consulting the team before changing how appointments work, or cutting locum sessions when
   the figures on the table show a loss. Each pattern counts at most ``PATTERN_CAP`` times in
   each direction per run, so repeating a gesture does not farm points.

A dimension's score is ``50 + 50 * tanh(net / SCALE)``: 50 with no evidence or with evidence
that cancels out, rising towards 100 with good practice and falling towards 0 with poor
practice, never past either. Levels follow ``LEVELS`` in ``game.scoring``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from ..model.decisions import (
    ConsultTeamDecision,
    HireDecision,
    InvestDecision,
    ReleaseDecision,
    SetAppointmentModelDecision,
    SetDrawingsDecision,
    SetEnhancedAccessDecision,
    SetLocumSessionsDecision,
    SetPayAwardDecision,
)
from ..model.roles import IS_ARRS, role_index
from ..scenario.runtime import ActionRecord, ScenarioRun
from ..scenario.spec import DIMENSIONS

#: Net points at which a dimension reaches about 88 (tanh(2) of the way from 50 to 100).
SCALE = 4.0
#: Times a decision pattern counts, in each direction, per run.
PATTERN_CAP = 2
#: Months a consultation of the team covers (the model softens changes for three months).
CONSULT_COVERS_MONTHS = 3

Record = Mapping[str, np.ndarray]


@dataclass(frozen=True)
class Finding:
    """Points for one dimension in one month, per run (0 where the run shows nothing)."""

    month: int
    dimension: str
    points: np.ndarray
    text: str
    source: str  # "choice" (an author's tag) or the name of a decision pattern


@dataclass(frozen=True)
class PatternInput:
    """What a decision pattern reads: the actions in order, and for each month the figures the
    player had in front of them when deciding (the previous month's record; for month 1, the
    practice as it stood with nothing changed)."""

    actions: list[ActionRecord]
    seen: list[Record]
    after: list[Record]  # the record of each month, once played

    def seen_in(self, month: int) -> Record | None:
        return self.seen[month - 1] if 0 < month <= len(self.seen) else None


Pattern = Callable[[PatternInput], list[Finding]]
PATTERNS: dict[str, Pattern] = {}


def pattern(func: Pattern) -> Pattern:
    """Register a decision pattern; its docstring is the rule docs/scoring.md quotes."""
    PATTERNS[func.__name__] = func
    return func


def score(net: np.ndarray) -> np.ndarray:
    """Net points to a 0-100 score: 50 + 50 * tanh(net / SCALE)."""
    return 50.0 + 50.0 * np.tanh(np.asarray(net, float) / SCALE)


def tag_findings(run: ScenarioRun) -> list[Finding]:
    """The author's tags on every choice made, in order. An event nobody answered (settled
    with its first choice at the month's end) shows no leadership either way."""
    events = {e.id: e for e in run.scenario.events}
    out = []
    for act in run.actions:
        if not act.event or act.choice is None or act.settled:
            continue
        event = events[act.event]
        for i, choice in enumerate(event.choices):
            taken = act.mask & (act.choice == i)
            if not taken.any():
                continue
            for dim, value in choice.leadership.items():
                out.append(Finding(act.month, dim, np.where(taken, float(value), 0.0),
                                   f"{event.title}: {choice.label}", "choice"))
    return out


def seen_records(run: ScenarioRun) -> list[Record]:
    """For each month played, the figures on the table when its decisions were made."""
    if not run.history:
        return []
    first = ScenarioRun(run.scenario, run.seed, run.run_ids, months=1)
    first.end_month()
    return [first.history[0].values] + [rec.values for rec in run.history[:-1]]


def pattern_findings(run: ScenarioRun) -> list[Finding]:
    """Every registered decision pattern, capped per run."""
    if not any(a.decision is not None for a in run.actions):
        return []
    data = PatternInput(run.actions, seen_records(run), [r.values for r in run.history])
    out: list[Finding] = []
    for func in PATTERNS.values():
        out += _capped(func(data))
    return out


def _capped(findings: list[Finding]) -> list[Finding]:
    """Keep at most PATTERN_CAP points up and PATTERN_CAP down per dimension per run."""
    used: dict[tuple[str, bool], np.ndarray] = {}
    out = []
    for f in findings:
        up = f.points > 0
        key = (f.dimension, True)
        pos_used = used.get(key, np.zeros_like(f.points))
        neg_used = used.get((f.dimension, False), np.zeros_like(f.points))
        pos = np.minimum(np.clip(f.points, 0, None), np.clip(PATTERN_CAP - pos_used, 0, None))
        neg = np.minimum(np.clip(-f.points, 0, None), np.clip(PATTERN_CAP - neg_used, 0, None))
        used[key], used[(f.dimension, False)] = pos_used + pos, neg_used + neg
        points = np.where(up, pos, -neg)
        if points.any():
            out.append(Finding(f.month, f.dimension, points, f.text, f.source))
    return out


def findings(run: ScenarioRun) -> list[Finding]:
    """All leadership evidence for a run: choice tags, then decision patterns."""
    return tag_findings(run) + pattern_findings(run)


def net_points(run: ScenarioRun, found: list[Finding] | None = None) -> np.ndarray:
    """(runs, 9) net points per dimension."""
    totals = np.zeros((run.world.runs, len(DIMENSIONS)))
    for f in findings(run) if found is None else found:
        totals[:, DIMENSIONS.index(f.dimension)] += f.points
    return totals


def leadership_scores(run: ScenarioRun) -> np.ndarray:
    """(runs, 9) scores 0-100 on the nine dimensions."""
    return score(net_points(run))


# -- decision patterns ------------------------------------------------------------------------
def _decisions(data: PatternInput, kind: type) -> list[ActionRecord]:
    return [a for a in data.actions if isinstance(a.decision, kind)]


def _hit(act: ActionRecord, dim: str, when: np.ndarray | bool, points: float, text: str,
         name: str) -> list[Finding]:
    mask = act.mask & np.asarray(when, bool)
    if not mask.any():
        return []
    return [Finding(act.month, dim, np.where(mask, points, 0.0), text, name)]


def _loss_making(rec: Record) -> np.ndarray:
    """Partners are drawing more than the practice earns, or the account is overdrawn."""
    return (rec["drawings_gbp"] > rec["profit_gbp"]) | (rec["cash_gbp"] < 0)


@pattern
def consulted_before_change(data: PatternInput) -> list[Finding]:
    """Engaging the team: changing how appointments work, or letting staff go, within three
    months of consulting the team (a consult_team decision) scores +1; doing it without
    consulting scores -1. An appointment-model change after consulting also shows sharing the
    vision (+1)."""
    out: list[Finding] = []
    runs = data.actions[0].mask.shape[0] if data.actions else 0
    last = np.full(runs, -99)
    for act in data.actions:
        d = act.decision
        if isinstance(d, ConsultTeamDecision):
            last = np.where(act.mask, act.month, last)
            continue
        if isinstance(d, SetAppointmentModelDecision):
            before = data.seen_in(act.month)
            changed = True if before is None else before["appointment_model"] != d.model
            what = f"Moved to {d.model.replace('_', ' ')} appointments"
        elif isinstance(d, ReleaseDecision):
            changed, what = True, f"Let {d.count} {d.role.replace('_', ' ')} go"
        else:
            continue
        consulted = act.month - last < CONSULT_COVERS_MONTHS
        name = "consulted_before_change"
        out += _hit(act, "engaging_the_team", changed & consulted, 1.0,
                    f"{what} after consulting the team", name)
        out += _hit(act, "engaging_the_team", changed & ~consulted, -1.0,
                    f"{what} without consulting the team", name)
        if isinstance(d, SetAppointmentModelDecision):
            out += _hit(act, "sharing_the_vision", changed & consulted, 1.0,
                        f"{what}, explained to the team first", name)
    return out


@pattern
def acted_on_the_figures(data: PatternInput) -> list[Finding]:
    """Evaluating information: cutting locum sessions when the figures on the table showed the
    partners drawing more than the practice made (or an overdrawn account) scores +1; adding
    locum sessions when the routine wait was over 14 days or more than 5% of requests went
    unmet scores +1. Adding locum sessions while loss-making, with the wait at 10 days or
    less, scores -1."""
    out: list[Finding] = []
    for act in _decisions(data, SetLocumSessionsDecision):
        rec = data.seen_in(act.month)
        if rec is None:
            continue
        new = act.decision.sessions_per_month  # type: ignore[union-attr]
        cut, added = new < rec["locum_sessions"], new > rec["locum_sessions"]
        unmet = rec["unmet_demand"] / np.maximum(rec["appointments_offered"]
                                                 + rec["unmet_demand"], 1.0)
        stretched = (rec["wait_days"] > 14) | (unmet > 0.05)
        name = "acted_on_the_figures"
        dim = "evaluating_information"
        out += _hit(act, dim, cut & _loss_making(rec), 1.0,
                    f"Cut locums to {new:g} sessions when the practice was losing money", name)
        out += _hit(act, dim, added & stretched, 1.0,
                    f"Added locums ({new:g} sessions) when patients were waiting", name)
        out += _hit(act, dim, added & _loss_making(rec) & (rec["wait_days"] <= 10), -1.0,
                    f"Added locums ({new:g} sessions) while losing money, with short waits",
                    name)
    return out


@pattern
def held_drawings_to_profit(data: PatternInput) -> list[Finding]:
    """Holding to account: when the partners were drawing more than the practice made,
    setting drawings at or below the month's profit per partner scores +1; raising drawings
    then scores -1."""
    out: list[Finding] = []
    for act in _decisions(data, SetDrawingsDecision):
        rec = data.seen_in(act.month)
        if rec is None:
            continue
        new = act.decision.per_partner_month_gbp  # type: ignore[union-attr]
        partners = np.maximum(rec["partners"], 1.0)
        current = rec["drawings_gbp"] / partners
        over = rec["drawings_gbp"] > rec["profit_gbp"]
        name = "held_drawings_to_profit"
        out += _hit(act, "holding_to_account", over & (new * partners <= rec["profit_gbp"]),
                    1.0, f"Brought drawings (£{new:,.0f}) within what the practice earned",
                    name)
        out += _hit(act, "holding_to_account", over & (new > current), -1.0,
                    f"Raised drawings to £{new:,.0f} while they exceeded profit", name)
    return out


#: Investment: (figure, threshold, below?, dimension, what it answers).
_INVESTMENT_SIGNALS = {
    "staff_wellbeing": ("staff_wellbeing", 0.55, True, "leading_with_care", "low wellbeing"),
    "coding_and_recording": ("qof_month_achievement", 0.9, True, "evaluating_information",
                             "QOF below 90%"),
    "case_finding": ("prevalence_recording", 0.95, True, "evaluating_information",
                     "disease going unrecorded"),
    "governance_systems": ("cqc_risk", 0.3, False, "holding_to_account", "a CQC risk"),
}


@pattern
def invested_where_needed(data: PatternInput) -> list[Finding]:
    """Investing where the figures showed the need scores +1: the wellbeing programme when
    team wellbeing was below 0.55 (leading with care); coding and recording when QOF was
    below 90%, or case finding when recorded prevalence was below 95% of the true figure
    (evaluating information); governance systems when CQC risk was above 0.3 (holding to
    account)."""
    out: list[Finding] = []
    for act in _decisions(data, InvestDecision):
        item = act.decision.item  # type: ignore[union-attr]
        rec = data.seen_in(act.month)
        if rec is None or item not in _INVESTMENT_SIGNALS:
            continue
        figure, threshold, below, dim, need = _INVESTMENT_SIGNALS[item]
        needed = rec[figure] < threshold if below else rec[figure] > threshold
        out += _hit(act, dim, needed, 1.0,
                    f"Invested in {item.replace('_', ' ')} to answer {need}",
                    "invested_where_needed")
    return out


@pattern
def grew_the_team(data: PatternInput) -> list[Finding]:
    """Developing capability and connecting our service: recruiting a GP registrar, a nurse or
    an additional-roles (ARRS) clinician scores +1 for developing capability; recruiting an
    ARRS role while ARRS money was going unused also scores +1 for connecting our service."""
    out: list[Finding] = []
    growing = {"gp_registrar", "practice_nurse", "nurse_practitioner"}
    for act in _decisions(data, HireDecision):
        role = act.decision.role  # type: ignore[union-attr]
        try:
            arrs = bool(IS_ARRS[role_index(role)])
        except KeyError:
            continue
        label = role.replace("_", " ")
        if role in growing or arrs:
            out += _hit(act, "developing_capability", True, 1.0, f"Recruited a {label}",
                        "grew_the_team")
        rec = data.seen_in(act.month)
        if arrs and rec is not None:
            out += _hit(act, "connecting_our_service", rec["arrs_unused_gbp"] > 0, 1.0,
                        f"Used unclaimed ARRS money for a {label}", "grew_the_team")
    return out


@pattern
def cared_for_the_team(data: PatternInput) -> list[Finding]:
    """Leading with care: a pay award at or above the NHS benchmark (3.6%) scores +1, and one
    under 1% while team wellbeing was below 0.5 scores -1; letting staff go while wellbeing
    was below 0.5 scores -1. Leaving the PCN's enhanced-access rota scores -1 for connecting
    our service."""
    out: list[Finding] = []
    for act in data.actions:
        d, rec = act.decision, data.seen_in(act.month)
        low = rec is not None and rec["staff_wellbeing"] < 0.5
        name = "cared_for_the_team"
        if isinstance(d, SetPayAwardDecision):
            out += _hit(act, "leading_with_care", d.percent >= 3.6, 1.0,
                        f"Gave a {d.percent:g}% pay award", name)
            out += _hit(act, "leading_with_care", (d.percent < 1.0) & low, -1.0,
                        f"Gave a {d.percent:g}% pay award to a struggling team", name)
        elif isinstance(d, ReleaseDecision):
            out += _hit(act, "leading_with_care", low, -1.0,
                        f"Let {d.role.replace('_', ' ')} go while the team was struggling",
                        name)
        elif isinstance(d, SetEnhancedAccessDecision) and not d.enabled:
            out += _hit(act, "connecting_our_service", True, -1.0,
                        "Left the PCN's enhanced-access rota", name)
    return out
