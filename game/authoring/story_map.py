"""The story map: a scenario's events on a timeline of months (``partnership map``).

Each event is a bar over the months it can fire in (``reach.window``), labelled with its
trigger. Arrows show which choices lead to which later events (``choice_taken``, and
``flag_set`` on a flag a choice sets) and which events wait for others (``event_fired``).
Dead ends stand out in red: events that can never fire, and flags set that nothing reads.
End conditions are listed beneath the timeline. A scenario's named people are listed under its
title, and each event says who it is with (a one-to-one), whom its trigger asks about, and whom
its choices change and how (``people_involved``).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from matplotlib.figure import Figure

from ..scenario.conditions import CONDITIONS
from ..scenario.effects import EFFECTS
from ..scenario.people import PERSON_ARGS, PERSON_CALLS, walk_calls
from ..scenario.spec import ConditionSpec, EventSpec, ScenarioSpec
from .reach import Link, links, never_fires, window

COLOURS = {"choice_taken": "#2e7d32", "outcome_was": "#00695c", "flag_set": "#1565c0",
           "flag_not_set": "#9e9e9e", "event_fired": "#424242", "counter": "#6a1b9a"}
BAR = "#90caf9"
DEAD = "#e53935"
PEOPLE = "#8d4e00"
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def describe_condition(c: ConditionSpec) -> str:
    return c.text()


def describe_trigger(event: EventSpec) -> str:
    t = event.trigger
    parts = []
    if t.month:
        parts.append(f"month {t.month}")
    elif t.months:
        parts.append(f"months {t.months[0]}-{t.months[1]}")
    parts += [describe_condition(c) for c in t.when
              if c.name not in ("choice_taken", "flag_set", "flag_not_set", "event_fired")]
    if t.probability < 1:
        parts.append(f"p={t.probability:g}")
    if t.repeat:
        parts.append(f"repeats every {t.cooldown_months}+ months")
    return " · ".join(parts) or "any month"


def people_involved(scenario: ScenarioSpec, event: EventSpec) -> str:
    """Who ``event`` involves, in words: the person it is with, the people its conditions ask
    about (its trigger, a choice's ``shown_if``, a text variant's ``when``), and the people its
    choices, their outcomes or its lapse change, with how. Empty if nobody."""
    names = {p.id: p.name for p in scenario.people}
    parts = [f"with {names[event.person]}"] if event.person in names else []
    calls = list(walk_calls([event.trigger, event.briefing, event.choices,
                             event.if_no_decision]))
    asked = _named(c for c in calls if c[1] in CONDITIONS.names())
    if asked:
        parts.append("if " + ", ".join(names.get(p, p) for p in asked))
    changed = _named(c for c in calls if c[1] in EFFECTS.names())
    if changed:
        parts.append("changes " + "; ".join(
            f"{names.get(p, p)} ({', '.join(how)})" for p, how in changed.items()))
    return " · ".join(parts)


def _named(calls) -> dict[str, list[str]]:
    """Person id -> the names of the person conditions or effects that name them, in order."""
    found: dict[str, list[str]] = {}
    for _, name, args in calls:
        if name not in PERSON_CALLS:
            continue
        for key in PERSON_ARGS:
            if args.get(key) is not None:
                what = found.setdefault(str(args[key]), [])
                label = name.replace("_", " ") + (f" {key}" if key != "person" else "")
                if label not in what:
                    what.append(label)
    return found


def _people_line(scenario: ScenarioSpec) -> str:
    return "People: " + "; ".join(f"{p.name} ({p.role.replace('_', ' ')}, {p.id})"
                                  for p in scenario.people)


def draw_map(scenario: ScenarioSpec, path: Path) -> Path:
    """Draw the map of ``scenario`` to the PNG ``path``."""
    order = sorted(scenario.events, key=lambda e: (window(scenario, e)[0], e.id))
    found = _grouped([x for x in links(scenario)  # a card's own choices lead to it again
                      if x.source != x.target or scenario.event(x.target).trigger.repeat])
    row = _rows(order, found)
    n = max(max(row.values(), default=0.0) + 1, 1.0)
    ends = scenario.end_conditions
    fig = Figure(figsize=(15, 0.62 * n + 0.3 * len(ends) + 2.4), layout="constrained")
    ax = fig.subplots()
    last = scenario.length_months
    for e in order:
        _draw_event(ax, scenario, e, row[e.id], last)
    incoming: dict[str, int] = {}
    for k, link in enumerate(found):
        _draw_link(ax, scenario, link, row, k, incoming.get(link.target, 0))
        incoming[link.target] = incoming.get(link.target, 0) + 1
    _unread_flags(ax, scenario, row, last)
    ax.set_xlim(0.5, last + 0.5)
    ax.set_ylim(n - 0.4, -0.8)
    ax.set_yticks([row[e.id] for e in order], [f"{e.id}\n{e.title}" for e in order],
                  fontsize=8)
    ticks = range(1, last + 1)
    ax.set_xticks(list(ticks), [f"{m}\n{_MONTHS[(scenario.start_month + m - 2) % 12]}"
                                for m in ticks], fontsize=8)
    ax.grid(axis="x", alpha=0.25)
    ax.set_xlabel("month of the scenario")
    fig.suptitle(f"{scenario.title} ({scenario.id}): story map", fontsize=13, x=0.01,
                 ha="left")
    lines = [textwrap.fill(_people_line(scenario), 170)] if scenario.people else []
    if ends:
        lines.append(textwrap.fill("Ends early if: " + "; ".join(
            f"{x.id} ({' and '.join(describe_condition(c) for c in x.when)})" for x in ends),
            170))
    if lines:
        ax.set_title("\n".join(lines), fontsize=8.5, color=DEAD if not scenario.people
                     else "#102027", loc="left")
    fig.legend(handles=_legend(ax), loc="outside lower left", ncol=5, fontsize=8,
               frameon=False)
    fig.savefig(path, dpi=110)
    return path


def _rows(order: list[EventSpec], found: list[Link]) -> dict[str, float]:
    """Where each event's bar sits: a row apart, more where the labels of the links into an
    event need room above it (each label takes a fifth of a row)."""
    incoming = {e.id: sum(x.target == e.id for x in found) for e in order}
    out: dict[str, float] = {}
    y = 0.0
    for i, e in enumerate(order):
        if i:
            y += max(1.0, 0.8 + 0.2 * (incoming[e.id] - 1))
        out[e.id] = y
    return out


def _draw_event(ax, scenario: ScenarioSpec, e: EventSpec, y: float, last: int) -> None:
    first, end = window(scenario, e)
    dead = never_fires(scenario, e)
    colour = DEAD if dead else BAR
    span = (max(first, 1) - 0.45, max(min(end, last) - max(first, 1) + 0.9, 0.9))
    ax.broken_barh([span], (y - 0.3, 0.6), facecolor=colour, edgecolor="#37474f",
                   alpha=0.35 if e.trigger.probability < 1 else 0.9)
    label = describe_trigger(e) + (f"  ✗ never fires: {dead}" if dead else "")
    who = people_involved(scenario, e)
    ax.text(span[0] + 0.1, y - (0.12 if who else 0), label, va="center", fontsize=7.5,
            color=DEAD if dead else "#102027", clip_on=True)
    if who:
        ax.text(span[0] + 0.1, y + 0.16, who, va="center", fontsize=6.8, color=PEOPLE,
                clip_on=True)


def _draw_link(ax, scenario: ScenarioSpec, link: Link, row: dict[str, float], k: int,
               slot: int) -> None:
    src_first = window(scenario, scenario.event(link.source))[0]
    dst_first = window(scenario, scenario.event(link.target))[0]
    start = (src_first + 0.3, row[link.source] + 0.15)
    end = (max(dst_first, src_first) - 0.4, row[link.target])
    style = ("dashed" if link.how == "flag_not_set" else
             "dotted" if not link.required or link.shows else "solid")
    ax.annotate("", xy=end, xytext=start, arrowprops={
        "arrowstyle": "-|>", "color": COLOURS[link.how], "lw": 1.3, "linestyle": style,
        "connectionstyle": f"arc3,rad={0.25 if k % 2 else -0.25}"})
    what = {"choice_taken": f"if {link.choice}", "outcome_was": f"if {link.choice}",
            "event_fired": "after it", "flag_set": f"flag set by {link.choice}",
            "flag_not_set": f"unless {link.choice}",
            "counter": f"counter moved by {link.choice}"}[link.how]
    if link.shows:
        what += f": shows '{link.shows}'"
    elif not link.required:
        what += " (one way in)"
    ax.text(end[0] - 0.05, end[1] - 0.36 - 0.2 * slot, f"from {link.source}: {what}",
            fontsize=7, color=COLOURS[link.how], ha="right", va="center",
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85})


def _grouped(found: list[Link]) -> list[Link]:
    """One arrow per (source, target, kind), naming every choice that leads along it."""
    groups: dict[tuple[str, str, str, str], list[Link]] = {}
    for link in found:
        groups.setdefault((link.source, link.target, link.how, link.shows), []).append(link)
    return [Link(src, " or ".join(dict.fromkeys(x.choice or "" for x in ls)) or None, dst, how,
                 min(x.delay for x in ls), ls[0].required, shows)
            for (src, dst, how, shows), ls in groups.items()]


def _unread_flags(ax, scenario: ScenarioSpec, row: dict[str, float], last: int) -> None:
    read = {str(c.args["name"]) for _, c in scenario.all_conditions()
            if c.name in ("flag_set", "flag_not_set")}
    for e in scenario.events:
        effects = [x for c in e.choices for x in c.effects]
        effects += [x for c in e.choices for o in c.outcomes for x in o.effects]
        unread = sorted({str(x.args["name"]) for x in effects
                         if x.name == "set_flag" and x.args["name"] not in read})
        if unread:
            end = min(window(scenario, e)[1], last)
            ax.text(end + 0.55, row[e.id], "dead end: flag " + ", ".join(unread)
                    + " never read", fontsize=7, color=DEAD, ha="left", va="center")


def _legend(ax) -> list:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    return [Patch(facecolor=BAR, label="months it can fire (pale: by chance)"),
            Patch(facecolor=DEAD, alpha=0.4, label="never fires"),
            Line2D([], [], color=COLOURS["choice_taken"], label="a choice leads to it"),
            Line2D([], [], color=COLOURS["flag_set"], label="a flag set by a choice"),
            Line2D([], [], color=COLOURS["event_fired"], label="waits for the event"),
            Line2D([], [], color=COLOURS["counter"], label="a counter a choice moves"),
            Line2D([], [], color="#37474f", linestyle="dotted",
                   label="one way in (any_of) or a choice it shows"),
            Patch(facecolor=PEOPLE, label="named people: with, if, changes")]
