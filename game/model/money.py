"""Money: every income stream and every cost of the month, line by line.

Income is mostly capitation (the Global Sum pays for the weighted list, not for activity), so
extra demand adds cost but little income. Partner profit is what is left: income less expenses,
the employer's NHS Pension contribution on the partners' own pensionable profits included, as
NHS Digital measures contractor GP income (S116). Drawings are the partners' advance share of
that profit; PCSE takes their own member contributions out of them at source. Loans drawn and
repaid are financing. Cash moves by exactly income - expenses - drawings + financing, counted in
whole pence.

Taking part in enhanced access stands for taking part in the Network Contract DES: a practice
that leaves it loses the network participation payment, the PCN's core, CASP, CAIP and
enhanced access payments, and its share of the ARRS sum (a simplification; see docs/model.md).
"""

from __future__ import annotations

import numpy as np

from .arrays import dot
from .params import Params
from .roles import ARRS_CAP, IS_ARRS, PENSIONABLE, REGISTRAR, SALARY
from .state import PracticeState
from .wellbeing import PAY_BENCHMARK

#: 1 for the ARRS roles, for summing their reimbursable costs in a fixed order.
ARRS_WEIGHT = IS_ARRS.astype(float)

INCOME_LINES: tuple[str, ...] = (
    "global_sum", "qof", "enhanced_services", "network_participation", "pcn_payments",
    "arrs_reimbursement", "premises_reimbursement", "private_fees", "training_grant", "other",
)
EXPENSE_LINES: tuple[str, ...] = (
    "staff_pay", "employer_ni", "employer_pension", "locums", "premises", "it_and_running",
    "indemnity_and_training", "recruitment_and_one_off", "interest", "other", "enhanced_access",
    "cqc_improvement", "qof_recovery", "partner_pension",
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
               relationship: np.ndarray, in_network: np.ndarray, params: Params
               ) -> tuple[np.ndarray, np.ndarray]:
    """ARRS reimbursement to claim for this month's costs, and the entitlement left unused.

    Each role is reimbursed up to its cap; the total is limited by the practice's share of the
    PCN's ARRS sum, which a good relationship with the PCN makes easier to secure. A practice
    outside the Network Contract DES claims nothing, and its share counts as lost.
    """
    capped = dot(np.minimum(role_cost, fte * ARRS_CAP / 12.0), ARRS_WEIGHT)
    share = 0.85 + 0.3 * np.clip(relationship, 0.0, 1.0)
    entitlement = weighted * params.arrs_entitlement_per_weighted_patient_gbp / 12.0 * share
    claim = np.minimum(capped, entitlement) * in_network
    return claim, entitlement - claim


def income_lines(
    state: PracticeState, params: Params, *, patients: np.ndarray, weighted: np.ndarray,
    qof_value: np.ndarray, ltc_coverage: np.ndarray, balancing: np.ndarray,
) -> dict[str, np.ndarray]:
    """This month's income by stream (R,) each. A negative QOF balancing payment is not income
    but a recovery of aspiration overpaid (an expense line, ``qof_recovery``)."""
    in_network = state.enhanced_access
    modern_access = state.cloud_telephony & state.online_consultations
    pcn = patients * (params.pcn_core_per_patient_gbp + params.pcn_casp_per_patient_gbp
                      + params.pcn_caip_per_patient_gbp * modern_access
                      + params.pcn_enhanced_access_per_patient_gbp) * in_network
    aspiration = params.qof_aspiration_share * state.qof_previous * qof_value / 12.0
    extra = np.where(state.extra_income_months > 0, state.extra_income_gbp, 0.0)
    return {
        "global_sum": weighted * params.global_sum_per_weighted_patient_gbp
        * (1.0 - params.out_of_hours_deduction) * state.market_forces_factor / 12.0,
        "qof": aspiration + np.maximum(balancing, 0.0),
        "enhanced_services": patients * params.enhanced_services_per_patient_gbp / 12.0
        * (0.6 + 0.4 * ltc_coverage),
        "network_participation": weighted * in_network
        * params.network_participation_per_weighted_patient_gbp / 12.0,
        "pcn_payments": pcn / 12.0,
        "arrs_reimbursement": state.arrs_claim_due_gbp,
        "premises_reimbursement": patients * params.premises_reimbursement_per_patient_gbp / 12.0,
        "private_fees": patients * params.private_income_per_patient_gbp / 12.0,
        "training_grant": state.heads[:, REGISTRAR] * params.training_grant_per_registrar_gbp / 12,
        "other": extra + state.pending_income_gbp,
    }


def enhanced_access_cost(state: PracticeState, params: Params, patients: np.ndarray,
                         ea_sessions: np.ndarray) -> np.ndarray:
    """This month's cost of the practice's share of enhanced access: GP sessions at the locum
    rate, other clinicians' sessions, and the running of the evening and Saturday service."""
    gp = params.enhanced_access_gp_share
    session = (gp * params.locum_session_rate_gbp
               + (1.0 - gp) * params.enhanced_access_other_session_gbp)
    overhead = patients * params.enhanced_access_overhead_per_patient_gbp / 12.0
    return ea_sessions * session + overhead * state.enhanced_access


def expense_lines(
    state: PracticeState, params: Params, *, pay: np.ndarray, ni: np.ndarray,
    pension: np.ndarray, patients: np.ndarray, gp_fte: np.ndarray, ea_sessions: np.ndarray,
    income: dict[str, np.ndarray], cqc: np.ndarray, balancing: np.ndarray,
) -> dict[str, np.ndarray]:
    """This month's expenses by line (R,) each, the partners' employer pension last: it is
    charged on the profit the other lines leave (see ``partner_pensionable_profit``).

    ``cqc`` is what a CQC rating costs this month (``quality.cqc_costs``); ``balancing`` is the
    QOF balancing payment due, whose negative part (aspiration paid above what was achieved)
    the commissioner recovers from the practice."""
    overdraft = np.maximum(-state.cash_pence / 100.0, 0.0)
    extra = np.where(state.extra_cost_months > 0, state.extra_cost_gbp, 0.0)
    lines = {
        "staff_pay": pay,
        "employer_ni": ni,
        "employer_pension": pension,
        "locums": state.locum_sessions * params.locum_session_rate_gbp,
        "premises": patients * params.premises_cost_per_patient_gbp / 12.0,
        "it_and_running": patients * params.it_and_running_costs_per_patient_gbp / 12.0,
        "indemnity_and_training": gp_fte * params.indemnity_and_training_per_gp_fte_gbp / 12.0,
        "recruitment_and_one_off": state.pending_one_off_gbp,
        "interest": state.loan_balance_gbp * params.loan_interest_rate / 12.0
        + overdraft * params.overdraft_interest_rate / 12.0,
        "other": extra,
        "enhanced_access": enhanced_access_cost(state, params, patients, ea_sessions),
        "cqc_improvement": cqc,
        "qof_recovery": np.maximum(-balancing, 0.0),
    }
    base = partner_pensionable_profit(income, lines)
    lines["partner_pension"] = base * params.employer_pension_rate
    return lines


def partner_pensionable_profit(income: dict[str, np.ndarray],
                               expenses: dict[str, np.ndarray]) -> np.ndarray:
    """The month's NHS profit on which partners pay NHS Pension contributions: income less
    expenses before the partners' own contributions, leaving out private fees (not NHS)."""
    before = sum(v for k, v in expenses.items() if k != "partner_pension")
    return np.maximum(sum(income.values()) - income["private_fees"] - before, 0.0)


def partner_member_contributions(income: dict[str, np.ndarray], expenses: dict[str, np.ndarray],
                                 params: Params) -> np.ndarray:
    """Partners' own (member) NHS Pension contributions, which PCSE deducts each month from the
    practice's payments. They are the partners' money, out of their share of profit."""
    return partner_pensionable_profit(income, expenses) * params.partner_member_pension_rate


def loan_repayment(state: PracticeState) -> np.ndarray:
    """Principal repaid this month: the balance spread evenly over the months left."""
    months = np.maximum(state.loan_months_left, 1)
    return np.where(state.loan_months_left > 0, state.loan_balance_gbp / months, 0.0)


def drawings(state: PracticeState, partner_heads: np.ndarray,
             member_contributions: np.ndarray) -> np.ndarray:
    """What the partners take this month: their drawings, of which PCSE takes their member
    pension contributions at source, or those contributions alone if they exceed the drawings
    (the deduction is made whatever the partners draw)."""
    return np.maximum(partner_heads * state.drawings_per_partner, member_contributions)


def pence(x: np.ndarray | float) -> np.ndarray:
    """Whole pence, so that cash is an exact sum of its flows."""
    return np.round(np.asarray(x) * 100.0).astype(np.int64)



def month_flows(state: PracticeState, params: Params, income: dict[str, np.ndarray],
                expenses: dict[str, np.ndarray], partner_heads: np.ndarray,
                repayment: np.ndarray) -> dict[str, np.ndarray]:
    """The month's cash flows in pence: income, expenses, partners' drawings (after the
    pension PCSE deducts) and financing (loans drawn less repayments)."""
    contributions = partner_member_contributions(income, expenses, params)
    return {
        "income": pence(sum(income.values())),
        "expenses": pence(sum(expenses.values())),
        "drawings": pence(drawings(state, partner_heads, contributions)),
        "financing": pence(state.pending_financing_gbp - repayment),
    }


def cash_after(state: PracticeState, flows: dict[str, np.ndarray]) -> np.ndarray:
    """Cash at the month's end, in pence: the accounting identity the tests hold to the penny."""
    return (state.cash_pence + flows["income"] - flows["expenses"] - flows["drawings"]
            + flows["financing"])


def profit_year_to_date(state: PracticeState, flows: dict[str, np.ndarray]) -> np.ndarray:
    """Partner profit this financial year (April-March), this month included."""
    profit = (flows["income"] - flows["expenses"]) / 100.0
    return np.where(state.calendar_month == 4, 0.0, state.profit_ytd_gbp) + profit
