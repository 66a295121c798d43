"""Patient safety in the month-end summary: the month's incidents, why the rate is what it is,
and the incidents waiting for a significant event analysis (``game/model/safety.py``)."""

from __future__ import annotations

from typing import Any

from .wording import count

Row = dict[str, Any]
#: An incident rate this far above a calm month's is worth explaining.
NOTABLE_RATE = 1.15
#: Pressure or burnout above this is named as a cause.
NOTABLE_STRAIN = 0.3


def rate_causes(row: Row) -> list[str]:
    """What raises (or lowers) the incident rate this month, from the record's figures."""
    causes = []
    pressure = max(float(row.get(f"pressure_{g}", 0.0)) for g in ("gp", "nursing", "arrs"))
    if pressure > NOTABLE_STRAIN:
        causes.append("clinical workload past safe limits")
    burnout = max(float(row.get(f"burnout_{g}", 0.0)) for g in ("gp", "nursing", "arrs"))
    if burnout > NOTABLE_STRAIN:
        causes.append("burnt-out clinicians")
    concerns = sum(int(v) for k, v in row.items()
                   if k.startswith("person_") and k.endswith("_concerns_open"))
    if concerns:
        causes.append(f"{count(concerns, 'concern')} about a colleague not yet dealt with")
    return causes


def safety_sentence(before: Row, after: Row) -> str:
    """Patient safety this month, e.g. "Patient safety: 3 incidents this month; the incident
    rate is 1.6 times a calm month's (clinical workload past safe limits); 5 wait for review
    (a significant event analysis reviews them and lowers the rate)."""
    incidents = int(after.get("safety_incidents", 0))
    parts = [f"Patient safety: {count(incidents, 'incident')} this month"]
    factor = float(after.get("safety_incident_rate_factor", 1.0))
    if factor >= NOTABLE_RATE:
        causes = rate_causes(after)
        why = f" ({', '.join(causes)})" if causes else ""
        parts.append(f"the incident rate is {factor:.1f} times a calm month's{why}")
    elif float(after.get("safety_learning", 0.0)) > 0.1:
        parts.append("what the team learnt from its reviews is keeping the rate down")
    waiting = int(after.get("incidents_unreviewed", 0))
    if waiting:
        verb = "waits" if waiting == 1 else "wait"
        parts.append(f"{waiting} {verb} for review (a significant event analysis reviews them "
                     "and lowers the rate)")
    text = "; ".join(parts)
    if "patient_safety" in before and "patient_safety" in after:
        a, b = float(before["patient_safety"]), float(after["patient_safety"])
        if round(a, 2) != round(b, 2):
            text += f". The safety figure {'rose' if b > a else 'fell'} from {a:.2f} to {b:.2f}"
    return text + "."
