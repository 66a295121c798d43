"""One month of the practice: ``advance(state, params, noise) -> (state, record)``.

This is the only thing that moves the clock. It is pure: the same state, parameters and random
numbers always give the same result, for one run or ten thousand at once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from . import money
from . import obligations as ob
from . import people as pp
from .access import AccessOutcome, coverage, match
from .arrays import dot
from .demand import new_demand, seasonal_factor, weighted_list
from .noise import MODEL_WIDTH
from .params import Params
from .quality import (
    INADEQUATE,
    Inspection,
    cqc_concern,
    cqc_costs,
    cqc_risk,
    governance_next,
    inspect,
    qof_full_value,
    qof_month_rate,
    qof_year,
    satisfaction_target,
)
from .record import MonthRecord, build_record
from .roles import LONG_TERM_CONDITIONS, PARTNER, QUALIFIED_GP
from .safety import Safety, open_concerns, patient_safety, rate_factor, supervision_gap
from .state import (
    INVESTMENT_RECENCY_KEPT,
    PracticeProfile,
    PracticeState,
    initial_state,
    room_need_fte,
)
from .wellbeing import (
    PAY_BENCHMARK,
    Wellbeing,
    contacts_per_gp_day,
    group_pressure,
    staff_wellbeing,
    update_wellbeing,
)
from .workforce import (
    Capacity,
    StaffingChange,
    at_work_fte,
    capacity,
    reception_cover,
    sickness_share,
    staffing_change,
    supervision_capacity,
)


def advance(
    state: PracticeState, params: Params, noise: np.ndarray, *,
    recruitment_market: float | np.ndarray = 1.0, force_inspection: np.ndarray | None = None,
) -> tuple[PracticeState, MonthRecord]:
    """Play one month for every run. ``noise`` is (runs, width) uniforms for this month, in
    the order of ``noise.state_streams(state.person_ids)``: the model's streams, then each
    named person's."""
    u = noise
    cal = state.calendar_month
    named = _NamedMonth.none()
    if state.person_ids:
        state, named = _named_people(state, params, u)
    staff = staffing_change(state, params, recruitment_market, u, named.staying, named.resigned)
    if state.person_ids:
        staff = named.corrected(state, staff)
    sick = sickness_share(state, params, u)
    patients = state.list_by_age.sum(axis=1)
    weighted = weighted_list(state, params)
    cap = capacity(staff.fte, sick, state, params, patients, absent=named.absent)
    demand = new_demand(state, params, cal, u)
    access = match(state, params, demand, cap)

    contacts = contacts_per_gp_day(access, cap, params)
    pressure = group_pressure(state, params, access, cap, staff.fte, patients, contacts)
    wb = update_wellbeing(state, params, pressure, contacts)
    gp_fte = dot(staff.fte, QUALIFIED_GP)
    admin_ok = reception_cover(staff.fte, patients)

    qof_rate = qof_month_rate(access, state, params)
    qof_value = qof_full_value(patients, state, params)
    qof = qof_year(state, params, qof_rate, qof_value)
    balancing = qof.balancing_paid
    sat = state.satisfaction + params.satisfaction_adjust_rate * (
        satisfaction_target(state, params, access, gp_fte, patients, admin_ok)
        - state.satisfaction)
    governance = governance_next(state, staff.fte, wb.burnout)
    safe = _safety(state, params, u, access=access, cap=cap, wb=wb, governance=governance)
    risk = cqc_risk(governance, wb.burnout, qof_rate, sat, safe.index)
    sessions = ob.clinical_sessions_per_1000(
        dot(at_work_fte(staff.fte, sick, named.absent), ob.CLINICAL), state.locum_sessions,
        patients)
    obligations, insp = _obligations(state, params, u, force_inspection, safe, access=access,
                                     demand=demand, sat=sat, sessions=sessions,
                                     admin_ok=admin_ok, patients=patients, risk=risk,
                                     governance=governance)

    ltc_cov = coverage(access, LONG_TERM_CONDITIONS)
    income = ob.income_while_contracted(state, money.income_lines(
        state, params, patients=patients, weighted=weighted, qof_value=qof_value,
        ltc_coverage=ltc_cov, balancing=balancing))
    pay, ni, pension, role_cost = money.pay_costs(staff.fte, staff.heads, state, params)
    expenses = money.expense_lines(state, params, pay=pay, ni=ni, pension=pension,
                                   patients=patients, gp_fte=gp_fte,
                                   ea_sessions=cap.enhanced_access_sessions, income=income,
                                   cqc=cqc_costs(insp, params), balancing=balancing)
    claim, arrs_unused = money.arrs_claim(role_cost, staff.fte, weighted,
                                          state.pcn_relationship, state.enhanced_access, params)
    repay = money.loan_repayment(state)
    flows = money.month_flows(state, params, income, expenses, staff.heads[:, PARTNER], repay)

    def tick(months: np.ndarray) -> np.ndarray:
        return np.maximum(months - 1, 0)

    people = (pp.after_month(state, params, named.resigned_people, named.gone, wb.morale,
                             wb.burnout) if state.person_ids else {})
    new_state = state.evolve(
        **people,
        month=state.month + 1,
        list_by_age=obligations.movement.list_by_age,
        heads=staff.heads, fte=staff.fte, pipeline=staff.pipeline, searching=staff.searching,
        notice=staff.notice,
        morale=wb.morale, burnout=wb.burnout,
        backlog=access.backlog, wait_days=access.wait_days, satisfaction=sat,
        qof_points=qof.points_next,
        qof_previous=qof.previous_next,
        qof_balancing_due_gbp=qof.balancing_due_next,
        governance=governance, cqc_rating=insp.rating, months_since_inspection=insp.months_since,
        pcn_relationship=state.pcn_relationship
        + params.pcn_relationship_drift * (0.55 - state.pcn_relationship),
        cash_pence=money.cash_after(state, flows),
        loan_balance_gbp=np.maximum(state.loan_balance_gbp + state.pending_financing_gbp - repay,
                                    0.0),
        loan_months_left=tick(state.loan_months_left),
        arrs_claim_due_gbp=claim,
        change_fatigue=np.maximum(state.change_fatigue - 0.12, 0.0),
        team_consulted=tick(state.team_consulted),
        pending_one_off_gbp=np.zeros_like(state.pending_one_off_gbp),
        pending_income_gbp=np.zeros_like(state.pending_income_gbp),
        pending_financing_gbp=np.zeros_like(state.pending_financing_gbp),
        demand_shift_months=tick(state.demand_shift_months),
        extra_income_months=tick(state.extra_income_months),
        extra_cost_months=tick(state.extra_cost_months),
        profit_ytd_gbp=money.profit_year_to_date(state, flows),
        partners_left=state.partners_left + staff.leavers[:, PARTNER],
        investment_recency=state.investment_recency * INVESTMENT_RECENCY_KEPT,
        invested_this_month=np.zeros_like(state.invested_this_month),
        complaints_recent=obligations.complaints_recent,
        contract_status=obligations.contract.status,
        contract_months_in_status=obligations.contract.months_in_status,
        contract_failing_months=obligations.contract.failing_months,
        contract_breach_notices=obligations.contract.breach_notices,
        cqc_reinspection_in=insp.reinspection_in,
        incidents_unreviewed=safe.unreviewed,
        safety_learning=safe.learning,
    )
    record = build_record(
        new_state, params, calendar_month=cal, flows=flows, income=income, expenses=expenses,
        patients=patients, weighted=weighted, demand=demand, access=access, cap=cap,
        wellbeing=wb, team=staff_wellbeing(wb.morale, wb.burnout, staff.heads),
        gp_fte=gp_fte, staff=staff, sick=sick, qof_rate=qof_rate, inspection=insp,
        arrs_unused=arrs_unused, season=seasonal_factor(cal, params), obligations=obligations,
        safety=safe,
    )
    return new_state, record


@dataclass(frozen=True)
class _NamedMonth:
    """The named people's part of a month: by role for the workforce, by person for after."""

    staying: np.ndarray | None  # (R, roles) named people in post not on notice
    resigned: np.ndarray | None  # (R, roles) named people giving notice this month
    absent: np.ndarray | None  # (R, roles) FTE of named people away this month
    resigned_people: np.ndarray  # (R, P)
    gone: np.ndarray  # (R, P) whose notice ends this month

    @staticmethod
    def none() -> _NamedMonth:
        empty = np.zeros((0, 0), bool)
        return _NamedMonth(None, None, None, empty, empty)

    def corrected(self, state: PracticeState, staff: StaffingChange) -> StaffingChange:
        """``staff`` with each named leaver taking their own FTE, not the role's average."""
        if not self.gone.any():
            return staff
        fte = np.maximum(staff.fte + pp.fte_correction(state, self.gone), 0.0)
        return replace(staff, fte=fte)


def _named_people(state: PracticeState, params: Params, u: np.ndarray
                  ) -> tuple[PracticeState, _NamedMonth]:
    """Start the named people's month: returns and sick leave, resignations and leavers."""
    people = len(state.person_ids)
    draws = u[:, MODEL_WIDTH:MODEL_WIDTH + people]
    if draws.shape[1] != people:
        raise ValueError(f"advance needs {people} more random streams for the named people "
                         "(noise.state_streams)")
    state = pp.begin_month(state, params, draws)
    resigned = pp.resignations(state, params, draws, state.burnout)
    gone = pp.leaving(state)
    return state, _NamedMonth(pp.named_staying(state), pp.count_by_role(state, resigned),
                              pp.absent_fte(state, gone), resigned, gone)


def _safety(state: PracticeState, params: Params, u: np.ndarray, *, access: AccessOutcome,
            cap: Capacity, wb: Wellbeing, governance: np.ndarray) -> Safety:
    """The month's patient safety, from pressure, skill mix, named concerns and learning."""
    factor = rate_factor(
        params, pressure=wb.pressure, burnout=wb.burnout,
        supervision_gap=supervision_gap(cap.supervision_sessions,
                                        supervision_capacity(state, params)),
        concerns=open_concerns(state), learning=state.safety_learning)
    return patient_safety(state, params, u, delivered=access.attended, factor=factor,
                          governance=governance)


def _obligations(
    state: PracticeState, params: Params, u: np.ndarray, force_inspection: np.ndarray | None,
    safe: Safety, *, access: AccessOutcome, demand: np.ndarray, sat: np.ndarray,
    sessions: np.ndarray, admin_ok: np.ndarray, patients: np.ndarray, risk: np.ndarray,
    governance: np.ndarray,
) -> tuple[ob.Obligations, Inspection]:
    """Service obligations this month: who leaves the list, complaints, CQC (on schedule, on
    intelligence and at its follow-ups) and the ICB's review of the contract."""
    unmet_share = access.unmet / np.maximum(demand, 1.0)
    shortfall = ob.access_shortfall(access.wait_days, unmet_share, sat, params)
    complaints = ob.complaints(patients, shortfall, ob.understaffing(sessions, admin_ok, params),
                               params, u, safe.excess)
    recent = ob.recent_complaints(state, complaints)
    unsafe = ((sessions < params.contract_min_clinical_sessions_per_1000_week)
              | (admin_ok < params.contract_min_reception_share))
    insp = inspect(state, params, risk, governance, u, force_inspection,
                   concern=cqc_concern(params, recent.sum(axis=1), patients, unsafe),
                   unsafe_staffing=unsafe)
    failures = ob.contract_failures(params, wait_days=access.wait_days, unmet_share=unmet_share,
                                    sessions_per_1000=sessions, reception_share=admin_ok,
                                    inadequate=insp.rating == INADEQUATE)
    contract = ob.review_contract(state, params, failures.any, insp.enforcement)
    movement = ob.move_list(state, params, shortfall, u)
    return ob.Obligations(shortfall, movement, complaints, recent, sessions, failures,
                       contract), insp


def start_state(profile: PracticeProfile, params: Params, runs: int = 1) -> PracticeState:
    """The practice before its first month, with last year's payments already in train.

    The ARRS claim for the month before the start is due in the first month (paid in
    arrears), last QOF year's balancing payment is due in June if the scenario starts
    before it, and the last three months brought the usual number of complaints.
    """
    state = initial_state(profile, runs)
    if profile.clinical_rooms is None:  # enough for the starting clinical staff, with headroom
        need = room_need_fte(state.fte) / params.clinical_room_fte
        rooms = np.maximum(np.ceil(need * (1.0 + params.clinical_room_headroom)), 1.0)
        state = state.evolve(clinical_rooms=rooms)
    state = state.evolve(
        pay_uplift=np.full(runs, PAY_BENCHMARK),
        wait_days=np.full(runs, params.base_routine_wait_days),
        satisfaction=np.full(runs, params.satisfaction_baseline))
    patients = state.list_by_age.sum(axis=1)
    weighted = weighted_list(state, params)
    _, _, _, role_cost = money.pay_costs(state.fte, state.heads, state, params)
    claim, _ = money.arrs_claim(role_cost, state.fte, weighted, state.pcn_relationship,
                                state.enhanced_access, params)
    qof_value = qof_full_value(patients, state, params)
    before_balancing = (state.calendar_month - 4) % 12 <= (params.qof_balancing_month - 4) % 12
    balancing = np.where(
        before_balancing,
        (1.0 - params.qof_aspiration_share) * state.qof_previous * qof_value, 0.0)
    usual = np.round(patients / 1000.0 * params.complaints_per_1000_patients_year / 12.0)
    return state.evolve(arrs_claim_due_gbp=claim, qof_balancing_due_gbp=balancing,
                        complaints_recent=np.repeat(usual[:, None], 3, axis=1))
