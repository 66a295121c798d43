"""What a choice does, in a few comparable numbers.

A balance policy cannot read a choice's label, so it weighs the choice's effects instead. Each
effect adds to one or more *aspects* (money, team, patients, staffing, system, quality), scaled so
that about 1.0 is a notable change for a practice of 10,000 patients: £10,000, a morale rise of
0.05, a satisfaction rise of 0.02, a person joining. ``leadership`` is the sum of the choice's
leadership tags: what the scenario's author thinks good practice is.

Three further aspects let policies with a different outlook weigh the same choice differently:

- ``cash_now``: the practice's cash over the next quarter (``CASH_NOW_MONTHS``), in £10,000,
  counting an effect only for the months of the quarter it applies in: salaries of people who join
  or leave, locum sessions, recurring costs and income, a cut in drawings (cash kept in the
  practice), and a bigger overdraft (headroom to pay the bills);
- ``drawings``: what the partners take home over ``HORIZON_MONTHS``, in £10,000: a change in
  drawings, and a partner joining (the profit shared one more way) or leaving;
- ``directive``: how much a choice decides from the top rather than with the team, from its
  leadership tags: minus the sum of ``engaging_the_team``, ``sharing_the_vision`` and
  ``inspiring_shared_purpose``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..model.roles import ROLE_KEYS, SALARY
from ..scenario.spec import ChoiceSpec, EffectSpec, ScenarioSpec

ASPECTS: tuple[str, ...] = (
    "money", "team", "patients", "staffing", "system", "quality", "leadership",
    "cash_now", "drawings", "directive")
#: The aspects every policy weighed before ``cash_now``, ``drawings`` and ``directive``.
CORE_ASPECTS: tuple[str, ...] = ASPECTS[:7]

#: Cost of one locum session a month, for the money side of ``locum_sessions`` (S54, median).
LOCUM_SESSION_GBP = 360.0
#: Months a permanent change (drawings, locum sessions) is assumed to last when weighing it.
HORIZON_MONTHS = 12
#: The quarter ``cash_now`` looks at.
CASH_NOW_MONTHS = 3
#: A bigger overdraft, as cash in hand for the quarter (£10,000s of headroom).
OVERDRAFT_HEADROOM = 2.0
#: Partners' take-home shared one more way when a partner joins, in £10,000 over the horizon.
PARTNER_SHARE = 2.5
#: Leadership tags that make a choice more (+1) or less (-1) ``directive``.
DIRECTIVE_TAGS = {"engaging_the_team": -1.0, "sharing_the_vision": -1.0,
                  "inspiring_shared_purpose": -1.0}

#: Morale, burnout and the like per group: ``all`` counts as the four groups together.
GROUP_SCALE = {"all": 3.0}


def _group(args: dict[str, Any]) -> float:
    return GROUP_SCALE.get(str(args.get("group", "")), 1.0)


Scorer = Callable[[dict[str, Any]], dict[str, float]]

_SCORERS: dict[str, Scorer] = {
    "cash": lambda a: {"money": a["gbp"] / 10_000},
    "recurring_cost": lambda a: {"money": -a["gbp_per_month"] * a["months"] / 10_000},
    "recurring_income": lambda a: {"money": a["gbp_per_month"] * a["months"] / 10_000},
    "morale": lambda a: {"team": a["delta"] / 0.05 * _group(a)},
    "burnout": lambda a: {"team": -a["delta"] / 0.05 * _group(a)},
    "satisfaction": lambda a: {"patients": a["delta"] / 0.02},
    "governance": lambda a: {"quality": a["delta"] / 0.05},
    "pcn_relationship": lambda a: {"system": a["delta"] / 0.05},
    "recording_quality": lambda a: {"quality": a["delta"] / 0.03},
    "prevalence_recording": lambda a: {"quality": a["delta"] / 0.03},
    "change_fatigue": lambda a: {"team": -a["delta"] / 0.1},
    "demand_shift": lambda a: {"patients": -a["percent"] * a["months"] / 10},
    "list_change": lambda a: {"money": a["patients"] * 0.01, "patients": -a["patients"] / 500},
    "staff_leave": lambda a: {"staffing": -a["count"] * (3 if a["role"] == "partner" else 1),
                              "team": -a["count"]},
    "staff_join": lambda a: {"staffing": a["count"], "patients": a["count"] / 2},
    "start_recruitment": lambda a: {"staffing": a["count"] / 2},
    "locum_sessions": lambda a: {"money": -a["delta"] * LOCUM_SESSION_GBP * HORIZON_MONTHS
                                 / 10_000, "patients": a["delta"] / 8},
    "recruitment_market": lambda a: {"staffing": (a["multiplier"] - 1) * 2},
    "appointment_model": lambda a: {"team": -1.0},
    "cqc_inspection": lambda a: {"quality": -0.5 if a["value"] else 0.0},
    "drawings": lambda a: {"money": -a["delta_gbp"] * 4 * HORIZON_MONTHS / 10_000,
                           "team": a["delta_gbp"] / 2_000},
    "overdraft_limit": lambda a: {"money": 0.5},
}


def _salary(role: str) -> float:
    return float(SALARY[ROLE_KEYS.index(role)]) if role in ROLE_KEYS else 0.0


def _cash_now(name: str, a: dict[str, Any], after: int) -> float:
    """The effect's cash over the next quarter, in £10,000."""
    months = max(CASH_NOW_MONTHS - after, 0)
    if name == "cash":
        return a["gbp"] / 10_000 if months else 0.0
    if name in ("recurring_cost", "recurring_income"):
        sign = -1.0 if name == "recurring_cost" else 1.0
        return sign * a["gbp_per_month"] * min(months, a["months"]) / 10_000
    if name == "locum_sessions":
        return -a["delta"] * LOCUM_SESSION_GBP * months / 10_000
    if name == "drawings":
        return -a["delta_gbp"] * 4 * months / 10_000
    if name in ("staff_join", "staff_leave"):
        sign = -1.0 if name == "staff_join" else 1.0
        return sign * a["count"] * _salary(a["role"]) / 12 * months / 10_000
    if name == "overdraft_limit":
        return OVERDRAFT_HEADROOM if months else 0.0
    return 0.0


def _drawings(name: str, a: dict[str, Any]) -> float:
    if name == "drawings":
        return a["delta_gbp"] * 4 * HORIZON_MONTHS / 10_000
    if name in ("staff_join", "staff_leave") and a["role"] == "partner":
        return (-1.0 if name == "staff_join" else 1.0) * a["count"] * PARTNER_SHARE
    return 0.0


def effect_aspects(effect: EffectSpec) -> dict[str, float]:
    """The aspects one effect moves (flags and unknown effects move none)."""
    scorer = _SCORERS.get(effect.name)
    out = dict(scorer(effect.args)) if scorer else {}
    cash_now = _cash_now(effect.name, effect.args, effect.after_months)
    if cash_now:
        out["cash_now"] = cash_now
    drawings = _drawings(effect.name, effect.args)
    if drawings:
        out["drawings"] = drawings
    return out


def choice_aspects(choice: ChoiceSpec) -> dict[str, float]:
    """The aspects a choice moves, summed over its effects, plus its leadership tags."""
    out = dict.fromkeys(ASPECTS, 0.0)
    for effect in choice.effects:
        for aspect, value in effect_aspects(effect).items():
            out[aspect] += value
    out["leadership"] = float(sum(choice.leadership.values()))
    out["directive"] = float(sum(DIRECTIVE_TAGS.get(tag, 0.0) * v
                                 for tag, v in choice.leadership.items()))
    return out


def aspect_matrix(scenario: ScenarioSpec) -> dict[str, np.ndarray]:
    """For each event, a (choices, aspects) matrix of what its choices do."""
    return {e.id: np.array([[choice_aspects(c)[a] for a in ASPECTS] for c in e.choices])
            for e in scenario.events}
