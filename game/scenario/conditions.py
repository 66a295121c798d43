"""Conditions: predicates on the practice that event triggers and end conditions use.

Each returns, for every run, whether it holds at the start of the month (that is, on the figures
at the end of the month before). In YAML a condition is a one-key mapping, for example
``cash_below: 20000`` or ``morale_below: {group: gp, value: 0.5}``; a list of them must all hold.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from ..model.obligations import CONTRACT_STATUSES, TERMINATED
from ..model.roles import GROUPS, ROLE_KEYS, role_index
from ..model.state import APPOINTMENT_MODELS, CQC_RATINGS
from ..model.wellbeing import staff_wellbeing
from .registry import Registry
from .world import World

CONDITIONS = Registry("condition", leading=1)
condition = CONDITIONS.register

Role = Literal[ROLE_KEYS]  # type: ignore[valid-type]
Group = Literal["gp", "nursing", "arrs", "admin"]
Rating = Literal["inadequate", "requires_improvement", "good", "outstanding"]
Model = Literal["traditional", "triage_first", "total_triage"]
ContractStage = Literal["remedial_notice", "breach_notice", "terminated"]


def truth(w: World, cond: Any) -> np.ndarray:
    """Whether ``cond`` (a checked condition: its ``name`` and ``args``) holds, per run."""
    return np.asarray(CONDITIONS.get(cond.name).func(w, **cond.args), bool)


def _cash(w: World) -> np.ndarray:
    return w.state.cash_pence / 100.0


@condition
def month_at_least(w: World, month: int) -> np.ndarray:
    """The scenario has reached this month (1 is the first month)."""
    return np.full(w.runs, w.month >= month)


@condition
def month_at_most(w: World, month: int) -> np.ndarray:
    """The scenario has not yet passed this month."""
    return np.full(w.runs, w.month <= month)


@condition
def calendar_month_in(w: World, months: list[int]) -> np.ndarray:
    """The calendar month (1 = January) is one of these, e.g. ``[10, 11, 12, 1]`` for winter."""
    return np.full(w.runs, w.state.calendar_month in months)


@condition
def cash_below(w: World, gbp: float) -> np.ndarray:
    """Cash in the bank is below this many pounds (negative means overdrawn)."""
    return _cash(w) < gbp


@condition
def cash_above(w: World, gbp: float) -> np.ndarray:
    """Cash in the bank is above this many pounds."""
    return _cash(w) > gbp


@condition
def cash_below_overdraft(w: World, value: bool = True) -> np.ndarray:
    """Cash has fallen below the overdraft limit: the practice cannot pay its bills."""
    return (_cash(w) < -w.state.overdraft_limit_gbp) == value


@condition
def profit_ytd_below(w: World, gbp: float) -> np.ndarray:
    """Partner profit for the financial year so far is below this many pounds."""
    return w.state.profit_ytd_gbp < gbp


@condition
def wait_above(w: World, days: float) -> np.ndarray:
    """The routine wait for an appointment is longer than this many days."""
    return w.state.wait_days > days


@condition
def wait_below(w: World, days: float) -> np.ndarray:
    """The routine wait for an appointment is shorter than this many days."""
    return w.state.wait_days < days


@condition
def morale_below(w: World, group: Group, value: float) -> np.ndarray:
    """Morale of a staff group (gp, nursing, arrs, admin) is below this value (0-1)."""
    return w.state.morale[:, GROUPS.index(group)] < value


@condition
def morale_above(w: World, group: Group, value: float) -> np.ndarray:
    """Morale of a staff group is above this value (0-1)."""
    return w.state.morale[:, GROUPS.index(group)] > value


@condition
def burnout_above(w: World, group: Group, value: float) -> np.ndarray:
    """Burnout of a staff group is above this value (0-1)."""
    return w.state.burnout[:, GROUPS.index(group)] > value


@condition
def wellbeing_below(w: World, value: float) -> np.ndarray:
    """Team wellbeing (morale less half of burnout, by headcount) is below this value (0-1)."""
    return staff_wellbeing(w.state.morale, w.state.burnout, w.state.heads) < value


@condition
def satisfaction_below(w: World, value: float) -> np.ndarray:
    """Patient satisfaction (share rating their experience good, 0-1) is below this value."""
    return w.state.satisfaction < value


@condition
def governance_below(w: World, value: float) -> np.ndarray:
    """Governance (policies, audits, systems; 0-1) is below this value."""
    return w.state.governance < value


@condition
def staff_below(w: World, role: Role, count: float) -> np.ndarray:
    """Fewer than ``count`` people are in post in ``role``."""
    return w.state.heads[:, role_index(role)] < count


@condition
def staff_at_least(w: World, role: Role, count: float) -> np.ndarray:
    """At least ``count`` people are in post in ``role``."""
    return w.state.heads[:, role_index(role)] >= count


@condition
def gp_fte_below(w: World, fte: float) -> np.ndarray:
    """Qualified GPs in post (partners and salaried) come to less than this FTE."""
    return w.state.fte[:, 0] + w.state.fte[:, 1] < fte


@condition
def locum_sessions_above(w: World, sessions: float) -> np.ndarray:
    """More than this many locum sessions a month are booked."""
    return w.state.locum_sessions > sessions


@condition
def pcn_relationship_below(w: World, value: float) -> np.ndarray:
    """The relationship with the PCN and neighbouring practices (0-1) is below this value."""
    return w.state.pcn_relationship < value


@condition
def pcn_relationship_above(w: World, value: float) -> np.ndarray:
    """The relationship with the PCN and neighbouring practices (0-1) is above this value."""
    return w.state.pcn_relationship > value


@condition
def cqc_rating_is(w: World, rating: Rating) -> np.ndarray:
    """The practice's current CQC rating is this one."""
    return w.state.cqc_rating == CQC_RATINGS.index(rating)


@condition
def contract_notice_at_least(w: World, stage: ContractStage) -> np.ndarray:
    """The ICB's contract management has reached this stage or a later one:
    ``remedial_notice`` (the practice has been told to put a failure right within the notice
    period), ``breach_notice`` (it did not, or CQC took enforcement action; a further breach
    can end the contract) or ``terminated``. A notice lifted because the practice put things
    right no longer counts. The practice fails its contract in a month when the routine wait
    or unmet demand passes the ICB's limit, clinical sessions or reception staff fall too low
    for the list, or CQC rates it inadequate; see docs/model.md."""
    return w.state.contract_status >= CONTRACT_STATUSES.index(stage)


@condition
def contract_terminated(w: World, value: bool = True) -> np.ndarray:
    """The ICB has terminated the practice's contract (after a breach notice was not
    remedied, or a breach repeated). Every bundled scenario ends with this as the
    ``contract-terminated`` end condition."""
    return (w.state.contract_status == TERMINATED) == value


@condition
def complaints_at_least(w: World, count: int) -> np.ndarray:
    """At least this many formal written complaints arrived in the last three months."""
    return w.state.complaints_recent.sum(axis=1) >= count


@condition
def partners_left_at_least(w: World, count: int) -> np.ndarray:
    """At least this many partners have resigned since the scenario began."""
    return w.state.partners_left >= count


@condition
def appointment_model_is(w: World, model: Model) -> np.ndarray:
    """Appointments are offered this way (traditional, triage_first, total_triage)."""
    return w.state.appointment_model == APPOINTMENT_MODELS.index(model)


@condition
def flag_set(w: World, name: str) -> np.ndarray:
    """An earlier choice set this flag (see the ``set_flag`` effect)."""
    return w.flag(name).copy()


@condition
def flag_not_set(w: World, name: str) -> np.ndarray:
    """No earlier choice has set this flag."""
    return ~w.flag(name)


@condition
def event_fired(w: World, event: str) -> np.ndarray:
    """This event has already happened."""
    return w.times_fired(event) > 0


@condition
def choice_taken(w: World, event: str, choice: str) -> np.ndarray:
    """At this event the player chose this choice (checked against the scenario at load)."""
    return w.choice(event) == w.choice_index(event, choice)


@condition
def outcome_was(w: World, event: str, choice: str, outcome: str) -> np.ndarray:
    """The player took this choice at this event and it turned out this way (one of the
    choice's chance ``outcomes``), e.g. ``outcome_was: {event: referral, choice: refer,
    outcome: upheld}``."""
    ids = w.outcome_ids.get((event, choice), [])
    index = ids.index(outcome) if outcome in ids else -2
    return choice_taken(w, event, choice) & (w.outcome(event) == index)


@condition
def counter_at_least(w: World, name: str, value: float) -> np.ndarray:
    """The scenario's counter ``name`` (declared under ``counters``) is at least ``value``, e.g.
    ``counter_at_least: {name: concerns_raised, value: 3}``."""
    return w.counter(name) >= value


@condition
def counter_below(w: World, name: str, value: float) -> np.ndarray:
    """The scenario's counter ``name`` is below ``value``."""
    return w.counter(name) < value
