"""The CSV of a comparison: one row per team and month, with what the team decided that
month and every monthly figure, for a spreadsheet or a portfolio.

Team names, reasons and event ids come from outside, and a spreadsheet runs a cell that starts
with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) as a formula. As OWASP's CSV
injection advice recommends, such a text cell is written with a leading ``'`` (which the
spreadsheet shows as text), and every text cell is quoted. Numbers are written as numbers."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..model.record import FIELDS
from ..report.evidence import decision_rows
from .intake import Intake

LEADING = ["team", "month", "injected_events", "decided", "reasons"]


def comparison_csv(intake: Intake) -> str:
    """Every confirmed team's months as CSV text (figures as in the results files)."""
    assert intake.scenario is not None
    figures = [f for f in FIELDS if f != "month"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(LEADING + figures)
    for t in intake.teams:
        log = t.results.decisions.model_dump(mode="json")
        rows = decision_rows(intake.scenario, log)
        injected = {e["month"]: e.get("injected", []) for e in log["months"]}
        for row in t.results.history:
            m = int(row["month"])
            done = [(what, why) for month, what, why in rows if month == m]
            writer.writerow([_cell(x) for x in (
                t.team, m, " | ".join(injected.get(m, [])), " | ".join(w for w, _ in done),
                " | ".join(y for _, y in done), *(row.get(f) for f in figures))])
    return out.getvalue()


#: What a spreadsheet takes as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, int):
        return value
    return neutralise(str(value))


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet will show it rather than run it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
