"""Patients and demand: the weighted list and appointments asked for.

The registered list moves in ``obligations.move_list`` (joiners and leavers, access included).

The weighted list is what the Global Sum pays for (a Carr-Hill-style age weighting times an
additional-needs index that rises with deprivation). Demand follows the list's age mix, the
season and deprivation, which lifts demand more than it lifts funding: the deprivation penalty.
"""

from __future__ import annotations

import numpy as np

from . import noise as slots
from .arrays import dot
from .params import Params
from .state import AGE_DEMAND_INDEX, AGE_FUNDING_WEIGHT, PracticeState

#: Mean demand by calendar month (January first) relative to the year's average: August lowest,
#: October and November highest (S92, S83, S93). Scaled by ``Params.seasonal_swing``.
_SEASON = np.array([1.05, 1.02, 1.02, 0.96, 0.98, 0.97, 0.95, 0.88, 1.00, 1.10, 1.10, 0.97])
SEASON = _SEASON / _SEASON.mean()

#: Share of appointments by kind of need (see ``roles.KINDS``) [E], tuned so that GPs deliver
#: 40-45% of appointments in the default practice (S87, S83).
DEMAND_MIX = np.array([0.27, 0.23, 0.34, 0.06, 0.04, 0.03, 0.03])


def seasonal_factor(calendar_month: int, params: Params) -> float:
    """Demand in a calendar month relative to the annual mean."""
    return max(float(1.0 + (SEASON[calendar_month - 1] - 1.0) * params.seasonal_swing / 0.10), 0.0)


def weighted_list(state: PracticeState, params: Params) -> np.ndarray:
    """Carr-Hill-style weighted list: age weighting times the additional-needs index."""
    needs = 1.0 + params.deprivation_needs_weighting * (state.deprivation - 0.5)
    return dot(state.list_by_age, AGE_FUNDING_WEIGHT) * needs


def new_demand(
    state: PracticeState, params: Params, calendar_month: int, u: np.ndarray
) -> np.ndarray:
    """Appointments newly asked for this month (runs,)."""
    base = dot(state.list_by_age, AGE_DEMAND_INDEX) * params.appointments_per_patient_year / 12.0
    deprivation = 1.0 + params.deprivation_demand_uplift * (state.deprivation - 0.5)
    shift = 1.0 + np.where(state.demand_shift_months > 0, state.demand_shift, 0.0)
    wobble = 1.0 + 0.04 * (u[:, slots.DEMAND] - 0.5)
    return base * seasonal_factor(calendar_month, params) * deprivation * shift * wobble
