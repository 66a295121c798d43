"""The CSV of a comparison: one row per team and month, with what the team decided that
month and every monthly figure, for a spreadsheet or a portfolio."""

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
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LEADING + figures)
    for t in intake.teams:
        log = t.results.decisions.model_dump(mode="json")
        rows = decision_rows(intake.scenario, log)
        injected = {e["month"]: e.get("injected", []) for e in log["months"]}
        for row in t.results.history:
            m = int(row["month"])
            done = [(what, why) for month, what, why in rows if month == m]
            writer.writerow([t.team, m, " | ".join(injected.get(m, [])),
                             " | ".join(w for w, _ in done), " | ".join(y for _, y in done),
                             *(_cell(row.get(f)) for f in figures)])
    return out.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, (list, dict)):
        return str(value)
    return value
