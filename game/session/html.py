"""The comparison debrief as one self-contained HTML page, built for a projector.

Large type, black on white, a colour-safe palette and nothing that depends on colour alone
(the best team in each column is marked with a word as well as a shade). Charts are embedded
as PNG data, so the page is one file that opens offline on any machine.
"""

from __future__ import annotations

import base64
from html import escape

from ..report.evidence import pretty
from ..scenario.spec import DIMENSIONS
from ..scoring import PILLARS
from .compare import Comparison, TeamView

CSS = """
* { box-sizing: border-box; }
body { font: 24px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #000; background: #fff; margin: 0 auto; padding: 1.5rem 2rem; max-width: 90rem; }
h1 { font-size: 2.4rem; margin: 0 0 .3rem; } h2 { font-size: 1.8rem; margin: 2.2rem 0 .6rem;
     border-bottom: 4px solid #000; padding-bottom: .2rem; }
p.meta { font-size: 1.1rem; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 2px solid #000; padding: .35rem .6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #000; color: #fff; }
td.best { background: #cde4f5; font-weight: 700; }
td.best::after { content: " best"; font-size: .7em; font-weight: 400; }
td.text { text-align: left; }
.warn { border: 4px solid #D55E00; padding: .6rem 1rem; margin: 1rem 0; }
ol.prompts li { margin: .6rem 0; }
figure { margin: 1rem 0 2rem; } figure img { width: 100%; height: auto; }
figcaption { font-weight: 700; }
small { font-size: .75em; }
@media print { body { font-size: 14px; } h2 { page-break-after: avoid; } }
"""


def _cell(value: float, best: bool, digits: int = 0) -> str:
    return f'<td class="best">{value:.{digits}f}</td>' if best else f"<td>{value:.{digits}f}</td>"


def _table(head: list[str], rows: list[str]) -> str:
    th = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _pillars(c: Comparison) -> str:
    best = {p: max(t.pillars[p] for t in c.teams) for p in PILLARS}
    rows = []
    for t in c.teams:
        cells = "".join(_cell(t.pillars[p], t.pillars[p] == best[p] and len(c.teams) > 1)
                        for p in PILLARS)
        note = f" <small>(ended: {escape(t.ended)})</small>" if t.ended else ""
        rows.append(f'<tr><th scope="row">{escape(t.team)}{note}</th>{cells}'
                    f"<td>{t.overall:.0f}</td><td>{t.months}</td></tr>")
    head = ["Team", *(p.capitalize() for p in PILLARS), "Overall", "Months"]
    return ("<h2>Outcome pillars</h2><p>Each pillar 0-100, the mean over the months. The "
            "overall score is shown only beside them: it hides the trade-offs.</p>"
            + _table(head, rows))


def _leadership(c: Comparison) -> str:
    rows = []
    for d in DIMENSIONS:
        top = max(t.leadership[d] for t in c.teams)
        cells = "".join(
            f'<td class="{"best" if t.leadership[d] == top and len(c.teams) > 1 else ""}">'
            f"{t.leadership[d]:.0f} <small>{escape(t.levels[d])}</small></td>" for t in c.teams)
        rows.append(f'<tr><th scope="row">{escape(pretty(d))}</th>{cells}</tr>')
    head = ["Healthcare Leadership Model", *(t.team for t in c.teams)]
    return ("<h2>Leadership: the nine dimensions</h2><p>Score 0-100 and level (essential, "
            "proficient, strong, exemplary), from the choices and decision patterns.</p>"
            + _table(head, rows))


def _goals(c: Comparison, goal_text: dict[str, str]) -> str:
    if not goal_text:
        return ""
    rows = [f'<tr><th scope="row">{escape(text)}</th>'
            + "".join(f'<td class="text">{"met" if t.goals.get(g) else "not met"}</td>'
                      for t in c.teams) + "</tr>" for g, text in goal_text.items()]
    return "<h2>Goals</h2>" + _table(["Goal", *(t.team for t in c.teams)], rows)


def _splits(c: Comparison) -> str:
    if not c.splits:
        return "<h2>Where the paths split</h2><p>Every team did the same each month.</p>"
    rows = []
    for s in c.splits:
        for k, (team, what) in enumerate(s.decided.items()):
            month = (f'<th scope="row" rowspan="{len(s.decided)}">Month {s.month}<br><small>'
                     f"spread {s.spread_before:.0f} &rarr; {s.spread_after:.0f}</small></th>"
                     if k == 0 else "")
            rows.append(f'<tr>{month}<td class="text">{escape(team)}</td>'
                        f'<td class="text">{escape("; ".join(what))}</td></tr>')
    return ("<h2>Where the paths split</h2><p>Months where teams decided differently, with "
            "the spread of their mean pillar score before and at the end.</p>"
            + _table(["Month", "Team", "What the team did"], rows))


def _charts(charts: list[tuple[str, str, bytes]]) -> str:
    out = ["<h2>All teams over time</h2>"]
    for chart_id, title, png in charts:
        data = base64.b64encode(png).decode("ascii")
        out.append(f'<figure id="chart-{chart_id}"><figcaption>{escape(title)}</figcaption>'
                   f'<img alt="{escape(title)}, one line or bar per team" '
                   f'src="data:image/png;base64,{data}"></figure>')
    return "".join(out)


def _team_log(t: TeamView) -> str:
    items = "".join(f"<li>Month {m}: {escape('; '.join(what))}</li>"
                    for m, what in sorted(t.actions.items()))
    return (f"<h3>{escape(t.team)}</h3><ul>{items or '<li>No decisions handed in.</li>'}"
            "</ul>")


def _knowledge(c: Comparison) -> str:
    """Each team's knowledge check before and after play, the room's change, and the questions
    most often missed after play."""
    room = c.knowledge
    if not room:
        return ""
    cells = "".join(
        f"<td>{'not taken' if not t.knowledge else _marks(t.knowledge)}</td>" for t in c.teams)
    head = ["Knowledge check", *(t.team for t in c.teams)]
    missed = "".join(f"<li>{escape(m['question'])} <small>(missed by {m['missed']} of "
                     f"{m['of']} after play)</small></li>" for m in room["most_missed"])
    return (f"<h2>Knowledge check ({room['questions']} questions)</h2><p>Right answers before "
            f"and after play. The room: {_mean(room['before'])} before, {_mean(room['after'])} "
            f"after, a mean change of {_mean(room['change'], '+.1f')} ({room['took']} took it)."
            "</p>" + _table(head, [f'<tr><th scope="row">before → after</th>{cells}</tr>'])
            + (f"<h3>Most often missed after play</h3><ol>{missed}</ol>" if missed else ""))


def _mean(x: float | None, spec: str = ".1f") -> str:
    return "–" if x is None else format(x, spec)


def _marks(k: dict) -> str:
    show = ["–" if k[s] is None else str(k[s]) for s in ("before", "after")]
    change = "" if k["change"] is None else f" ({k['change']:+d})"
    return f"{show[0]} → {show[1]}{change}"


def render(c: Comparison, charts: list[tuple[str, str, bytes]], title: str = "",
           goal_text: dict[str, str] | None = None) -> str:
    """The whole page."""
    left = "".join(f"<li><code>{escape(src)}</code>: {escape(why)}</li>"
                   for src, why in c.left_out)
    warn = (f'<div class="warn"><strong>Left out of this debrief:</strong><ul>{left}</ul>'
            "</div>") if left else ""
    prompts = "".join(f"<li>{escape(p)}</li>" for p in c.prompts)
    heading = escape(title or f"{c.scenario_title}: the teams compared")
    body = (f"<h1>{heading}</h1><p class=\"meta\">Scenario: {escape(c.scenario_title)} "
            f"({escape(c.scenario_id)}), seed {c.seed}. Every team met the same luck; every "
            f"result here was checked by replaying its decision log.</p>{warn}"
            f"{_pillars(c)}{_leadership(c)}{_goals(c, goal_text or {})}{_knowledge(c)}"
            f"{_splits(c)}"
            f'<h2>For discussion</h2><ol class="prompts">{prompts}</ol>{_charts(charts)}'
            f"<h2>Every team's decisions</h2>{''.join(_team_log(t) for t in c.teams)}")
    return (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta '
            f'name="viewport" content="width=device-width, initial-scale=1"><title>{heading}'
            f"</title><style>{CSS}</style></head><body>{body}</body></html>\n")
