"""The month-end summary: what changed and why, in plain words, from the month records.

``explain(before, after)`` compares two rows of the month record (``MonthRecord.row``; the
first month compares with the practice at the start) and returns sentences such as "Routine
wait rose from 9 to 14 days: demand 8% above the yearly average, 1.0 GP FTE off sick." Every
cause named is a figure the record holds, so the summary never says more than the model did.
"""

from __future__ import annotations

from typing import Any

from ..model.roles import ROLES

Row = dict[str, Any]
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def money(x: float) -> str:
    sign = "-" if x < 0 else ""
    return f"{sign}£{abs(x):,.0f}"


def _moved(name: str, a: float, b: float, fmt: str, unit: str = "") -> str:
    if format(a, fmt) == format(b, fmt):
        return f"{name} held at about {format(b, fmt)}{unit}"
    verb = "rose" if b > a else "fell"
    return f"{name} {verb} from {format(a, fmt)}{unit} to {format(b, fmt)}{unit}"


def _wait_causes(before: Row, after: Row) -> list[str]:
    causes = []
    season = after.get("seasonal_factor", 1.0)
    if abs(season - 1.0) >= 0.03:
        word = "above" if season > 1 else "below"
        causes.append(f"demand {abs(season - 1) * 100:.0f}% {word} the yearly average")
    absent = after.get("gp_fte_absent", 0.0)
    if absent >= 0.25:
        causes.append(f"{absent:.1f} GP FTE off sick")
    gp_leavers = sum(after.get(f"leavers_{r.key}", 0) for r in ROLES if r.is_gp)
    if gp_leavers >= 0.5:
        causes.append(f"{gp_leavers:g} GP(s) left")
    d_locum = after.get("locum_sessions", 0) - before.get("locum_sessions", 0)
    if abs(d_locum) >= 1:
        causes.append(f"{abs(d_locum):.0f} {'more' if d_locum > 0 else 'fewer'} locum sessions")
    if after.get("unmet_demand", 0) > 0.05 * max(after.get("appointments_demanded", 1), 1):
        causes.append(f"{after['unmet_demand']:,.0f} requests went unmet")
    return causes


def wait_sentence(before: Row, after: Row) -> str:
    text = _moved("Routine wait", before.get("wait_days", after["wait_days"]),
                  after["wait_days"], ".0f", " days")
    causes = _wait_causes(before, after)
    return text + (": " + ", ".join(causes) if causes else "") + "."


def cash_sentence(before: Row, after: Row) -> str:
    a, b = before["cash_gbp"], after["cash_gbp"]
    text = f"Cash {'rose' if b >= a else 'fell'} from {money(a)} to {money(b)}"
    within = [f"{what} {money(after.get(key, 0.0))}" for what, key in
              (("locums", "expense_locums_gbp"), ("one-off", "expense_recruitment_and_one_off_gbp"))
              if after.get(key, 0.0) >= 1]
    parts = [f"income {money(after['income_gbp'])}",
             f"expenses {money(after['expenses_gbp'])}"
             + (f" ({', '.join(within)})" if within else ""),
             f"partner drawings {money(after['drawings_gbp'])}"]
    if abs(after.get("financing_gbp", 0)) >= 1:
        parts.append(f"loan flows {money(after['financing_gbp'])}")
    return f"{text}: " + ", ".join(parts) + "."


def staff_sentence(after: Row) -> str | None:
    moves = []
    for role in ROLES:
        joined, left = after.get(f"joiners_{role.key}", 0), after.get(f"leavers_{role.key}", 0)
        if joined >= 0.05:
            moves.append(f"{joined:g} {role.label} joined")
        if left >= 0.05:
            moves.append(f"{left:g} {role.label} left")
    return ("Staff: " + "; ".join(moves) + ".") if moves else None


def wellbeing_sentence(before: Row, after: Row) -> str | None:
    if "staff_wellbeing" not in before:
        return None
    text = _moved("Team wellbeing", before["staff_wellbeing"], after["staff_wellbeing"], ".2f")
    causes = []
    contacts = after.get("contacts_per_gp_day", 0.0)
    if contacts > 25:
        causes.append(f"GPs averaged {contacts:.0f} contacts a day (safe limit 25)")
    pressured = [g for g in ("gp", "nursing", "arrs", "admin")
                 if after.get(f"pressure_{g}", 0.0) >= 0.3]
    if pressured:
        causes.append("pressure on " + ", ".join(pressured) + " staff")
    return text + (": " + "; ".join(causes) if causes else "") + "."


def quality_sentences(before: Row, after: Row) -> list[str]:
    out = [_moved("Patient satisfaction", before.get("patient_satisfaction",
                                                     after["patient_satisfaction"]) * 100,
                  after["patient_satisfaction"] * 100, ".0f", "%") + "."]
    out.append(f"QOF: {after['qof_month_achievement']:.0%} of this month's points earned "
               f"({after['qof_points_ytd']:.0f} points so far this year).")
    if after.get("cqc_inspected"):
        out.append(f"CQC inspected the practice: rated {after['cqc_rating'].replace('_', ' ')}.")
    out.append(f"DNA rate {after['dna_rate']:.1%}; "
               f"{after['appointments_delivered']:,.0f} appointments attended.")
    return out


def explain(before: Row, after: Row) -> list[str]:
    """Plain sentences on what changed between two months and why."""
    lines = [cash_sentence(before, after), wait_sentence(before, after)]
    for extra in (staff_sentence(after), wellbeing_sentence(before, after)):
        if extra:
            lines.append(extra)
    lines.extend(quality_sentences(before, after))
    return lines


def month_name(calendar_month: int) -> str:
    return MONTHS[(int(calendar_month) - 1) % 12]
