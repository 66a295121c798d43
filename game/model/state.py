"""The state of one or many practices, as arrays with a leading axis of runs.

``PracticeState`` is immutable by convention: ``advance`` and the decisions return a new state
rather than changing the one they were given, so a record of the past can be trusted.
``PracticeProfile`` is the plain description of a practice that a scenario supplies.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

import numpy as np

from .people import PersonProfile, initial_arrays, named_fte_by_role
from .roles import (
    FTE_PER_HEAD,
    GROUPS,
    MAX_LAG,
    MAX_NOTICE,
    N_GROUPS,
    N_ROLES,
    ROLE_INDEX,
    ROLE_KEYS,
    ROOM_NEED,
)

#: Age bands of the registered list.
AGE_BANDS: tuple[str, ...] = ("0-4", "5-14", "15-44", "45-64", "65-74", "75-84", "85+")
#: England's list by age band (ONS mid-year estimates, rounded), the default age mix.
ENGLAND_AGE_MIX = np.array([0.055, 0.12, 0.39, 0.255, 0.10, 0.06, 0.02])
#: Consultations per year relative to the average patient (CPRD pattern: high at both ends of
#: life; Hobbs et al. 2016, S86). Normalised so England's mix averages 1.
_AGE_RATE = np.array([1.05, 0.50, 0.72, 1.0, 1.55, 2.05, 2.5])
AGE_DEMAND_INDEX = _AGE_RATE / float(ENGLAND_AGE_MIX @ _AGE_RATE)
#: Carr-Hill-style age weighting for the Global Sum, normalised so England's mix weighs 1.
_AGE_WEIGHT = np.array([1.25, 0.55, 0.75, 1.0, 1.5, 2.2, 2.9])
AGE_FUNDING_WEIGHT = _AGE_WEIGHT / float(ENGLAND_AGE_MIX @ _AGE_WEIGHT)

APPOINTMENT_MODELS: tuple[str, ...] = ("traditional", "triage_first", "total_triage")
#: One-off investments a practice can make (their costs and effects are in ``decisions``).
INVESTMENT_KEYS: tuple[str, ...] = ("coding_and_recording", "case_finding", "staff_wellbeing",
                                    "governance_systems", "premises_refurbishment")
#: How much of an investment's recency is left a month later: a programme bought again soon
#: adds less than the first time (diminishing returns) [E].
INVESTMENT_RECENCY_KEPT = 0.9
CQC_RATINGS: tuple[str, ...] = ("inadequate", "requires_improvement", "good", "outstanding")


@dataclass(frozen=True)
class PracticeProfile:
    """A practice as a scenario describes it at the start (month 0)."""

    list_size: int = 10_000
    age_mix: tuple[float, ...] = tuple(ENGLAND_AGE_MIX.tolist())
    deprivation: float = 0.5
    market_forces_factor: float = 1.0
    staff: dict[str, float] = field(default_factory=dict)
    locum_sessions_per_month: float = 20.0
    cash_gbp: float = 60_000.0
    overdraft_limit_gbp: float = 100_000.0
    loan_balance_gbp: float = 0.0
    loan_months_left: int = 0
    drawings_per_partner_month_gbp: float = 10_500.0
    pcn_relationship: float = 0.6
    morale: dict[str, float] = field(default_factory=dict)
    recording_quality: float = 0.85
    prevalence_recording: float = 1.0
    governance: float = 0.75
    cqc_rating: str = "good"
    qof_previous_achievement: float = 0.95
    appointment_model: str = "traditional"
    cloud_telephony: bool = True
    online_consultations: bool = True
    enhanced_access: bool = True
    training_practice: bool = False
    start_calendar_month: int = 4
    clinical_rooms: int | None = None  # None: enough for the starting clinical staff
    people: tuple[PersonProfile, ...] = ()  # named people, each one of their role's heads


DEFAULT_STAFF: dict[str, float] = {
    "partner": 5, "salaried_gp": 1, "practice_nurse": 3, "hca": 3,
    "clinical_pharmacist": 1, "physiotherapist": 0.5, "paramedic": 1,
    "social_prescriber": 0.5, "care_coordinator": 0.5, "mental_health_practitioner": 0.3,
    "physician_associate": 1, "practice_manager": 1, "reception_admin": 11,
}


@dataclass(frozen=True)
class PracticeState:
    """Everything the model needs to advance a month. Arrays have a leading axis of runs."""

    month: int  # months elapsed since the scenario began (0 before the first turn)
    start_calendar_month: int  # 1 = January
    list_by_age: np.ndarray  # (R, bands) registered patients
    deprivation: np.ndarray  # (R,) 0 least to 1 most deprived
    market_forces_factor: np.ndarray  # (R,)
    heads: np.ndarray  # (R, roles) people in post
    fte: np.ndarray  # (R, roles) whole-time equivalents in post
    pipeline: np.ndarray  # (R, roles, MAX_LAG) posts advertised, by months until shortlisting
    searching: np.ndarray  # (R, roles) posts shortlisting each month until filled or lapsed
    notice: np.ndarray  # (R, roles, MAX_NOTICE) people working their notice, by months left
    clinical_rooms: np.ndarray  # (R,) consulting and treatment rooms
    locum_sessions: np.ndarray  # (R,) booked locum GP sessions per month
    morale: np.ndarray  # (R, groups) 0-1
    burnout: np.ndarray  # (R, groups) 0-1
    backlog: np.ndarray  # (R,) appointments waiting from earlier months
    wait_days: np.ndarray  # (R,)
    satisfaction: np.ndarray  # (R,) 0-1
    qof_points: np.ndarray  # (R,) points earned so far this QOF year
    qof_previous: np.ndarray  # (R,) last year's achievement share, sets the aspiration payment
    recording_quality: np.ndarray  # (R,) 0-1
    prevalence_recording: np.ndarray  # (R,) recorded / true prevalence
    governance: np.ndarray  # (R,) 0-1
    cqc_rating: np.ndarray  # (R,) index into CQC_RATINGS
    months_since_inspection: np.ndarray  # (R,)
    pcn_relationship: np.ndarray  # (R,) 0-1
    cash_pence: np.ndarray  # (R,) int64
    overdraft_limit_gbp: np.ndarray  # (R,)
    loan_balance_gbp: np.ndarray  # (R,)
    loan_months_left: np.ndarray  # (R,)
    drawings_per_partner: np.ndarray  # (R,) £ per partner per month
    pay_uplift: np.ndarray  # (R,) staff pay rise given this year, as a share
    appointment_model: np.ndarray  # (R,) index into APPOINTMENT_MODELS
    cloud_telephony: np.ndarray  # (R,) bool
    online_consultations: np.ndarray  # (R,) bool
    enhanced_access: np.ndarray  # (R,) bool
    training_practice: np.ndarray  # (R,) bool
    arrs_claim_due_gbp: np.ndarray  # (R,) reimbursement claimed last month, paid this month
    qof_balancing_due_gbp: np.ndarray  # (R,) balancing payment due at the balancing month
    change_fatigue: np.ndarray  # (R,) 0-1, from changes imposed on the team
    team_consulted: np.ndarray  # (R,) months left in which the team has been consulted
    pending_one_off_gbp: np.ndarray  # (R,) one-off costs committed this month
    pending_income_gbp: np.ndarray  # (R,) one-off income due this month (grants, settlements)
    pending_financing_gbp: np.ndarray  # (R,) loans drawn this month
    demand_shift: np.ndarray  # (R,) temporary demand multiplier - 1 (events)
    demand_shift_months: np.ndarray  # (R,)
    extra_income_gbp: np.ndarray  # (R,) recurring income from events, per month
    extra_income_months: np.ndarray  # (R,)
    extra_cost_gbp: np.ndarray  # (R,) recurring cost from events, per month
    extra_cost_months: np.ndarray  # (R,)
    profit_ytd_gbp: np.ndarray  # (R,) partner profit this financial year (April-March)
    partners_left: np.ndarray  # (R,) partners who have resigned since the start
    investment_recency: np.ndarray  # (R, investments) purchases, fading each month
    invested_this_month: np.ndarray  # (R, investments) bool, bought this month
    # service obligations (see ``obligations``)
    complaints_recent: np.ndarray  # (R, 3) formal complaints in each of the last three months
    contract_status: np.ndarray  # (R,) int: 0 none, 1 remedial, 2 breach notice, 3 terminated
    contract_months_in_status: np.ndarray  # (R,) months since the contract status changed
    contract_failing_months: np.ndarray  # (R,) consecutive months failing essential services
    contract_breach_notices: np.ndarray  # (R,) breach notices issued since the start
    cqc_reinspection_in: np.ndarray  # (R,) months until CQC's follow-up inspection, 0 if none
    ended: np.ndarray  # (R,) index of the end condition reached, -1 while playing
    incidents_unreviewed: np.ndarray  # (R,) patient safety incidents waiting for review
    safety_learning: np.ndarray  # (R,) 0-1, what significant event analyses have taught
    # named people (see ``people``): arrays (R, P), one column per person in declared order
    person_in_post: np.ndarray  # (R, P) bool: still in post (gone once their notice ends)
    person_fte: np.ndarray  # (R, P) their whole-time equivalent
    person_morale: np.ndarray  # (R, P) 0-1
    person_wellbeing: np.ndarray  # (R, P) 0-1, 1 well
    person_trust: np.ndarray  # (R, P) 0-1, their trust in the player
    person_absence: np.ndarray  # (R, P) int: index into people.ABSENCE_KINDS
    person_return_month: np.ndarray  # (R, P) int: scenario month they are back (0: not away)
    person_notice: np.ndarray  # (R, P) int: months of notice left counting this one, 0: none,
    # -1: resigning this month (an event), joining the notice queue when the month is played
    person_concerns_by: np.ndarray  # (R, P) int: concerns they have raised
    person_concerns_about: np.ndarray  # (R, P) int: concerns raised about them
    person_concerns_open: np.ndarray  # (R, P) int: concerns about them not yet dealt with
    person_ids: tuple[str, ...] = ()  # the scenario's ids, which name their random streams
    person_roles: tuple[int, ...] = ()  # each person's role index (fixed for the scenario)

    @property
    def runs(self) -> int:
        return int(self.heads.shape[0])

    @property
    def calendar_month(self) -> int:
        """The calendar month (1-12) of the next month to be played."""
        return (self.start_calendar_month - 1 + self.month) % 12 + 1

    def evolve(self, **changes: object) -> PracticeState:
        """A copy with some fields replaced. Like ``dataclasses.replace`` (an unknown name is a
        ``TypeError``) without running ``__init__`` over every field: the model evolves the
        state several times a month, and for one run that cost showed."""
        unknown = changes.keys() - _FIELD_NAMES
        if unknown:
            raise TypeError(f"PracticeState has no field(s) {', '.join(sorted(unknown))}")
        new = object.__new__(PracticeState)
        new.__dict__.update(self.__dict__)
        new.__dict__.update(changes)
        return new

    def take(self, index: np.ndarray | slice | int) -> PracticeState:
        """The runs at ``index`` (a sub-batch), keeping the leading axis."""
        if isinstance(index, int):
            index = slice(index, index + 1)
        return replace(self, **{
            f.name: getattr(self, f.name)[index]
            for f in fields(self) if isinstance(getattr(self, f.name), np.ndarray)
        })


_FIELD_NAMES = frozenset(f.name for f in fields(PracticeState))


def room_need_fte(fte: np.ndarray) -> np.ndarray:
    """Clinical staff time that needs a room, in whole-time equivalents (per run)."""
    return np.asarray(fte @ ROOM_NEED)


def initial_state(profile: PracticeProfile, runs: int = 1) -> PracticeState:
    """The state of ``runs`` identical copies of the practice before its first month."""
    r = runs
    staff = profile.staff if profile.staff else DEFAULT_STAFF
    heads = np.zeros(N_ROLES)
    for key, count in staff.items():
        heads[ROLE_INDEX[key]] = count
    named_heads, named_fte = named_fte_by_role(profile.people, ROLE_KEYS)
    fte = (heads - named_heads) * FTE_PER_HEAD + named_fte
    mix = np.asarray(profile.age_mix, dtype=float)
    morale = np.array([profile.morale.get(g, 0.65) for g in GROUPS])

    def full(value: float, dtype: type = float) -> np.ndarray:
        return np.full(r, value, dtype=dtype)

    return PracticeState(
        month=0,
        start_calendar_month=profile.start_calendar_month,
        list_by_age=np.tile(mix / mix.sum() * profile.list_size, (r, 1)),
        deprivation=full(profile.deprivation),
        market_forces_factor=full(profile.market_forces_factor),
        heads=np.tile(heads, (r, 1)),
        fte=np.tile(fte, (r, 1)),
        pipeline=np.zeros((r, N_ROLES, MAX_LAG)),
        searching=np.zeros((r, N_ROLES)),
        notice=np.zeros((r, N_ROLES, MAX_NOTICE)),
        clinical_rooms=full(float(profile.clinical_rooms or 0)),  # 0: start_state decides
        locum_sessions=full(profile.locum_sessions_per_month),
        morale=np.tile(morale, (r, 1)),
        burnout=np.zeros((r, N_GROUPS)),
        backlog=full(0.0),
        wait_days=full(0.0),
        satisfaction=full(0.739),
        qof_points=full(0.0),
        qof_previous=full(profile.qof_previous_achievement),
        recording_quality=full(profile.recording_quality),
        prevalence_recording=full(profile.prevalence_recording),
        governance=full(profile.governance),
        cqc_rating=full(CQC_RATINGS.index(profile.cqc_rating), int),
        months_since_inspection=full(24.0),
        pcn_relationship=full(profile.pcn_relationship),
        cash_pence=full(round(profile.cash_gbp * 100), np.int64),
        overdraft_limit_gbp=full(profile.overdraft_limit_gbp),
        loan_balance_gbp=full(profile.loan_balance_gbp),
        loan_months_left=full(profile.loan_months_left, int),
        drawings_per_partner=full(profile.drawings_per_partner_month_gbp),
        pay_uplift=full(0.0),
        appointment_model=full(APPOINTMENT_MODELS.index(profile.appointment_model), int),
        cloud_telephony=full(profile.cloud_telephony, bool),
        online_consultations=full(profile.online_consultations, bool),
        enhanced_access=full(profile.enhanced_access, bool),
        training_practice=full(profile.training_practice, bool),
        arrs_claim_due_gbp=full(0.0),
        qof_balancing_due_gbp=full(0.0),
        change_fatigue=full(0.0),
        team_consulted=full(0.0),
        pending_one_off_gbp=full(0.0),
        pending_income_gbp=full(0.0),
        pending_financing_gbp=full(0.0),
        demand_shift=full(0.0),
        demand_shift_months=full(0.0),
        extra_income_gbp=full(0.0),
        extra_income_months=full(0.0),
        extra_cost_gbp=full(0.0),
        extra_cost_months=full(0.0),
        profit_ytd_gbp=full(0.0),
        partners_left=full(0.0),
        investment_recency=np.zeros((r, len(INVESTMENT_KEYS))),
        invested_this_month=np.zeros((r, len(INVESTMENT_KEYS)), bool),
        complaints_recent=np.zeros((r, 3)),
        contract_status=full(0, int),
        contract_months_in_status=full(0, int),
        contract_failing_months=full(0, int),
        contract_breach_notices=full(0, int),
        cqc_reinspection_in=full(0, int),
        ended=full(-1, int),
        incidents_unreviewed=full(0.0),
        safety_learning=full(0.0),
        **initial_arrays(profile.people, r),
        person_ids=tuple(p.id for p in profile.people),
        person_roles=tuple(ROLE_INDEX[p.role] for p in profile.people),
    )
