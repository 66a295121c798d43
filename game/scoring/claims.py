"""What an evidence line says about the figures, and the check that it is true.

A decision pattern's evidence line ("Cut locums to 30 sessions when the partners were drawing
more than the practice made") states conditions about the figures the player had in front of
them. Each such condition is a ``Claim`` from the registry ``CLAIMS``: its words (with the
figures quoted, per run) and its test on the month's record. A pattern names the claims its
line makes; the line's wording is built from those claims' words, and ``verified`` checks
every claim against the record before any line is scored or shown, taking the points away in
any run where a claim does not hold. So a line can only say "losing money" where the record
shows a loss.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

Record = Mapping[str, np.ndarray]


def _unmet_share(r: Record) -> np.ndarray:
    return r["unmet_demand"] / np.maximum(r["appointments_offered"] + r["unmet_demand"], 1.0)


@dataclass(frozen=True)
class Claim:
    """A condition an evidence line states: its words, with ``{figure}`` fields filled from
    ``figures`` per run, and its test on a month's record."""

    words: str
    holds: Callable[[Record], np.ndarray]
    figures: Callable[[Record], dict[str, np.ndarray]]


def _fields(*names: str) -> Callable[[Record], dict[str, np.ndarray]]:
    return lambda r: {n: np.asarray(r[n], float) for n in names}


CLAIMS: dict[str, Claim] = {
    "drawing_over_profit": Claim(
        "the partners were drawing more than the practice made (£{drawings_gbp:,.0f} drawn "
        "against £{profit_gbp:,.0f} profit)",
        lambda r: r["drawings_gbp"] > r["profit_gbp"], _fields("drawings_gbp", "profit_gbp")),
    "losing_money": Claim(
        "the practice was losing money (£{profit_gbp:,.0f} that month)",
        lambda r: r["profit_gbp"] < 0, _fields("profit_gbp")),
    "overdrawn": Claim(
        "the account was overdrawn (£{cash_gbp:,.0f})",
        lambda r: r["cash_gbp"] < 0, _fields("cash_gbp")),
    "long_wait": Claim(
        "the routine wait was {wait_days:.0f} days, over 14",
        lambda r: r["wait_days"] > 14, _fields("wait_days")),
    "requests_unmet": Claim(
        "{unmet_pct:.0f}% of requests went unmet, over 5%",
        lambda r: _unmet_share(r) > 0.05, lambda r: {"unmet_pct": 100 * _unmet_share(r)}),
    "short_wait": Claim(
        "the routine wait was {wait_days:.0f} days, 10 or less",
        lambda r: r["wait_days"] <= 10, _fields("wait_days")),
    "wellbeing_below_055": Claim(
        "team wellbeing was {staff_wellbeing:.2f}, below 0.55",
        lambda r: r["staff_wellbeing"] < 0.55, _fields("staff_wellbeing")),
    "wellbeing_below_050": Claim(
        "team wellbeing was {staff_wellbeing:.2f}, below 0.5",
        lambda r: r["staff_wellbeing"] < 0.5, _fields("staff_wellbeing")),
    "qof_below_90": Claim(
        "QOF achievement was {qof_pct:.0f}%, below 90%",
        lambda r: r["qof_month_achievement"] < 0.9,
        lambda r: {"qof_pct": 100 * np.asarray(r["qof_month_achievement"], float)}),
    "prevalence_below_95": Claim(
        "recorded prevalence was {prevalence_pct:.0f}% of the true figure, below 95%",
        lambda r: r["prevalence_recording"] < 0.95,
        lambda r: {"prevalence_pct": 100 * np.asarray(r["prevalence_recording"], float)}),
    "cqc_risk_above_03": Claim(
        "CQC risk was {cqc_risk:.2f}, above 0.3",
        lambda r: r["cqc_risk"] > 0.3, _fields("cqc_risk")),
    "arrs_unclaimed": Claim(
        "£{arrs_unused_gbp:,.0f} of ARRS money went unclaimed that month",
        lambda r: r["arrs_unused_gbp"] > 0, _fields("arrs_unused_gbp")),
}


def words(names: tuple[str, ...]) -> str:
    """The claims' words joined for an evidence line: "a and b"."""
    return " and ".join(CLAIMS[n].words for n in names)


def holds(names: tuple[str, ...], record: Record) -> np.ndarray:
    """Per run, whether every named claim holds on ``record``."""
    ok = np.ones(np.shape(next(iter(record.values()))), bool)
    for n in names:
        ok &= np.asarray(CLAIMS[n].holds(record), bool)
    return ok


def figures(names: tuple[str, ...], record: Record) -> dict[str, np.ndarray]:
    """The figures the claims' words quote, per run."""
    out: dict[str, np.ndarray] = {}
    for n in names:
        out.update(CLAIMS[n].figures(record))
    return out
