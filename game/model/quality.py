"""Quality: QOF achievement through the year, patient satisfaction, governance and CQC.

QOF points accrue month by month at a rate set by how much long-term-condition work gets done
(nurses, HCAs and pharmacists first) and how well it is recorded. Satisfaction follows access,
GP density, continuity and the contact channels (S89: more GPs per patient and easier contact go
with better experience). A CQC inspection comes more often when risk is high, on intelligence
(complaints, a staffing collapse) and at the follow-up it sets; its rating follows governance,
and a poor rating costs money (an action plan, special measures).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import noise as slots
from .access import AccessOutcome
from .params import Params
from .roles import LONG_TERM_CONDITIONS, PRACTICE_MANAGER
from .state import PracticeState

INADEQUATE, REQUIRES_IMPROVEMENT = 0, 1  # indices into state.CQC_RATINGS


def qof_month_rate(access: AccessOutcome, state: PracticeState, params: Params) -> np.ndarray:
    """Share of this month's QOF points earned."""
    wanted = np.maximum(access.requests_by_kind[:, LONG_TERM_CONDITIONS], 1e-9)
    coverage = np.clip(access.offered_by_kind[:, LONG_TERM_CONDITIONS] / wanted, 0.0, 1.0)
    recording = np.clip(state.recording_quality / 0.85, 0.0, 1.1)
    return np.clip(params.qof_base_achievement * coverage**0.6 * recording**0.5, 0.0, 1.0)


def qof_full_value(patients: np.ndarray, state: PracticeState, params: Params) -> np.ndarray:
    """What every QOF point would be worth this year for this list and recorded prevalence.

    Only the clinical points (82% in 2025/26) are adjusted for prevalence, so recording less
    disease than the practice has cuts those points alone."""
    share = params.qof_prevalence_weighted_share
    prevalence = share * state.prevalence_recording + (1.0 - share)
    return (params.qof_points_available * params.qof_value_per_point_gbp
            * patients / params.qof_average_list_size * prevalence)


def satisfaction_target(
    state: PracticeState, params: Params, access: AccessOutcome, gp_fte: np.ndarray,
    patients: np.ndarray, admin_ok: np.ndarray,
) -> np.ndarray:
    """Where patient satisfaction is heading (share rating their experience good)."""
    density = np.clip(gp_fte / np.maximum(patients, 1.0) * 2250.0 - 1.0, -0.5, 0.5)
    unmet_share = access.unmet / np.maximum(access.requests, 1.0)
    locum_share = np.clip(state.locum_sessions * 13.0 / np.maximum(access.gp_offered, 1.0), 0, 1)
    channels = 0.02 * state.cloud_telephony + 0.015 * state.online_consultations
    model = np.choose(state.appointment_model, [0.0, 0.01, -0.03])
    target = (params.satisfaction_baseline + 0.12 * density
              - 0.012 * np.maximum(access.wait_days - 8.0, 0.0)
              - 0.6 * unmet_share - 0.05 * locum_share + channels - 0.035 + model
              + 0.05 * (admin_ok - 1.0))
    return np.clip(target, 0.15, 0.95)


@dataclass(frozen=True)
class Inspection:
    risk: np.ndarray
    inspected: np.ndarray  # (R,) bool
    rating: np.ndarray  # (R,) index into CQC_RATINGS
    months_since: np.ndarray
    concern: np.ndarray  # (R,) bool: complaints or a staffing collapse raised a concern
    follow_up: np.ndarray  # (R,) bool: a scheduled re-inspection fell due this month
    reinspection_in: np.ndarray  # (R,) months until the next follow-up inspection, 0 if none
    enforcement: np.ndarray  # (R,) bool: inadequate again at a re-inspection in special measures


def governance_next(state: PracticeState, fte: np.ndarray, burnout: np.ndarray) -> np.ndarray:
    """Governance improves slowly with a practice manager in post and slips without one."""
    pm = np.clip(fte[:, PRACTICE_MANAGER], 0.0, 1.0)
    drift = 0.006 * pm - 0.015 * (1.0 - pm) - 0.01 * burnout.mean(axis=1)
    return np.clip(state.governance + drift, 0.0, 1.0)


#: How much CQC's risk rises as patient safety falls (safe care is CQC's first question) [E].
CQC_RISK_PER_UNSAFE = 0.3


def cqc_risk(governance: np.ndarray, burnout: np.ndarray, qof_rate: np.ndarray,
             satisfaction: np.ndarray, safety: np.ndarray | None = None) -> np.ndarray:
    """0-1 risk that an inspection finds serious problems; ``safety`` is the patient safety
    figure (1 safe)."""
    risk = (0.6 * (1.0 - governance) + 0.2 * burnout.mean(axis=1)
            + 0.5 * np.clip(0.9 - qof_rate, 0.0, 1.0) + 0.4 * np.clip(0.6 - satisfaction, 0, 1))
    if safety is not None:
        risk = risk + CQC_RISK_PER_UNSAFE * (1.0 - safety)
    return np.clip(risk, 0.0, 1.0)


def cqc_concern(params: Params, complaints_3m: np.ndarray, patients: np.ndarray,
                unsafe_staffing: np.ndarray) -> np.ndarray:
    """Whether CQC has intelligence to act on: complaints well above the usual rate for the
    list, or a staffing collapse."""
    trigger = params.cqc_complaints_trigger_per_1000 * patients / 1000.0
    return (complaints_3m >= trigger) | unsafe_staffing


def inspect(state: PracticeState, params: Params, risk: np.ndarray, governance: np.ndarray,
            u: np.ndarray, forced: np.ndarray | None = None, *,
            concern: np.ndarray | None = None,
            unsafe_staffing: np.ndarray | None = None) -> Inspection:
    """Whether CQC inspects this month, and the rating it gives if so.

    CQC inspects on schedule (more often when risk is high), on intelligence (a concern this
    month), and at the follow-up it set at its last inspection: within six months in special
    measures, within a year after requires improvement. A staffing collapse it finds lowers
    the rating."""
    none = np.zeros(state.runs, bool)
    concern = none if concern is None else concern
    unsafe = none if unsafe_staffing is None else unsafe_staffing
    base = 1.0 / params.cqc_inspection_interval_months
    # with a follow-up already set, CQC waits for it rather than coming again sooner
    waiting = state.cqc_reinspection_in > 0
    chance = (base * (1.0 + 12.0 * risk**2) * (state.months_since_inspection >= 6)
              + params.cqc_intelligence_inspection_chance * concern
              * (state.months_since_inspection >= 2)) * ~waiting
    follow_up = state.cqc_reinspection_in == 1
    inspected = (u[:, slots.CQC_INSPECTION] < chance) | follow_up
    if forced is not None:
        inspected |= forced
    score = (governance - 0.3 * risk - params.cqc_unsafe_staffing_rating_penalty * unsafe
             + 0.15 * (u[:, slots.CQC_RATING] - 0.5))
    new_rating = np.digitize(score, [0.35, 0.55, 0.88])
    rating = np.where(inspected, new_rating, state.cqc_rating)
    months_since = np.where(inspected, 0.0, state.months_since_inspection + 1.0)
    follow_up_in = np.choose(np.clip(new_rating, 0, 2), [
        params.cqc_special_measures_reinspection_months,
        params.cqc_requires_improvement_reinspection_months, 0])
    reinspection_in = np.where(inspected, follow_up_in,
                               np.maximum(state.cqc_reinspection_in - 1, 0))
    enforcement = inspected & (new_rating == INADEQUATE) & (state.cqc_rating == INADEQUATE)
    return Inspection(risk, inspected, rating, months_since, concern, follow_up,
                      reinspection_in.astype(int), enforcement)


def cqc_costs(inspection: Inspection, params: Params) -> np.ndarray:
    """What a rating costs this month: an action plan (requires improvement) or special
    measures (inadequate), once when rated and each month until the follow-up inspection."""
    rated = inspection.inspected
    rating = inspection.rating
    planning = inspection.reinspection_in > 0
    ri = rating == REQUIRES_IMPROVEMENT
    inadequate = rating == INADEQUATE
    once = (rated & ri) * params.cqc_action_plan_cost_gbp + (
        rated & inadequate) * params.cqc_special_measures_cost_gbp
    monthly = planning * (ri * params.cqc_action_plan_cost_gbp_month
                          + inadequate * params.cqc_special_measures_cost_gbp_month)
    return once + monthly


@dataclass(frozen=True)
class QofYear:
    """QOF points through the year (April-March) and the payments that follow from them."""

    points: np.ndarray  # (R,) points earned so far, this month included
    balancing_paid: np.ndarray  # (R,) last year's balancing payment, paid this month (or 0)
    points_next: np.ndarray  # (R,) the points carried into next month (0 after March)
    previous_next: np.ndarray  # (R,) last year's achievement, as next month will know it
    balancing_due_next: np.ndarray  # (R,) the balancing payment due at the balancing month


def qof_year(state: PracticeState, params: Params, rate: np.ndarray,
             full_value: np.ndarray) -> QofYear:
    """This month's QOF points; in March the year closes: achievement against the aspiration
    payments made through it sets the balancing payment (negative: money recovered in June)."""
    cal = state.calendar_month
    points = state.qof_points + params.qof_points_available / 12.0 * rate
    balancing = np.where(cal == params.qof_balancing_month, state.qof_balancing_due_gbp, 0.0)
    year_end = cal == 3
    achieved = points / params.qof_points_available
    aspiration = params.qof_aspiration_share * state.qof_previous * full_value
    due = np.where(year_end, achieved * full_value - aspiration,
                   np.where(cal == params.qof_balancing_month, 0.0, state.qof_balancing_due_gbp))
    return QofYear(points, balancing, np.where(year_end, 0.0, points),
                   np.where(year_end, achieved, state.qof_previous), due)
