"""Patient safety: incidents, their review, and what they feed.

Each month the practice meets some patient safety incidents it should look into (a missed
result, a prescribing error, a delayed referral): a small share of the two or three incidents
in every hundred consultations that record reviews find in primary care (S135). How many
follows the appointments delivered, raised by:

- pressure: clinical workload past safe limits and burnout (S136);
- skill mix: clinicians who need GP supervision (ARRS roles, physician associates,
  registrars) beyond what the GPs in post can give;
- named concerns: concerns raised about a named colleague and not yet dealt with (S138);

and lowered by what the practice has learnt from significant event analysis (S137). A
practice reviews some incidents in its routine governance; the rest wait for a significant
event analysis (the ``SignificantEventAnalysisDecision``). The month's incidents add to
complaints; the patient safety figure (1 safe) feeds CQC's risk and the quality pillar.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import noise as slots
from .params import Params
from .roles import ADMIN_GROUP, N_GROUPS
from .state import PracticeState

#: Staff groups whose workload and burnout bear on clinical safety.
CLINICAL_GROUPS = np.arange(N_GROUPS) != ADMIN_GROUP
#: Concerns about named colleagues that count towards the incident rate, at most [E].
MAX_CONCERNS_COUNTED = 3.0
#: Unreviewed incidents the practice keeps track of, at most.
MAX_UNREVIEWED = 40.0
#: How much the patient safety figure falls per unit of incident rate above the calm rate,
#: and per incident waiting for review [E].
SAFETY_PER_RATE, SAFETY_PER_UNREVIEWED = 0.3, 0.02
#: Share of what has been learnt that is still in practice a month later [E].
LEARNING_KEPT = 0.92


@dataclass(frozen=True)
class Safety:
    """The month's patient safety."""

    expected: np.ndarray  # (R,) incidents expected this month
    incidents: np.ndarray  # (R,) incidents this month (a whole number with that mean)
    rate_factor: np.ndarray  # (R,) the incident rate against a calm, well-staffed month
    unreviewed: np.ndarray  # (R,) incidents waiting for review at the month's end
    learning: np.ndarray  # (R,) what significant event analyses have taught, 0-1, at the end
    index: np.ndarray  # (R,) patient safety, 0-1 (1 safe)

    @property
    def excess(self) -> np.ndarray:
        """Incidents expected beyond a calm month's: the national complaint rate already
        holds the complaints a calm month's incidents bring."""
        return np.maximum(self.expected - self.expected / self.rate_factor, 0.0)


def rate_factor(params: Params, *, pressure: np.ndarray, burnout: np.ndarray,
                supervision_gap: np.ndarray, concerns: np.ndarray,
                learning: np.ndarray) -> np.ndarray:
    """The incident rate against a calm, well-staffed month with nothing learnt (1)."""
    clinical_pressure = np.clip(pressure[:, CLINICAL_GROUPS], 0.0, 1.5).mean(axis=1)
    clinical_burnout = burnout[:, CLINICAL_GROUPS].mean(axis=1)
    factor = ((1.0 + params.safety_pressure_multiplier * clinical_pressure)
              * (1.0 + params.safety_burnout_multiplier * clinical_burnout)
              * (1.0 + params.safety_skill_mix_multiplier * np.clip(supervision_gap, 0.0, 1.0))
              * (1.0 + params.safety_concern_multiplier
                 * np.minimum(concerns, MAX_CONCERNS_COUNTED)))
    return factor * np.maximum(1.0 - params.safety_learning_effect * learning, 0.1)


def supervision_gap(needed: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """0-1: how far supervision needed outruns what the GPs can give."""
    short = needed - capacity
    return np.clip(np.divide(short, needed, out=np.zeros_like(needed), where=needed > 0),
                   0.0, 1.0)


def open_concerns(state: PracticeState) -> np.ndarray:
    """Concerns about named colleagues still in post that have not been dealt with (R,)."""
    if not state.person_ids:
        return np.zeros(state.runs)
    return np.where(state.person_in_post, state.person_concerns_open, 0).sum(axis=1)


def patient_safety(state: PracticeState, params: Params, u: np.ndarray, *,
                   delivered: np.ndarray, factor: np.ndarray,
                   governance: np.ndarray) -> Safety:
    """This month's incidents; routine review by the practice's governance; the figure."""
    expected = delivered / 1000.0 * params.safety_incidents_per_1000_appointments * factor
    incidents = np.floor(expected + u[:, slots.SAFETY_INCIDENTS])
    waiting = state.incidents_unreviewed + incidents
    routine = np.round(waiting * params.safety_routine_review_share * governance)
    unreviewed = np.minimum(waiting - routine, MAX_UNREVIEWED)
    index = np.clip(1.0 - SAFETY_PER_RATE * (factor - 1.0) - SAFETY_PER_UNREVIEWED * unreviewed,
                    0.0, 1.0)
    return Safety(expected, incidents, factor, unreviewed, state.safety_learning * LEARNING_KEPT,
                  index)
