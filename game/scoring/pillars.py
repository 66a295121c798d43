"""Outcome pillars, scored 0-100 every month from the month's record.

Each pillar is a weighted mean of a few simple ramps: a figure at or past its "good" point
scores 1, at or past its "poor" point scores 0, and in between it scores in proportion. The
points are published benchmarks where one exists (the BMA's 25 and 35 contacts a day, a 5% DNA
rate, 2022/23 partner income of £140,200) and otherwise stated here. ``docs/scoring.md`` sets
them out in words. Pillars are never folded into one number without also being shown apart.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..model.state import CQC_RATINGS

PILLARS: tuple[str, ...] = ("finance", "access", "quality", "team", "system", "equity")

#: National average contractor GP income before tax, England 2022/23 (NHS Digital, S46).
PARTNER_INCOME_BENCHMARK_GBP = 140_200.0
#: How much each CQC rating is worth to the quality pillar (inadequate 0 ... outstanding 1).
RATING_VALUE = {"inadequate": 0.0, "requires_improvement": 0.4, "good": 0.8, "outstanding": 1.0}
assert set(RATING_VALUE) == set(CQC_RATINGS)


def ramp(x: np.ndarray, poor: float, good: float) -> np.ndarray:
    """0 at ``poor``, 1 at ``good``, linear between (either direction)."""
    return np.clip((np.asarray(x, float) - poor) / (good - poor), 0.0, 1.0)


def finance(r: Mapping[str, np.ndarray]) -> np.ndarray:
    """Cash safety (headroom above the overdraft limit, in months of spending), partner profit
    against the national average, and whether the month paid for the drawings."""
    spend = np.maximum(r["expenses_gbp"], 1.0)
    headroom = ramp((r["cash_gbp"] + r["overdraft_limit_gbp"]) / spend, 0.0, 2.0)
    months = np.maximum(((r["calendar_month"] - 4) % 12) + 1, 1)
    annual = r["profit_per_partner_ytd_gbp"] * 12.0 / months - income_walking_out(r)
    profit = ramp(annual, 0.5 * PARTNER_INCOME_BENCHMARK_GBP, 1.1 * PARTNER_INCOME_BENCHMARK_GBP)
    covered = ramp(r["profit_gbp"] / np.maximum(r["drawings_gbp"], 1.0), 0.5, 1.0)
    return 100 * (0.4 * headroom + 0.4 * profit + 0.2 * covered) * income_security(r)


def income_walking_out(r: Mapping[str, np.ndarray]) -> np.ndarray:
    """A year's income lost, per partner, at this month's rate of patients registering
    elsewhere because of poor access: each takes the practice's income per patient with them,
    year after year, so the profit earned meanwhile overstates the partnership's finances."""
    zero = np.zeros_like(np.asarray(r["profit_gbp"], float))
    leaving = np.asarray(r.get("patients_left_access", zero), float)
    patients = np.maximum(np.asarray(r.get("patients", zero + 1.0), float), 1.0)
    per_patient = np.asarray(r.get("income_gbp", zero), float) * 12.0 / patients
    partners = np.maximum(np.asarray(r.get("partners", zero + 1.0), float), 1.0)
    return leaving * 12.0 * per_patient / partners


#: The access shortfall (``access_shortfall``) at the ICB's failing wait: a practice this far
#: below what patients accept is failing its contract, and its income is not secure.
SHORTFALL_AT_FAILING = 0.5


def income_security(r: Mapping[str, np.ndarray]) -> np.ndarray:
    """How secure the practice's income is, 0-1: money earned while patients go unseen is not
    sound finance. It falls as access falls short of what patients accept, reaching none at the
    wait the ICB treats as failing the contract, and by 30% for each step of the ICB's
    contract management (remedial notice, breach notice; termination leaves nothing)."""
    zero = np.zeros_like(np.asarray(r["profit_gbp"], float))
    shortfall = np.asarray(r.get("access_shortfall", zero), float)
    level = np.asarray(r.get("contract_status_level", zero), float)
    access_part = np.clip(1.0 - shortfall / SHORTFALL_AT_FAILING, 0.0, 1.0)
    return access_part * np.clip(1.0 - 0.3 * level, 0.0, 1.0) * (level < 3)


def access(r: Mapping[str, np.ndarray]) -> np.ndarray:
    """Routine wait (7 days or less is good, 28 is poor), unmet demand (none is good, 15% of
    requests is poor) and the DNA rate (4% good, 10% poor)."""
    requests = np.maximum(r["appointments_offered"] + r["unmet_demand"], 1.0)
    unmet = r["unmet_demand"] / requests
    return 100 * (0.45 * ramp(r["wait_days"], 28.0, 7.0) + 0.35 * ramp(unmet, 0.15, 0.0)
                  + 0.2 * ramp(r["dna_rate"], 0.10, 0.04))


def rating_value(ratings: np.ndarray) -> np.ndarray:
    """The CQC rating as a number: inadequate 0, requires improvement 0.4, good 0.8,
    outstanding 1."""
    names = np.asarray(ratings).astype(str)
    out = np.zeros(names.shape)
    for name, value in RATING_VALUE.items():
        out = np.where(names == name, value, out)
    return out


def quality(r: Mapping[str, np.ndarray]) -> np.ndarray:
    """QOF achievement this month (95% good, 60% poor), CQC risk (0.1 good, 0.7 poor), the
    current CQC rating, and patient satisfaction (85% rating the practice good is excellent,
    50% poor)."""
    return 100 * (0.35 * ramp(r["qof_month_achievement"], 0.6, 0.95)
                  + 0.20 * ramp(r["cqc_risk"], 0.7, 0.1)
                  + 0.10 * rating_value(r["cqc_rating"])
                  + 0.35 * ramp(r["patient_satisfaction"], 0.5, 0.85))


def team(r: Mapping[str, np.ndarray], leavers: np.ndarray, heads: np.ndarray) -> np.ndarray:
    """Team wellbeing, people leaving (none is good; 5% of the team in a month is poor) and GP
    workload within the BMA's safe limits (25 contacts a day good, 35 poor)."""
    turnover = leavers / np.maximum(heads, 1.0)
    return 100 * (0.5 * ramp(r["staff_wellbeing"], 0.3, 0.8) + 0.2 * ramp(turnover, 0.05, 0.0)
                  + 0.3 * ramp(r["contacts_per_gp_day"], 35.0, 25.0))


def system(r: Mapping[str, np.ndarray]) -> np.ndarray:
    """The relationship with the PCN and neighbours (0.8 good, 0.2 poor), and the share of the
    ARRS entitlement put to use (95% good, 50% poor; unused money is lost to general practice).
    A month with no entitlement at all counts as fully used: nothing was left on the table.
    (A pound is added to both sides so that a few pence of entitlement cannot flip the share.)"""
    entitlement = r["arrs_claimed_gbp"] + r["arrs_unused_gbp"]
    used = (r["arrs_claimed_gbp"] + 1.0) / (entitlement + 1.0)
    return 100 * (0.6 * ramp(r["pcn_relationship"], 0.2, 0.8) + 0.4 * ramp(used, 0.5, 0.95))


def equity(r: Mapping[str, np.ndarray]) -> np.ndarray:
    """Outcomes for high-need patients: long-term conditions, mental health and social needs
    met; disease found and recorded (under-recording leaves patients untreated); and unmet
    demand, which weighs more the more deprived the list."""
    requests = np.maximum(r["appointments_offered"] + r["unmet_demand"], 1.0)
    unmet = r["unmet_demand"] / requests * (1.0 + r["deprivation"])
    return 100 * (0.4 * ramp(r["high_need_coverage"], 0.7, 0.98)
                  + 0.3 * ramp(r["prevalence_recording"], 0.8, 1.0)
                  + 0.3 * ramp(unmet, 0.2, 0.0))


def month_pillars(r: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """All six pillars for one month's record (arrays over runs)."""
    leavers = sum((v for k, v in r.items() if k.startswith("leavers_")), np.zeros(1))
    heads = sum((v for k, v in r.items() if k.startswith("heads_")), np.zeros(1))
    return {"finance": finance(r), "access": access(r), "quality": quality(r),
            "team": team(r, leavers, heads), "system": system(r), "equity": equity(r)}
