"""Outcome pillars, scored 0-100 every month from the month's record.

Each pillar is a weighted mean of a few simple ramps (``PARTS``): a figure at or past its
"good" point scores 1, at or past its "poor" point scores 0, and in between it scores in
proportion. The points are published benchmarks where one exists (the BMA's 25 and 35 contacts
a day, a 5% DNA rate, 2022/23 partner income of £140,200) and otherwise stated here.
``docs/scoring.md`` sets them out in words. Pillars are never folded into one number without
also being shown apart.

**Pillars move for reasons.** A practice's monthly flows are lumpy (a quarter's payment, one
GP's leave, one person leaving), so a score read off one month jumps for no reason a trainee
can act on. Over a run (``scored_records``) the flows in ``SMOOTHED`` are read as the mean of
the last ``SMOOTH_MONTHS`` months played, and people leaving as the share of the team that left
in the last ``TURNOVER_MONTHS``; states (cash, wellbeing, relationships, ratings) are read as
they stand. Every ramp is continuous, so a small change in the figures gives a small change in
a pillar, and ``moves`` names the figure behind every large month-to-month move.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..model.state import CQC_RATINGS

PILLARS: tuple[str, ...] = ("finance", "access", "quality", "team", "system", "equity")
Record = Mapping[str, np.ndarray]

#: National average contractor GP income before tax, England 2022/23 (NHS Digital, S46).
PARTNER_INCOME_BENCHMARK_GBP = 140_200.0
#: How much each CQC rating is worth to the quality pillar (inadequate 0 ... outstanding 1).
RATING_VALUE = {"inadequate": 0.0, "requires_improvement": 0.4, "good": 0.8, "outstanding": 1.0}
assert set(RATING_VALUE) == set(CQC_RATINGS)
#: Monthly flows read as the mean of the last SMOOTH_MONTHS months played (fewer at the start).
SMOOTH_MONTHS = 3
SMOOTHED: tuple[str, ...] = (
    "expenses_gbp", "profit_gbp", "drawings_gbp", "appointments_offered", "unmet_demand",
    "dna_rate", "qof_month_achievement", "contacts_per_gp_day", "arrs_claimed_gbp",
    "arrs_unused_gbp", "high_need_coverage")
#: People leaving are counted over this many months (the months played, at the start).
TURNOVER_MONTHS = 12
#: A month-to-month change of at least this many points is a large move, and is explained.
LARGE_MOVE = 8.0


def ramp(x: np.ndarray, poor: float, good: float) -> np.ndarray:
    """0 at ``poor``, 1 at ``good``, linear between (either direction)."""
    return np.clip((np.asarray(x, float) - poor) / (good - poor), 0.0, 1.0)


def rating_value(ratings: np.ndarray) -> np.ndarray:
    """The CQC rating as a number: inadequate 0, requires improvement 0.4, good 0.8,
    outstanding 1."""
    names = np.asarray(ratings).astype(str)
    out = np.zeros(names.shape)
    for name, value in RATING_VALUE.items():
        out = np.where(names == name, value, out)
    return out


def _sum(r: Record, prefix: str) -> np.ndarray:
    return sum((np.asarray(v, float) for k, v in r.items() if k.startswith(prefix)),
               np.zeros(1))


def _turnover(r: Record) -> np.ndarray:
    """Share of the team that left: over the last TURNOVER_MONTHS when the record carries it
    (``scored_records``), else this month's leavers alone."""
    if "turnover" in r:
        return np.asarray(r["turnover"], float)
    return _sum(r, "leavers_") / np.maximum(_sum(r, "heads_"), 1.0)


def _unmet(r: Record) -> np.ndarray:
    return r["unmet_demand"] / np.maximum(r["appointments_offered"] + r["unmet_demand"], 1.0)


def _annual_profit(r: Record) -> np.ndarray:
    """Partner profit so far this year, annualised, less a year's income per partner at this
    month's rate of patients registering elsewhere for poor access (``income_walking_out``)."""
    months = np.maximum(((r["calendar_month"] - 4) % 12) + 1, 1)
    return r["profit_per_partner_ytd_gbp"] * 12.0 / months - income_walking_out(r)


def income_walking_out(r: Record) -> np.ndarray:
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


def income_security(r: Record) -> np.ndarray:
    """How secure the practice's income is, 0-1: money earned while patients go unseen is not
    sound finance. It falls as access falls short of what patients accept, reaching none at the
    wait the ICB treats as failing the contract, and by 30% for each step of the ICB's
    contract management (remedial notice, breach notice; termination leaves nothing)."""
    zero = np.zeros_like(np.asarray(r["profit_gbp"], float))
    shortfall = np.asarray(r.get("access_shortfall", zero), float)
    level = np.asarray(r.get("contract_status_level", zero), float)
    access_part = np.clip(1.0 - shortfall / SHORTFALL_AT_FAILING, 0.0, 1.0)
    return access_part * np.clip(1.0 - 0.3 * level, 0.0, 1.0) * (level < 3)


#: Pillars multiplied by a factor after their parts are weighed: finance by income security.
FACTORS: dict[str, tuple[str, Callable[[Record], np.ndarray]]] = {
    "finance": ("income security (access and the ICB's contract management)",
                income_security),
}


@dataclass(frozen=True)
class Part:
    """One ramp of a pillar: the figure it reads, its weight, and its poor and good points."""

    pillar: str
    label: str
    weight: float
    poor: float
    good: float
    figure: Callable[[Record], np.ndarray]
    unit: str  # how the debrief writes the figure: a format spec

    def score(self, r: Record) -> np.ndarray:
        return ramp(self.figure(r), self.poor, self.good)


PARTS: tuple[Part, ...] = (
    Part("finance", "cash headroom in months of spending", 0.4, 0.0, 2.0,
         lambda r: (r["cash_gbp"] + r["overdraft_limit_gbp"]) / np.maximum(r["expenses_gbp"],
                                                                           1.0), "{:.1f}"),
    Part("finance", "partner profit, annualised", 0.4, 0.5 * PARTNER_INCOME_BENCHMARK_GBP,
         1.1 * PARTNER_INCOME_BENCHMARK_GBP, _annual_profit, "£{:,.0f}"),
    Part("finance", "profit against drawings", 0.2, 0.5, 1.0,
         lambda r: r["profit_gbp"] / np.maximum(r["drawings_gbp"], 1.0), "{:.0%}"),
    Part("access", "routine wait in days", 0.45, 28.0, 7.0, lambda r: r["wait_days"],
         "{:.1f}"),
    Part("access", "share of requests unmet", 0.35, 0.15, 0.0, _unmet, "{:.1%}"),
    Part("access", "missed appointments (DNA rate)", 0.2, 0.10, 0.04,
         lambda r: r["dna_rate"], "{:.1%}"),
    Part("quality", "QOF achievement", 0.30, 0.6, 0.95,
         lambda r: r["qof_month_achievement"], "{:.0%}"),
    Part("quality", "CQC risk", 0.15, 0.7, 0.1, lambda r: r["cqc_risk"], "{:.2f}"),
    Part("quality", "CQC rating", 0.10, 0.0, 1.0, lambda r: rating_value(r["cqc_rating"]),
         "{:.1f}"),
    Part("quality", "patients rating their experience good", 0.25, 0.5, 0.85,
         lambda r: r["patient_satisfaction"], "{:.0%}"),
    Part("quality", "patient safety", 0.20, 0.4, 0.95, lambda r: r["patient_safety"],
         "{:.2f}"),
    Part("team", "team wellbeing", 0.5, 0.3, 0.8, lambda r: r["staff_wellbeing"], "{:.2f}"),
    Part("team", "share of the team that left in the past year", 0.2, 0.35, 0.10, _turnover,
         "{:.0%}"),
    Part("team", "GP contacts per day", 0.3, 35.0, 25.0, lambda r: r["contacts_per_gp_day"],
         "{:.1f}"),
    Part("system", "relationship with the PCN", 0.6, 0.2, 0.8,
         lambda r: r["pcn_relationship"], "{:.2f}"),
    Part("system", "share of the ARRS entitlement claimed", 0.4, 0.5, 0.95,
         lambda r: (r["arrs_claimed_gbp"] + 1.0) / (r["arrs_claimed_gbp"]
                                                   + r["arrs_unused_gbp"] + 1.0), "{:.0%}"),
    Part("equity", "high-need patients' needs met", 0.4, 0.7, 0.98,
         lambda r: r["high_need_coverage"], "{:.0%}"),
    Part("equity", "recorded against true prevalence", 0.3, 0.8, 1.0,
         lambda r: r["prevalence_recording"], "{:.0%}"),
    Part("equity", "unmet requests weighted by deprivation", 0.3, 0.2, 0.0,
         lambda r: _unmet(r) * (1.0 + r["deprivation"]), "{:.1%}"),
)


def _base(name: str, r: Record) -> np.ndarray:
    return 100 * sum((p.weight * p.score(r) for p in PARTS if p.pillar == name),
                     np.zeros(1))


def _factor(name: str, r: Record) -> np.ndarray:
    return FACTORS[name][1](r) if name in FACTORS else np.ones(1)


def _pillar(name: str, r: Record) -> np.ndarray:
    return _base(name, r) * _factor(name, r)


def finance(r: Record) -> np.ndarray:
    """Cash safety (headroom above the overdraft limit, in months of spending), partner profit
    against the national average, and whether the month paid for the drawings; all times
    income security (``income_security``)."""
    return _pillar("finance", r)


def access(r: Record) -> np.ndarray:
    """Routine wait (7 days or less is good, 28 is poor), unmet demand (none is good, 15% of
    requests is poor) and the DNA rate (4% good, 10% poor)."""
    return _pillar("access", r)


def quality(r: Record) -> np.ndarray:
    """QOF achievement (95% good, 60% poor), CQC risk (0.1 good, 0.7 poor), the current CQC
    rating, patient satisfaction (85% rating the practice good is excellent, 50% poor) and
    patient safety (0.95 good, 0.4 poor: incidents and those left unreviewed)."""
    return _pillar("quality", r)


def team(r: Record) -> np.ndarray:
    """Team wellbeing, people leaving (10% of the team in a year is good, 35% poor) and GP
    workload within the BMA's safe limits (25 contacts a day good, 35 poor)."""
    return _pillar("team", r)


def system(r: Record) -> np.ndarray:
    """The relationship with the PCN and neighbours (0.8 good, 0.2 poor), and the share of the
    ARRS entitlement put to use (95% good, 50% poor; unused money is lost to general practice).
    A month with no entitlement at all counts as fully used: nothing was left on the table.
    (A pound is added to both sides so that a few pence of entitlement cannot flip the share.)"""
    return _pillar("system", r)


def equity(r: Record) -> np.ndarray:
    """Outcomes for high-need patients: long-term conditions, mental health and social needs
    met; disease found and recorded (under-recording leaves patients untreated); and unmet
    demand, which weighs more the more deprived the list."""
    return _pillar("equity", r)


def month_pillars(r: Record) -> dict[str, np.ndarray]:
    """All six pillars for one record (arrays over runs). Over a run, pass the records
    ``scored_records`` gives, so flows are smoothed and leavers counted over the year."""
    return {p: _pillar(p, r) for p in PILLARS}


def scored_records(history: Sequence[Record]) -> list[dict[str, np.ndarray]]:
    """Each month's record as the pillars read it: the SMOOTHED flows as the mean of the last
    SMOOTH_MONTHS months played, and ``turnover``, the share of the team that left in the last
    TURNOVER_MONTHS."""
    out = []
    for t, rec in enumerate(history):
        recent = history[max(0, t - SMOOTH_MONTHS + 1):t + 1]
        year = history[max(0, t - TURNOVER_MONTHS + 1):t + 1]
        row = dict(rec)
        for name in SMOOTHED:
            if name in rec:
                row[name] = np.mean([np.asarray(r[name], float) for r in recent], axis=0)
        left = sum((_sum(r, "leavers_") for r in year), np.zeros(1))
        row["turnover"] = left / np.maximum(_sum(rec, "heads_"), 1.0)
        out.append(row)
    return out


@dataclass(frozen=True)
class Move:
    """A large month-to-month move of a pillar in one run, and the figure behind it."""

    month: int
    pillar: str
    change: float
    part: Part
    before: float
    after: float

    def text(self) -> str:
        way = "rose" if self.change > 0 else "fell"
        fig = self.part.unit
        return (f"Month {self.month}: {self.pillar} {way} {abs(self.change):.0f} points, "
                f"mostly {self.part.label} ({fig.format(self.before)} to "
                f"{fig.format(self.after)}).")


def moves(records: Sequence[Record], i: int = 0) -> list[Move]:
    """Every month-to-month pillar move of at least LARGE_MOVE points in run ``i``, each with
    the part whose change moved the pillar most that way (``records`` from
    ``scored_records``)."""
    out = []
    for t in range(1, len(records)):
        before, after = records[t - 1], records[t]
        for pillar in PILLARS:
            change = float(_pillar(pillar, after)[i] - _pillar(pillar, before)[i])
            if abs(change) < LARGE_MOVE:
                continue
            parts = [p for p in PARTS if p.pillar == pillar]
            kept = float(_factor(pillar, after)[i] * np.ones(1)[0])
            shift = [100 * p.weight * kept * float(p.score(after)[i] - p.score(before)[i])
                     for p in parts]
            if pillar in FACTORS:  # the factor's own share of the move
                label, figure = FACTORS[pillar]
                parts.append(Part(pillar, label, 1.0, 0.0, 1.0, figure, "{:.0%}"))
                shift.append(float(_base(pillar, before)[i])
                             * float(figure(after)[i] - figure(before)[i]))
            k = int(np.argmax(np.sign(change) * np.array(shift)))
            p = parts[k]
            out.append(Move(t + 1, pillar, change, p, float(p.figure(before)[i]),
                            float(p.figure(after)[i])))
    return out
