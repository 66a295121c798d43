"""The dashboard's indicators: how each figure is shown and when it is red, amber or green.

Every threshold is stated in ``rule`` and shown on hover, never hidden. Where a published
benchmark exists the threshold uses it (the BMA's 25 safe contacts a GP day; the scoring's
4% DNA rate); otherwise it is a judgement stated here and in ``docs/playing.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .explain import money

Row = dict[str, Any]


@dataclass(frozen=True)
class Indicator:
    """One dashboard tile: ``green``/``amber`` are the limits of those bands."""

    key: str  # the record field charted
    label: str
    meaning: str
    show: Callable[[Row], str]
    detail: Callable[[Row], str]
    green: float | None = None
    amber: float | None = None
    higher_is_better: bool = True
    unit: Callable[[float], str] = format
    #: decimal places of the figure as shown (shares shown as whole percents: 2); the band is
    #: judged on the figure rounded so, never on digits the player cannot see
    places: int = 2

    def value(self, row: Row) -> float | None:
        v = row.get(self.key)
        return None if v is None else float(v) if not isinstance(v, str) else None

    def state(self, row: Row) -> str:
        """'green', 'amber', 'red', or 'none' (no bands, or no figure yet)."""
        v = self.value(row)
        if v is None or self.green is None or self.amber is None:
            return "none"
        v = round(v, self.places)
        if self.higher_is_better:
            return "green" if v >= self.green else "amber" if v >= self.amber else "red"
        return "green" if v <= self.green else "amber" if v <= self.amber else "red"

    def rule(self) -> str:
        if self.green is None or self.amber is None:
            return f"{self.meaning} No red/amber/green bands: read it with the others."
        u = self.unit
        if self.higher_is_better:
            bands = (f"Green: {u(self.green)} or more. Amber: {u(self.amber)} to "
                     f"{u(self.green)}. Red: below {u(self.amber)}.")
        else:
            bands = (f"Green: {u(self.green)} or less. Amber: {u(self.green)} to "
                     f"{u(self.amber)}. Red: above {u(self.amber)}.")
        return f"{self.meaning} {bands}"


def _get(row: Row, key: str, fmt: str, default: str = "-") -> str:
    v = row.get(key)
    return default if v is None else format(v, fmt)


def thousands(x: float) -> str:
    return f"{'-' if x < 0 else ''}£{abs(x) / 1000:,.1f}k"


def _pct(x: float) -> str:
    return f"{x:.0%}"


def _unmet_share(row: Row) -> float | None:
    if "unmet_demand" not in row:
        return None
    return row["unmet_demand"] / max(row["appointments_demanded"], 1.0)


INDICATORS: tuple[Indicator, ...] = (
    Indicator("cash_gbp", "Cash", "Cash at the end of the month.",
              lambda r: money(r["cash_gbp"]),
              lambda r: (f"in {thousands(r['income_gbp'])} · out {thousands(r['expenses_gbp'])}"
                         if "income_gbp" in r else f"overdraft {money(r['overdraft_limit_gbp'])}"),
              green=0, amber=-40_000, unit=money, places=0),
    Indicator("profit_per_partner_ytd_gbp", "Partner profit",
              "Profit per partner for the financial year so far (national average partner income: "
              "£140,200 a year).",
              lambda r: money(r["profit_per_partner_ytd_gbp"])
              if "profit_per_partner_ytd_gbp" in r else "-",
              lambda r: f"year to date · practice {thousands(r['profit_ytd_gbp'])}"
              if "profit_ytd_gbp" in r
              else "after month 1"),
    Indicator("patients", "Patients", "Registered patients.",
              lambda r: f"{r['patients']:,}",
              lambda r: f"weighted {_get(r, 'weighted_patients', ',.0f')}"),
    Indicator("demand_met", "Demand met", "Share of this month's requests that were booked "
              "(demand against capacity).",
              lambda r: _get(r, "demand_met", ".0%"),
              lambda r: _booked(r),
              green=0.95, amber=0.85, unit=_pct),
    Indicator("wait_days", "Routine wait", "Days to a routine booked appointment.",
              lambda r: f"{r['wait_days']:.0f} days",
              lambda r: f"backlog {_get(r, 'backlog', ',.0f')}",
              green=10, amber=14, higher_is_better=False, unit=lambda x: f"{x:g} days",
              places=0),
    Indicator("dna_rate", "DNA rate", "Share of booked appointments missed.",
              lambda r: _get(r, "dna_rate", ".1%"),
              lambda r: "national 4-5%",
              green=0.05, amber=0.07, higher_is_better=False, unit=_pct, places=3),
    Indicator("patient_satisfaction", "Satisfaction", "Patients rating their experience good.",
              lambda r: f"{r['patient_satisfaction']:.0%}",
              lambda r: "GP Patient Survey style",
              green=0.72, amber=0.6, unit=_pct),
    Indicator("qof_month_achievement", "QOF", "Share of this month's QOF points earned.",
              lambda r: _get(r, "qof_month_achievement", ".0%"),
              lambda r: f"{_get(r, 'qof_points_ytd', '.0f')} points this year",
              green=0.9, amber=0.75, unit=_pct),
    Indicator("cqc_risk", "CQC risk", "Risk that an inspection finds serious problems.",
              lambda r: _get(r, "cqc_risk", ".0%"),
              lambda r: f"rated {str(r.get('cqc_rating', '-')).replace('_', ' ')}",
              green=0.3, amber=0.5, higher_is_better=False, unit=_pct),
    Indicator("pcn_relationship", "PCN relationship", "Relations with the PCN and neighbours.",
              lambda r: f"{r['pcn_relationship']:.2f}",
              lambda r: "0 hostile · 1 close",
              green=0.6, amber=0.4),
    Indicator("staff_wellbeing", "Team wellbeing", "Morale less half of burnout, 0-1.",
              lambda r: f"{r['staff_wellbeing']:.2f}",
              lambda r: f"GP contacts/day {_get(r, 'contacts_per_gp_day', '.0f')}",
              green=0.55, amber=0.4),
    Indicator("contacts_per_gp_day", "GP workload", "GP contacts a working day (BMA safe "
              "limit 25, upper bound 35).",
              lambda r: _get(r, "contacts_per_gp_day", ".0f"),
              lambda r: f"{_get(r, 'gp_fte', '.1f')} GP FTE + {_get(r, 'locum_sessions', '.0f')}"
                        " locum sessions",
              green=25, amber=35, higher_is_better=False, places=0),
)


#: The smallest change each tile's trend chart spreads over its full height: a chart never
#: magnifies a change a practice manager would call noise into a cliff.
MIN_SPAN = {"cash_gbp": 40_000, "profit_per_partner_ytd_gbp": 20_000, "patients": 300,
            "demand_met": 0.2, "wait_days": 6, "dna_rate": 0.02, "patient_satisfaction": 0.2,
            "qof_month_achievement": 0.3, "cqc_risk": 0.3, "pcn_relationship": 0.3,
            "staff_wellbeing": 0.3, "contacts_per_gp_day": 10}


def _booked(row: Row) -> str:
    """Requests booked of requests made: capacity beyond demand is not a booking."""
    if "appointments_demanded" not in row or "unmet_demand" not in row:
        return "-"
    asked = float(row["appointments_demanded"])
    return f"{asked - float(row['unmet_demand']):,.0f} of {asked:,.0f} booked"


def with_derived(row: Row) -> Row:
    """The row plus figures the dashboard derives (the share of demand met)."""
    unmet = _unmet_share(row)
    return row if unmet is None else {**row, "demand_met": 1.0 - unmet}

