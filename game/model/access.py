"""Access: matching demand to capacity, the backlog, the routine wait and missed appointments.

Requests this month are the new demand plus the backlog. Non-GP clinicians meet the kinds of
need they can; GPs take the rest up to their slots. What cannot be offered waits (a backlog that
lengthens the routine wait) or is given up (unmet demand). The longer the wait, the more booked
appointments are missed (DNA), and missed slots are capacity lost.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .demand import DEMAND_MIX
from .params import Params
from .state import PracticeState
from .workforce import Capacity

#: How much more of the booking is on the day under each appointment model than under
#: traditional booking (``Params.same_day_share_traditional``, S84, S87) [E]: triage moves
#: booking towards the same day.
SAME_DAY_UPLIFT = np.array([0.0, 0.13, 0.28])
#: Share of the demand beyond their slots that GPs absorb, and the most they stretch [E]:
#: GPs typically work 6.2 hours in a nominal 4h10m session (S79).
STRETCH_SHARE = 0.6
MAX_STRETCH = 0.3


@dataclass(frozen=True)
class AccessOutcome:
    requests: np.ndarray  # (R,) new demand + backlog
    offered: np.ndarray  # (R,) appointments booked
    attended: np.ndarray  # (R,) appointments delivered
    gp_offered: np.ndarray  # (R,)
    offered_by_kind: np.ndarray  # (R, kinds)
    requests_by_kind: np.ndarray  # (R, kinds)
    dna_rate: np.ndarray
    backlog: np.ndarray
    unmet: np.ndarray
    wait_days: np.ndarray


def routine_dna(wait_days: np.ndarray, params: Params) -> np.ndarray:
    """DNA rate of routine bookings by lead time: next day, within a week, over a week (S70)."""
    return np.interp(wait_days, [1.0, 4.5, 10.0],
                     [params.dna_next_day, params.dna_within_week, params.dna_over_week])


def match(
    state: PracticeState, params: Params, demand: np.ndarray, cap: Capacity
) -> AccessOutcome:
    """Book what can be booked, then work out DNAs, the backlog and the wait."""
    requests = demand + state.backlog
    by_kind = requests[:, None] * DEMAND_MIX
    other = np.minimum(by_kind, cap.other_by_kind)
    to_gp = by_kind - other
    gp_wanted = to_gp.sum(axis=1)
    # Under pressure GPs squeeze in extra contacts (extra slots, shorter consultations): they
    # absorb part of the excess, up to MAX_STRETCH more than their booked slots.
    excess = np.clip(gp_wanted / np.maximum(cap.gp_slots, 1.0) - 1.0, 0.0, None)
    stretch = np.minimum(STRETCH_SHARE * excess, MAX_STRETCH)
    gp = np.minimum(gp_wanted, cap.gp_slots * (1.0 + stretch))
    gp_share = np.divide(gp, gp_wanted, out=np.ones_like(gp), where=gp_wanted > 0)
    offered_by_kind = other + to_gp * gp_share[:, None]
    offered = offered_by_kind.sum(axis=1)
    same_day = np.clip(params.same_day_share_traditional
                       + SAME_DAY_UPLIFT[state.appointment_model], 0.0, 1.0)
    dna = same_day * params.dna_same_day + (1 - same_day) * routine_dna(state.wait_days, params)
    missed = offered * dna
    unserved = np.maximum(requests - offered, 0.0)
    backlog = unserved * (1.0 - params.backlog_abandon_share) + missed * params.dna_rebook_share
    per_day = np.maximum(offered / params.working_days_per_month, 1.0)
    wait = params.base_routine_wait_days + backlog / per_day * 7.0 / 5.0
    return AccessOutcome(requests, offered, offered - missed, gp, offered_by_kind, by_kind, dna,
                         backlog, unserved * params.backlog_abandon_share, wait)


def coverage(access: AccessOutcome, kind: int) -> np.ndarray:
    """Share of one kind of need (an index into ``roles.KINDS``) that was offered an
    appointment this month, 0-1."""
    wanted = np.maximum(access.requests_by_kind[:, kind], 1e-9)
    return np.clip(access.offered_by_kind[:, kind] / wanted, 0.0, 1.0)
