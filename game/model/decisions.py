"""Decisions: frozen command objects, the one authority on what a practice may decide.

Each decision declares its bounds once, on its fields (``bounded``, ``one_of``, ``text``);
from that one source come the model's check, the decision log's JSON Schema, the panels'
input limits and the policies' feasibility. ``check(state, params)`` gives a ``Check``: a mask
of the runs where the decision is allowed now, and the player's message for the others. It
covers the field bounds, what the practice can afford, and the per-month limits a practice
manager would expect (one loan a month, each investment once a month, at most ten posts of
a role advertised in a month, the team consulted once a month).

``apply(state, params, mask)`` checks first, then returns the changed state; where any masked
run may not take the decision it raises ``DecisionError`` with the message and changes
nothing. ``mask`` selects the runs it applies to (all by default), so a balance sweep can give
each run its own policy. ``kind`` is the name used in decision logs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from .decision_rules import (
    Bounds,
    Check,
    Decision,
    DecisionError,
    Mask,
    Options,
    Refusals,
    Rule,
    Text,
    bounded,
    bounds,
    one_of,
    rules,
    text,
)
from .params import Params
from .roles import (
    FTE_PER_HEAD,
    LAG,
    NOTICE,
    PARTNER,
    PENSIONABLE,
    RECRUIT_COST,
    REGISTRAR,
    ROLE_KEYS,
    ROLES,
    ROOM_NEED,
    SALARY,
    SUPERVISION,
    role_index,
)
from .state import APPOINTMENT_MODELS, INVESTMENT_KEYS, PracticeState
from .workforce import committed_room_need, supervision_capacity, supervision_needed

# the rules' machinery (``decision_rules``) is re-exported: callers read it from here too
__all__ = [
    "Bounds",
    "Check",
    "Decision",
    "DecisionError",
    "Mask",
    "Options",
    "Refusals",
    "Rule",
    "Text",
    "bounded",
    "bounds",
    "one_of",
    "rules",
    "text",
    "headroom_gbp",
    "short_of",
    "MAX_POSTS_A_MONTH",
    "HireDecision",
    "ReleaseDecision",
    "SetLocumSessionsDecision",
    "SetDrawingsDecision",
    "SetAppointmentModelDecision",
    "CLOUD_TELEPHONY_SETUP_GBP",
    "ONLINE_CONSULTATION_SETUP_GBP",
    "SetAccessChannelsDecision",
    "SetPayAwardDecision",
    "SetEnhancedAccessDecision",
    "CONSULTATION_COST_GBP",
    "CONSULTATION_MONTHS",
    "ConsultTeamDecision",
    "INVESTMENTS",
    "PER_HEAD",
    "InvestDecision",
    "ROOMS_ADDED_BY_REFURBISHMENT",
    "TakeLoanDecision",
    "GOVERNANCE_PER_REVIEW",
    "SignificantEventAnalysisDecision",
    "DECISION_TYPES",
    "make_decision",
]


def _add(arr: np.ndarray, mask: np.ndarray, delta: float | np.ndarray) -> np.ndarray:
    return np.where(mask, arr + delta, arr)


def _set(arr: np.ndarray, mask: np.ndarray, value: float | np.ndarray) -> np.ndarray:
    return np.where(mask, value, arr)


def headroom_gbp(state: PracticeState) -> np.ndarray:
    """Cash that can be committed now without passing the overdraft limit."""
    return state.cash_pence / 100.0 + state.overdraft_limit_gbp - state.pending_one_off_gbp


def short_of(state: PracticeState, cost: float, what: str) -> tuple[np.ndarray, str]:
    """Runs that cannot afford ``cost`` now, with the message."""
    return (headroom_gbp(state) < cost,
            f"{what} costs £{cost:,.0f}, and cash would fall below the overdraft limit.")


def _impose_change(state: PracticeState, m: np.ndarray, size: float) -> np.ndarray:
    """Change fatigue from a change: a third as much when the team was consulted first."""
    consulted = state.team_consulted > 0
    return _set(state.change_fatigue, m,
                np.clip(state.change_fatigue + np.where(consulted, size / 3, size), 0, 1))


def _label(key: str) -> str:
    return ROLES[role_index(key)].label


def _rooms(n: float) -> str:
    """'1 room serves' or '12 rooms serve'."""
    return f"{n:.0f} room serves" if n == 1 else f"{n:.0f} rooms serve"


def _posts(n: float) -> str:
    return f"{n:g} post" + ("" if n == 1 else "s")


#: Posts of one role a practice can advertise in a month, across all its adverts.
MAX_POSTS_A_MONTH = 10


@dataclass(frozen=True)
class HireDecision(Decision):
    """Advertise posts for a role; people start after the role's lag, if the market allows."""

    kind: ClassVar[str] = "hire"
    role: str = one_of(ROLE_KEYS, "Role")
    count: int = bounded(1, MAX_POSTS_A_MONTH, "Posts to advertise", integer=True, default=1)

    def refusals(self, state: PracticeState, params: Params) -> Refusals:
        r = role_index(self.role)
        if r == REGISTRAR:
            yield (~state.training_practice,
                   "Only an approved training practice can take a GP registrar.")
        already = state.pipeline[:, r, int(LAG[r]) - 1]
        over = already + self.count > MAX_POSTS_A_MONTH
        if over.any():
            yield over, (f"At most {MAX_POSTS_A_MONTH} {_label(self.role)} posts can be "
                         f"advertised in a month ({_posts(float(already[over].max()))} "
                         "already this month).")
        yield from self._room_and_supervision(state, params, r)
        yield short_of(state, self.cost, f"Recruiting {self.count} × {_label(self.role)}")

    def _room_and_supervision(self, state: PracticeState, params: Params, r: int) -> Refusals:
        """Every clinician needs a room for the time they see patients, and registrars, ARRS
        staff and physician associates need GP supervision: a practice cannot hire past
        either, counting posts already being recruited and not counting people leaving."""
        fte = self.count * float(FTE_PER_HEAD[r])
        if ROOM_NEED[r] > 0:
            need = committed_room_need(state) + fte * float(ROOM_NEED[r])
            rooms = state.clinical_rooms * params.clinical_room_fte
            full = need > rooms + 1e-9
            if full.any():
                i = int(np.argmax(full))
                taken = need[i] - fte * ROOM_NEED[r]
                yield full, (f"No clinical room is free for {self.count} more "
                             f"{_label(self.role)}: {_rooms(float(state.clinical_rooms[i]))} "
                             f"{rooms[i]:.1f} whole-time clinicians and {taken:.1f} "
                             "are in post or being recruited. Refurbish to add rooms, or ask "
                             "the PCN for space in a hub.")
        if SUPERVISION[r] > 0:
            wanted = supervision_needed(state) + fte * float(SUPERVISION[r])
            can = supervision_capacity(state, params)
            over = wanted > can + 1e-9
            if over.any():
                i = int(np.argmax(over))
                yield over, (f"The GPs cannot supervise {self.count} more {_label(self.role)}: "
                             f"that needs {fte * SUPERVISION[r]:.1f} GP sessions a month, and "
                             f"{wanted[i] - fte * SUPERVISION[r]:.1f} of the {can[i]:.1f} they "
                             "can give are already taken. More GP time comes first.")

    @property
    def cost(self) -> float:
        return float(RECRUIT_COST[role_index(self.role)]) * self.count

    def effect(self, state: PracticeState, params: Params, m: np.ndarray) -> PracticeState:
        r = role_index(self.role)
        pipeline = state.pipeline.copy()
        pipeline[m, r, int(LAG[r]) - 1] += self.count
        return state.evolve(pipeline=pipeline,
                            pending_one_off_gbp=_add(state.pending_one_off_gbp, m, self.cost))

    def describe(self) -> str:
        return f"Recruit {self.count} × {_label(self.role)}"


@dataclass(frozen=True)
class ReleaseDecision(Decision):
    """Let people go (redundancy, or ending a PCN secondment). Partners cannot be released."""

    kind: ClassVar[str] = "release"
    role: str = one_of(ROLE_KEYS, "Role")
    count: int = bounded(1, 50, "Posts to release", integer=True, default=1)

    def refusals(self, state: PracticeState, params: Params) -> Refusals:
        r = role_index(self.role)
        if r == PARTNER:
            yield (np.ones(state.runs, bool),
                   "Partners cannot be dismissed: a partner leaves by retiring or resigning "
                   "under the partnership agreement.")
            return
        heads = state.heads[:, r] - state.notice[:, r].sum(axis=1)
        few = heads < self.count - 1e-9
        if few.any():
            have = float(np.floor(heads[few].min() + 1e-9))
            there = ("There is no" if have == 0 else
                     f"There {'is' if have == 1 else 'are'} only {have:g}")
            yield few, (f"{there} {_label(self.role)} in post and not already leaving, so "
                        f"{_posts(self.count)} cannot be released.")
        yield short_of(state, self.cost(params), f"Releasing {self.count} × {_label(self.role)}"
                       " (notice and redundancy pay)")

    def cost(self, params: Params) -> float:
        """Notice paid in lieu (pay with employer's on-costs) and statutory redundancy pay,
        for everyone released (Employment Rights Act 1996; S125)."""
        r = role_index(self.role)
        monthly = float(SALARY[r]) * float(FTE_PER_HEAD[r]) / 12.0
        on_costs = params.employer_ni_rate + params.employer_pension_rate * float(PENSIONABLE[r])
        notice = monthly * (1.0 + on_costs) * float(NOTICE[r])
        week = min(monthly * 12.0 / 52.0, params.statutory_redundancy_week_cap_gbp)
        return self.count * (notice + params.redundancy_weeks_per_head * week)

    def effect(self, state: PracticeState, params: Params, m: np.ndarray) -> PracticeState:
        r = role_index(self.role)
        state = state.evolve(pending_one_off_gbp=_add(state.pending_one_off_gbp, m,
                                                      self.cost(params)))
        heads, fte = state.heads.copy(), state.fte.copy()
        each = np.divide(fte[:, r], heads[:, r], out=np.full(state.runs, FTE_PER_HEAD[r]),
                         where=heads[:, r] > 0)
        heads[m, r] -= self.count
        fte[m, r] = np.maximum(fte[m, r] - self.count * each[m], 0.0)
        morale = state.morale.copy()
        morale[m] = np.clip(morale[m] - 0.04 * self.count, 0.0, 1.0)
        return state.evolve(heads=heads, fte=fte, morale=morale,
                            change_fatigue=_impose_change(state, m, 0.1))

    def describe(self) -> str:
        return f"Release {self.count} × {_label(self.role)}"


@dataclass(frozen=True)
class SetLocumSessionsDecision(Decision):
    """Book this many locum GP sessions a month from now on."""

    kind: ClassVar[str] = "set_locum_sessions"
    sessions_per_month: float = bounded(0, 200, "Locum sessions", "sessions a month", step=4)

    def effect(self, state: PracticeState, params: Params, m: np.ndarray) -> PracticeState:
        return state.evolve(locum_sessions=_set(state.locum_sessions, m, self.sessions_per_month))

    def describe(self) -> str:
        n = self.sessions_per_month
        return f"Book {n:g} locum session{'' if n == 1 else 's'} a month"


@dataclass(frozen=True)
class SetDrawingsDecision(Decision):
    """Set each partner's monthly drawings (their advance share of the year's profit)."""

    kind: ClassVar[str] = "set_drawings"
    per_partner_month_gbp: float = bounded(0, 30_000, "Drawings a partner a month", "£",
                                           step=500)

    def effect(self, state: PracticeState, params: Params, m: np.ndarray) -> PracticeState:
        return state.evolve(drawings_per_partner=_set(state.drawings_per_partner, m,
                                                      self.per_partner_month_gbp))

    def describe(self) -> str:
        return f"Set drawings to £{self.per_partner_month_gbp:,.0f} a partner a month"


@dataclass(frozen=True)
class SetAppointmentModelDecision(Decision):
    """Change how appointments are offered: traditional booking, triage first, total triage."""

    kind: ClassVar[str] = "set_appointment_model"
    model: str = one_of(APPOINTMENT_MODELS, "Appointment model")

    def effect(self, state: PracticeState, params: Params, m: np.ndarray) -> PracticeState:
        index = APPOINTMENT_MODELS.index(self.model)
        changing = m & (state.appointment_model != index)
        return state.evolve(appointment_model=_set(state.appointment_model, m, index),
                            change_fatigue=_impose_change(state, changing, 0.35))

    def describe(self) -> str:
        return f"Move to {self.model.replace('_', ' ')} appointments"


#: Set-up cost of each access channel, paid when it is switched on.
CLOUD_TELEPHONY_SETUP_GBP = 6_000.0
ONLINE_CONSULTATION_SETUP_GBP = 2_000.0


@dataclass(frozen=True)
class SetAccessChannelsDecision(Decision):
    """Cloud telephony and online consultation: both are needed for the CAIP access payment."""

    kind: ClassVar[str] = "set_access_channels"
    cloud_telephony: bool = one_of((True, False), "Cloud telephony")
    online_consultations: bool = one_of((True, False), "Online consultation")

    def _adding(self, state: PracticeState) -> tuple[np.ndarray, np.ndarray]:
        phones = self.cloud_telephony & ~state.cloud_telephony
        online = self.online_consultations & ~state.online_consultations
        return phones, online

    def _setup(self, state: PracticeState) -> np.ndarray:
        phones, online = self._adding(state)
        return (CLOUD_TELEPHONY_SETUP_GBP * phones + ONLINE_CONSULTATION_SETUP_GBP * online)

    def refusals(self, state: PracticeState, params: Params) -> Refusals:
        setup = self._setup(state)
        short = (setup > 0) & (headroom_gbp(state) < setup)
        if short.any():
            yield short, (f"Setting up the new access channels costs "
                          f"£{float(setup[short].max()):,.0f}, and cash would fall below the "
                          "overdraft limit.")

    def effect(self, state: PracticeState, params: Params, m: np.ndarray) -> PracticeState:
        setup = self._setup(state)
        adding = m & (setup > 0)
        return state.evolve(
            cloud_telephony=_set(state.cloud_telephony, m, self.cloud_telephony),
            online_consultations=_set(state.online_consultations, m, self.online_consultations),
            pending_one_off_gbp=_add(state.pending_one_off_gbp, adding, setup),
            change_fatigue=_impose_change(state, adding, 0.1))

    def describe(self) -> str:
        on = [name for name, flag in (("cloud phones", self.cloud_telephony),
                                      ("online consultation", self.online_consultations))
              if flag]
        return f"Use {' and '.join(on)}" if on else "Use neither cloud phones nor online " \
                                                     "consultation"


@dataclass(frozen=True)
class SetPayAwardDecision(Decision):
    """The pay rise given to employed staff this year (the NHS benchmark is 3.6%)."""

    kind: ClassVar[str] = "set_pay_award"
    percent: float = bounded(0, 15, "A pay award", "%", step=0.5)

    def effect(self, state: PracticeState, params: Params, m: np.ndarray) -> PracticeState:
        return state.evolve(pay_uplift=_set(state.pay_uplift, m, self.percent / 100.0))

    def describe(self) -> str:
        return f"Give staff a {self.percent:g}% pay award"


@dataclass(frozen=True)
class SetEnhancedAccessDecision(Decision):
    """Take part in the PCN's enhanced access (evening and Saturday) rota, or stop."""

    kind: ClassVar[str] = "set_enhanced_access"
    enabled: bool = one_of((True, False), "Enhanced access")

    def effect(self, state: PracticeState, params: Params, m: np.ndarray) -> PracticeState:
        leaving = m & state.enhanced_access & (not self.enabled)
        return state.evolve(enhanced_access=_set(state.enhanced_access, m, self.enabled),
                            pcn_relationship=_add(state.pcn_relationship, leaving, -0.1))

    def describe(self) -> str:
        return ("Take part in the PCN's evening and Saturday rota" if self.enabled
                else "Stop taking part in the PCN's evening and Saturday rota")


#: What consulting the team costs: protected time for a meeting.
CONSULTATION_COST_GBP = 500.0
#: Months a consultation softens the changes that follow it.
CONSULTATION_MONTHS = 3.0


@dataclass(frozen=True)
class ConsultTeamDecision(Decision):
    """Consult the team before a change: a change in the next three months lands far softer."""

    kind: ClassVar[str] = "consult_team"
    topic: str = text(200, "The topic", default="")

    def refusals(self, state: PracticeState, params: Params) -> Refusals:
        yield (state.team_consulted >= CONSULTATION_MONTHS,
               "The team has already been consulted this month.")
        yield short_of(state, CONSULTATION_COST_GBP, "Consulting the team")

    def effect(self, state: PracticeState, params: Params, m: np.ndarray) -> PracticeState:
        return state.evolve(team_consulted=_set(state.team_consulted, m, CONSULTATION_MONTHS),
                            pending_one_off_gbp=_add(state.pending_one_off_gbp, m,
                                                     CONSULTATION_COST_GBP))

    def describe(self) -> str:
        return f"Consult the team on {self.topic}" if self.topic else "Consult the team"


#: Investments: one-off cost and what each buys.
INVESTMENTS: dict[str, tuple[float, str]] = {
    "coding_and_recording": (8_000.0, "A coding audit and training: better recording (QOF)."),
    "case_finding": (12_000.0, "Searches and clinics to find undiagnosed disease (prevalence)."),
    "staff_wellbeing": (6_000.0, "Protected time, supervision and a wellbeing programme "
                        "(£200 a head of staff)."),
    "governance_systems": (10_000.0, "Policies, audits and a compliance system (CQC)."),
    "premises_refurbishment": (40_000.0, "Two more clinical rooms and a better waiting area."),
}
assert tuple(INVESTMENTS) == INVESTMENT_KEYS
#: Investments priced per head of staff (the listed price is for a team of about 30).
PER_HEAD: dict[str, float] = {"staff_wellbeing": 200.0}


@dataclass(frozen=True)
class InvestDecision(Decision):
    """A one-off investment from ``INVESTMENTS``. Bought again within months of the last, it
    adds less (diminishing returns): its effect is divided by the square of one plus what is
    left of the earlier purchases, which fade by ``INVESTMENT_RECENCY_KEPT`` a month. Bought
    a month after the last, it does about a quarter as much; every month, almost nothing; six
    months on, about half."""

    kind: ClassVar[str] = "invest"
    item: str = one_of(INVESTMENT_KEYS, "Investment")

    def refusals(self, state: PracticeState, params: Params) -> Refusals:
        k = INVESTMENT_KEYS.index(self.item)
        name = self.item.replace("_", " ")
        yield (state.invested_this_month[:, k],
               f"The {name} investment has already been made this month.")
        cost = self.cost(state)
        short = headroom_gbp(state) < cost
        if short.any():
            yield short, (f"The {name} investment costs £{float(cost[short].max()):,.0f}, and "
                          "cash would fall below the overdraft limit.")

    def cost(self, state: PracticeState) -> np.ndarray:
        """What the investment costs each run: its price, or for a programme for the whole team
        (staff wellbeing) its price per head, at least the listed price's fifth."""
        price = INVESTMENTS[self.item][0]
        if self.item in PER_HEAD:
            heads = state.heads.sum(axis=1)
            return np.maximum(heads * PER_HEAD[self.item], price / 5.0)
        return np.full(state.runs, price)

    def effect(self, state: PracticeState, params: Params, m: np.ndarray) -> PracticeState:
        k = INVESTMENT_KEYS.index(self.item)
        strength = 1.0 / (1.0 + state.investment_recency[:, k]) ** 2
        recency, bought = state.investment_recency.copy(), state.invested_this_month.copy()
        recency[m, k] += 1.0
        bought[m, k] = True
        state = state.evolve(
            pending_one_off_gbp=_add(state.pending_one_off_gbp, m, self.cost(state)),
            investment_recency=recency, invested_this_month=bought)
        return _INVESTMENT_EFFECTS[self.item](state, m, strength)

    def describe(self) -> str:
        return f"Invest in {self.item.replace('_', ' ')}"


def _recording(s: PracticeState, m: np.ndarray, k: np.ndarray) -> PracticeState:
    return s.evolve(recording_quality=_set(s.recording_quality, m,
                                           np.minimum(s.recording_quality + 0.08 * k, 1.0)))


def _case_finding(s: PracticeState, m: np.ndarray, k: np.ndarray) -> PracticeState:
    return s.evolve(prevalence_recording=_set(
        s.prevalence_recording, m, np.minimum(s.prevalence_recording + 0.05 * k, 1.05)))


def _wellbeing(s: PracticeState, m: np.ndarray, k: np.ndarray) -> PracticeState:
    kept = 1.0 - 0.25 * k[:, None]
    return s.evolve(burnout=np.where(m[:, None], s.burnout * kept, s.burnout),
                    morale=np.where(m[:, None], np.minimum(s.morale + 0.05 * k[:, None], 1),
                                    s.morale))


def _governance(s: PracticeState, m: np.ndarray, k: np.ndarray) -> PracticeState:
    return s.evolve(governance=_set(s.governance, m, np.minimum(s.governance + 0.1 * k, 1.0)))


#: Consulting rooms a refurbishment adds (the investment's £40,000 converts admin space).
ROOMS_ADDED_BY_REFURBISHMENT = 2.0


def _premises(s: PracticeState, m: np.ndarray, k: np.ndarray) -> PracticeState:
    return s.evolve(
        clinical_rooms=_add(s.clinical_rooms, m, ROOMS_ADDED_BY_REFURBISHMENT),
        satisfaction=_set(s.satisfaction, m, np.minimum(s.satisfaction + 0.02 * k, 1)),
        morale=np.where(m[:, None], np.minimum(s.morale + 0.03 * k[:, None], 1), s.morale))


_INVESTMENT_EFFECTS = {
    "coding_and_recording": _recording, "case_finding": _case_finding,
    "staff_wellbeing": _wellbeing, "governance_systems": _governance,
    "premises_refurbishment": _premises,
}


@dataclass(frozen=True)
class TakeLoanDecision(Decision):
    """Borrow, repaid in equal instalments of principal with interest on the balance."""

    kind: ClassVar[str] = "take_loan"
    amount_gbp: float = bounded(1_000, 500_000, "A loan", "£", step=5_000)
    months: int = bounded(6, 120, "A loan's term", "months", integer=True, default=36)

    def refusals(self, state: PracticeState, params: Params) -> Refusals:
        yield (state.pending_financing_gbp > 0,
               "A loan has already been arranged this month; the bank lends once.")
        yield (state.loan_balance_gbp > 0,
               "The bank will not lend again until the current loan is repaid.")

    def effect(self, state: PracticeState, params: Params, m: np.ndarray) -> PracticeState:
        return state.evolve(
            pending_financing_gbp=_add(state.pending_financing_gbp, m, self.amount_gbp),
            loan_months_left=_set(state.loan_months_left, m, self.months + 1))

    def describe(self) -> str:
        return f"Borrow £{self.amount_gbp:,.0f} over {self.months} months"


#: Governance a practice gains from each incident it reviews in a significant event analysis:
#: the policies and checks the review puts right [E].
GOVERNANCE_PER_REVIEW = 0.005


@dataclass(frozen=True)
class SignificantEventAnalysisDecision(Decision):
    """Review patient safety incidents in a significant event analysis: the facts gathered,
    a blame-free team meeting, what went wrong and what changes. It clears the incidents from
    the list waiting for review, and what the team learns lowers the incident rate for months
    after (see ``safety``). Each incident reviewed costs the time of a GP, a nurse and the
    manager."""

    kind: ClassVar[str] = "significant_event_analysis"
    incidents: int = bounded(1, 10, "Incidents to review", "incidents", integer=True,
                             default=1)

    def refusals(self, state: PracticeState, params: Params) -> Refusals:
        waiting = np.floor(state.incidents_unreviewed + 1e-9)
        yield waiting < 1, "No patient safety incident is waiting for review."
        few = (waiting >= 1) & (waiting < self.incidents)
        if few.any():
            n = float(waiting[few].min())
            yield few, (f"Only {n:.0f} incident{'' if n == 1 else 's'} "
                        f"{'is' if n == 1 else 'are'} waiting for review.")
        yield short_of(state, self.cost(params), "The significant event analysis")

    def cost(self, params: Params) -> float:
        return self.incidents * params.significant_event_analysis_cost_gbp

    def effect(self, state: PracticeState, params: Params, m: np.ndarray) -> PracticeState:
        learnt = np.minimum(state.safety_learning
                            + params.safety_learning_per_review * self.incidents, 1.0)
        return state.evolve(
            incidents_unreviewed=_add(state.incidents_unreviewed, m, -float(self.incidents)),
            safety_learning=_set(state.safety_learning, m, learnt),
            governance=_set(state.governance, m, np.minimum(
                state.governance + GOVERNANCE_PER_REVIEW * self.incidents, 1.0)),
            pending_one_off_gbp=_add(state.pending_one_off_gbp, m, self.cost(params)))

    def describe(self) -> str:
        n = self.incidents
        return f"Review {n} patient safety incident{'' if n == 1 else 's'} (significant event " \
               "analysis)"


DECISION_TYPES: dict[str, type[Decision]] = {
    cls.kind: cls for cls in (
        HireDecision, ReleaseDecision, SetLocumSessionsDecision, SetDrawingsDecision,
        SetAppointmentModelDecision, SetAccessChannelsDecision, SetPayAwardDecision,
        SetEnhancedAccessDecision, ConsultTeamDecision, InvestDecision, TakeLoanDecision,
        SignificantEventAnalysisDecision,
    )
}


def make_decision(kind: str, **values: Any) -> Decision:
    """A decision from its log name and field values, or ``DecisionError`` naming the problem
    (an unknown kind or field; a value out of bounds is found by ``check``)."""
    cls = DECISION_TYPES.get(kind)
    if cls is None:
        raise DecisionError(f"Unknown decision '{kind}' (decisions: "
                            f"{', '.join(DECISION_TYPES)}).")
    try:
        return cls(**values)
    except TypeError as exc:
        raise DecisionError(f"The {kind.replace('_', ' ')} decision: {exc}.") from None
