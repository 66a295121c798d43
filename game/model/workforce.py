"""Staffing: recruitment with a lag and a chance of failure, sickness, leavers and capacity.

A post that is advertised waits its role's lag, then is shortlisted each month: it is filled
with the role's (market-adjusted) probability, or lapses. Sickness and resignations rise with
burnout and low morale, which is the vicious circle: fewer staff, more load, more burnout.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import noise as slots
from .arrays import dot, sum_last
from .params import Params
from .roles import (
    ADMIN_GROUP,
    APPTS_PER_FTE,
    FILL_P,
    FTE_PER_HEAD,
    GROUP_MATRIX,
    GROUP_OF,
    IS_GP,
    KIND_MATRIX,
    KINDS,
    N_ROLES,
    NOTICE,
    QUALIFIED_GP,
    REGISTRAR,
    ROOM_NEED,
    SUPERVISION,
    TURNOVER,
)
from .state import PracticeState

#: Appointments in one GP session (about 12-13 ten-minute slots in a 4h10m session, S54) [E].
APPTS_PER_GP_SESSION = 13.0
#: Sessions in a whole-time GP month: 9 a week over 46 working weeks (S54, S55).
SESSIONS_PER_GP_FTE_MONTH = 9 * 46 / 12
#: Where a resignation joins each role's notice queue, in the queue flattened per run.
_NOTICE_SLOT = np.arange(N_ROLES) * int(NOTICE.max()) + NOTICE - 1
#: Chance a post that is still unfilled after shortlisting is given up, each month [E].
LAPSE_PROBABILITY = 0.15
#: Enhanced access sessions by other clinicians: appointments a session and the kinds of need
#: they meet. The DES expects planned care (vaccinations, screening, health checks) as well as
#: on-the-day appointments [E].
EA_OTHER_APPTS_PER_SESSION = 12.0
EA_OTHER_KINDS = np.array([{"long_term_conditions": 0.7, "same_day": 0.3}.get(k, 0.0)
                           for k in KINDS])


def stochastic_round(expected: np.ndarray, u: np.ndarray) -> np.ndarray:
    """A whole number with the given mean: floor(expected + u) for u uniform in [0, 1)."""
    return np.floor(expected + u)


@dataclass(frozen=True)
class StaffingChange:
    heads: np.ndarray
    fte: np.ndarray
    pipeline: np.ndarray
    searching: np.ndarray
    joiners: np.ndarray  # (R, roles)
    leavers: np.ndarray  # (R, roles) people whose notice ended this month
    lapsed: np.ndarray  # (R, roles)
    notice: np.ndarray  # (R, roles, MAX_NOTICE) people working their notice, by months left
    resigned: np.ndarray  # (R, roles) people who gave notice this month


def _advance_queue(queue: np.ndarray) -> np.ndarray:
    """A (runs, roles, months) queue a month on: everyone a month nearer the front."""
    out = np.empty_like(queue)
    out[:, :, :-1] = queue[:, :, 1:]
    out[:, :, -1] = 0.0
    return out


def staffing_change(
    state: PracticeState, params: Params, market: float | np.ndarray, u: np.ndarray,
    named_staying: np.ndarray | None = None, named_resigned: np.ndarray | None = None,
) -> StaffingChange:
    """Joiners, leavers and the recruitment pipeline for this month.

    Named people (``named_staying`` by role, with their own ``named_resigned``) are left out
    of the role's draw of resignations, which covers the other heads, and join its notice
    queue like anyone else."""
    arriving = state.pipeline[:, :, 0]
    pipeline = _advance_queue(state.pipeline)
    searching = state.searching + arriving
    fill_p = np.clip(FILL_P * np.reshape(market, (-1, 1)), 0.0, 1.0)
    joiners = np.minimum(stochastic_round(searching * fill_p, u[:, slots.FILLS]), searching)
    left_searching = searching - joiners
    lapsed = np.minimum(stochastic_round(left_searching * LAPSE_PROBABILITY, u[:, slots.LAPSES]),
                        left_searching)
    group_burnout = state.burnout[:, GROUP_OF]
    group_morale = state.morale[:, GROUP_OF]
    monthly_quit = TURNOVER / 12.0 * (1.0 + params.burnout_turnover_multiplier * group_burnout)
    monthly_quit *= 1.0 + 2.0 * np.clip(0.5 - group_morale, 0.0, 0.5)
    # Leavers give notice and go when it ends (a partner's under the partnership deed): those
    # whose notice ends now leave; this month's resignations join the end of the queue.
    leavers = np.minimum(state.notice[:, :, 0], state.heads)
    notice = _advance_queue(state.notice)
    staying = np.maximum(state.heads - sum_last(state.notice), 0.0)
    if named_staying is not None:
        staying = np.maximum(staying - named_staying, 0.0)
    resigned = np.minimum(stochastic_round(staying * monthly_quit, u[:, slots.LEAVERS]),
                          staying)
    if named_resigned is not None:
        resigned = resigned + named_resigned
    notice.reshape(notice.shape[0], -1)[:, _NOTICE_SLOT] += resigned
    fte_each = np.divide(state.fte, state.heads, out=FTE_PER_HEAD * np.ones_like(state.fte),
                         where=state.heads > 0)
    heads = state.heads - leavers + joiners
    fte = np.maximum(state.fte - leavers * fte_each + joiners * FTE_PER_HEAD, 0.0)
    return StaffingChange(heads, fte, pipeline, left_searching - lapsed, joiners, leavers, lapsed,
                          notice, resigned)


def sickness_share(state: PracticeState, params: Params, u: np.ndarray) -> np.ndarray:
    """Share of each staff group's time lost to sickness this month (runs, groups)."""
    mean = params.base_sickness_rate * (1.0 + 2.0 * state.burnout)
    return np.clip(mean * (0.4 + 1.2 * u[:, slots.SICKNESS]), 0.0, 0.6)


@dataclass(frozen=True)
class Capacity:
    """Appointments the practice can offer this month, and the GP time behind them."""

    gp_slots: np.ndarray  # (R,) GP appointments after supervision
    other_by_kind: np.ndarray  # (R, kinds) non-GP appointments by kind of need
    gp_fte_available: np.ndarray  # (R,) qualified GPs + locums at work, in FTE
    gp_fte_absent: np.ndarray  # (R,) qualified GP FTE off sick
    supervision_sessions: np.ndarray  # (R,)
    enhanced_access_sessions: np.ndarray  # (R,)


def at_work_fte(fte: np.ndarray, sick: np.ndarray, absent: np.ndarray | None) -> np.ndarray:
    """Staff at work by role: FTE less named people away, less the group's sickness."""
    present = fte if absent is None else np.maximum(fte - absent, 0.0)
    return present * (1.0 - sick[:, GROUP_OF])


def capacity(
    fte: np.ndarray, sick: np.ndarray, state: PracticeState, params: Params, patients: np.ndarray,
    absent: np.ndarray | None = None,
) -> Capacity:
    """Capacity from staff at work, locum sessions, enhanced access and the appointment model.
    ``absent`` is the FTE of named people away this month, by role."""
    at_work = at_work_fte(fte, sick, absent)
    supervision = dot(at_work, SUPERVISION)
    ea_rate = params.enhanced_access_sessions_per_1000_patients_month
    ea_sessions = np.where(state.enhanced_access, patients / 1000.0 * ea_rate, 0.0)
    ea_gp = ea_sessions * params.enhanced_access_gp_share
    gp_sessions = dot(at_work[:, IS_GP], APPTS_PER_FTE[IS_GP]) / APPTS_PER_GP_SESSION
    gp_sessions = gp_sessions + state.locum_sessions + ea_gp - supervision
    efficiency = np.choose(state.appointment_model, [1.0, 1.04, 1.08])
    gp_slots = np.maximum(gp_sessions, 0.0) * APPTS_PER_GP_SESSION * efficiency
    other = dot(at_work * APPTS_PER_FTE * ~IS_GP, KIND_MATRIX)
    other = other + ((ea_sessions - ea_gp) * EA_OTHER_APPTS_PER_SESSION)[:, None] * EA_OTHER_KINDS
    qualified = dot(fte, QUALIFIED_GP)
    qualified_at_work = dot(at_work, QUALIFIED_GP)
    locum_fte = (state.locum_sessions + ea_gp) / SESSIONS_PER_GP_FTE_MONTH
    available = qualified_at_work + locum_fte + 0.5 * at_work[:, REGISTRAR]
    return Capacity(gp_slots, other, available, qualified - qualified_at_work, supervision,
                    ea_sessions)


def committed_fte(state: PracticeState) -> np.ndarray:
    """Staff time the practice has committed to, by role (R, roles): people in post who are
    not leaving, and posts being recruited (at the role's usual hours)."""
    fte_each = np.divide(state.fte, state.heads, out=FTE_PER_HEAD * np.ones_like(state.fte),
                         where=state.heads > 0)
    leaving = np.minimum(sum_last(state.notice), state.heads)
    recruiting = sum_last(state.pipeline) + state.searching
    return np.maximum(state.fte - leaving * fte_each, 0.0) + recruiting * FTE_PER_HEAD


def committed_room_need(state: PracticeState) -> np.ndarray:
    """Committed clinical time that needs a room, in whole-time equivalents (R,)."""
    return dot(committed_fte(state), ROOM_NEED)


def supervision_needed(state: PracticeState) -> np.ndarray:
    """GP sessions a month the committed staff need for supervision (R,)."""
    return dot(committed_fte(state), SUPERVISION)


def supervision_capacity(state: PracticeState, params: Params) -> np.ndarray:
    """GP sessions a month the qualified GPs in post can give to supervision (R,)."""
    gps = dot(state.fte, QUALIFIED_GP.astype(float))
    return gps * params.gp_supervision_sessions_per_gp_fte_month


#: Reception and admin whole-time staff a list needs per 1,000 patients when the wait is
#: normal [E].
ADMIN_FTE_PER_1000 = 0.85


def reception_cover(fte: np.ndarray, patients: np.ndarray) -> np.ndarray:
    """Reception and admin staff in post against what the list needs, 0-1."""
    admin = dot(fte, GROUP_MATRIX[:, ADMIN_GROUP])
    return np.clip(admin / np.maximum(patients / 1000 * ADMIN_FTE_PER_1000, 1e-9), 0.0, 1.0)
