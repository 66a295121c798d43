"""Leadership on the nine dimensions of the NHS Healthcare Leadership Model.

Evidence comes from three places, and every piece of it is a ``Finding`` that the debrief can
show:

1. **Tags** the scenario's author put on each choice (``leadership: {engaging_the_team: 1}``):
   taking the choice adds those points to those dimensions.
2. **Lapsed cards**: where the author says what letting a card lapse shows (the event's
   ``if_no_decision.leadership``), a card nobody answered counts with those points.
3. **Patterns** in the player's own decisions, from the registry ``PATTERNS`` below: for example
   consulting the team before changing how appointments work, or cutting locum sessions when
   the figures on the table show a loss. Each pattern counts at most ``PATTERN_CAP`` times in
   each direction per run, so repeating a gesture does not farm points.

Every finding belongs to a **situation**: one event card in one month, or one decision pattern
in one month. The rubric (``Profile``) weighs situations, not points alone: a dimension's level
rests on how many situations showed it well or poorly as well as on the net points, so one
card cannot make a leader, poor evidence counts against good, and "exemplary" needs
consistently good play across several situations. A dimension no situation touched is "not
yet shown", never a level. ``docs/scoring.md`` states the rule in words, with a worked example
the tests check against this code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

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
from . import claims as said
from .rubric import (  # noqa: F401  (the rubric's names, re-exported)
    BAND_TOP,
    EXEMPLARY_GOOD,
    LEVEL_NAMES,
    NOT_SHOWN,
    SCALE,
    STRONG_GOOD,
    STRONG_NET,
    STRONG_RATIO,
    Profile,
    score,
)

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
    source: str  # "choice" or "no_decision" (an author's tag), or a decision pattern's name
    situation: str = ""  # the event card or decision pattern, with its month
    claims: tuple[str, ...] = ()  # what the text says about the figures (``claims.CLAIMS``)
    figures: dict[str, np.ndarray] = field(default_factory=dict)  # quoted by the text, per run

    @property
    def key(self) -> str:
        return self.situation or f"{self.source}@{self.month}"

    def line(self, i: int = 0) -> str:
        """The evidence line for run ``i``, with that run's figures."""
        if not self.figures:
            return self.text
        return self.text.format(**{k: float(v[i]) for k, v in self.figures.items()})


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


def tag_findings(run: ScenarioRun) -> list[Finding]:
    """The author's tags on every choice made, in order; and, for a card nobody answered, the
    tags its ``if_no_decision`` gives (a lapsed card without them shows nothing either way)."""
    events = {e.id: e for e in run.scenario.events}
    out = []
    for act in run.actions:
        if not act.event or act.choice is None:
            continue
        event = events[act.event]
        situation = f"{event.id}@{act.month}"
        if act.settled:
            lapse = event.if_no_decision
            for dim, value in (lapse.leadership if lapse else {}).items():
                out.append(Finding(act.month, dim, np.where(act.mask, float(value), 0.0),
                                   f"{event.title}: nobody decided", "no_decision", situation))
            continue
        for i, choice in enumerate(event.choices):
            taken = act.mask & (act.choice == i)
            if not taken.any():
                continue
            for dim, value in choice.leadership.items():
                out.append(Finding(act.month, dim, np.where(taken, float(value), 0.0),
                                   f"{event.title}: {choice.label}", "choice", situation))
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
        out += _capped(verified(func(data), data))
    return out


def verified(found: list[Finding], data: PatternInput) -> list[Finding]:
    """Each finding's claims checked against the record of its month (the figures on the
    table): its points stay only in runs where every claim holds, so no line is shown or
    scored where its wording is untrue."""
    out = []
    for f in found:
        rec = data.seen_in(f.month)
        points = f.points
        if f.claims:
            if rec is None:
                continue
            points = np.where(said.holds(f.claims, rec), f.points, 0.0)
        if points.any():
            out.append(Finding(f.month, f.dimension, points, f.text, f.source, f.situation,
                               f.claims, f.figures))
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
            out.append(Finding(f.month, f.dimension, points, f.text, f.source, f.situation,
                               f.claims, f.figures))
    return out


def findings(run: ScenarioRun) -> list[Finding]:
    """All leadership evidence for a run: tags (choices and lapsed cards), then decision
    patterns."""
    return tag_findings(run) + pattern_findings(run)


def profile(run: ScenarioRun, found: list[Finding] | None = None) -> Profile:
    """The rubric's reading of a run's evidence."""
    return Profile.of(findings(run) if found is None else found, run.world.runs)


def net_points(run: ScenarioRun, found: list[Finding] | None = None) -> np.ndarray:
    """(runs, 9) net points per dimension."""
    return profile(run, found).net


def leadership_scores(run: ScenarioRun) -> np.ndarray:
    """(runs, 9) scores 0-100 on the nine dimensions."""
    return profile(run).scores()


# -- decision patterns ------------------------------------------------------------------------
def _decisions(data: PatternInput, kind: type) -> list[ActionRecord]:
    return [a for a in data.actions if isinstance(a.decision, kind)]


def _hit(act: ActionRecord, dim: str, when: np.ndarray | bool, points: float, text: str,
         name: str, claims: tuple[str, ...] = (), rec: Record | None = None) -> list[Finding]:
    """A finding for the runs in ``when``. ``claims`` name what the line says about the
    figures on the table (``rec``): their words end the line, with the figures quoted."""
    mask = act.mask & np.asarray(when, bool)
    if not mask.any():
        return []
    if claims:
        assert rec is not None
        text = text.replace("{", "{{").replace("}", "}}") + " when " + said.words(claims)
    figures = said.figures(claims, rec) if claims and rec is not None else {}
    return [Finding(act.month, dim, np.where(mask, points, 0.0), text, name,
                    f"{name}@{act.month}", claims, figures)]


def _over_or_overdrawn(rec: Record) -> list[tuple[np.ndarray, tuple[str, ...]]]:
    """Partners drawing more than the practice makes, or else an overdrawn account: each with
    the claim its evidence line makes."""
    over = rec["drawings_gbp"] > rec["profit_gbp"]
    return [(over, ("drawing_over_profit",)), (~over & (rec["cash_gbp"] < 0), ("overdrawn",))]


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
        long_wait = rec["wait_days"] > 14
        unmet = said.CLAIMS["requests_unmet"].holds(rec)
        name = "acted_on_the_figures"
        dim = "evaluating_information"
        for when, why in _over_or_overdrawn(rec):
            out += _hit(act, dim, cut & when, 1.0, f"Cut locums to {new:g} sessions", name,
                        why, rec)
            out += _hit(act, dim, added & when & (rec["wait_days"] <= 10), -1.0,
                        f"Added locums ({new:g} sessions)", name, (*why, "short_wait"), rec)
        out += _hit(act, dim, added & long_wait, 1.0, f"Added locums ({new:g} sessions)",
                    name, ("long_wait",), rec)
        out += _hit(act, dim, added & ~long_wait & unmet, 1.0,
                    f"Added locums ({new:g} sessions)", name, ("requests_unmet",), rec)
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
        why = ("drawing_over_profit",)
        out += _hit(act, "holding_to_account", over & (new * partners <= rec["profit_gbp"]),
                    1.0, f"Brought drawings to £{new:,.0f} a partner, within the profit,",
                    name, why, rec)
        out += _hit(act, "holding_to_account", over & (new > current), -1.0,
                    f"Raised drawings to £{new:,.0f} a partner", name, why, rec)
    return out


#: Investment: (the claim that shows the need, dimension).
_INVESTMENT_SIGNALS = {
    "staff_wellbeing": ("wellbeing_below_055", "leading_with_care"),
    "coding_and_recording": ("qof_below_90", "evaluating_information"),
    "case_finding": ("prevalence_below_95", "evaluating_information"),
    "governance_systems": ("cqc_risk_above_03", "holding_to_account"),
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
        need, dim = _INVESTMENT_SIGNALS[item]
        out += _hit(act, dim, said.CLAIMS[need].holds(rec), 1.0,
                    f"Invested in {item.replace('_', ' ')}", "invested_where_needed", (need,),
                    rec)
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
                        f"Recruited a {label} through ARRS", "grew_the_team",
                        ("arrs_unclaimed",), rec)
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
        name, why = "cared_for_the_team", ("wellbeing_below_050",)
        if isinstance(d, SetPayAwardDecision):
            out += _hit(act, "leading_with_care", d.percent >= 3.6, 1.0,
                        f"Gave a {d.percent:g}% pay award", name)
            out += _hit(act, "leading_with_care", (d.percent < 1.0) & low, -1.0,
                        f"Gave a {d.percent:g}% pay award", name, why, rec)
        elif isinstance(d, ReleaseDecision):
            out += _hit(act, "leading_with_care", low, -1.0,
                        f"Let {d.role.replace('_', ' ')} go", name, why, rec)
        elif isinstance(d, SetEnhancedAccessDecision) and not d.enabled:
            out += _hit(act, "connecting_our_service", True, -1.0,
                        "Left the PCN's enhanced-access rota", name)
    return out
