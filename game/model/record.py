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
from .arrays import sum_last
from .money import EXPENSE_LINES, INCOME_LINES, partner_member_contributions
from .obligations import CONTRACT_STATUSES, Obligations
from .params import Params
from .people import RECORD_FIGURES, record_values
from .quality import Inspection
from .roles import GROUPS, KIND_INDEX, PARTNER, ROLE_KEYS
from .safety import Safety
from .state import APPOINTMENT_MODELS, CQC_RATINGS, PracticeState
from .wellbeing import Wellbeing
from .workforce import Capacity, StaffingChange

#: Kinds of need that weigh most on deprived and high-need patients (see ``roles.KINDS``).
HIGH_NEED = [KIND_INDEX[k] for k in ("long_term_conditions", "mental_health", "social")]

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
    "partners_left": "Partners who have left since the start (at the end of their notice).",
    "clinical_rooms": "Consulting and treatment rooms.",
    "locum_session_rate_gbp": "The rate paid for a booked locum GP session: the locums expense "
    "line is locum_sessions x this rate. Vacancies and sickness are not covered automatically; "
    "only the sessions the practice books.",
    "enhanced_access_gp_sessions": "GP sessions the practice gave to enhanced access this "
    "month, costed at the locum rate within the enhanced access expense line.",
    "access_shortfall": "How far access fell below what patients accept (routine wait, unmet "
    "demand, satisfaction): 0 acceptable, 1 about a six-week wait.",
    "patients_joined": "Patients who registered with the practice this month.",
    "patients_left": "Patients who left the list this month (moves and deaths, and those who "
    "registered elsewhere because of access).",
    "patients_left_access": "Patients who registered elsewhere this month because of poor "
    "access.",
    "complaints": "Formal written complaints received this month.",
    "complaints_3m": "Formal written complaints in the last three months.",
    "clinical_sessions_per_1000": "Clinical sessions a week per 1,000 patients (every "
    "clinician at work, locums included).",
    "contract_status": "The ICB's contract management: none, remedial_notice, breach_notice "
    "or terminated.",
    "contract_status_level": "The contract status as a number: 0 none, 1 remedial notice, "
    "2 breach notice, 3 terminated.",
    "contract_months_in_status": "Months since the contract status last changed.",
    "contract_months_to_review": "Months left of a remedial or breach notice's period (0 with "
    "no notice).",
    "contract_failing": "Whether the practice failed to provide essential services this month.",
    "contract_failing_months": "Consecutive months failing to provide essential services.",
    "contract_failing_wait": "Failing: the routine wait was beyond the ICB's limit.",
    "contract_failing_unmet": "Failing: unmet demand was beyond the ICB's limit.",
    "contract_failing_sessions": "Failing: too few clinical sessions for the list.",
    "contract_failing_phones": "Failing: too few reception and admin staff to answer patients.",
    "contract_failing_cqc": "Failing: rated inadequate by CQC.",
    "contract_breach_notices": "Breach notices issued since the start.",
    "cqc_concern": "Whether complaints or a staffing collapse gave CQC cause to inspect.",
    "cqc_follow_up": "Whether this month's inspection was CQC's scheduled follow-up.",
    "cqc_enforcement": "Whether CQC found the practice inadequate again in special measures "
    "(enforcement, counted by the ICB as a breach).",
    "cqc_reinspection_months": "Months until CQC's follow-up inspection (0 if none is due).",
    "safety_incidents": "Patient safety incidents the practice met this month (a missed "
    "result, a prescribing error, a delayed referral).",
    "safety_incidents_expected": "Patient safety incidents to be expected this month, from "
    "the appointments delivered and the incident rate.",
    "safety_incident_rate_factor": "The incident rate against a calm, well-staffed month (1): "
    "raised by clinical pressure, burnout, unsupervised skill mix and concerns about named "
    "colleagues, lowered by what significant event analyses have taught.",
    "incidents_unreviewed": "Patient safety incidents waiting for review (routine governance "
    "reviews some each month; a significant event analysis reviews the rest).",
    "safety_learning": "What significant event analyses have taught the practice, 0-1 (it "
    "fades by 8% a month).",
    "patient_safety": "Patient safety, 0-1 (1 safe): falls with the incident rate and with "
    "incidents left unreviewed; feeds CQC's risk and the quality pillar.",
}

#: Figures recorded as whole numbers.
COUNTS = ("month", "calendar_month", "partners", "partners_left", "patients", "complaints",
          "complaints_3m", "contract_status_level", "contract_months_in_status",
          "contract_months_to_review", "contract_failing_months", "contract_breach_notices",
          "cqc_reinspection_months", "safety_incidents", "incidents_unreviewed")


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
    "leavers_{role}": "People who left a role this month (their notice ended).",
    "resigned_{role}": "People in a role who gave notice this month.",
    "on_notice_{role}": "People in a role working their notice (still in post).",
    "recruiting_{role}": "Posts being recruited in a role.",
    "lapsed_{role}": "Posts in a role given up unfilled this month.",
    **{f"person_{{id}}_{figure}": f"A named person's figure (by the scenario's id): {text}"
       for figure, text in RECORD_FIGURES.items()},
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
    if name in COUNTS:
        return int(round(v))
    return round(v, 4)


def build_record(
    state: PracticeState, params: Params, *, calendar_month: int,
    flows: dict[str, np.ndarray], income: dict[str, np.ndarray],
    expenses: dict[str, np.ndarray], patients: np.ndarray, weighted: np.ndarray,
    demand: np.ndarray, access: AccessOutcome, cap: Capacity, wellbeing: Wellbeing,
    team: np.ndarray, gp_fte: np.ndarray, staff: StaffingChange, sick: np.ndarray,
    qof_rate: np.ndarray, inspection: Inspection, arrs_unused: np.ndarray, season: float,
    obligations: Obligations, safety: Safety,
) -> MonthRecord:
    """Gather the month's figures (``state`` is the state at the end of the month)."""
    r = state.runs
    partners = state.heads[:, PARTNER]
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
        "clinical_rooms": state.clinical_rooms,
        "locum_session_rate_gbp": np.full(r, params.locum_session_rate_gbp),
        "enhanced_access_gp_sessions": cap.enhanced_access_sessions
        * params.enhanced_access_gp_share,
        **_obligation_values(obligations, inspection),
        "safety_incidents": safety.incidents,
        "safety_incidents_expected": safety.expected,
        "safety_incident_rate_factor": safety.rate_factor,
        "incidents_unreviewed": safety.unreviewed,
        "safety_learning": safety.learning,
        "patient_safety": safety.index,
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
    recruiting = sum_last(state.pipeline) + state.searching
    on_notice = sum_last(state.notice)
    for k, key in enumerate(ROLE_KEYS):
        v[f"heads_{key}"] = state.heads[:, k]
        v[f"fte_{key}"] = state.fte[:, k]
        v[f"joiners_{key}"] = staff.joiners[:, k]
        v[f"leavers_{key}"] = staff.leavers[:, k]
        v[f"resigned_{key}"] = staff.resigned[:, k]
        v[f"on_notice_{key}"] = on_notice[:, k]
        v[f"recruiting_{key}"] = recruiting[:, k]
        v[f"lapsed_{key}"] = staff.lapsed[:, k]
    v.update(record_values(state))
    return MonthRecord(v)


def _obligation_values(ob: Obligations, inspection: Inspection) -> dict[str, np.ndarray]:
    contract, failures = ob.contract, ob.failures
    return {
        "access_shortfall": ob.shortfall,
        "patients_joined": ob.movement.joined,
        "patients_left": ob.movement.left,
        "patients_left_access": ob.movement.left_access,
        "complaints": ob.complaints,
        "complaints_3m": ob.complaints_recent.sum(axis=1),
        "clinical_sessions_per_1000": ob.sessions_per_1000,
        "contract_status": np.asarray(CONTRACT_STATUSES)[contract.status],
        "contract_status_level": contract.status.astype(float),
        "contract_months_in_status": contract.months_in_status,
        "contract_months_to_review": contract.months_to_review,
        "contract_failing": failures.any,
        "contract_failing_months": contract.failing_months,
        "contract_failing_wait": failures.wait,
        "contract_failing_unmet": failures.unmet,
        "contract_failing_sessions": failures.sessions,
        "contract_failing_phones": failures.phones,
        "contract_failing_cqc": failures.cqc,
        "contract_breach_notices": contract.breach_notices,
        "cqc_concern": inspection.concern,
        "cqc_follow_up": inspection.follow_up & inspection.inspected,
        "cqc_enforcement": inspection.enforcement,
        "cqc_reinspection_months": inspection.reinspection_in,
    }
