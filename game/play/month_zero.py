"""The practice's last month before the player took over: a real month record for month 0.

The dashboard shows a figure and a trend on every tile from the first month, and the first
month's summary compares like with like, so the game starts from a full ``MonthRecord`` of the
month before the start. It is the starting practice played for one month by the model, at its
starting settings and with middling luck (every random number 0.5), in the calendar month
before the scenario starts. What the practice *has* at the start (cash, staff, the wait, the
list, morale, ratings) is the scenario's own starting figure, so month 0 agrees with the
briefing; what it *did* in the month (income and expenses line by line, appointments, QOF
work, workload) is the played month's, and the year's profit so far is that month's profit
times the months of the financial year it closes.
"""

from __future__ import annotations

import numpy as np

from ..model import MonthRecord, advance
from ..model.noise import state_streams
from ..model.people import record_values
from ..model.roles import GROUPS, ROLE_KEYS
from ..model.state import APPOINTMENT_MODELS, CQC_RATINGS, PracticeState
from ..model.wellbeing import staff_wellbeing
from ..scenario.runtime import ScenarioRun

#: The luck of the month before the start: the middle of every random draw.
MIDDLING = 0.5


def start_figures(s: PracticeState) -> dict[str, np.ndarray]:
    """What the practice has at the start, per run, in the record's names."""
    v: dict[str, np.ndarray] = {
        "month": np.zeros(s.runs), "cash_gbp": s.cash_pence / 100.0,
        "overdraft_limit_gbp": s.overdraft_limit_gbp, "loan_balance_gbp": s.loan_balance_gbp,
        "patients": s.list_by_age.sum(axis=1), "wait_days": s.wait_days,
        "backlog": s.backlog, "patient_satisfaction": s.satisfaction,
        "pcn_relationship": s.pcn_relationship, "governance": s.governance,
        "locum_sessions": s.locum_sessions, "partners": s.heads[:, 0],
        "cqc_rating": np.asarray(CQC_RATINGS)[s.cqc_rating],
        "cqc_rating_level": s.cqc_rating.astype(float),
        "appointment_model": np.asarray(APPOINTMENT_MODELS)[s.appointment_model],
        "staff_wellbeing": staff_wellbeing(s.morale, s.burnout, s.heads),
        "qof_points_ytd": s.qof_points, "qof_previous_achievement": s.qof_previous,
        "arrs_claimed_gbp": s.arrs_claim_due_gbp,
    }
    for g, name in enumerate(GROUPS):
        v[f"morale_{name}"] = s.morale[:, g]
        v[f"burnout_{name}"] = s.burnout[:, g]
    posts = s.pipeline.sum(axis=2) + s.searching
    for k, key in enumerate(ROLE_KEYS):
        v[f"heads_{key}"] = s.heads[:, k]
        v[f"fte_{key}"] = s.fte[:, k]
        v[f"recruiting_{key}"] = posts[:, k]
        for family in ("joiners", "leavers", "lapsed"):
            v[f"{family}_{key}"] = np.zeros(s.runs)
    v["gp_fte"] = v["fte_partner"] + v["fte_salaried_gp"]
    v.update(record_values(s))
    return v


def month_zero(run: ScenarioRun) -> MonthRecord:
    """Month 0 for every run of ``run``, which must not have begun its first month."""
    start = run.world.state
    before = start.evolve(month=start.month - 1)  # the calendar month before the start
    noise = np.full((start.runs, len(state_streams(start.person_ids))), MIDDLING)
    _, played = advance(before, run.params, noise,
                        recruitment_market=run.world.recruitment_market,
                        force_inspection=np.zeros(start.runs, bool))
    values = {**played.values, **start_figures(start), "ended": np.full(start.runs, "")}
    values["patients_per_gp_fte"] = values["patients"] / np.maximum(values["gp_fte"], 0.1)
    # the financial year so far at this month's rate (the model starts its count at month 1)
    months_in_year = (before.calendar_month - 4) % 12 + 1
    values["profit_ytd_gbp"] = played["profit_gbp"] * months_in_year
    values["profit_per_partner_ytd_gbp"] = (values["profit_ytd_gbp"]
                                            / np.maximum(values["partners"], 1.0))
    return MonthRecord(values)
