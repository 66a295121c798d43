"""The month-end summary: what changed and why, in plain words, from the month records.

``explain_sections(before, after)`` compares two rows of the month record (``MonthRecord.row``;
the first month compares with the practice at the start) and returns titled groups of
sentences such as "Routine wait rose from 9 to 14 days: new requests up 8% on last month,
1.0 GP FTE off sick (was 0.2)."

A cause is named only when it pushes the figure the way it moved: each candidate cause carries
a signed push (positive raises the figure), and a sentence about a rise keeps only the causes
that push up. So a wait that rose is never explained by demand that fell. Every cause is a
figure the record holds, so the summary never says more than the model did; the model's own
mechanisms are in ``game/model/access.py`` and ``game/model/quality.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model.params import Params
from ..model.roles import GROUPS, ROLES
from .accounts import drawings_sentence, line_sentences, locum_words
from .changes import Move
from .obligation_words import obligation_sentences, unmet_share
from .safety_words import safety_sentence
from .wording import GROUP_WORDS, MONTHS, count, money, month_name

__all__ = ["GROUP_WORDS", "MONTHS", "money", "month_name", "explain", "explain_sections"]

Row = dict[str, Any]
#: (push, words): the push is signed, positive when the cause raises the figure explained.
Cause = tuple[float, str]
#: Causes named in one sentence, at most (the strongest first).
MAX_CAUSES = 3
#: The routine wait beyond which satisfaction falls (``quality.satisfaction_target``).
SATISFYING_WAIT_DAYS = 8.0
#: The QOF year ends in March (``advance``); points available in a year (``Params``).
QOF_YEAR_END = 3
QOF_POINTS = Params().qof_points_available
CLINICAL_NON_GP = ("practice_nurse", "hca", "clinical_pharmacist")


def _moved(name: str, a: float, b: float, fmt: str, unit: str = "") -> str:
    if format(a, fmt) == format(b, fmt):
        return f"{name} held at about {format(b, fmt)}{unit}"
    verb = "rose" if b > a else "fell"
    return f"{name} {verb} from {format(a, fmt)}{unit} to {format(b, fmt)}{unit}"


def direction(a: float, b: float, fmt: str) -> int:
    """+1 if the figure rose as shown to the player, -1 if it fell, 0 if it looks unchanged."""
    if format(a, fmt) == format(b, fmt):
        return 0
    return 1 if b > a else -1


def agreeing(causes: list[Cause], sign: int) -> list[str]:
    """The causes that push the way the figure moved, strongest first."""
    kept = sorted((c for c in causes if c[0] * sign > 0), key=lambda c: -abs(c[0]))
    return [words for _, words in kept[:MAX_CAUSES]]


def _sentence(text: str, causes: list[str]) -> str:
    return text + (": " + ", ".join(causes) if causes else "") + "."


def gp_fte(row: Row) -> float | None:
    if "gp_fte" in row:
        return float(row["gp_fte"])
    if "fte_partner" in row:
        return float(row["fte_partner"]) + float(row.get("fte_salaried_gp", 0.0))
    return None


def _count(row: Row, prefix: str, gp: bool) -> float:
    return float(sum(row.get(f"{prefix}_{r.key}", 0) for r in ROLES if r.is_gp == gp))


def _delta(before: Row, after: Row, key: str) -> float | None:
    if key not in before or key not in after:
        return None
    return float(after[key]) - float(before[key])


# -- the routine wait ------------------------------------------------------------------------
def _demand_causes(before: Row, after: Row) -> list[Cause]:
    d0, d1 = before.get("appointments_demanded"), after.get("appointments_demanded")
    if d0 and d1:
        change = d1 / d0 - 1.0
        if abs(change) >= 0.015:
            return [(change * 3, f"new requests {'up' if change > 0 else 'down'} "
                                 f"{abs(change):.0%} on last month")]
        return []
    season = float(after.get("seasonal_factor", 1.0))
    if abs(season - 1.0) >= 0.03:
        word = "above" if season > 1 else "below"
        return [(season - 1.0, f"demand {abs(season - 1) * 100:.0f}% {word} the yearly average")]
    return []


def _gp_capacity_causes(before: Row, after: Row) -> list[Cause]:
    """Causes that push the wait up when GP capacity falls (so the push is minus capacity)."""
    out: list[Cause] = []
    absent0, absent1 = before.get("gp_fte_absent"), float(after.get("gp_fte_absent", 0.0))
    if absent0 is None and absent1 >= 0.25:
        out.append((absent1 / 3, f"{absent1:.1f} GP FTE off sick"))
    elif absent0 is not None and abs(absent1 - absent0) >= 0.2:
        more = "more" if absent1 > absent0 else "fewer"
        out.append(((absent1 - absent0) / 3,
                    f"{more} GPs off sick ({absent1:.1f} FTE, was {absent0:.1f})"))
    left, joined = _count(after, "leavers", True), _count(after, "joiners", True)
    if left >= 0.5:
        out.append((left / 3, f"{count(left, 'GP')} left"))
    if joined >= 0.5:
        out.append((-joined / 3, f"{count(joined, 'GP')} joined"))
    f0, f1 = gp_fte(before), gp_fte(after)
    if not (left or joined) and f0 is not None and f1 is not None and abs(f1 - f0) >= 0.1:
        out.append(((f0 - f1) / 3, f"GP FTE in post {'down' if f1 < f0 else 'up'} from "
                                   f"{f0:.1f} to {f1:.1f}"))
    d_locum = _delta(before, after, "locum_sessions")
    if d_locum is not None and abs(d_locum) >= 1:
        more = "more" if d_locum > 0 else "fewer"
        out.append((-d_locum / 40, count(abs(d_locum), f"{more} locum session", ".0f")))
    return out


def wait_causes(before: Row, after: Row) -> list[Cause]:
    """What moves the routine wait: demand, GP capacity, DNA rebooks and the backlog."""
    causes = _demand_causes(before, after) + _gp_capacity_causes(before, after)
    d_dna = _delta(before, after, "dna_rate")
    if d_dna is not None and abs(d_dna) >= 0.002:
        word = "more" if d_dna > 0 else "fewer"
        causes.append((d_dna * 10, f"{word} missed appointments to rebook (DNA "
                                   f"{after['dna_rate']:.1%}, was {before['dna_rate']:.1%})"))
    d_backlog = _delta(before, after, "backlog")
    if d_backlog is not None and abs(d_backlog) >= 1:
        verb = "grew" if d_backlog > 0 else "shrank"
        # the mechanism rather than a cause: named after the causes (a small push)
        causes.append((0.001 * (1 if d_backlog > 0 else -1),
                       f"the backlog carried into next month {verb} from "
                       f"{before['backlog']:,.0f} to {after['backlog']:,.0f} requests"))
    return causes


def _before(before: Row, after: Row, key: str) -> float:
    """A figure last month, or this month's where last month's row does not have it."""
    return float(before[key] if key in before else after[key])


def wait_sentence(before: Row, after: Row) -> str:
    a, b = _before(before, after, "wait_days"), float(after["wait_days"])
    sign = direction(a, b, ".0f")
    causes = agreeing(wait_causes(before, after), sign) if sign else []
    return _sentence(_moved("Routine wait", a, b, ".0f", " days"), causes)


# -- money and staff -------------------------------------------------------------------------
def cash_sentence(before: Row, after: Row) -> str:
    a, b = before["cash_gbp"], after["cash_gbp"]
    text = f"Cash {'rose' if b >= a else 'fell'} from {money(a)} to {money(b)}"
    within = [f"{what} {money(after.get(key, 0.0))}" for what, key in
              (("locums", "expense_locums_gbp"), ("one-off", "expense_recruitment_and_one_off_gbp"))
              if after.get(key, 0.0) >= 1]
    if within and within[0].startswith("locums") and locum_words(after):
        within[0] += f" for {locum_words(after)}"
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


def recruitment_sentences(after: Row) -> list[str]:
    """Posts filled (the person joined this month) or lapsed unfilled, and posts still open."""
    out = []
    for role in ROLES:
        filled = float(after.get(f"joiners_{role.key}", 0.0))
        lapsed = float(after.get(f"lapsed_{role.key}", 0.0))
        open_now = float(after.get(f"recruiting_{role.key}", 0.0))
        still = f"; {open_now:g} still being recruited" if open_now >= 0.5 else ""
        if filled >= 0.5:
            out.append(f"{_posts(filled, role.label)} filled: "
                       f"{'they start' if filled > 1 else 'the new starter is'} in post now"
                       f"{still}.")
        if lapsed >= 0.5:
            out.append(f"{_posts(lapsed, role.label)} lapsed unfilled after shortlisting"
                       f"{still}.")
    return out


def _posts(n: float, label: str) -> str:
    return f"The {label} post" if n == 1 else f"{n:g} {label} posts"


def wellbeing_causes(before: Row, after: Row) -> list[Cause]:
    causes: list[Cause] = []
    contacts = float(after.get("contacts_per_gp_day", 0.0))
    d_contacts = _delta(before, after, "contacts_per_gp_day")
    if d_contacts is not None and abs(d_contacts) >= 0.5:
        causes.append((-d_contacts / 10, f"GP contacts a day {'up' if d_contacts > 0 else 'down'}"
                                         f" to {contacts:.0f} (safe limit 25)"))
    elif contacts > 25:
        causes.append((-(contacts - 25) / 10, f"GPs averaged {contacts:.0f} contacts a day "
                                              "(safe limit 25)"))
    elif contacts and contacts <= 25:
        causes.append((0.05, f"GP workload within the safe limit ({contacts:.0f} a day)"))
    for g in GROUPS:
        p1, d = float(after.get(f"pressure_{g}", 0.0)), _delta(before, after, f"pressure_{g}")
        if d is not None and abs(d) >= 0.05:
            causes.append((-d, f"pressure on {GROUP_WORDS[g]} {'up' if d > 0 else 'down'}"))
        elif d is None and p1 >= 0.3:
            causes.append((-p1 / 2, f"pressure on {GROUP_WORDS[g]}"))
    left = _count(after, "leavers", True) + _count(after, "leavers", False)
    if left >= 0.5:
        causes.append((-0.1 * left, f"{count(left, 'colleague')} left"))
    return causes


def wellbeing_sentence(before: Row, after: Row) -> str | None:
    if "staff_wellbeing" not in before:
        return None
    a, b = float(before["staff_wellbeing"]), float(after["staff_wellbeing"])
    sign = direction(a, b, ".2f")
    causes = agreeing(wellbeing_causes(before, after), sign) if sign else []
    return _sentence(_moved("Team wellbeing", a, b, ".2f"), causes)


# -- quality ---------------------------------------------------------------------------------
def satisfaction_causes(before: Row, after: Row) -> list[Cause]:
    """Satisfaction moves a share of the way each month towards a level set by the wait,
    unmet demand, GP numbers and locum use (``quality.satisfaction_target``)."""
    causes: list[Cause] = []
    wait = float(after["wait_days"])
    d_wait = _delta(before, after, "wait_days")
    if wait > SATISFYING_WAIT_DAYS:
        causes.append((-(wait - SATISFYING_WAIT_DAYS) * 0.012,
                       f"a routine wait of {wait:.0f} days (over {SATISFYING_WAIT_DAYS:.0f} "
                       "days costs satisfaction)"))
    elif d_wait is not None and d_wait <= -0.5:
        causes.append((0.01, f"the routine wait fell to {count(wait, 'day', '.0f')}"))
    share0, share1 = unmet_share(before), unmet_share(after)
    if share1 is not None and share0 is not None and abs(share1 - share0) >= 0.005:
        causes.append(((share0 - share1) * 0.6, f"{'more' if share1 > share0 else 'fewer'} "
                                                f"requests went unmet ({share1:.1%})"))
    elif share1 is not None and share1 >= 0.005:
        causes.append((-share1 * 0.6, f"{share1:.1%} of requests went unmet"))
    d_locum = _delta(before, after, "locum_sessions")
    if d_locum is not None and abs(d_locum) >= 4:
        causes.append((-d_locum * 0.0005, f"{'more' if d_locum > 0 else 'fewer'} "
                                          "appointments with locums"))
    f0, f1 = gp_fte(before), gp_fte(after)
    if f0 is not None and f1 is not None and abs(f1 - f0) >= 0.1:
        causes.append(((f1 - f0) * 0.02, f"{'more' if f1 > f0 else 'fewer'} GPs for the list"))
    return causes


def satisfaction_sentence(before: Row, after: Row) -> str:
    a = _before(before, after, "patient_satisfaction") * 100
    b = float(after["patient_satisfaction"]) * 100
    sign = direction(a, b, ".0f")
    causes = agreeing(satisfaction_causes(before, after), sign) if sign else []
    if sign and not causes:
        causes = ["drifting towards the level the practice's access now supports"]
    return _sentence(_moved("Patient satisfaction", a, b, ".0f", "%"), causes)


def qof_causes(before: Row, after: Row) -> list[Cause]:
    """QOF points follow how much long-term-condition work is done (``quality.qof_month_rate``)."""
    causes: list[Cause] = []
    d_cover = _delta(before, after, "high_need_coverage")
    if d_cover is not None and abs(d_cover) >= 0.005:
        causes.append((d_cover, f"{'more' if d_cover > 0 else 'less'} long-term-condition and "
                                f"other high-need work met ({after['high_need_coverage']:.0%})"))
    elif d_cover is None and "high_need_coverage" in after:
        cover = float(after["high_need_coverage"])
        causes.append((cover - 0.97, f"{cover:.0%} of long-term-condition and other high-need "
                                     "work met"))
    fte0 = sum(float(before.get(f"fte_{k}", 0.0)) for k in CLINICAL_NON_GP)
    fte1 = sum(float(after.get(f"fte_{k}", 0.0)) for k in CLINICAL_NON_GP)
    if all(f"fte_{k}" in before for k in CLINICAL_NON_GP) and abs(fte1 - fte0) >= 0.1:
        causes.append(((fte1 - fte0) / 10, f"nurse, HCA and pharmacist FTE "
                                           f"{'up' if fte1 > fte0 else 'down'} to {fte1:.1f}"))
    return causes


def qof_sentence(before: Row, after: Row) -> str:
    b = float(after["qof_month_achievement"])
    ytd = f" ({after['qof_points_ytd']:.0f} points so far this year)"
    if int(after.get("calendar_month", 0)) == QOF_YEAR_END:
        # the record holds the new year's count (0): say what the closed year earned
        year = float(before.get("qof_points_ytd", 0.0)) + b * QOF_POINTS / 12.0
        ytd = f" (the QOF year closed with about {year:.0f} of {QOF_POINTS:.0f} points)"
    if "qof_month_achievement" not in before:
        text = f"QOF: {b:.0%} of this month's points earned{ytd}"
        return _sentence(text, agreeing(qof_causes(before, after), 1 if b >= 0.9 else -1))
    a = float(before["qof_month_achievement"])
    sign = direction(a * 100, b * 100, ".0f")
    text = _moved("QOF points earned this month", a * 100, b * 100, ".0f", "%") + ytd
    return _sentence(text, agreeing(qof_causes(before, after), sign) if sign else [])


def quality_sentences(before: Row, after: Row) -> list[str]:
    out = [satisfaction_sentence(before, after), qof_sentence(before, after)]
    if "safety_incidents" in after:
        out.append(safety_sentence(before, after))
    if after.get("cqc_inspected"):
        out.append(f"CQC inspected the practice: rated {after['cqc_rating'].replace('_', ' ')}.")
    out.append(f"DNA rate {after['dna_rate']:.1%}; "
               f"{after['appointments_delivered']:,.0f} appointments attended.")
    return out


def money_sentences(before: Row, after: Row, moves: Sequence[Move] = ()) -> list[str]:
    """Cash and its flows, the drawings and who set them, and each line that moved."""
    drawings = drawings_sentence(after, moves)
    return ([cash_sentence(before, after)] + ([drawings] if drawings else [])
            + line_sentences(before, after, moves))


def decided_sentences(moves: Sequence[Move]) -> list[str]:
    """Each decision and event answer of the month and what it changed, in the order taken."""
    return [m.sentence() for m in moves] or ["No decisions or event answers: the practice "
                                             "carried on as it was set."]


def explain_sections(before: Row, after: Row,
                     moves: Sequence[Move] | None = None) -> list[tuple[str, list[str]]]:
    """What changed between two months and why, grouped under headings for the summary.
    ``moves`` are the month's decisions and event answers with what each changed
    (``GameSession.moves``): given, they head the summary and the money lines name them as
    causes; None when they are not known."""
    team = [s for s in (staff_sentence(after), *recruitment_sentences(after),
                        wellbeing_sentence(before, after)) if s]
    sections = [("Money", money_sentences(before, after, moves or ())),
                ("Access", [wait_sentence(before, after)]),
                ("Team", team),
                ("Quality", quality_sentences(before, after)),
                ("Patients, CQC and the contract", obligation_sentences(before, after))]
    decided = [] if moves is None else [("What you decided", decided_sentences(moves))]
    return decided + [(title, lines) for title, lines in sections if lines]


def explain(before: Row, after: Row, moves: Sequence[Move] | None = None) -> list[str]:
    """Plain sentences on what changed between two months and why."""
    return [line for _, lines in explain_sections(before, after, moves) for line in lines]
