"""Service obligations in the month-end summary: the list, complaints, CQC and the ICB's
contract management (``game/model/obligations.py``), in the words ``explain`` uses."""

from __future__ import annotations

from typing import Any

from .wording import count, money

Row = dict[str, Any]


def unmet_share(row: Row) -> float | None:
    """The share of the month's requests not met, if the row holds it."""
    if "unmet_demand" not in row or "appointments_demanded" not in row:
        return None
    return float(row["unmet_demand"]) / max(float(row["appointments_demanded"]), 1.0)


CONTRACT_WORDS = {"remedial_notice": "remedial notice", "breach_notice": "breach notice"}


def access_words(row: Row) -> list[str]:
    """What made access fall short, in the order patients feel it."""
    words = [f"the routine wait was {count(float(row['wait_days']), 'day', '.0f')}"]
    share = unmet_share(row)
    if share is not None and share >= 0.02:
        words.append(f"{share:.0%} of requests went unmet")
    satisfaction = float(row.get("patient_satisfaction", 1.0))
    if satisfaction < 0.6:
        words.append(f"only {satisfaction:.0%} of patients rated their experience good")
    return words


def list_sentence(after: Row) -> str | None:
    """Patients who registered elsewhere because of access (``obligations.move_list``)."""
    left = float(after.get("patients_left_access", 0.0))
    if left < 0.5:
        return None
    joined = float(after.get("patients_joined", 0.0))
    return (f"{count(left, 'patient', '.0f')} registered elsewhere: "
            + ", ".join(access_words(after))
            + f"; {joined:.0f} joined, fewer than usual, and capitation follows the list.")


def failure_words(row: Row) -> list[str]:
    """The essential-service tests the practice failed this month, in words."""
    words = []
    if row.get("contract_failing_wait"):
        words.append(f"a routine wait of {count(float(row['wait_days']), 'day', '.0f')}")
    if row.get("contract_failing_unmet"):
        words.append(f"{unmet_share(row) or 0.0:.0%} of requests unmet")
    if row.get("contract_failing_sessions"):
        words.append(f"{float(row['clinical_sessions_per_1000']):.1f} clinical sessions a week "
                     "per 1,000 patients")
    if row.get("contract_failing_phones"):
        words.append("too few reception staff to answer patients")
    if row.get("contract_failing_cqc"):
        words.append("a CQC rating of inadequate")
    return words


def _failing(row: Row) -> str:
    words = failure_words(row)
    months = int(row.get("contract_failing_months", 0))
    span = f" ({months} month{'s' if months != 1 else ''} running)" if months > 1 else ""
    return (", ".join(words) if words else "failures now put right") + span


def contract_sentence(before: Row, after: Row) -> str | None:
    """The ICB's contract management this month (``obligations.review_contract``)."""
    if "contract_status" not in after:
        return None
    was, now = before.get("contract_status", "none"), after["contract_status"]
    due = _months(int(after.get("contract_months_to_review", 0)))
    if now == was == "none":
        if after.get("contract_failing"):
            return ("The practice is not providing essential services: " + _failing(after)
                    + ". If it goes on, the ICB will issue a remedial notice.")
        return None
    if now == "terminated":
        return None if was == "terminated" else (
            "The ICB terminated the contract: " + _failing(after)
            + ", after a breach notice. The practice's patients go to other providers.")
    if now == "none":
        return f"The ICB lifted the {CONTRACT_WORDS.get(was, was)}: the practice put it right."
    if now == was:
        return (f"The {CONTRACT_WORDS[now]} is in force, {due} left to put right: "
                + _failing(after) + ".")
    if now == "remedial_notice":
        return ("The ICB issued a remedial notice: " + _failing(after)
                + f". Put it right within {due} or a breach notice follows.")
    return ("The ICB issued a breach notice: " + _failing(after)
            + f". Still failing in {due}, or a further breach, and it can end the contract.")


def complaints_sentence(after: Row) -> str | None:
    count = int(after.get("complaints", 0))
    if count < 1:
        return None
    recent = int(after.get("complaints_3m", count))
    return (f"{count} formal complaint{'s' if count != 1 else ''} this month, {recent} in the "
            "last three months.")


def _months(n: int) -> str:
    return f"{n} month{'s' if n != 1 else ''}"


def cqc_reason(after: Row) -> str | None:
    """Why CQC came, when it was not its routine schedule (the rating itself is said in the
    quality section)."""
    if after.get("cqc_follow_up"):
        return "CQC came back for the follow-up inspection it had set"
    if not after.get("cqc_concern"):
        return None
    if after.get("contract_failing_phones") or after.get("contract_failing_sessions"):
        return "CQC inspected because the practice's staffing had collapsed"
    return f"CQC inspected after {int(after.get('complaints_3m', 0))} complaints in three months"


def cqc_obligation_sentences(before: Row, after: Row) -> list[str]:
    """Why CQC came, and what its rating costs (``quality.inspect``, ``quality.cqc_costs``)."""
    rating = str(after.get("cqc_rating", ""))
    cost = float(after.get("expense_cqc_improvement_gbp", 0.0))
    follow_up = int(after.get("cqc_reinspection_months", 0))
    if not after.get("cqc_inspected"):
        if after.get("cqc_concern") and not before.get("cqc_concern") and not follow_up:
            return [f"CQC has cause for concern ({int(after.get('complaints_3m', 0))} complaints "
                    "in three months, or staffing too low to be safe) and may inspect soon."]
        if cost >= 1 and follow_up:
            plan = "Special measures" if rating == "inadequate" else "The action plan"
            return [f"{plan} cost {money(cost)} this month; CQC re-inspects in "
                    f"{_months(follow_up)}."]
        return []
    reason = cqc_reason(after)
    out = [f"{reason}: rated {rating.replace('_', ' ')}."] if reason else []
    if after.get("cqc_enforcement"):
        out.append("Still inadequate in special measures: CQC took enforcement action, which "
                   "the ICB counts as a breach of contract.")
    elif rating == "inadequate":
        out.append(f"Special measures: {money(cost)} this month for an improvement adviser and "
                   f"the work, and more each month until CQC re-inspects within "
                   f"{_months(follow_up)}.")
    elif rating == "requires_improvement" and follow_up:
        out.append(f"CQC asked for an action plan: {money(cost)} this month in management time "
                   f"and advice, and it will re-inspect within {_months(follow_up)}.")
    return out


def qof_recovery_sentence(after: Row) -> str | None:
    recovered = float(after.get("expense_qof_recovery_gbp", 0.0))
    if recovered < 1:
        return None
    return (f"{money(recovered)} of QOF recovered: last year's points fell short of the "
            "aspiration payments made through the year, and the difference is paid back.")


def obligation_sentences(before: Row, after: Row) -> list[str]:
    """What the practice met this month for the service it gave: patients leaving, complaints,
    CQC and the ICB's contract management, and QOF paid back."""
    lines = [list_sentence(after), complaints_sentence(after),
             *cqc_obligation_sentences(before, after), contract_sentence(before, after),
             qof_recovery_sentence(after)]
    return [line for line in lines if line]
