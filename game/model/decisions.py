"""Decisions: frozen command objects that the model checks and applies between months.

Each decision has ``apply(state, params, mask) -> state``. It either returns the changed state
or raises ``DecisionError`` with a message a player can act on; it never half-applies. ``mask``
selects the runs it applies to (all of them by default), so a balance sweep can give each run
its own policy. ``kind`` is the name used in decision logs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from .params import Params
from .roles import (
    FTE_PER_HEAD,
    LAG,
    PARTNER,
    RECRUIT_COST,
    REGISTRAR,
    ROLE_KEYS,
    ROLES,
    role_index,
)
from .state import APPOINTMENT_MODELS, PracticeState


class DecisionError(ValueError):
    """A decision the practice cannot take; the message is written for the player."""


Mask = np.ndarray | None


def _mask(state: PracticeState, mask: Mask) -> np.ndarray:
    return np.ones(state.runs, bool) if mask is None else np.asarray(mask, bool)


def _add(arr: np.ndarray, mask: np.ndarray, delta: float | np.ndarray) -> np.ndarray:
    return np.where(mask, arr + delta, arr)


def _set(arr: np.ndarray, mask: np.ndarray, value: float | int | bool) -> np.ndarray:
    return np.where(mask, value, arr)


def headroom_gbp(state: PracticeState) -> np.ndarray:
    """Cash that can be committed now without passing the overdraft limit."""
    return state.cash_pence / 100.0 + state.overdraft_limit_gbp - state.pending_one_off_gbp


def require_cash(state: PracticeState, mask: np.ndarray, cost: float, what: str) -> None:
    short = mask & (headroom_gbp(state) < cost)
    if short.any():
        raise DecisionError(
            f"{what} costs £{cost:,.0f}, and cash would fall below the overdraft limit.")


def _impose_change(state: PracticeState, m: np.ndarray, size: float) -> np.ndarray:
    """Change fatigue from a change: a third as much when the team was consulted first."""
    consulted = state.team_consulted > 0
    return _set(state.change_fatigue, m,
                np.clip(state.change_fatigue + np.where(consulted, size / 3, size), 0, 1))


@dataclass(frozen=True)
class Decision:
    kind: ClassVar[str] = ""

    def apply(self, state: PracticeState, params: Params, mask: Mask = None) -> PracticeState:
        raise NotImplementedError

    def describe(self) -> str:
        return self.kind.replace("_", " ")


@dataclass(frozen=True)
class HireDecision(Decision):
    """Advertise posts for a role; people start after the role's lag, if the market allows."""

    kind: ClassVar[str] = "hire"
    role: str
    count: int = 1

    def apply(self, state: PracticeState, params: Params, mask: Mask = None) -> PracticeState:
        r = _known_role(self.role)
        if not 1 <= self.count <= 10:
            raise DecisionError("Advertise between 1 and 10 posts at a time.")
        m = _mask(state, mask)
        if r == REGISTRAR and not state.training_practice[m].all():
            raise DecisionError("Only an approved training practice can take a GP registrar.")
        cost = float(RECRUIT_COST[r]) * self.count
        require_cash(state, m, cost, f"Recruiting {self.count} {ROLES[r].label}")
        pipeline = state.pipeline.copy()
        slot = int(LAG[r]) - 1
        pipeline[m, r, slot] += self.count
        return state.evolve(pipeline=pipeline,
                            pending_one_off_gbp=_add(state.pending_one_off_gbp, m, cost))

    def describe(self) -> str:
        return f"Recruit {self.count} × {ROLES[_known_role(self.role)].label}"


@dataclass(frozen=True)
class ReleaseDecision(Decision):
    """Let people go (redundancy, or ending a PCN secondment). Partners cannot be released."""

    kind: ClassVar[str] = "release"
    role: str
    count: int = 1

    def apply(self, state: PracticeState, params: Params, mask: Mask = None) -> PracticeState:
        r = _known_role(self.role)
        if r == PARTNER:
            raise DecisionError("Partners cannot be dismissed: a partner leaves by retiring or "
                                "resigning under the partnership agreement.")
        m = _mask(state, mask)
        if (state.heads[m, r] < self.count - 1e-9).any():
            raise DecisionError(f"There are not {self.count} {ROLES[r].label} posts to release.")
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
        return f"Release {self.count} × {ROLES[_known_role(self.role)].label}"


@dataclass(frozen=True)
class SetLocumSessionsDecision(Decision):
    """Book this many locum GP sessions a month from now on."""

    kind: ClassVar[str] = "set_locum_sessions"
    sessions_per_month: float

    def apply(self, state: PracticeState, params: Params, mask: Mask = None) -> PracticeState:
        if not 0 <= self.sessions_per_month <= 200:
            raise DecisionError("Locum sessions must be between 0 and 200 a month.")
        m = _mask(state, mask)
        return state.evolve(locum_sessions=_set(state.locum_sessions, m, self.sessions_per_month))

    def describe(self) -> str:
        return f"Book {self.sessions_per_month:g} locum sessions a month"


@dataclass(frozen=True)
class SetDrawingsDecision(Decision):
    """Set each partner's monthly drawings (their advance share of the year's profit)."""

    kind: ClassVar[str] = "set_drawings"
    per_partner_month_gbp: float

    def apply(self, state: PracticeState, params: Params, mask: Mask = None) -> PracticeState:
        if not 0 <= self.per_partner_month_gbp <= 30_000:
            raise DecisionError("Drawings must be between £0 and £30,000 a partner a month.")
        m = _mask(state, mask)
        return state.evolve(drawings_per_partner=_set(state.drawings_per_partner, m,
                                                      self.per_partner_month_gbp))

    def describe(self) -> str:
        return f"Set drawings to £{self.per_partner_month_gbp:,.0f} a partner a month"


@dataclass(frozen=True)
class SetAppointmentModelDecision(Decision):
    """Change how appointments are offered: traditional booking, triage first, total triage."""

    kind: ClassVar[str] = "set_appointment_model"
    model: str

    def apply(self, state: PracticeState, params: Params, mask: Mask = None) -> PracticeState:
        if self.model not in APPOINTMENT_MODELS:
            raise DecisionError(f"Unknown appointment model '{self.model}' "
                                f"(choose from {', '.join(APPOINTMENT_MODELS)}).")
        m = _mask(state, mask)
        index = APPOINTMENT_MODELS.index(self.model)
        changing = m & (state.appointment_model != index)
        return state.evolve(appointment_model=_set(state.appointment_model, m, index),
                            change_fatigue=_impose_change(state, changing, 0.35))

    def describe(self) -> str:
        return f"Move to {self.model.replace('_', ' ')} appointments"


@dataclass(frozen=True)
class SetAccessChannelsDecision(Decision):
    """Cloud telephony and online consultation: both are needed for the CAIP access payment."""

    kind: ClassVar[str] = "set_access_channels"
    cloud_telephony: bool
    online_consultations: bool

    def apply(self, state: PracticeState, params: Params, mask: Mask = None) -> PracticeState:
        m = _mask(state, mask)
        adding = m & ((self.cloud_telephony & ~state.cloud_telephony)
                      | (self.online_consultations & ~state.online_consultations))
        setup = 6_000.0 * self.cloud_telephony + 2_000.0 * self.online_consultations
        require_cash(state, adding, setup, "Setting up the new access channels")
        return state.evolve(
            cloud_telephony=_set(state.cloud_telephony, m, self.cloud_telephony),
            online_consultations=_set(state.online_consultations, m, self.online_consultations),
            pending_one_off_gbp=_add(state.pending_one_off_gbp, adding, setup),
            change_fatigue=_impose_change(state, adding, 0.1))


@dataclass(frozen=True)
class SetPayAwardDecision(Decision):
    """The pay rise given to employed staff this year (the NHS benchmark is 3.6%)."""

    kind: ClassVar[str] = "set_pay_award"
    percent: float

    def apply(self, state: PracticeState, params: Params, mask: Mask = None) -> PracticeState:
        if not 0 <= self.percent <= 15:
            raise DecisionError("A pay award must be between 0% and 15%.")
        m = _mask(state, mask)
        return state.evolve(pay_uplift=_set(state.pay_uplift, m, self.percent / 100.0))

    def describe(self) -> str:
        return f"Give staff a {self.percent:g}% pay award"


@dataclass(frozen=True)
class SetEnhancedAccessDecision(Decision):
    """Take part in the PCN's enhanced access (evening and Saturday) rota, or stop."""

    kind: ClassVar[str] = "set_enhanced_access"
    enabled: bool

    def apply(self, state: PracticeState, params: Params, mask: Mask = None) -> PracticeState:
        m = _mask(state, mask)
        leaving = m & state.enhanced_access & (not self.enabled)
        return state.evolve(enhanced_access=_set(state.enhanced_access, m, self.enabled),
                            pcn_relationship=_add(state.pcn_relationship, leaving, -0.1))


@dataclass(frozen=True)
class ConsultTeamDecision(Decision):
    """Consult the team before a change: a change in the next three months lands far softer."""

    kind: ClassVar[str] = "consult_team"
    topic: str = ""

    def apply(self, state: PracticeState, params: Params, mask: Mask = None) -> PracticeState:
        m = _mask(state, mask)
        return state.evolve(team_consulted=_set(state.team_consulted, m, 3.0),
                            pending_one_off_gbp=_add(state.pending_one_off_gbp, m, 500.0))


#: Investments: one-off cost and what each buys.
INVESTMENTS: dict[str, tuple[float, str]] = {
    "coding_and_recording": (8_000.0, "A coding audit and training: better recording (QOF)."),
    "case_finding": (12_000.0, "Searches and clinics to find undiagnosed disease (prevalence)."),
    "staff_wellbeing": (6_000.0, "Protected time, supervision and a wellbeing programme."),
    "governance_systems": (10_000.0, "Policies, audits and a compliance system (CQC)."),
    "premises_refurbishment": (40_000.0, "More clinical rooms and a better waiting area."),
}


@dataclass(frozen=True)
class InvestDecision(Decision):
    """A one-off investment from ``INVESTMENTS``."""

    kind: ClassVar[str] = "invest"
    item: str

    def apply(self, state: PracticeState, params: Params, mask: Mask = None) -> PracticeState:
        if self.item not in INVESTMENTS:
            raise DecisionError(f"Unknown investment '{self.item}' "
                                f"(choose from {', '.join(INVESTMENTS)}).")
        cost = INVESTMENTS[self.item][0]
        m = _mask(state, mask)
        require_cash(state, m, cost, f"The {self.item.replace('_', ' ')} investment")
        state = state.evolve(pending_one_off_gbp=_add(state.pending_one_off_gbp, m, cost))
        return _INVESTMENT_EFFECTS[self.item](state, m)

    def describe(self) -> str:
        return f"Invest in {self.item.replace('_', ' ')}"


def _recording(s: PracticeState, m: np.ndarray) -> PracticeState:
    return s.evolve(recording_quality=_set(s.recording_quality, m,
                                           np.minimum(s.recording_quality + 0.08, 1.0)))


def _case_finding(s: PracticeState, m: np.ndarray) -> PracticeState:
    return s.evolve(prevalence_recording=_set(s.prevalence_recording, m,
                                              np.minimum(s.prevalence_recording + 0.05, 1.05)))


def _wellbeing(s: PracticeState, m: np.ndarray) -> PracticeState:
    return s.evolve(burnout=np.where(m[:, None], s.burnout * 0.75, s.burnout),
                    morale=np.where(m[:, None], np.minimum(s.morale + 0.05, 1), s.morale))


def _governance(s: PracticeState, m: np.ndarray) -> PracticeState:
    return s.evolve(governance=_set(s.governance, m, np.minimum(s.governance + 0.1, 1.0)))


def _premises(s: PracticeState, m: np.ndarray) -> PracticeState:
    return s.evolve(satisfaction=_set(s.satisfaction, m, np.minimum(s.satisfaction + 0.02, 1)),
                    morale=np.where(m[:, None], np.minimum(s.morale + 0.03, 1), s.morale))


_INVESTMENT_EFFECTS = {
    "coding_and_recording": _recording, "case_finding": _case_finding,
    "staff_wellbeing": _wellbeing, "governance_systems": _governance,
    "premises_refurbishment": _premises,
}


@dataclass(frozen=True)
class TakeLoanDecision(Decision):
    """Borrow, repaid in equal instalments of principal with interest on the balance."""

    kind: ClassVar[str] = "take_loan"
    amount_gbp: float
    months: int = 36

    def apply(self, state: PracticeState, params: Params, mask: Mask = None) -> PracticeState:
        if not 1_000 <= self.amount_gbp <= 500_000:
            raise DecisionError("A loan must be between £1,000 and £500,000.")
        if not 6 <= self.months <= 120:
            raise DecisionError("A loan must be repaid over 6 to 120 months.")
        m = _mask(state, mask)
        if (m & (state.loan_balance_gbp > 0)).any():
            raise DecisionError("The bank will not lend again until the current loan is repaid.")
        return state.evolve(
            pending_financing_gbp=_add(state.pending_financing_gbp, m, self.amount_gbp),
            loan_months_left=_set(state.loan_months_left, m, self.months + 1))

    def describe(self) -> str:
        return f"Borrow £{self.amount_gbp:,.0f} over {self.months} months"


def _known_role(key: str) -> int:
    try:
        return role_index(key)
    except KeyError:
        raise DecisionError(f"Unknown role '{key}' (roles: {', '.join(ROLE_KEYS)}).") from None


DECISION_TYPES: dict[str, type[Decision]] = {
    cls.kind: cls for cls in (
        HireDecision, ReleaseDecision, SetLocumSessionsDecision, SetDrawingsDecision,
        SetAppointmentModelDecision, SetAccessChannelsDecision, SetPayAwardDecision,
        SetEnhancedAccessDecision, ConsultTeamDecision, InvestDecision, TakeLoanDecision,
    )
}
