"""The month's accounts in words: every income and cost line that moved noticeably, and why.

``line_sentences(before, after, moves)`` compares the income and expense lines of two month
records (``income_<line>_gbp``, ``expense_<line>_gbp``) and names each line that moved by at
least ``NOTICEABLE_GBP``, with its cause where the record or the month's moves hold one: the
QOF balancing payment each June, one-off and recurring money from a choice (named), locum
sessions at the session rate, staff who joined or left. ``drawings_sentence`` says what the
partners drew and which move set it. ``moves`` are this month's ``changes.Move`` records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..model.params import Params
from ..model.roles import ROLES
from .changes import Move
from .wording import count, money

Row = dict[str, Any]
#: A line that moved by less than this (pounds, month on month) is not mentioned.
NOTICEABLE_GBP = 400.0
INCOME_WORDS = {
    "global_sum": "Global Sum", "qof": "QOF income", "enhanced_services": "enhanced services",
    "network_participation": "network participation payment", "pcn_payments": "PCN payments",
    "arrs_reimbursement": "ARRS reimbursement", "premises_reimbursement": "premises "
    "reimbursement", "private_fees": "private fees", "training_grant": "training grant",
    "other": "other income",
}
EXPENSE_WORDS = {
    "staff": "staff pay with employer's National Insurance and pension", "locums": "locums",
    "premises": "premises", "it_and_running": "IT and running costs",
    "indemnity_and_training": "indemnity and training",
    "recruitment_and_one_off": "recruitment and one-off costs", "interest": "interest",
    "other": "other costs", "enhanced_access": "enhanced access",
    "partner_pension": "partners' employer pension",
}
#: Staff cost lines told as one: pay, employer's National Insurance and pension.
STAFF_LINES = ("staff_pay", "employer_ni", "employer_pension")
BALANCING_MONTH = Params().qof_balancing_month


def by_whom(moves: Sequence[Move], key: str) -> list[tuple[Move, float, float]]:
    """The moves that changed setting ``key``, with its value before and after each."""
    return [(m, *pair) for m in moves if (pair := m.moved(key)) is not None]


def _named(moves: Sequence[Move], key: str, words: Callable[[float], str]) -> list[str]:
    return [f"{words(b - a)} from '{m.source}'" for m, a, b in by_whom(moves, key)]


def _staff_moves(after: Row) -> list[str]:
    out = []
    for role in ROLES:
        for kind, verb in (("joiners", "joined"), ("leavers", "left")):
            n = float(after.get(f"{kind}_{role.key}", 0.0))
            if n >= 0.05:
                out.append(f"{n:g} {role.label} {verb}")
    return out


def _income_causes(line: str, d: float, before: Row, after: Row,
                   moves: Sequence[Move]) -> list[str]:
    cal = int(after.get("calendar_month", 0))
    if line == "qof" and d > 0 and cal == BALANCING_MONTH:
        return [f"last QOF year's balancing payment (about {money(d)}) is paid each June"]
    if line == "qof" and d < 0 and cal == BALANCING_MONTH % 12 + 1:
        return ["last month held the yearly QOF balancing payment"]
    if line == "other":
        named = (_named(moves, "one_off_income", lambda x: f"{money(x)} one-off")
                 + _named(moves, "recurring_income", lambda x: f"{money(x)} a month"))
        if named:
            return named
        return ["last month's one-off income does not recur" if d < 0
                else "recurring income agreed earlier"]
    if line == "arrs_reimbursement":
        return [f"the ARRS claim for last month's ARRS staff, paid a month in arrears, "
                f"{'rose' if d > 0 else 'fell'}"]
    if line in ("pcn_payments", "network_participation"):
        named = _named(moves, "enhanced_access", lambda x: "joined" if x > 0 else "left")
        return named or []
    if line == "enhanced_services":
        cover = after.get("high_need_coverage")
        return [f"it follows the long-term-condition work met ({cover:.0%})"] if cover else []
    return []


def _expense_causes(line: str, d: float, before: Row, after: Row,
                    moves: Sequence[Move]) -> list[str]:
    if line == "locums":
        return _named(moves, "locum_sessions",
                      lambda x: count(abs(x), "more session" if x > 0 else "fewer session"))
    if line == "staff":
        at_once = [f"{b - a:+g} {role.label} at once from '{m.source}'" for role in ROLES
                   for m, a, b in by_whom(moves, f"heads_{role.key}")]
        return (_staff_moves(after) + at_once
                + _named(moves, "pay_award", lambda x: f"pay award {x:+.1%}"))
    if line == "recruitment_and_one_off":
        named = _named(moves, "one_off_cost", lambda x: f"{money(x)} one-off")
        return named or (["last month's one-off costs do not recur"] if d < 0 else [])
    if line == "other":
        named = _named(moves, "recurring_cost", lambda x: f"{money(x)} a month")
        return named or ["a recurring cost ended" if d < 0 else "recurring costs agreed earlier"]
    if line == "partner_pension":
        return [f"charged on the month's NHS profit, which {'rose' if d > 0 else 'fell'}"]
    if line == "interest":
        return ["more overdraft or loan to pay interest on" if d > 0 else
                "less overdraft or loan to pay interest on"]
    return []


def _line(words: str, a: float, b: float, causes: list[str]) -> str:
    verb = "rose" if b > a else "fell"
    text = f"{words[0].upper()}{words[1:]} {verb} from {money(a)} to {money(b)}"
    return text + (": " + "; ".join(causes) if causes else "") + "."


def line_sentences(before: Row, after: Row, moves: Sequence[Move] = ()) -> list[str]:
    """A sentence for each income and cost line that moved noticeably on last month."""
    out = []
    for kind, words, why in (("income", INCOME_WORDS, _income_causes),
                             ("expense", EXPENSE_WORDS, _expense_causes)):
        for line, name in words.items():
            keys = [f"{kind}_{k}_gbp" for k in STAFF_LINES] if line == "staff" else \
                [f"{kind}_{line}_gbp"]
            if any(k not in before or k not in after for k in keys):
                continue
            a = sum(float(before[k]) for k in keys)
            b = sum(float(after[k]) for k in keys)
            if abs(b - a) >= NOTICEABLE_GBP:
                out.append(_line(name, a, b, why(line, b - a, before, after, moves)))
    return out


def locum_words(row: Row) -> str:
    """What the locum line is made of: "48 sessions at £390 a session"."""
    sessions = float(row.get("locum_sessions", 0.0))
    spend = float(row.get("expense_locums_gbp", 0.0))
    if sessions < 0.5:
        return ""
    return f"{count(sessions, 'session')} at {money(spend / sessions)} a session"


def drawings_sentence(after: Row, moves: Sequence[Move] = ()) -> str | None:
    """What the partners drew, each, and the move that set it this month."""
    partners, drawn = int(after.get("partners", 0)), float(after.get("drawings_gbp", 0.0))
    if not partners or drawn < 1:
        return None
    text = (f"Partner drawings {money(drawn)}: {partners} partner{'s' if partners != 1 else ''}"
            f" at {money(drawn / partners)} a month")
    for m, a, b in by_whom(moves, "drawings"):
        text += (f", {'cut' if b < a else 'raised'} from {money(a)} to {money(b)} a partner by "
                 f"'{m.source}'")
    pension = float(after.get("partner_pension_deducted_gbp", 0.0))
    if pension >= 1:
        text += f" (PCSE deducted {money(pension)} of it for their own NHS pension)"
    return text + "."
