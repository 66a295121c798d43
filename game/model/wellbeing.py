"""Workload, morale and burnout for each staff group.

Pressure is how far a group's workload runs past what is safe: for GPs, contacts per GP per day
against the BMA's safe limit of 25 (35 is the upper bound, S81); for nurses and ARRS staff,
requests against their capacity; for reception and admin, staffing against the list and the
strain of a long wait (more calls, more complaints, more abuse). Sustained pressure builds
burnout; burnout and low morale raise sickness and resignations (see ``workforce``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .access import AccessOutcome
from .arrays import dot
from .params import Params
from .roles import ADMIN_GROUP, ARRS_ONLY_KINDS, GP_GROUP, GROUP_MATRIX, N_GROUPS, kinds_met_by
from .state import PracticeState
from .workforce import ADMIN_FTE_PER_1000, Capacity

#: Pay rise the NHS Agenda for Change awarded in 2025/26 (S58): the benchmark staff compare to.
PAY_BENCHMARK = 0.036


@dataclass(frozen=True)
class Wellbeing:
    contacts_per_gp_day: np.ndarray  # (R,)
    pressure: np.ndarray  # (R, groups)
    burnout: np.ndarray  # (R, groups)
    morale: np.ndarray  # (R, groups)


def contacts_per_gp_day(access: AccessOutcome, cap: Capacity, params: Params) -> np.ndarray:
    """GP contacts a day worked: appointments plus the admin contacts that come with them,
    over the days GPs actually work (a whole-time GP about 17 a month, not the 21 the
    practice is open)."""
    gp_days = np.maximum(cap.gp_fte_available * params.gp_clinical_days_per_fte_month, 0.5)
    return access.gp_offered * (1.0 + params.gp_admin_contact_ratio) / gp_days


def group_pressure(
    state: PracticeState, params: Params, access: AccessOutcome, cap: Capacity,
    fte: np.ndarray, patients: np.ndarray, contacts: np.ndarray,
) -> np.ndarray:
    """Workload pressure per staff group: 0 within safe limits, 1 at the unsafe bound."""
    safe, unsafe = params.safe_contacts_per_gp_day, params.unsafe_contacts_per_gp_day
    gp = (contacts - safe) / (unsafe - safe)
    other_cap = np.maximum(cap.other_by_kind, 1e-9)
    strain = np.minimum(access.requests_by_kind / other_cap, 3.0)
    nursing = (strain[:, kinds_met_by("nursing")].mean(axis=1) - 1.0) * 0.8
    arrs = (strain[:, ARRS_ONLY_KINDS].mean(axis=1) - 1.0) * 0.4 - 0.2
    admin_fte = dot(fte, GROUP_MATRIX[:, ADMIN_GROUP])
    need = patients / 1000.0 * ADMIN_FTE_PER_1000
    admin = (need / np.maximum(admin_fte, 0.1) - 1.0) * 2.0
    admin = admin + np.clip((access.wait_days - 10.0) / 15.0, 0.0, 1.0)
    return np.clip(np.stack([gp, nursing, arrs, admin], axis=1), 0.0, 1.5)


def update_wellbeing(
    state: PracticeState, params: Params, pressure: np.ndarray, contacts: np.ndarray
) -> Wellbeing:
    """Burnout builds under pressure and eases without it; morale moves towards its target."""
    load = np.minimum(pressure, 1.0)
    burnout = state.burnout + params.burnout_build_rate * pressure
    burnout = np.clip(burnout - params.burnout_recovery_rate * (1.0 - load), 0.0, 1.0)
    pay_gap = np.clip(PAY_BENCHMARK - state.pay_uplift, -0.05, 0.1)
    target = (0.72 - 0.25 * load - 0.3 * burnout - 0.3 * state.change_fatigue[:, None]
              - 2.0 * pay_gap[:, None])
    target[:, GP_GROUP] += 2.0 * pay_gap  # partners and GPs are not on the staff pay award
    morale = state.morale + params.morale_adjust_rate * (np.clip(target, 0.05, 0.95) - state.morale)
    return Wellbeing(contacts, pressure, burnout, np.clip(morale, 0.0, 1.0))


def staff_wellbeing(morale: np.ndarray, burnout: np.ndarray, heads: np.ndarray) -> np.ndarray:
    """One 0-1 figure for the team: morale less half the burnout, weighted by headcount."""
    by_group = dot(heads, GROUP_MATRIX)
    weights = by_group / np.maximum(by_group.sum(axis=1, keepdims=True), 1e-9)
    score = np.clip(morale - 0.5 * burnout, 0.0, 1.0)
    return (score * weights).sum(axis=1) if N_GROUPS else score
