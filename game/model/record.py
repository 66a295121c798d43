"""The read-only record each month leaves behind.

A ``MonthRecord`` holds one array per figure, over the runs. ``row(i)`` gives run ``i`` as a
plain dict of JSON-ready numbers: the month object of ``partnership run --json``, the history the
dashboard charts, and what the month-end summary explains.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .access import AccessOutcome
from .money import EXPENSE_LINES, INCOME_LINES, partner_member_contributions
from .params import Params
from .quality import Inspection
from .roles import GROUPS, ROLE_KEYS
from .state import APPOINTMENT_MODELS, CQC_RATINGS, PracticeState
from .wellbeing import Wellbeing
from .workforce import Capacity, StaffingChange

#: Kinds of need that weigh most on deprived and high-need patients (see ``roles.KINDS``).
HIGH_NEED = [2, 5, 6]

#: Figures every month record carries, with what they mean. Money is in pounds for the month.
FIELDS: dict[str, str] = {
    "month": "Month of the scenario, 1 for the first.",
    "calendar_month": "Calendar month, 1 = January.",
    "cash_gbp": "Cash at the end of the month (negative when overdrawn).",
    "income_gbp": "All income received this month.",
    "expenses_gbp": "All expenses paid this month.",
    "drawings_gbp": "Partner drawings paid this month, the partners' own NHS Pension "
    "contributions that PCSE deducts at source included.",
    "partner_pension_deducted_gbp": "Partners' own (member) NHS Pension contributions PCSE "
    "deducted this month, part of the drawings.",
    "financing_gbp": "Loans drawn less loan principal repaid this month.",
    "profit_gbp": "Partner profit this month: income less expenses.",
    "profit_ytd_gbp": "Partner profit for the financial year (April-March) so far.",
    "profit_per_partner_ytd_gbp": "Profit for the year so far per partner in post.",
    "overdraft_limit_gbp": "How far cash may fall below zero.",
    "loan_balance_gbp": "Loans outstanding.",
    "arrs_unused_gbp": "ARRS entitlement this month that was not claimed and is lost.",
    "arrs_claimed_gbp": "ARRS reimbursement claimed for this month (paid next month).",
    "patients": "Registered patients.",
    "weighted_patients": "Weighted list (Carr-Hill-style), what the Global Sum pays for.",
    "appointments_demanded": "Appointments newly asked for this month.",
    "appointments_offered": "Appointments booked (including those then missed).",
    "appointments_delivered": "Appointments attended.",
    "gp_appointments": "Appointments booked with GPs (partners, salaried, registrars, locums).",
    "gp_share": "Share of booked appointments that were with GPs.",
    "unmet_demand": "Requests given up this month (went elsewhere or went without).",
    "backlog": "Requests carried into next month.",
    "dna_rate": "Share of booked appointments missed.",
    "high_need_coverage": "Share of long-term condition, mental health and social needs met.",
    "deprivation": "Deprivation of the practice population, 0 least to 1 most deprived.",
    "prevalence_recording": "Recorded disease prevalence against the true prevalence.",
    "wait_days": "Routine wait for a booked appointment, in days.",
    "seasonal_factor": "Demand this month relative to the yearly average.",
    "gp_fte": "Qualified GPs in post (partners and salaried), whole-time equivalent.",
    "gp_fte_absent": "Qualified GP FTE lost to sickness this month.",
    "locum_sessions": "Locum GP sessions booked this month.",
    "patients_per_gp_fte": "Registered patients per qualified GP FTE.",
    "contacts_per_gp_day": "GP contacts per working day (safe limit 25, upper bound 35).",
    "staff_wellbeing": "Team wellbeing, 0-1: morale less half of burnout, by headcount.",
    "patient_satisfaction": "Share of patients rating their experience good, 0-1.",
    "qof_month_achievement": "Share of this month's QOF points earned, 0-1.",
    "qof_points_ytd": "QOF points earned so far this QOF year (April-March).",
    "qof_previous_achievement": "Last QOF year's achievement, which sets this year's aspiration.",
    "cqc_risk": "Risk that a CQC inspection finds serious problems, 0-1.",
    "cqc_rating": "Current CQC rating.",
    "cqc_rating_level": "Current CQC rating as a number: 0 inadequate, 1 requires improvement, "
    "2 good, 3 outstanding.",
    "cqc_inspected": "Whether CQC inspected this month.",
    "governance": "Strength of the practice's governance and systems, 0-1.",
    "pcn_relationship": "Relationship with the PCN and neighbouring practices, 0-1.",
    "appointment_model": "How appointments are offered.",
    "partners": "Partners in post.",
    "partners_left": "Partners who have resigned since the start.",
}


#: Families of figures recorded for every income line, expense line, staff group and role.
FAMILIES: dict[str, str] = {
    "income_{line}_gbp": "Income this month from one line: "
    + ", ".join(INCOME_LINES) + ".",
    "expense_{line}_gbp": "Expenses this month on one line: " + ", ".join(EXPENSE_LINES) + ".",
    "morale_{group}": "Morale of a staff group (" + ", ".join(GROUPS) + "), 0-1.",
    "burnout_{group}": "Burnout of a staff group, 0-1.",
    "pressure_{group}": "Workload pressure on a staff group: 0 within safe limits, 1 at the "
    "unsafe bound.",
    "sickness_{group}": "Share of a staff group's time lost to sickness this month.",
    "heads_{role}": "People in post in a role (" + ", ".join(ROLE_KEYS) + ").",
    "fte_{role}": "Whole-time equivalents in post in a role.",
    "joiners_{role}": "People who joined a role this month.",
    "leavers_{role}": "People who left a role this month.",
    "recruiting_{role}": "Posts being recruited in a role.",
    "lapsed_{role}": "Posts in a role given up unfilled this month.",
}


def metric_names() -> set[str]:
    """Every figure a month record carries: ``FIELDS`` and each family expanded."""
    names = set(FIELDS)
    for pattern in FAMILIES:
        for line in INCOME_LINES if "{line}" in pattern and "income" in pattern else ():
            names.add(pattern.format(line=line))
        for line in EXPENSE_LINES if "{line}" in pattern and "expense" in pattern else ():
            names.add(pattern.format(line=line))
        for group in GROUPS if "{group}" in pattern else ():
            names.add(pattern.format(group=group))
        for role in ROLE_KEYS if "{role}" in pattern else ():
            names.add(pattern.format(role=role))
    return names


@dataclass(frozen=True)
class MonthRecord:
    """One month's figures over the runs: ``values[name]`` is an array of length ``runs``."""

    values: Mapping[str, np.ndarray]

    def __getitem__(self, name: str) -> np.ndarray:
        return self.values[name]

    def row(self, i: int = 0) -> dict[str, Any]:
        """Run ``i`` as plain Python numbers (money to the penny, rates to 4 places)."""
        return {name: _plain(name, arr[i]) for name, arr in self.values.items()}


def _plain(name: str, value: Any) -> Any:
    if isinstance(value, (str, np.str_)):
        return str(value)
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    v = float(value)
    if name.endswith("_gbp"):
        return round(v, 2)
    if name in ("month", "calendar_month", "partners", "partners_left", "patients"):
        return int(round(v))
    return round(v, 4)


def build_record(
    state: PracticeState, params: Params, *, calendar_month: int,
    flows: dict[str, np.ndarray], income: dict[str, np.ndarray],
    expenses: dict[str, np.ndarray], patients: np.ndarray, weighted: np.ndarray,
    demand: np.ndarray, access: AccessOutcome, cap: Capacity, wellbeing: Wellbeing,
    team: np.ndarray, gp_fte: np.ndarray, staff: StaffingChange, sick: np.ndarray,
    qof_rate: np.ndarray, inspection: Inspection, arrs_unused: np.ndarray, season: float,
) -> MonthRecord:
    """Gather the month's figures (``state`` is the state at the end of the month)."""
    r = state.runs
    partners = state.heads[:, 0]
    v: dict[str, np.ndarray] = {
        "month": np.full(r, state.month),
        "calendar_month": np.full(r, calendar_month),
        "cash_gbp": state.cash_pence / 100.0,
        "income_gbp": flows["income"] / 100.0,
        "expenses_gbp": flows["expenses"] / 100.0,
        "drawings_gbp": flows["drawings"] / 100.0,
        "partner_pension_deducted_gbp": partner_member_contributions(income, expenses, params),
        "financing_gbp": flows["financing"] / 100.0,
        "profit_gbp": (flows["income"] - flows["expenses"]) / 100.0,
        "profit_ytd_gbp": state.profit_ytd_gbp,
        "profit_per_partner_ytd_gbp": state.profit_ytd_gbp / np.maximum(partners, 1.0),
        "overdraft_limit_gbp": state.overdraft_limit_gbp,
        "loan_balance_gbp": state.loan_balance_gbp,
        "arrs_unused_gbp": arrs_unused,
        "arrs_claimed_gbp": state.arrs_claim_due_gbp,
        "patients": patients,
        "weighted_patients": weighted,
        "appointments_demanded": demand,
        "appointments_offered": access.offered,
        "appointments_delivered": access.attended,
        "gp_appointments": access.gp_offered,
        "gp_share": access.gp_offered / np.maximum(access.offered, 1.0),
        "unmet_demand": access.unmet,
        "backlog": access.backlog,
        "dna_rate": access.dna_rate,
        "high_need_coverage": access.offered_by_kind[:, HIGH_NEED].sum(axis=1)
        / np.maximum(access.requests_by_kind[:, HIGH_NEED].sum(axis=1), 1e-9),
        "deprivation": state.deprivation,
        "prevalence_recording": state.prevalence_recording,
        "wait_days": access.wait_days,
        "seasonal_factor": np.full(r, season),
        "gp_fte": gp_fte,
        "gp_fte_absent": cap.gp_fte_absent,
        "locum_sessions": state.locum_sessions,
        "patients_per_gp_fte": patients / np.maximum(gp_fte, 0.1),
        "contacts_per_gp_day": wellbeing.contacts_per_gp_day,
        "staff_wellbeing": team,
        "patient_satisfaction": state.satisfaction,
        "qof_month_achievement": qof_rate,
        "qof_points_ytd": state.qof_points,
        "qof_previous_achievement": state.qof_previous,
        "cqc_risk": inspection.risk,
        "cqc_rating": np.asarray(CQC_RATINGS)[state.cqc_rating],
        "cqc_rating_level": state.cqc_rating.astype(float),
        "cqc_inspected": inspection.inspected,
        "governance": state.governance,
        "pcn_relationship": state.pcn_relationship,
        "appointment_model": np.asarray(APPOINTMENT_MODELS)[state.appointment_model],
        "partners": partners,
        "partners_left": state.partners_left,
    }
    for line in INCOME_LINES:
        v[f"income_{line}_gbp"] = income[line]
    for line in EXPENSE_LINES:
        v[f"expense_{line}_gbp"] = expenses[line]
    for g, name in enumerate(GROUPS):
        v[f"morale_{name}"] = wellbeing.morale[:, g]
        v[f"burnout_{name}"] = wellbeing.burnout[:, g]
        v[f"pressure_{name}"] = wellbeing.pressure[:, g]
        v[f"sickness_{name}"] = sick[:, g]
    recruiting = state.pipeline.sum(axis=2) + state.searching
    for k, key in enumerate(ROLE_KEYS):
        v[f"heads_{key}"] = state.heads[:, k]
        v[f"fte_{key}"] = state.fte[:, k]
        v[f"joiners_{key}"] = staff.joiners[:, k]
        v[f"leavers_{key}"] = staff.leavers[:, k]
        v[f"recruiting_{key}"] = recruiting[:, k]
        v[f"lapsed_{key}"] = staff.lapsed[:, k]
    return MonthRecord(v)
