"""A learning-log entry for the RCGP portfolio, written from a played scenario, ready to paste.

The RCGP Trainee Portfolio's learning log asks what happened, what was learned, what the
trainee will do differently, and which capabilities the entry shows. ``learning_log`` fills
each heading with what the run can say truthfully (the practice's figures, the trainee's own
decisions and reasons, the cards let lapse, the key moments replayed on the same luck, the
leadership levels and the situations behind them) and leaves the trainee's own reflection to
be written in the lines marked for it. It is plain text: it pastes into the portfolio as it
stands.
"""

from __future__ import annotations

from typing import Any

from ..scenario.spec import DIMENSIONS, ScenarioSpec
from ..scoring.debrief import Debrief
from ..scoring.rubric import LEVEL_NAMES, NOT_SHOWN
from .evidence import decision_rows, pretty

HEADINGS: tuple[str, ...] = ("What happened", "What I learned", "What I will do differently",
                             "Capabilities shown")
#: Where the trainee's own words go.
WRITE_HERE = "[In my own words: ...]"
#: Decisions quoted with their reasons, at most.
QUOTED = 6


def learning_log(scenario: ScenarioSpec, results: dict[str, Any],
                 debrief: Debrief | None = None) -> str:
    """The learning-log entry, as plain text under the four RCGP headings."""
    sections = [_happened(scenario, results), _learned(scenario, results),
                _differently(scenario, results, debrief), _capabilities(scenario, results)]
    title = (f"Learning log: {scenario.title} (Partnership practice-management simulation, "
             f"{results['months']} months)")
    body = "\n\n".join(f"{h}\n{text}" for h, text in zip(HEADINGS, sections, strict=True))
    return f"{title}\n\n{body}\n"


def _happened(scenario: ScenarioSpec, results: dict[str, Any]) -> str:
    s = results["scores"]
    lines = [f"I led {scenario.practice.name} through {results['months']} months of "
             f"\"{scenario.title}\". Overall score {s['overall']:.0f}/100; pillars: "
             + ", ".join(f"{p} {v:.0f}" for p, v in s["pillars"].items()) + "."]
    goals = s.get("goals", [])
    if goals:
        met = [g["text"] for g in goals if g["met"]]
        missed = [g["text"] for g in goals if not g["met"]]
        lines.append(f"Goals met: {len(met)} of {len(goals)}."
                     + (f" Missed: {_listed(missed)}." if missed else ""))
    rows = decision_rows(scenario, results["decisions"])
    reasoned = [r for r in rows if r[2]][:QUOTED]
    for month, what, why in reasoned:
        lines.append(f"- Month {month}: {what}. My reason: \"{why}\"")
    if len(rows) > len(reasoned):
        lines.append(f"- {len(rows) - len(reasoned)} further decision(s)"
                     + (" without a recorded reason." if len(reasoned) < QUOTED else "."))
    lapsed = s.get("lapsed", [])
    if lapsed:
        titles = {e.id: e.title for e in scenario.events}
        lines.append("Cards I let lapse (nobody decided): " + "; ".join(
            f"month {x['month']} {titles.get(x['event'], x['event'])}" for x in lapsed) + ".")
    return "\n".join(lines)


def _learned(scenario: ScenarioSpec, results: dict[str, Any]) -> str:
    levels = results["scores"]["levels"]
    situations = _situations(results)
    shown = [d for d in DIMENSIONS if levels[d] != NOT_SHOWN]
    best = sorted(shown, key=lambda d: (-LEVEL_NAMES.index(levels[d]), -situations[d][0]))
    worst = sorted(shown, key=lambda d: (LEVEL_NAMES.index(levels[d]), -situations[d][1]))
    lines = ["The scenario's learning objectives: "
             + _listed([o.text for o in scenario.learning_objectives]) + "."]
    if best:
        lines.append(f"Strongest: {_dim(best[0], levels, situations)}.")
    if worst and worst[0] != (best[0] if best else None):
        lines.append(f"Weakest: {_dim(worst[0], levels, situations)}.")
    unseen = [pretty(d) for d in DIMENSIONS if levels[d] == NOT_SHOWN]
    if unseen:
        lines.append("Not yet shown: " + ", ".join(unseen) + ".")
    lines.append(WRITE_HERE)
    return "\n".join(lines)


def _differently(scenario: ScenarioSpec, results: dict[str, Any],
                 debrief: Debrief | None) -> str:
    lines = []
    for m in (debrief.moments if debrief else []):
        if m.delta_overall <= 0:
            continue  # the road not taken was worse: not something to do differently
        instead = ("leaving it out" if m.instead == "without this decision"
                   else f"\"{m.instead}\"")
        lapsed = m.taken.endswith(": nobody decided")
        did = (f"I let \"{m.taken.removesuffix(': nobody decided')}\" lapse" if lapsed
               else f"I chose \"{m.taken}\"")
        lines.append(f"- Month {m.month}: {did}. On the same luck, {instead} would have "
                     f"raised the overall score by {m.delta_overall:.1f}.")
    poor: dict[tuple[int, str], list[str]] = {}
    for e in results["scores"].get("evidence", []):
        if e["points"] < 0:
            poor.setdefault((e["month"], e["what"]), []).append(
                f"{pretty(e['dimension'])} {e['points']:+g}")
    for (month, what), dims in list(poor.items())[:QUOTED]:
        lines.append(f"- Month {month}: {what} ({', '.join(dims)}).")
    if not lines:
        lines.append("- No key moment or poor evidence stood out in this run.")
    lines.append(WRITE_HERE)
    return "\n".join(lines)


def _capabilities(scenario: ScenarioSpec, results: dict[str, Any]) -> str:
    """RCGP capabilities of the learning objectives whose leadership dimensions the run showed
    at strong or better, with those dimensions as the evidence; then the whole profile."""
    levels = results["scores"]["levels"]
    strong = LEVEL_NAMES.index("strong")
    shown: dict[str, list[str]] = {}
    for o in scenario.learning_objectives:
        good = [d for d in o.leadership if levels[d] in LEVEL_NAMES
                and LEVEL_NAMES.index(levels[d]) >= strong]
        for cap in o.rcgp if good else ():
            shown.setdefault(cap, [])
            shown[cap] += [d for d in good if d not in shown[cap]]
    lines = [f"- {pretty(cap)}: shown through " + ", ".join(
        f"{pretty(d)} ({levels[d]})" for d in dims) for cap, dims in shown.items()]
    if not lines:
        lines.append("- None of the objectives' dimensions reached strong in this run.")
    lines.append("Healthcare Leadership Model profile: " + "; ".join(
        f"{pretty(d)} {levels[d]}" for d in DIMENSIONS) + ".")
    return "\n".join(lines)


def _listed(texts: list[str]) -> str:
    """Sentences joined into one list: "a; b; c" without their own full stops."""
    return "; ".join(t.rstrip(". ") for t in texts)


def _situations(results: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Per dimension: situations that showed it well, and poorly (from the evidence)."""
    per: dict[tuple[str, str], float] = {}
    for e in results["scores"].get("evidence", []):
        key = (e["dimension"], e.get("situation", f"{e['source']}@{e['month']}"))
        per[key] = per.get(key, 0.0) + e["points"]
    out = {d: (0, 0) for d in DIMENSIONS}
    for (d, _), pts in per.items():
        good, poor = out[d]
        out[d] = (good + (pts > 0), poor + (pts < 0))
    return out


def _dim(d: str, levels: dict[str, str], situations: dict[str, tuple[int, int]]) -> str:
    good, poor = situations[d]
    return f"{pretty(d)}, {levels[d]} ({good} situation(s) showed it well, {poor} poorly)"
