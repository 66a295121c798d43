"""Service obligations: what an English practice meets when it cannot serve its patients.

Three consequences follow access and staffing, month by month:

- **Patients vote with their feet.** While the routine wait, unmet demand and satisfaction are
  acceptable the list grows at its trend (joiners less the usual leavers: moves and deaths).
  As access falls (``access_shortfall``), more patients register elsewhere and fewer join, so
  the list, and with it capitation, follows access with a lag.
- **Complaints** (formal, written) run at the national rate per 1,000 patients and rise with the
  access shortfall and with understaffing. CQC reads them as intelligence (``quality.inspect``).
- **The ICB's contract management** (GMS Contracts Regulations 2015, Schedule 3, Part 8,
  S126). A month in which the practice does not provide essential services (a routine wait or
  unmet demand beyond the ICB's limits, too few clinical sessions for the list, too few staff
  to answer the phones, or a CQC rating of inadequate) is a failing month. After several
  failing months in a row the ICB issues a remedial notice; if the practice is still failing
  when the notice period ends, a breach notice; a breach repeated (still failing at the end of
  the breach notice's period, or a second breach notice) ends the contract. A practice that
  puts things right by the end of a notice period returns to ordinary monitoring, but a breach
  notice stays on its record. CQC enforcement after a second inadequate rating in a row counts
  as a breach.

Contract states are integers over runs: 0 none, 1 remedial notice, 2 breach notice, 3 the
contract terminated (final).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import noise as slots
from .params import Params
from .roles import APPTS_PER_FTE
from .state import PracticeState

CONTRACT_STATUSES: tuple[str, ...] = ("none", "remedial_notice", "breach_notice", "terminated")
NONE, REMEDIAL, BREACH, TERMINATED = range(4)

#: Where each part of the access shortfall begins and how far it runs to count 1 [E]: unmet
#: demand above 2% of requests (a well-run practice gives up few), satisfaction below 60%
#: (the GP Patient Survey's lowest-scoring practices, S106). Each part is capped at 2.
UNMET_TOLERATED = 0.02
UNMET_SPAN = 0.08
SATISFACTION_TOLERATED = 0.60
SATISFACTION_SPAN = 0.30
WAIT_SPAN_DAYS = 28.0
#: Weights of the wait, unmet demand and satisfaction in the shortfall [E].
SHORTFALL_WEIGHTS = (0.5, 0.25, 0.25)
#: 1 for each role that sees patients (GPs, nurses, HCAs and the ARRS clinicians).
CLINICAL = (APPTS_PER_FTE > 0).astype(float)
#: Reception and admin staffing, as a share of what the list needs, below which patients
#: start to complain about getting through [E]: a practice a post or two short copes.
RECEPTION_TOLERATED = 0.85
#: Sessions in a whole-time week, for clinical sessions per 1,000 patients (S54).
SESSIONS_PER_FTE_WEEK = 9.0
WEEKS_PER_MONTH = 52.0 / 12.0


def access_shortfall(wait_days: np.ndarray, unmet_share: np.ndarray, satisfaction: np.ndarray,
                     params: Params) -> np.ndarray:
    """How far access has fallen below what patients accept: 0 while it is acceptable, 1 at
    about a six-week routine wait (or the equivalent in unmet demand and dissatisfaction)."""
    wait = np.clip((wait_days - params.access_wait_tolerated_days) / WAIT_SPAN_DAYS, 0.0, 2.0)
    unmet = np.clip((unmet_share - UNMET_TOLERATED) / UNMET_SPAN, 0.0, 2.0)
    unhappy = np.clip((SATISFACTION_TOLERATED - satisfaction) / SATISFACTION_SPAN, 0.0, 2.0)
    w_wait, w_unmet, w_unhappy = SHORTFALL_WEIGHTS
    return w_wait * wait + w_unmet * unmet + w_unhappy * unhappy


@dataclass(frozen=True)
class ListMovement:
    joined: np.ndarray  # (R,) patients who registered this month
    left: np.ndarray  # (R,) patients who left, those leaving for access included
    left_access: np.ndarray  # (R,) patients who registered elsewhere because of access
    list_by_age: np.ndarray  # (R, bands) next month's list


def move_list(state: PracticeState, params: Params, shortfall: np.ndarray,
              u: np.ndarray) -> ListMovement:
    """Joiners and leavers this month. With no shortfall the list grows at its trend (with a
    little noise); a shortfall sends patients elsewhere and deters some who would have joined.
    The age mix is kept (a simplification: movers are of every age)."""
    patients = state.list_by_age.sum(axis=1)
    turnover = params.list_turnover_annual / 12.0
    join_rate = (turnover + params.list_growth_annual / 12.0
                 + 0.002 * (u[:, slots.LIST_CHANGE] - 0.5))
    deterred = params.access_joining_loss_share * np.minimum(shortfall, 1.0)
    joined = patients * join_rate * (1.0 - deterred)
    left_access = patients * params.access_leaving_share_month * shortfall
    left = patients * turnover + left_access
    factor = 1.0 + (joined - left) / np.maximum(patients, 1.0)
    return ListMovement(joined, left, left_access, state.list_by_age * factor[:, None])


def clinical_sessions_per_1000(at_work_clinical_fte: np.ndarray, locum_sessions: np.ndarray,
                               patients: np.ndarray) -> np.ndarray:
    """Clinical sessions a week per 1,000 patients: clinicians at work (GPs and every other
    role that sees patients) at nine sessions a whole-time week, plus booked locum sessions."""
    weekly = (at_work_clinical_fte * SESSIONS_PER_FTE_WEEK + locum_sessions / WEEKS_PER_MONTH)
    return weekly / np.maximum(patients / 1000.0, 1e-9)


def understaffing(sessions_per_1000: np.ndarray, reception_share: np.ndarray,
                  params: Params) -> np.ndarray:
    """0-1: how far clinical sessions fall short of twice the ICB's minimum, or reception and
    admin of most of what the list needs, whichever is worse."""
    clinical = np.clip(1.0 - sessions_per_1000
                       / (2.0 * params.contract_min_clinical_sessions_per_1000_week), 0.0, 1.0)
    reception = np.clip(1.0 - reception_share / RECEPTION_TOLERATED, 0.0, 1.0)
    return np.maximum(clinical, reception)


def complaints(patients: np.ndarray, shortfall: np.ndarray, understaffed: np.ndarray,
               params: Params, u: np.ndarray, incidents: np.ndarray | float = 0.0
               ) -> np.ndarray:
    """Formal written complaints this month: the national rate for the list, raised by the
    access shortfall and understaffing, plus those that ``incidents`` (patient safety
    incidents beyond a calm month's) bring, as a whole number with that mean."""
    base = patients / 1000.0 * params.complaints_per_1000_patients_year / 12.0
    expected = base * (1.0 + params.complaints_access_multiplier * shortfall
                       + params.complaints_staffing_multiplier * understaffed)
    expected = expected + params.complaints_per_safety_incident * incidents
    return np.floor(expected + u[:, slots.COMPLAINTS])


def recent_complaints(state: PracticeState, this_month: np.ndarray) -> np.ndarray:
    """The last three months' complaints (R, 3), oldest first, this month's last."""
    return np.concatenate([state.complaints_recent[:, 1:], this_month[:, None]], axis=1)


@dataclass(frozen=True)
class ContractFailures:
    """Which essential-service tests the practice failed this month (R,) bool each."""

    wait: np.ndarray
    unmet: np.ndarray
    sessions: np.ndarray
    phones: np.ndarray
    cqc: np.ndarray

    @property
    def any(self) -> np.ndarray:
        return self.wait | self.unmet | self.sessions | self.phones | self.cqc


def contract_failures(params: Params, *, wait_days: np.ndarray, unmet_share: np.ndarray,
                      sessions_per_1000: np.ndarray, reception_share: np.ndarray,
                      inadequate: np.ndarray) -> ContractFailures:
    """The ICB's tests of essential services, each against its limit."""
    return ContractFailures(
        wait=wait_days > params.contract_wait_limit_days,
        unmet=unmet_share > params.contract_unmet_limit_share,
        sessions=sessions_per_1000 < params.contract_min_clinical_sessions_per_1000_week,
        phones=reception_share < params.contract_min_reception_share,
        cqc=inadequate)


@dataclass(frozen=True)
class ContractReview:
    status: np.ndarray  # (R,) int, index into CONTRACT_STATUSES
    months_in_status: np.ndarray  # (R,) months since the status last changed
    failing_months: np.ndarray  # (R,) consecutive failing months
    breach_notices: np.ndarray  # (R,) breach notices issued since the start
    months_to_review: np.ndarray  # (R,) months left of a notice period (0 with none)


def review_contract(state: PracticeState, params: Params, failing: np.ndarray,
                    enforcement: np.ndarray) -> ContractReview:
    """The ICB's monthly review: notices issued, lifted or escalated (see the module text)."""
    status = state.contract_status
    failing_months = np.where(failing, state.contract_failing_months + 1, 0)
    months_in = state.contract_months_in_status + 1
    due = months_in >= params.contract_notice_months
    repeated = np.where(state.contract_breach_notices >= 1, TERMINATED, BREACH)
    new = np.where((status == NONE)
                   & (failing_months >= params.contract_failing_months_before_notice),
                   REMEDIAL, status)
    remedial_ends = (status == REMEDIAL) & due
    new = np.where(remedial_ends, np.where(failing, repeated, NONE), new)
    breach_ends = (status == BREACH) & due
    new = np.where(breach_ends, np.where(failing, TERMINATED, NONE), new)
    new = np.where(enforcement & (new < BREACH), repeated, new)
    new = np.where(enforcement & (status == BREACH), TERMINATED, new)
    changed = new != status
    breaches = state.contract_breach_notices + ((new == BREACH) & changed)
    months_in = np.where(changed, 0, months_in)
    noticed = (new == REMEDIAL) | (new == BREACH)
    to_review = np.where(noticed, np.maximum(params.contract_notice_months - months_in, 0), 0)
    return ContractReview(new, months_in, failing_months, breaches, to_review)


@dataclass(frozen=True)
class Obligations:
    """The month's service obligations, for the next state and the record."""

    shortfall: np.ndarray  # (R,) access shortfall, 0 while access is acceptable
    movement: ListMovement
    complaints: np.ndarray  # (R,) formal complaints this month
    complaints_recent: np.ndarray  # (R, 3) the last three months', this month's last
    sessions_per_1000: np.ndarray  # (R,) clinical sessions a week per 1,000 patients
    failures: ContractFailures
    contract: ContractReview


def income_while_contracted(state: PracticeState, income: dict[str, np.ndarray]
                            ) -> dict[str, np.ndarray]:
    """A practice whose contract has been terminated receives no income for it (the list goes
    to other providers), while its costs run on until the partnership is wound up; the model
    does not wind it up (a simplification: a scenario ends the run at termination)."""
    open_ = state.contract_status != TERMINATED
    return {line: np.where(open_, value, 0.0) for line, value in income.items()}
