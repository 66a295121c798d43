"""Effects: what a choice does to the practice, now or some months later.

In YAML an effect is a one-key mapping, for example ``cash: -5000`` or
``morale: {group: gp, delta: -0.1}``; add ``after_months: N`` beside it to delay it. Every effect
applies only to the runs whose player took the choice. Amounts are bounded so that a typing
slip cannot make an implausible practice; ``partnership validate`` warns about large ones.
"""

from __future__ import annotations

from typing import Annotated, Literal

import numpy as np
from pydantic import Field

from ..model.roles import FTE_PER_HEAD, GROUPS, LAG, ROLE_KEYS, role_index
from ..model.state import APPOINTMENT_MODELS
from .registry import Registry
from .world import World

EFFECTS = Registry("effect", leading=2)
effect = EFFECTS.register

Role = Literal[ROLE_KEYS]  # type: ignore[valid-type]
Group = Literal["gp", "nursing", "arrs", "admin", "all"]
Delta = float


def _groups(group: str) -> list[int]:
    return list(range(len(GROUPS))) if group == "all" else [GROUPS.index(group)]


def _where(mask: np.ndarray, new: np.ndarray | float, old: np.ndarray) -> np.ndarray:
    return np.where(mask, new, old)


@effect
def cash(
    w: World, mask: np.ndarray, gbp: Annotated[float, Field(ge=-1_000_000, le=1_000_000)]
) -> None:
    """A one-off payment this month: negative is a cost (a settlement, a repair), positive is
    income (a grant, a fee). It appears in the month's accounts like any other line."""
    s = w.state
    cost = np.where(mask, max(-gbp, 0.0), 0.0)
    income = np.where(mask, max(gbp, 0.0), 0.0)
    w.state = s.evolve(
        pending_one_off_gbp=s.pending_one_off_gbp + cost,
        pending_income_gbp=s.pending_income_gbp + income,
    )


def _add_recurring(w: World, mask: np.ndarray, kind: str, gbp: float, months: int) -> None:
    """Add ``gbp`` a month to the recurring ``kind`` ("cost" or "income") for ``months``.

    Each run has one recurring stream of each kind: streams from several choices add up and
    run until the longest of them ends.
    """
    s = w.state
    amount, left = getattr(s, f"extra_{kind}_gbp"), getattr(s, f"extra_{kind}_months")
    running = np.where(left > 0, amount, 0.0)
    w.state = s.evolve(**{
        f"extra_{kind}_gbp": _where(mask, running + gbp, amount),
        f"extra_{kind}_months": _where(mask, np.maximum(left, months), left),
    })


@effect
def recurring_cost(
    w: World,
    mask: np.ndarray,
    gbp_per_month: Annotated[float, Field(ge=0, le=200_000)],
    months: Annotated[int, Field(ge=1, le=120)],
) -> None:
    """An extra cost every month for a number of months (a contract, a lease, extra cover).
    Recurring costs from several choices add up and run until the longest ends."""
    _add_recurring(w, mask, "cost", gbp_per_month, months)


@effect
def recurring_income(
    w: World,
    mask: np.ndarray,
    gbp_per_month: Annotated[float, Field(ge=0, le=200_000)],
    months: Annotated[int, Field(ge=1, le=120)],
) -> None:
    """Extra income every month for a number of months (a local scheme, a contract).
    Recurring income from several choices adds up and runs until the longest ends."""
    _add_recurring(w, mask, "income", gbp_per_month, months)


@effect
def morale(
    w: World, mask: np.ndarray, group: Group, delta: Annotated[Delta, Field(ge=-0.5, le=0.5)]
) -> None:
    """Raise or lower a staff group's morale (0-1) by ``delta``; ``group: all`` for everyone."""
    m = w.state.morale.copy()
    for g in _groups(group):
        m[:, g] = np.where(mask, np.clip(m[:, g] + delta, 0, 1), m[:, g])
    w.state = w.state.evolve(morale=m)


@effect
def burnout(
    w: World, mask: np.ndarray, group: Group, delta: Annotated[Delta, Field(ge=-0.5, le=0.5)]
) -> None:
    """Raise or lower a staff group's burnout (0-1) by ``delta``."""
    b = w.state.burnout.copy()
    for g in _groups(group):
        b[:, g] = np.where(mask, np.clip(b[:, g] + delta, 0, 1), b[:, g])
    w.state = w.state.evolve(burnout=b)


def _nudge(w: World, mask: np.ndarray, name: str, delta: float, hi: float = 1.0) -> None:
    old = getattr(w.state, name)
    w.state = w.state.evolve(**{name: _where(mask, np.clip(old + delta, 0.0, hi), old)})


@effect
def satisfaction(
    w: World, mask: np.ndarray, delta: Annotated[Delta, Field(ge=-0.3, le=0.3)]
) -> None:
    """Raise or lower patient satisfaction (share rating their experience good) by ``delta``."""
    _nudge(w, mask, "satisfaction", delta)


@effect
def governance(w: World, mask: np.ndarray, delta: Annotated[Delta, Field(ge=-0.5, le=0.5)]) -> None:
    """Raise or lower governance (policies, audits, systems; 0-1), which drives CQC ratings."""
    _nudge(w, mask, "governance", delta)


@effect
def pcn_relationship(
    w: World, mask: np.ndarray, delta: Annotated[Delta, Field(ge=-0.5, le=0.5)]
) -> None:
    """Raise or lower the relationship with the PCN and neighbouring practices (0-1)."""
    _nudge(w, mask, "pcn_relationship", delta)


@effect
def recording_quality(
    w: World, mask: np.ndarray, delta: Annotated[Delta, Field(ge=-0.5, le=0.5)]
) -> None:
    """Raise or lower the quality of clinical coding and recording (0-1), which QOF needs."""
    _nudge(w, mask, "recording_quality", delta)


@effect
def prevalence_recording(
    w: World, mask: np.ndarray, delta: Annotated[Delta, Field(ge=-0.3, le=0.3)]
) -> None:
    """Raise or lower recorded prevalence against true prevalence (1 = all disease recorded);
    QOF pays on recorded prevalence, so under-recording costs income."""
    _nudge(w, mask, "prevalence_recording", delta, hi=1.1)


@effect
def change_fatigue(w: World, mask: np.ndarray, delta: Annotated[Delta, Field(ge=-1, le=1)]) -> None:
    """Add to (or relieve) the team's fatigue from change, which weighs on every group's morale
    and eases by itself over a few months."""
    _nudge(w, mask, "change_fatigue", delta)


@effect
def demand_shift(
    w: World,
    mask: np.ndarray,
    percent: Annotated[float, Field(ge=-50, le=100)],
    months: Annotated[int, Field(ge=1, le=24)],
) -> None:
    """Demand for appointments rises (or falls) by ``percent`` for a number of months: an
    outbreak, a neighbouring practice closing its list, a campaign."""
    s = w.state
    w.state = s.evolve(
        demand_shift=_where(mask, percent / 100.0, s.demand_shift),
        demand_shift_months=_where(mask, months, s.demand_shift_months),
    )


@effect
def list_change(
    w: World, mask: np.ndarray, patients: Annotated[int, Field(ge=-20_000, le=20_000)]
) -> None:
    """Patients join (or leave) the list at once, in the list's current age mix: a dispersal,
    a merger, a new housing estate."""
    s = w.state
    size = s.list_by_age.sum(axis=1, keepdims=True)
    scaled = s.list_by_age * np.maximum(1 + patients / np.maximum(size, 1), 0.05)
    w.state = s.evolve(list_by_age=np.where(mask[:, None], scaled, s.list_by_age))


@effect
def staff_leave(
    w: World, mask: np.ndarray, role: Role, count: Annotated[float, Field(gt=0, le=20)]
) -> None:
    """People in a role leave at once (a resignation, a retirement, long-term sickness)."""
    r = role_index(role)
    s = w.state
    heads, fte = s.heads.copy(), s.fte.copy()
    gone = np.where(mask, np.minimum(count, heads[:, r]), 0.0)
    each = np.divide(fte[:, r], heads[:, r], out=np.zeros(s.runs), where=heads[:, r] > 0)
    heads[:, r] -= gone
    fte[:, r] = np.maximum(fte[:, r] - gone * each, 0.0)
    left = s.partners_left + (gone if r == 0 else 0.0)
    w.state = s.evolve(heads=heads, fte=fte, partners_left=left)


@effect
def staff_join(
    w: World, mask: np.ndarray, role: Role, count: Annotated[float, Field(gt=0, le=20)]
) -> None:
    """People join a role at once, at the role's usual hours (a PCN secondment, a returner)."""
    r = role_index(role)
    s = w.state
    heads, fte = s.heads.copy(), s.fte.copy()
    heads[:, r] += np.where(mask, count, 0.0)
    fte[:, r] += np.where(mask, count * FTE_PER_HEAD[r], 0.0)
    w.state = s.evolve(heads=heads, fte=fte)


@effect
def clinical_rooms(
    w: World, mask: np.ndarray, delta: Annotated[int, Field(ge=-20, le=20)]
) -> None:
    """Consulting and treatment rooms gained or lost (a merged practice's premises, a room in
    the PCN's hub, a room closed for repairs). Clinicians can only be hired into free rooms."""
    old = w.state.clinical_rooms
    w.state = w.state.evolve(clinical_rooms=_where(mask, np.maximum(old + delta, 0.0), old))


@effect
def start_recruitment(
    w: World, mask: np.ndarray, role: Role, count: Annotated[int, Field(ge=1, le=10)]
) -> None:
    """Posts in a role are advertised at no cost to the practice (the PCN or ICB pays)."""
    r = role_index(role)
    pipeline = w.state.pipeline.copy()
    pipeline[mask, r, int(LAG[r]) - 1] += count
    w.state = w.state.evolve(pipeline=pipeline)


@effect
def locum_sessions(
    w: World, mask: np.ndarray, delta: Annotated[float, Field(ge=-200, le=200)]
) -> None:
    """Change the locum sessions booked each month by ``delta``."""
    _nudge(w, mask, "locum_sessions", delta, hi=200.0)


@effect
def recruitment_market(
    w: World, mask: np.ndarray, multiplier: Annotated[float, Field(gt=0, le=3)]
) -> None:
    """Make posts easier (above 1) or harder (below 1) to fill from now on."""
    w.recruitment_market = np.where(mask, multiplier, w.recruitment_market)


@effect
def appointment_model(
    w: World, mask: np.ndarray, model: Literal["traditional", "triage_first", "total_triage"]
) -> None:
    """Switch how appointments are offered (as the decision does, without its change cost)."""
    s = w.state
    w.state = s.evolve(
        appointment_model=_where(mask, APPOINTMENT_MODELS.index(model), s.appointment_model)
    )


@effect
def cqc_inspection(w: World, mask: np.ndarray, value: bool = True) -> None:
    """CQC inspects during this month; the rating follows governance and risk."""
    w.force_inspection = w.force_inspection | (mask & value)


@effect
def set_flag(w: World, mask: np.ndarray, name: str) -> None:
    """Remember something for later events (``flag_set`` / ``flag_not_set`` conditions)."""
    w.flags[name] = w.flag(name) | mask


@effect
def clear_flag(w: World, mask: np.ndarray, name: str) -> None:
    """Forget a flag set earlier."""
    w.flags[name] = w.flag(name) & ~mask


@effect
def counter_add(
    w: World, mask: np.ndarray, name: str,
    amount: Annotated[float, Field(ge=-1_000_000, le=1_000_000)] = 1.0,
) -> None:
    """Add ``amount`` (1 if left out; negative to take away) to the scenario's counter
    ``name``, declared under ``counters``: ``counter_add: {name: concerns_raised}``."""
    w.counters[name] = np.where(mask, w.counter(name) + amount, w.counter(name))


@effect
def counter_set(
    w: World, mask: np.ndarray, name: str,
    value: Annotated[float, Field(ge=-1_000_000, le=1_000_000)],
) -> None:
    """Set the scenario's counter ``name`` to ``value``: ``counter_set: {name: strikes,
    value: 0}``."""
    w.counters[name] = np.where(mask, value, w.counter(name))


@effect
def drawings(
    w: World, mask: np.ndarray, delta_gbp: Annotated[float, Field(ge=-20_000, le=20_000)]
) -> None:
    """Change each partner's monthly drawings by ``delta_gbp`` (the partners agreed it)."""
    _nudge(w, mask, "drawings_per_partner", delta_gbp, hi=30_000.0)


@effect
def overdraft_limit(
    w: World, mask: np.ndarray, gbp: Annotated[float, Field(ge=0, le=1_000_000)]
) -> None:
    """The bank sets the overdraft limit to this many pounds."""
    s = w.state
    w.state = s.evolve(overdraft_limit_gbp=_where(mask, gbp, s.overdraft_limit_gbp))
