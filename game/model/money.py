"""Money: every income stream and every cost of the month, line by line.

Income is mostly capitation (the Global Sum pays for the weighted list, not for activity), so
extra demand adds cost but little income. Partner profit is what is left: income less expenses.
Drawings are the partners' advance share of that profit; loans drawn and repaid are financing.
Cash moves by exactly income - expenses - drawings + financing, counted in whole pence.
"""

from __future__ import annotations

import numpy as np

from .params import Params
from .roles import ARRS_CAP, IS_ARRS, PENSIONABLE, REGISTRAR, SALARY
from .state import PracticeState
from .wellbeing import PAY_BENCHMARK

INCOME_LINES: tuple[str, ...] = (
    "global_sum", "qof", "enhanced_services", "network_participation", "pcn_payments",
    "arrs_reimbursement", "premises_reimbursement", "private_fees", "training_grant", "other",
)
EXPENSE_LINES: tuple[str, ...] = (
    "staff_pay", "employer_ni", "employer_pension", "locums", "premises", "it_and_running",
    "indemnity_and_training", "recruitment_and_one_off", "interest", "other",
)


def pay_costs(fte: np.ndarray, heads: np.ndarray, state: PracticeState, params: Params
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Monthly pay, employer NI and employer pension, in total and per role (R, roles)."""
    award = 1.0 + state.pay_uplift - PAY_BENCHMARK
    pay_role = fte * SALARY * award[:, None] / 12.0
    per_head = np.divide(pay_role * 12.0, heads, out=np.zeros_like(pay_role), where=heads > 0)
    ni_role = (heads * np.maximum(per_head - params.employer_ni_threshold_gbp, 0.0)
               * params.employer_ni_rate / 12.0)
    pension_role = pay_role * PENSIONABLE * params.employer_pension_rate
    ni = np.maximum(ni_role.sum(axis=1) - params.employment_allowance_gbp / 12.0, 0.0)
    return pay_role.sum(axis=1), ni, pension_role.sum(axis=1), pay_role + ni_role + pension_role


def arrs_claim(role_cost: np.ndarray, fte: np.ndarray, weighted: np.ndarray,
               relationship: np.ndarray, params: Params) -> tuple[np.ndarray, np.ndarray]:
    """ARRS reimbursement to claim for this month's costs, and the entitlement left unused.

    Each role is reimbursed up to its cap; the total is limited by the practice's share of the
    PCN's ARRS sum, which a good relationship with the PCN makes easier to secure.
    """
    capped = np.minimum(role_cost, fte * ARRS_CAP / 12.0)[:, IS_ARRS].sum(axis=1)
    share = 0.85 + 0.3 * np.clip(relationship, 0.0, 1.0)
    entitlement = weighted * params.arrs_entitlement_per_weighted_patient_gbp / 12.0 * share
    claim = np.minimum(capped, entitlement)
    return claim, entitlement - claim


def income_lines(
    state: PracticeState, params: Params, *, patients: np.ndarray, weighted: np.ndarray,
    qof_value: np.ndarray, ltc_coverage: np.ndarray, balancing: np.ndarray,
) -> dict[str, np.ndarray]:
    """This month's income by stream (R,) each."""
    modern_access = state.cloud_telephony & state.online_consultations
    pcn = patients * (params.pcn_core_per_patient_gbp + params.pcn_casp_per_patient_gbp
                      + params.pcn_caip_per_patient_gbp * modern_access)
    pcn = pcn + state.enhanced_access * patients * params.pcn_enhanced_access_per_patient_gbp
    aspiration = params.qof_aspiration_share * state.qof_previous * qof_value / 12.0
    extra = np.where(state.extra_income_months > 0, state.extra_income_gbp, 0.0)
    return {
        "global_sum": weighted * params.global_sum_per_weighted_patient_gbp
        * (1.0 - params.out_of_hours_deduction) * state.market_forces_factor / 12.0,
        "qof": aspiration + balancing,
        "enhanced_services": patients * params.enhanced_services_per_patient_gbp / 12.0
        * (0.6 + 0.4 * ltc_coverage),
        "network_participation": weighted
        * params.network_participation_per_weighted_patient_gbp / 12.0,
        "pcn_payments": pcn / 12.0,
        "arrs_reimbursement": state.arrs_claim_due_gbp,
        "premises_reimbursement": patients * params.premises_reimbursement_per_patient_gbp / 12.0,
        "private_fees": patients * params.private_income_per_patient_gbp / 12.0,
        "training_grant": state.heads[:, REGISTRAR] * params.training_grant_per_registrar_gbp / 12,
        "other": extra + state.pending_income_gbp,
    }


def expense_lines(
    state: PracticeState, params: Params, *, pay: np.ndarray, ni: np.ndarray,
    pension: np.ndarray, patients: np.ndarray, gp_fte: np.ndarray, ea_sessions: np.ndarray,
) -> dict[str, np.ndarray]:
    """This month's expenses by line (R,) each."""
    overdraft = np.maximum(-state.cash_pence / 100.0, 0.0)
    extra = np.where(state.extra_cost_months > 0, state.extra_cost_gbp, 0.0)
    return {
        "staff_pay": pay,
        "employer_ni": ni,
        "employer_pension": pension,
        "locums": (state.locum_sessions + ea_sessions) * params.locum_session_rate_gbp,
        "premises": patients * params.premises_cost_per_patient_gbp / 12.0,
        "it_and_running": patients * params.it_and_running_costs_per_patient_gbp / 12.0,
        "indemnity_and_training": gp_fte * params.indemnity_and_training_per_gp_fte_gbp / 12.0,
        "recruitment_and_one_off": state.pending_one_off_gbp,
        "interest": state.loan_balance_gbp * params.loan_interest_rate / 12.0
        + overdraft * params.overdraft_interest_rate / 12.0,
        "other": extra,
    }


def loan_repayment(state: PracticeState) -> np.ndarray:
    """Principal repaid this month: the balance spread evenly over the months left."""
    months = np.maximum(state.loan_months_left, 1)
    return np.where(state.loan_months_left > 0, state.loan_balance_gbp / months, 0.0)


def drawings(state: PracticeState, partner_heads: np.ndarray) -> np.ndarray:
    return partner_heads * state.drawings_per_partner


def pence(x: np.ndarray | float) -> np.ndarray:
    """Whole pence, so that cash is an exact sum of its flows."""
    return np.round(np.asarray(x) * 100.0).astype(np.int64)

