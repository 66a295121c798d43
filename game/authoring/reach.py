"""Which events can happen at all, and when: a static reading of triggers.

An event's *window* is the months it may fire in: its ``month`` or ``months``, narrowed by
``month_at_least`` / ``month_at_most``, and by the events it depends on (``event_fired``,
``choice_taken``, and ``flag_set`` on a flag only some choices set): it cannot fire before what
it waits for can have happened. ``never_fires`` explains, in words, why a trigger can never
hold; ``links`` lists the dependencies (for the story map).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..scenario.spec import ConditionSpec, EventSpec, ScenarioSpec

#: Conditions that can never hold on their own, with why (for a value at the edge of 0-1).
_OPPOSITES = {
    "cash_below": "cash_above", "wait_above": "wait_below", "morale_below": "morale_above",
    "pcn_relationship_below": "pcn_relationship_above", "staff_below": "staff_at_least",
}


@dataclass(frozen=True)
class Link:
    """``target``'s trigger waits on ``source`` (an event, and a choice of it if any)."""

    source: str
    choice: str | None
    target: str
    how: str  # "event_fired", "choice_taken", "outcome_was", "flag_set", "flag_not_set",
    # "counter"
    delay: int = 0  # months after the source before it can count
    #: whether the trigger needs it (False: one of several ways in, under an ``any_of``)
    required: bool = True
    #: the target's choice it puts on the card (a ``shown_if``), "" for the trigger
    shows: str = ""


def _setters(scenario: ScenarioSpec) -> dict[str, list[tuple[str, str, int]]]:
    """Who sets each flag ("flag:name") and moves each counter ("counter:name"): (event,
    what was chosen, delay)."""
    setters: dict[str, list[tuple[str, str, int]]] = {}
    for e in scenario.events:
        sources = [(c.id, c.effects) for c in e.choices]
        sources += [(f"{c.id} ({o.id})", o.effects) for c in e.choices for o in c.outcomes]
        if e.if_no_decision is not None:
            sources.append(("no decision", e.if_no_decision.effects))
        for label, effects in sources:
            for eff in effects:
                kind = ("flag" if eff.name == "set_flag" else
                        "counter" if eff.name.startswith("counter_") else "")
                if kind:
                    setters.setdefault(f"{kind}:{eff.args['name']}", []).append(
                        (e.id, label, eff.after_months))
    return setters


def _reads(event: EventSpec) -> list[tuple[str, ConditionSpec, bool, str]]:
    """Every plain condition of ``event``'s trigger and choices' ``shown_if``: (how it is
    read, the condition, whether it must hold, the choice it shows or ""). A flag read under
    an odd number of ``not`` is read as ``flag_not_set``, and the other way round."""
    lists = [(event.trigger.when, "")] + [(c.shown_if, c.id) for c in event.choices]
    out = []
    for conds, shows in lists:
        for c in conds:
            for loc, leaf in c.leaves():
                how = leaf.name
                if loc.count("not") % 2 and how in _FLIPPED:
                    how = _FLIPPED[how]
                needed = "any_of" not in loc
                out.append((how, leaf, needed, shows))
    return out


_FLIPPED = {"flag_set": "flag_not_set", "flag_not_set": "flag_set"}


def links(scenario: ScenarioSpec) -> list[Link]:
    """Every dependency of one event's trigger (or of a choice being on its card) on another
    event or its choices."""
    setters = _setters(scenario)
    out = []
    for e in scenario.events:
        for how, cond, required, shows in _reads(e):
            a = cond.args
            if how == "event_fired":
                out.append(Link(str(a["event"]), None, e.id, how, 0, required, shows))
            elif how in ("choice_taken", "outcome_was"):
                choice = str(a["choice"]) + (f" ({a['outcome']})" if "outcome" in a else "")
                out.append(Link(str(a["event"]), choice, e.id, how, 1, required, shows))
            elif how in ("flag_set", "flag_not_set", "counter_at_least", "counter_below"):
                kind = "flag" if how.startswith("flag") else "counter"
                for src, choice, delay in setters.get(f"{kind}:{a['name']}", []):
                    out.append(Link(src, choice, e.id, how if kind == "flag" else "counter",
                                    delay + 1, required and kind == "flag", shows))
    return out


def window(scenario: ScenarioSpec, event: EventSpec) -> tuple[int, int]:
    """The first and last month ``event`` could fire in (first > last: never)."""
    return _windows(scenario)[event.id]


def _own_window(scenario: ScenarioSpec, event: EventSpec) -> tuple[int, int]:
    t = event.trigger
    first, last = (t.month, t.month) if t.month else (t.months or (1, scenario.length_months))
    for cond in t.when:
        if cond.name == "month_at_least":
            first = max(first, int(cond.args["month"]))
        elif cond.name == "month_at_most":
            last = min(last, int(cond.args["month"]))
    return first, last


def _windows(scenario: ScenarioSpec) -> dict[str, tuple[int, int]]:
    spans = {e.id: _own_window(scenario, e) for e in scenario.events}
    needs: dict[str, list[Link]] = {}
    for link in links(scenario):
        if link.how != "flag_not_set" and link.required and not link.shows:
            needs.setdefault(link.target, []).append(link)
    for _ in range(len(spans)):  # a fixed point: each pass can only narrow a window
        changed = False
        for target, reqs in needs.items():
            by_flag: dict[bool, list[int]] = {}
            for link in reqs:
                first = spans[link.source][0] + link.delay
                if spans[link.source][0] > spans[link.source][1]:
                    first = 10_000  # the source never fires
                by_flag.setdefault(link.how == "flag_set", []).append(first)
            earliest = spans[target][0]
            for is_flag, firsts in by_flag.items():
                # any one setter of a flag will do; every event_fired/choice_taken must hold
                earliest = max(earliest, min(firsts) if is_flag else max(firsts))
            if earliest != spans[target][0]:
                spans[target] = (earliest, spans[target][1])
                changed = True
        if not changed:
            break
    return spans


def never_fires(scenario: ScenarioSpec, event: EventSpec) -> str | None:
    """Why ``event`` can never fire, or None if it might."""
    t = event.trigger
    if t.probability == 0:
        return "its probability is 0; raise it above 0"
    first, last = _own_window(scenario, event)
    if first > last:
        return (f"its month conditions leave no month (from {first} to {last}); widen "
                "'months' or the month_at_least/month_at_most conditions")
    reason = _contradiction(t.when)
    if reason:
        return reason
    reason = _impossible_calendar(scenario, t.when, first, last)
    if reason:
        return reason
    first, last = window(scenario, event)
    if first > last:
        waits = sorted({link.source for link in links(scenario) if link.target == event.id})
        return (f"it waits for {', '.join(repr(w) for w in waits)}, which cannot have "
                f"happened by month {last}: move it later or the event it waits for earlier")
    return None


def _contradiction(conds: list[ConditionSpec]) -> str | None:
    by_name = {(c.name, c.args.get("group"), c.args.get("role")): c for c in conds}
    for (name, group, role), c in by_name.items():
        other = by_name.get((_OPPOSITES.get(name, ""), group, role))
        if other is not None:
            low, high = _value(c), _value(other)
            if high >= low:
                return (f"'{name}: {low:g}' and '{other.name}: {high:g}' cannot both hold; "
                        "fix the numbers or drop one")
        impossible = _out_of_range(c)
        if impossible:
            return impossible
    flags = {str(c.args["name"]) for c in conds if c.name == "flag_set"}
    unset = {str(c.args["name"]) for c in conds if c.name == "flag_not_set"}
    if flags & unset:
        return (f"it needs flag '{sorted(flags & unset)[0]}' both set and not set; drop one of "
                "the two conditions")
    for name in ("appointment_model_is", "cqc_rating_is"):
        values = {next(iter(c.args.values())) for c in conds if c.name == name}
        if len(values) > 1:
            return f"'{name}' cannot be both {' and '.join(sorted(values))}; keep one"
    return None


def _value(c: ConditionSpec) -> float:
    return float(next(v for k, v in c.args.items() if k not in ("group", "role")))


def _out_of_range(c: ConditionSpec) -> str | None:
    zero_one_below = ("morale_below", "satisfaction_below", "governance_below",
                      "wellbeing_below", "pcn_relationship_below")
    if c.name in zero_one_below and _value(c) <= 0:
        return f"'{c.name}: {_value(c):g}' can never hold (the figure is never below 0)"
    if c.name in ("morale_above", "burnout_above", "pcn_relationship_above") and _value(c) >= 1:
        return f"'{c.name}: {_value(c):g}' can never hold (the figure is never above 1)"
    if c.name in ("staff_below", "gp_fte_below") and _value(c) <= 0:
        return f"'{c.name}' with {_value(c):g} can never hold (there are never fewer than 0)"
    if c.name == "wait_below" and _value(c) <= 0:
        return f"'wait_below: {_value(c):g}' can never hold (waits are never negative)"
    return None


def _impossible_calendar(scenario: ScenarioSpec, conds: list[ConditionSpec], first: int,
                         last: int) -> str | None:
    for c in conds:
        if c.name != "calendar_month_in":
            continue
        reachable = {(scenario.start_month + m - 2) % 12 + 1 for m in range(first, last + 1)}
        if not reachable & set(c.args["months"]):
            return ("its calendar_month_in months never fall in months "
                    f"{first}-{last} of the scenario; change the months or the timing")
    return None
