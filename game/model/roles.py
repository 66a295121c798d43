"""Staff roles, staff groups and the kinds of demand each role can meet.

A role is a line in the practice's establishment. Each has a cost (salary per FTE and whether
NHS Pension employer contributions apply), a clinical capacity (appointments per FTE-month),
the kinds of demand that capacity can meet, the GP supervision it needs, and how hard it is to
recruit and keep. Figures carry their source in ``docs/calibration.md`` (generated from
``game.model.params``); the ARRS caps are the NHS England maximum reimbursement amounts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Staff groups whose morale is tracked separately.
GROUPS: tuple[str, ...] = ("gp", "nursing", "arrs", "admin")

#: Kinds of demand. GPs (partners, salaried, registrars, locums) can meet every kind.
KINDS: tuple[str, ...] = (
    "gp_complex",  # undifferentiated or complex problems only a GP should see
    "same_day",  # acute minor illness: a nurse practitioner, paramedic or PA can see it
    "long_term_conditions",  # reviews, bloods, checks, immunisations: nurses and HCAs
    "medicines",  # medication reviews and queries: clinical pharmacists
    "msk",  # musculoskeletal problems: first-contact physiotherapists
    "mental_health",  # mental health practitioners
    "social",  # social prescribing and care coordination
)


@dataclass(frozen=True)
class RoleSpec:
    """One staff role. Money is per whole-time equivalent (FTE) per year, before on-costs."""

    key: str
    label: str
    group: str
    salary_gbp: float
    pensionable: bool
    appointments_per_fte_month: float
    kinds: dict[str, float]
    fte_per_head: float
    arrs_cap_gbp: float = 0.0
    supervision_gp_sessions_per_fte_month: float = 0.0
    recruit_lag_months: int = 2
    fill_probability_per_month: float = 0.4
    annual_turnover: float = 0.10
    recruitment_cost_gbp: float = 2_000.0
    is_gp: bool = False
    #: months of notice a leaver gives (a partner's under the partnership deed) [E, see
    #: docs/calibration.md]; released staff are paid it in lieu
    notice_months: int = 1
    #: share of a whole-time post's working time that needs a clinical room
    room_need: float = 1.0


ROLES: tuple[RoleSpec, ...] = (
    RoleSpec("partner", "GP partner", "gp", 0.0, False, 448.0, {}, 0.78,
             recruit_lag_months=3, fill_probability_per_month=0.15, annual_turnover=0.07,
             recruitment_cost_gbp=8_000.0, is_gp=True,
             notice_months=6, room_need=1.0),
    RoleSpec("salaried_gp", "Salaried GP", "gp", 95_391.0, True, 448.0, {}, 0.67,
             recruit_lag_months=2, fill_probability_per_month=0.5, annual_turnover=0.12,
             recruitment_cost_gbp=6_000.0, is_gp=True,
             notice_months=3, room_need=1.0),
    RoleSpec("gp_registrar", "GP registrar", "gp", 0.0, False, 224.0, {}, 1.0,
             supervision_gp_sessions_per_fte_month=4.0, recruit_lag_months=4,
             fill_probability_per_month=0.5, annual_turnover=0.0, recruitment_cost_gbp=0.0,
             is_gp=True,
             notice_months=1, room_need=1.0),
    RoleSpec("practice_nurse", "Practice nurse", "nursing", 35_057.0, True, 420.0,
             {"long_term_conditions": 0.6, "same_day": 0.4}, 0.8,
             recruit_lag_months=2, fill_probability_per_month=0.35, annual_turnover=0.12,
             recruitment_cost_gbp=3_000.0,
             notice_months=2, room_need=1.0),
    RoleSpec("hca", "Healthcare assistant", "nursing", 24_937.0, True, 450.0,
             {"long_term_conditions": 0.85, "same_day": 0.15}, 0.8,
             recruit_lag_months=1, fill_probability_per_month=0.6, annual_turnover=0.15,
             recruitment_cost_gbp=1_000.0,
             notice_months=1, room_need=1.0),
    RoleSpec("clinical_pharmacist", "Clinical pharmacist (ARRS)", "arrs", 52_000.0, True, 250.0,
             {"medicines": 0.7, "long_term_conditions": 0.3}, 1.0, arrs_cap_gbp=67_257.0,
             supervision_gp_sessions_per_fte_month=2.0, fill_probability_per_month=0.45,
             notice_months=2, room_need=0.5),
    RoleSpec("physiotherapist", "First-contact physiotherapist (ARRS)", "arrs", 50_000.0, True,
             250.0, {"msk": 1.0}, 1.0, arrs_cap_gbp=67_257.0,
             supervision_gp_sessions_per_fte_month=1.0, fill_probability_per_month=0.45,
             notice_months=2, room_need=1.0),
    RoleSpec("paramedic", "Paramedic (ARRS)", "arrs", 50_000.0, True, 220.0, {"same_day": 1.0},
             1.0, arrs_cap_gbp=67_257.0, supervision_gp_sessions_per_fte_month=2.0,
             fill_probability_per_month=0.4,
             notice_months=2, room_need=0.5),
    RoleSpec("social_prescriber", "Social prescribing link worker (ARRS)", "arrs", 30_000.0,
             True, 100.0, {"social": 1.0}, 1.0, arrs_cap_gbp=43_352.0,
             supervision_gp_sessions_per_fte_month=0.5, fill_probability_per_month=0.6,
             notice_months=1, room_need=0.0),
    RoleSpec("care_coordinator", "Care coordinator (ARRS)", "arrs", 26_000.0, True, 150.0,
             {"social": 0.5, "long_term_conditions": 0.5}, 1.0, arrs_cap_gbp=36_051.0,
             supervision_gp_sessions_per_fte_month=0.5, fill_probability_per_month=0.6,
             notice_months=1, room_need=0.0),
    RoleSpec("mental_health_practitioner", "Mental health practitioner (ARRS)", "arrs",
             45_000.0, True, 140.0, {"mental_health": 1.0}, 1.0, arrs_cap_gbp=53_319.0,
             supervision_gp_sessions_per_fte_month=1.0, fill_probability_per_month=0.35,
             notice_months=2, room_need=1.0),
    # After the Leng review (2025) a physician associate sees no undifferentiated patient a
    # doctor has not assessed: reviews, results and follow-up of long-term conditions only.
    RoleSpec("physician_associate", "Physician associate (ARRS)", "arrs", 48_000.0, True, 300.0,
             {"long_term_conditions": 1.0}, 1.0, arrs_cap_gbp=67_257.0,
             supervision_gp_sessions_per_fte_month=3.0, fill_probability_per_month=0.4,
             notice_months=2, room_need=1.0),
    RoleSpec("practice_manager", "Practice manager", "admin", 48_802.0, True, 0.0, {}, 1.0,
             recruit_lag_months=2, fill_probability_per_month=0.35, annual_turnover=0.08,
             recruitment_cost_gbp=4_000.0,
             notice_months=3, room_need=0.0),
    RoleSpec("reception_admin", "Reception and admin", "admin", 24_500.0, True, 0.0, {}, 0.8,
             recruit_lag_months=1, fill_probability_per_month=0.6, annual_turnover=0.20,
             recruitment_cost_gbp=800.0,
             notice_months=1, room_need=0.0),
    # Added to the ARRS in 2024/25 (GPs within two years of CCT) and 2025/26 (practice nurses).
    RoleSpec("arrs_gp", "Newly qualified GP (ARRS)", "gp", 82_418.0, True, 448.0, {}, 0.67,
             arrs_cap_gbp=105_882.0, supervision_gp_sessions_per_fte_month=0.5,
             recruit_lag_months=2, fill_probability_per_month=0.6, annual_turnover=0.15,
             recruitment_cost_gbp=4_000.0, is_gp=True,
             notice_months=3, room_need=1.0),
    RoleSpec("arrs_practice_nurse", "Practice nurse (ARRS)", "nursing", 38_682.0, True, 420.0,
             {"long_term_conditions": 0.6, "same_day": 0.4}, 0.8, arrs_cap_gbp=53_319.0,
             recruit_lag_months=2, fill_probability_per_month=0.35, annual_turnover=0.12,
             recruitment_cost_gbp=3_000.0,
             notice_months=2, room_need=1.0),
)

ROLE_KEYS: tuple[str, ...] = tuple(r.key for r in ROLES)
ROLE_INDEX: dict[str, int] = {k: i for i, k in enumerate(ROLE_KEYS)}
N_ROLES = len(ROLES)
N_KINDS = len(KINDS)
N_GROUPS = len(GROUPS)
MAX_LAG = max(r.recruit_lag_months for r in ROLES)

PARTNER = ROLE_INDEX["partner"]
SALARIED = ROLE_INDEX["salaried_gp"]
REGISTRAR = ROLE_INDEX["gp_registrar"]
PRACTICE_MANAGER = ROLE_INDEX["practice_manager"]
RECEPTION = ROLE_INDEX["reception_admin"]


def _vector(attr: str) -> np.ndarray:
    return np.array([float(getattr(r, attr)) for r in ROLES])


SALARY = _vector("salary_gbp")
PENSIONABLE = _vector("pensionable")
APPTS_PER_FTE = _vector("appointments_per_fte_month")
FTE_PER_HEAD = _vector("fte_per_head")
ARRS_CAP = _vector("arrs_cap_gbp")
SUPERVISION = _vector("supervision_gp_sessions_per_fte_month")
LAG = np.array([r.recruit_lag_months for r in ROLES])
FILL_P = _vector("fill_probability_per_month")
TURNOVER = _vector("annual_turnover")
RECRUIT_COST = _vector("recruitment_cost_gbp")
IS_GP = np.array([r.is_gp for r in ROLES])
NOTICE = np.array([r.notice_months for r in ROLES])
MAX_NOTICE = int(NOTICE.max())
ROOM_NEED = _vector("room_need")
IS_ARRS = ARRS_CAP > 0
#: Qualified GPs (partners, salaried and ARRS-funded GPs): GPs in training are not counted.
QUALIFIED_GP = IS_GP & (np.arange(N_ROLES) != REGISTRAR)
GROUP_OF = np.array([GROUPS.index(r.group) for r in ROLES])
#: one-hot (roles x groups), for summing heads and FTE by group
GROUP_MATRIX = np.eye(N_GROUPS)[GROUP_OF]
#: share of each non-GP role's capacity usable for each kind (roles x kinds)
KIND_MATRIX = np.array([[r.kinds.get(k, 0.0) for k in KINDS] for r in ROLES])

GROUP_INDEX: dict[str, int] = {g: i for i, g in enumerate(GROUPS)}
KIND_INDEX: dict[str, int] = {k: i for i, k in enumerate(KINDS)}
GP_GROUP = GROUP_INDEX["gp"]
NURSING_GROUP = GROUP_INDEX["nursing"]
ARRS_GROUP = GROUP_INDEX["arrs"]
ADMIN_GROUP = GROUP_INDEX["admin"]
LONG_TERM_CONDITIONS = KIND_INDEX["long_term_conditions"]


def kinds_met_by(group: str) -> np.ndarray:
    """The kinds of demand (a mask over ``KINDS``) that some role of ``group`` can meet."""
    return KIND_MATRIX[GROUP_OF == GROUP_INDEX[group]].sum(axis=0) > 0


#: The kinds only ARRS roles meet (medicines, MSK, mental health, social): their strain is the
#: ARRS team's; nurses and HCAs share same-day and long-term-condition work with them.
ARRS_ONLY_KINDS = kinds_met_by("arrs") & ~kinds_met_by("nursing")


def role_index(key: str) -> int:
    """The index of a role key, or a ``KeyError`` naming the roles that exist."""
    try:
        return ROLE_INDEX[key]
    except KeyError:
        raise KeyError(f"unknown role '{key}' (roles: {', '.join(ROLE_KEYS)})") from None
