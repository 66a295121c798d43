"""What a move changed: a decision or an event choice, in words and money.

A move (a decision, an event choice, or an effect an earlier choice scheduled for this month)
changes the practice's settings, not its results: drawings, locum sessions, one-off and
recurring money, posts advertised, morale. ``settings(world)`` reads those settings for run 0;
``describe(before, after)`` says what moved between two readings ("drawings cut from £12,000
to £10,500 a partner a month"), money first. The same words serve the event card before a
choice is made (``try_choice`` plays the choice on a copy of the world), the list of this
month's decisions after it, the month summary and ``partnership run --explain``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..model.roles import GROUPS, ROLES
from ..model.state import APPOINTMENT_MODELS
from ..scenario.effects import EFFECTS
from ..scenario.spec import ChoiceSpec, OutcomeSpec
from ..scenario.world import ScheduledEffect, World
from .wording import GROUP_WORDS, count, money

Settings = dict[str, float]


def settings(world: World, i: int = 0) -> Settings:
    """The figures a move can change, for run ``i``."""
    s = world.state
    out: Settings = {
        "drawings": float(s.drawings_per_partner[i]),
        "locum_sessions": float(s.locum_sessions[i]),
        "overdraft_limit": float(s.overdraft_limit_gbp[i]),
        "one_off_cost": float(s.pending_one_off_gbp[i]),
        "one_off_income": float(s.pending_income_gbp[i]),
        "loan_drawn": float(s.pending_financing_gbp[i]),
        "recurring_cost": float(s.extra_cost_gbp[i]) if s.extra_cost_months[i] > 0 else 0.0,
        "recurring_cost_months": float(s.extra_cost_months[i]),
        "recurring_income": float(s.extra_income_gbp[i]) if s.extra_income_months[i] > 0
        else 0.0,
        "recurring_income_months": float(s.extra_income_months[i]),
        "appointment_model": float(s.appointment_model[i]),
        "enhanced_access": float(s.enhanced_access[i]),
        "cloud_telephony": float(s.cloud_telephony[i]),
        "online_consultations": float(s.online_consultations[i]),
        "pay_award": float(s.pay_uplift[i]),
        "patients": float(s.list_by_age[i].sum()),
        "satisfaction": float(s.satisfaction[i]),
        "governance": float(s.governance[i]),
        "pcn_relationship": float(s.pcn_relationship[i]),
        "recording_quality": float(s.recording_quality[i]),
        "demand_shift": float(s.demand_shift[i]) if s.demand_shift_months[i] > 0 else 0.0,
        "demand_shift_months": float(s.demand_shift_months[i]),
        "recruitment_market": float(np.asarray(world.recruitment_market)[i]),
        "inspection": float(world.force_inspection[i]),
    }
    posts = s.pipeline.sum(axis=2) + s.searching
    for k, role in enumerate(ROLES):
        out[f"heads_{role.key}"] = float(s.heads[i, k])
        out[f"posts_{role.key}"] = float(posts[i, k])
    for g, name in enumerate(GROUPS):
        out[f"morale_{name}"] = float(s.morale[i, g])
        out[f"burnout_{name}"] = float(s.burnout[i, g])
    for p, pid in enumerate(s.person_ids):
        for figure in PERSON_FIGURES:
            out[f"person_{pid}_{figure}"] = float(getattr(s, f"person_{figure}")[i, p])
    for name, values in world.counters.items():
        out[f"{COUNTER}{name}"] = float(values[i])
    return out


PERSON_FIGURES = ("in_post", "trust", "morale", "wellbeing", "absence", "notice",
                  "concerns_by", "concerns_about", "concerns_open")
#: A named person's absence, as words for what a move did.
ABSENCE_WORDS = {0: "back at work", 1: "off sick", 2: "on leave"}


def _person_words(a: Settings, b: Settings, names: Mapping[str, str]) -> list[str]:
    """What a move did to each named person, by name: their trust in the player down 0.30,
    off sick, resigning, a concern raised."""
    out = []
    for pid, name in names.items():
        def moved(figure: str, pid: str = pid) -> float:
            key = f"person_{pid}_{figure}"
            return b.get(key, 0.0) - a.get(key, 0.0)
        for figure, what in (("trust", f"{name}'s trust in you"), ("morale", f"{name}'s morale"),
                             ("wellbeing", f"{name}'s wellbeing")):
            d = moved(figure)
            if abs(d) >= 0.005:
                out.append(f"{what} {'up' if d > 0 else 'down'} {abs(d):.2f}")
        if moved("absence"):
            out.append(f"{name} {ABSENCE_WORDS[int(b[f'person_{pid}_absence'])]}")
        if moved("notice") and a.get(f"person_{pid}_notice", 0.0) == 0:
            out.append(f"{name} resigns (they work their notice, then leave)")
        if moved("concerns_by") > 0:
            out.append(f"{name} raises a concern")
        if moved("concerns_about") > 0:
            out.append(f"a concern raised about {name}")
        elif moved("concerns_open") < 0:
            out.append(f"the concerns about {name} dealt with")
    return out


#: Settings keys of the scenario's own counters start with this.
COUNTER = "counter:"


def _up_down(d: float, up: str = "raised", down: str = "cut") -> str:
    return up if d > 0 else down


def _from_to(name: str, a: float, b: float, fmt: Callable[[float], str], unit: str = "",
             up: str = "raised", down: str = "cut") -> str:
    return f"{name} {_up_down(b - a, up, down)} from {fmt(a)} to {fmt(b)}{unit}"


def _money_words(a: Settings, b: Settings, locum_rate_gbp: float) -> list[str]:
    out = []
    cost, income = b["one_off_cost"] - a["one_off_cost"], b["one_off_income"] - a["one_off_income"]
    if abs(cost) >= 1:
        out.append(f"one-off cost of {money(cost)} this month")
    if abs(income) >= 1:
        out.append(f"one-off income of {money(income)} this month")
    for kind in ("cost", "income"):
        d = b[f"recurring_{kind}"] - a[f"recurring_{kind}"]
        months = b[f"recurring_{kind}_months"]
        if abs(d) >= 1:
            out.append(f"{money(d)} a month more in recurring {kind} for "
                       f"{count(months, 'month', '.0f')} ({money(d * months)} in all)")
    d = b["locum_sessions"] - a["locum_sessions"]
    if abs(d) >= 0.5:
        out.append(_from_to("locum sessions", a["locum_sessions"], b["locum_sessions"],
                            lambda x: f"{x:g}", " a month")
                   + f" ({'+' if d > 0 else '-'}{money(abs(d) * locum_rate_gbp)} a month "
                   f"at {money(locum_rate_gbp)} a session)")
    if abs(b["drawings"] - a["drawings"]) >= 1:
        out.append(_from_to("drawings", a["drawings"], b["drawings"], money,
                            " a partner a month"))
    if abs(b["loan_drawn"] - a["loan_drawn"]) >= 1:
        out.append(f"a loan of {money(b['loan_drawn'] - a['loan_drawn'])} drawn")
    if abs(b["overdraft_limit"] - a["overdraft_limit"]) >= 1:
        out.append(_from_to("overdraft limit", a["overdraft_limit"], b["overdraft_limit"],
                            money, up="raised", down="lowered"))
    return out


def _switch(name: str, a: float, b: float) -> str | None:
    if a == b:
        return None
    return f"{name} {'started' if b else 'stopped'}"


def _practice_words(a: Settings, b: Settings) -> list[str]:
    out = []
    if a["appointment_model"] != b["appointment_model"]:
        names = [m.replace("_", " ") for m in APPOINTMENT_MODELS]
        out.append(f"appointments changed from {names[int(a['appointment_model'])]} to "
                   f"{names[int(b['appointment_model'])]}")
    for key, name in (("enhanced_access", "enhanced access (Network Contract DES)"),
                      ("cloud_telephony", "cloud telephony"),
                      ("online_consultations", "online consultations")):
        words = _switch(name, a[key], b[key])
        if words:
            out.append(words)
    if abs(b["pay_award"] - a["pay_award"]) >= 0.0005:
        out.append(f"staff pay award set to {b['pay_award']:.1%}")
    for role in ROLES:
        d = b[f"heads_{role.key}"] - a[f"heads_{role.key}"]
        if abs(d) >= 0.05:
            out.append(f"{'+' if d > 0 else '-'}{abs(d):g} {role.label} in post at once")
        posts = b[f"posts_{role.key}"] - a[f"posts_{role.key}"]
        if posts >= 0.5:
            out.append(f"{count(posts, role.label + ' post')} advertised")
        elif posts <= -0.5:
            out.append(f"{count(-posts, role.label + ' post')} withdrawn")
    d = b["patients"] - a["patients"]
    if abs(d) >= 1:
        out.append(f"{count(abs(d), 'patient', ',.0f')} {'joined' if d > 0 else 'left'} the list")
    if b["demand_shift"] != a["demand_shift"]:
        out.append(f"demand {'up' if b['demand_shift'] > 0 else 'down'} "
                   f"{abs(b['demand_shift']):.0%} for "
                   f"{count(b['demand_shift_months'], 'month', '.0f')}")
    if b["recruitment_market"] != a["recruitment_market"]:
        easier = b["recruitment_market"] > a["recruitment_market"]
        out.append(f"posts {'easier' if easier else 'harder'} to fill from now on")
    if b["inspection"] and not a["inspection"]:
        out.append("CQC inspects this month")
    return out


def _people_words(a: Settings, b: Settings) -> list[str]:
    out = []
    for key, what, fmt in (("satisfaction", "patient satisfaction", "points"),
                           ("pcn_relationship", "relationship with the PCN", ""),
                           ("governance", "governance", ""),
                           ("recording_quality", "recording quality", "")):
        d = b[key] - a[key]
        if abs(d) >= 0.005:
            amount = count(abs(d) * 100, "point", ".0f") if fmt else f"{abs(d):.2f}"
            out.append(f"{what} {'up' if d > 0 else 'down'} {amount}")
    for name in GROUPS:
        for kind in ("morale", "burnout"):
            d = b[f"{kind}_{name}"] - a[f"{kind}_{name}"]
            if abs(d) >= 0.005:
                out.append(f"{kind} of {GROUP_WORDS[name]} {'up' if d > 0 else 'down'} "
                           f"{abs(d):.2f}")
    for key in (k for k in b if k.startswith(COUNTER)):
        d = b[key] - a.get(key, 0.0)
        if abs(d) >= 1e-9:
            out.append(f"{key.removeprefix(COUNTER).replace('_', ' ')} "
                       f"{'up' if d > 0 else 'down'} {abs(d):g} (now {b[key]:g})")
    return out


def describe(before: Settings, after: Settings, locum_rate_gbp: float,
             names: Mapping[str, str] | None = None) -> list[str]:
    """What moved between two readings of ``settings``, money first; ``names`` are the
    scenario's named people (id to name), whose changes are said by name."""
    return (_money_words(before, after, locum_rate_gbp) + _practice_words(before, after)
            + _people_words(before, after) + _person_words(before, after, names or {}))


@dataclass(frozen=True)
class Move:
    """A decision or an event choice and what it changed: ``source`` names it ("Set drawings
    to £9,000 a partner a month", "The management accounts: Agree a recovery plan"),
    ``changes`` says what moved, ``before``/``after`` hold the figures for the money lines."""

    source: str
    changes: tuple[str, ...]
    before: Settings = field(default_factory=dict)
    after: Settings = field(default_factory=dict)

    def sentence(self) -> str:
        what = ("; ".join(self.changes) if self.changes
                else "no change: the practice was already set so")
        return f"{self.source}: {what}."

    def moved(self, key: str) -> tuple[float, float] | None:
        """The setting's value before and after the move, if the move changed it."""
        a, b = self.before.get(key), self.after.get(key)
        if a is None or b is None or abs(b - a) < 1e-9:
            return None
        return a, b


def copy_world(world: World) -> World:
    """A copy of ``world`` that effects can change without touching the original (the state
    and the arrays are replaced by effects, never edited in place)."""
    c = copy.copy(world)
    c.flags, c.fired, c.counters = dict(world.flags), dict(world.fired), dict(world.counters)
    c.last_fired, c.choices = dict(world.last_fired), dict(world.choices)
    c.outcomes = dict(world.outcomes)
    c.scheduled = list(world.scheduled)
    return c


def apply_effects(world: World, choice: ChoiceSpec | OutcomeSpec, month: int,
                  cause: str) -> None:
    """Apply a choice's effects to ``world`` for every run, as ``ScenarioRun.choose`` does:
    delayed effects are scheduled for their month."""
    mask = np.ones(world.runs, bool)
    for eff in choice.effects:
        if eff.after_months:
            world.scheduled.append(ScheduledEffect(month + eff.after_months, eff.name, eff.args,
                                                   mask.copy(), cause))
        else:
            EFFECTS.get(eff.name).func(world, mask, **eff.args)


def later_words(world: World, effects: Sequence[ScheduledEffect], month: int,
                locum_rate_gbp: float) -> list[str]:
    """What effects scheduled for a later month will do, in words ("in 2 months: -1 GP
    partner in post at once")."""
    out: list[str] = []
    for eff in effects:
        trial = copy_world(world)
        before = settings(trial)
        EFFECTS.get(eff.name).func(trial, np.ones(trial.runs, bool), **eff.args)
        words = describe(before, settings(trial), locum_rate_gbp, world.person_names)
        n = eff.due_month - month
        out.extend(f"in {count(n, 'month')}: {w}" for w in words)
    return out


def try_choice(world: World, choice: ChoiceSpec | OutcomeSpec, month: int,
               locum_rate_gbp: float) -> tuple[World, list[str]]:
    """The world after ``choice`` on a copy, and what it would change (delayed effects too)."""
    trial = copy_world(world)
    before = settings(trial)
    waiting = len(trial.scheduled)
    apply_effects(trial, choice, month, "preview")
    words = describe(before, settings(trial), locum_rate_gbp, world.person_names)
    return trial, words + later_words(trial, trial.scheduled[waiting:], month, locum_rate_gbp)
