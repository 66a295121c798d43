"""The comparison debrief in a terminal: teams side by side, splits and prompts."""

from __future__ import annotations

import textwrap

from ..report.evidence import pretty
from ..scenario.spec import DIMENSIONS
from ..scoring import PILLARS
from .compare import Comparison

LEVEL_SHORT = {"essential": "ess", "proficient": "prof", "strong": "str", "exemplary": "exem",
               "not yet shown": "–"}


def knowledge_lines(c: Comparison) -> list[str]:
    """Each team's knowledge check before and after play, the room's means and change, and
    the questions most often missed after play."""
    room = c.knowledge
    if not room:
        return []
    n = room["questions"]
    lines = ["", f"Knowledge check ({n} questions): right before -> after (change)"]
    for t in c.teams:
        k = t.knowledge
        if not k:
            lines.append(f"  {t.team}: not taken")
            continue
        change = "" if k["change"] is None else format(k["change"], "+d")
        lines.append(f"  {t.team}: {_n(k['before'])} -> {_n(k['after'])} ({change})")
    lines.append(f"  Room: {_mean(room['before'])} -> {_mean(room['after'])} "
                 f"(mean change {_mean(room['change'], '+.1f')}; {room['took']} took it)")
    for m in room["most_missed"]:
        lines += textwrap.wrap(f"missed by {m['missed']} of {m['of']} after play: "
                               f"{m['question']}", 92, initial_indent="    ",
                               subsequent_indent="      ")
    return lines


def _n(x: int | None) -> str:
    return "-" if x is None else str(x)


def _mean(x: float | None, spec: str = ".1f") -> str:
    return "-" if x is None else format(x, spec)


def comparison_text(c: Comparison) -> str:
    width = max(10, *(len(t.team) + 2 for t in c.teams))
    head = "".join(f"{t.team[:width - 1]:>{width}}" for t in c.teams)
    lines = [f"{c.scenario_title} (seed {c.seed}): {len(c.teams)} team(s) compared", "",
             f"{'Outcome pillars (0-100)':<28}{head}"]
    for p in PILLARS:
        lines.append(f"  {p:<26}" + "".join(f"{t.pillars[p]:>{width}.0f}" for t in c.teams))
    lines.append(f"  {'overall (with the above)':<26}"
                 + "".join(f"{t.overall:>{width}.0f}" for t in c.teams))
    lines.append(f"  {'months played':<26}"
                 + "".join(f"{t.months:>{width}}" for t in c.teams))
    lines += ["", f"{'Leadership (HLM)':<28}{head}"]
    for d in DIMENSIONS:
        lines.append(f"  {pretty(d)[:26]:<26}" + "".join(
            f"{t.leadership[d]:>{width - 5}.0f} {LEVEL_SHORT[t.levels[d]]:<4}" for t in c.teams))
    lines += ["", "Where the paths split:"]
    if not c.splits:
        lines.append("  every team did the same each month")
    for s in c.splits:
        lines.append(f"  Month {s.month} (spread of mean pillar score {s.spread_before:.0f} "
                     f"before, {s.spread_after:.0f} at the end):")
        for team, what in s.decided.items():
            lines += textwrap.wrap("; ".join(what), 92, initial_indent=f"    {team}: ",
                                   subsequent_indent="      ")
    lines += knowledge_lines(c)
    lines += ["", "For discussion:"]
    for n, prompt in enumerate(c.prompts, start=1):
        lines += textwrap.wrap(prompt, 92, initial_indent=f"  {n}. ", subsequent_indent="     ")
    return "\n".join(lines) + "\n"
