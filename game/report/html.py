"""The debrief report as one self-contained HTML page (charts embedded as base64 PNG).

``render(view)`` returns the page. Sections: the scores and goals, charts of the run with the
key decisions marked, the leadership profile with its evidence, key moments and the what-if
range, the author's feedback on the choices made, the decisions and their reasons, reflective
questions, and a one-page leadership evidence summary for a portfolio (it starts on a new page
when printed).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from html import escape
from typing import Any

import numpy as np

from ..scenario.spec import DIMENSIONS, ScenarioSpec
from ..scoring import score_text
from ..scoring.debrief import Debrief
from ..scoring.pillars import PILLARS
from . import charts, theme
from .evidence import decision_rows, evidence_summary, feedback_items, pretty
from .learning_log import learning_log


@dataclass(frozen=True)
class ReportView:
    """Everything the report shows, gathered once."""

    scenario: ScenarioSpec
    results: dict[str, Any]  # the results file's contents (confirmed by replay)
    debrief: Debrief

    @property
    def scores(self) -> dict[str, Any]:
        return self.results["scores"]

    @property
    def marks(self) -> list[tuple[int, str]]:
        return [(m.month, m.taken) for m in self.debrief.moments]


def _img(chart_id: str, png: bytes, alt: str, caption: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return (f'<figure data-chart="{chart_id}"><img alt="{escape(alt)}" '
            f'src="data:image/png;base64,{data}"><figcaption>{caption}</figcaption></figure>')


def render(view: ReportView) -> str:
    r, sc = view.results, view.scenario
    who = escape(r.get("player") or "Player not named")
    body = "\n".join([
        f"<h1>{escape(sc.title)}: debrief</h1>",
        f'<p class="meta">{who} · seed {r["seed"]} · {r["months"]} of {sc.length_months} '
        f'months played · written {escape(r.get("written_at", "")[:10])} · '
        f'confirmed by replaying the decision log</p>',
        _scores(view), _goals(view), _run_charts(view), _leadership(view), _moments(view),
        knowledge_html(sc, r.get("knowledge")), _feedback(view), _decisions(view),
        _questions(sc),
        evidence_summary(view.scenario, view.results,
                         learning_log(view.scenario, view.results, view.debrief)),
    ])
    return ("<!doctype html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(sc.title)}: debrief</title><style>{theme.CSS}</style></head>"
            f"<body>\n{body}\n</body></html>\n")


def _scores(view: ReportView) -> str:
    s = view.scores
    cards = [f'<div class="card">overall<b>{s["overall"]:.0f}</b></div>']
    cards += [f'<div class="card">{p}<b>{s["pillars"][p]:.0f}</b>'
              f'<span class="small">weight {s["weights"][p]:g}</span></div>' for p in PILLARS]
    share = s.get("goals_share", 0.0)
    how = ("The overall score is the weighted mean of the six pillars"
           + (f", with {share:.0%} of it from the goals met (each goal weighted as its pillar)"
              if share else "")
           + ". Each pillar is the mean of its monthly scores; see docs/scoring.md.")
    ended = next((h["ended"] for h in view.results["history"] if h.get("ended")), None)
    end = ""
    if ended:
        cond = next((e for e in view.scenario.end_conditions if e.id == ended), None)
        end = (f'<p class="down"><b>The scenario ended early: '
               f'{escape(cond.title if cond else ended)}.</b> '
               f'{escape(cond.message if cond else "")} Months not reached score 0.</p>')
    return (f'<h2>Scores</h2><div class="cards">{"".join(cards)}</div>'
            f'<p class="small">{how}</p>{end}')


def _goals(view: ReportView) -> str:
    goals = view.scores.get("goals", [])
    if not goals:
        return ""
    rows = "".join(
        f"<tr><td>{escape(g['text'])}</td><td>{g['pillar']}</td>"
        f"<td class=\"num\">{_figure(g['value'])}</td>"
        f"<td class=\"{'met' if g['met'] else 'unmet'}\">{'met' if g['met'] else 'not met'}"
        f"</td></tr>" for g in goals)
    return ("<h2>Goals</h2><table><tr><th>Goal, as briefed</th><th>Pillar</th>"
            f"<th>Figure judged</th><th>Result</th></tr>{rows}</table>")


def _figure(value: float | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def _run_charts(view: ReportView) -> str:
    h, marks = view.results["history"], view.marks
    legend = "".join(f"<li>Month {m}: {escape(label)}</li>" for m, label in marks)
    key = (f'<p class="small">Dotted lines mark the key moments:</p><ol class="small">'
           f"{legend}</ol>") if marks else ""
    return "\n".join([
        "<h2>Your run, month by month</h2>", key,
        _img("money", charts.money(h, marks), "Cash, income, expenses and drawings by month",
             "Cash at each month end, and the month's income, expenses and partner drawings."),
        _img("access", charts.access(h, marks), "Wait, unmet demand and DNA rate by month",
             "Routine wait, the share of requests that went unmet, and missed appointments."),
        _img("team", charts.team(h, marks), "Team wellbeing and GP workload by month",
             "Team wellbeing (0-100) and GP contacts per day (BMA safe limit 25)."),
        _img("quality", charts.quality(h, marks), "QOF, satisfaction and CQC risk by month",
             "QOF achievement, patient satisfaction and the risk of a poor CQC finding."),
        _img("pillars", charts.pillars(view.scores["monthly"], marks),
             "The six pillar scores by month", "The six pillars, each scored 0-100 monthly "
             "(monthly flows as the mean of the last three months)."),
        _moves(view.scores),
    ])


def _moves(scores: dict[str, Any]) -> str:
    """Every large month-to-month pillar move, with the figure behind it."""
    found = scores.get("moves", [])
    if not found:
        return ('<p class="small">No pillar moved 8 points or more from one month to the '
                "next.</p>")
    items = "".join(f"<li>{escape(m['text'])}</li>" for m in found)
    return f'<h3>Why the pillars moved</h3><ul class="small">{items}</ul>'


def _leadership(view: ReportView) -> str:
    s = view.scores
    by_dim: dict[str, list[str]] = {d: [] for d in DIMENSIONS}
    for e in s.get("evidence", []):
        sign = "+" if e["points"] > 0 else "−"
        by_dim[e["dimension"]].append(
            f'<span class="{"up" if e["points"] > 0 else "down"}">{sign}{abs(e["points"]):g}'
            f'</span> m{e["month"]} {escape(e["what"])}')
    rows = "".join(
        f"<tr><td>{pretty(d)}</td><td class=\"num\">{score_text(s, d)}</td>"
        f"<td>{s['levels'][d]}</td><td>{'<br>'.join(by_dim[d]) or '<i>no evidence</i>'}"
        f"</td></tr>" for d in DIMENSIONS)
    return ("<h2>Leadership: the nine dimensions</h2>"
            + _img("leadership", charts.leadership(s["leadership"], s["levels"]),
                   "Bar chart of the nine leadership dimension scores",
                   "The level rests on how many situations showed each dimension well or "
                   "poorly (docs/scoring.md); a dimension nothing showed has no bar. Bands "
                   "show the four levels.")
            + "<table><tr><th>Dimension</th><th>Score</th><th>Level</th><th>Evidence "
              f"(month, what you did)</th></tr>{rows}</table>")


def _moments(view: ReportView) -> str:
    d = view.debrief
    head = "<h2>Key moments and what-if</h2>"
    if not d.moments:
        return head + ("<p>No single decision changed your overall score by more than a "
                       f"quarter of a point on your run ({d.candidates} alternatives tried)."
                       "</p>") + _luck(view)
    parts = [head, f"<p>Each of your {d.candidates} alternatives was replayed with the same "
             "seed, so the same luck; these changed your overall score most.</p>"]
    for n, (m, w) in enumerate(zip(d.moments, d.what_ifs or [None] * len(d.moments),
                                   strict=True), start=1):
        parts.append(_moment(n, m, w))
    labels = [f"m{m.month} {m.instead}"[:48] for m in d.moments]
    deltas = [{"overall": m.delta_overall, **m.delta_pillars} for m in d.moments]
    parts.append(_img("moments", charts.moments(deltas, labels),
                      "Change in each score had you taken each alternative",
                      "Bars left of zero: the alternative would have scored lower than what "
                      "you did."))
    if d.what_ifs:
        parts.append(_img("whatif", charts.whatif(d.own_range,
                                                  [w.alternative for w in d.what_ifs],
                                                  labels),
                          "Box plots of your score minus the alternative's over many runs",
                          "Boxes: the middle half of runs; whiskers: 5th to 95th percentile."))
    return "\n".join(parts) + _luck(view)


def _moment(n: int, m: Any, w: Any) -> str:
    sign = "lower" if m.delta_overall < 0 else "higher"
    pillars = ", ".join(f"{p} {v:+.1f}" for p, v in m.delta_pillars.items() if abs(v) >= 0.05)
    verb = "Had you chosen" if m.event else "Had you gone"
    text = (f'<div class="moment"><h3>{n}. Month {m.month}: {escape(m.taken)}</h3>'
            f"<p>{verb} <b>{escape(m.instead)}</b>, your run would have scored "
            f"{abs(m.delta_overall):.1f} points {sign} overall ({pillars or 'no pillar moved'})."
            "</p>")
    if w is not None:
        s = w.summary()
        text += (f"<p>Over {s['runs']:,} runs with different luck, your choice did better in "
                 f"{s['own_better_share']:.0%} and the alternative in "
                 f"{s['alternative_better_share']:.0%}; the median difference was "
                 f"{s['median_difference']:+.1f} points in your favour.</p>")
    return text + "</div>"


def _luck(view: ReportView) -> str:
    d = view.debrief
    if d.own_range.size == 0:
        return ""
    own, passive = d.own_range, d.passive_range
    q = np.percentile(own, [10, 90])
    text = (f"<h3>Luck or judgement?</h3><p>With your decisions and different luck, the "
            f"overall score ranged from {q[0]:.0f} to {q[1]:.0f} (10th to 90th percentile). "
            f"Your actual run ({d.actual_overall:.0f}) beat {d.luck_percentile():.0%} of them: "
            "that part is luck. With no decisions at all, the same runs had a median of "
            f"{np.median(passive):.0f} against your {np.median(own):.0f}: that part is "
            "judgement.</p>")
    return text + _img("luck", charts.luck(own, passive, d.actual_overall),
                       "Histogram of overall scores over many runs",
                       "Your decisions (blue) and no decisions (grey) over the same runs; "
                       "the red line is your actual run.")


def _feedback(view: ReportView) -> str:
    items = []
    for month, title, what, why, feedback in feedback_items(view.scenario, view.results):
        reason = f'<p class="small">Your reason: “{escape(why)}”</p>' if why else ""
        head, _, rest = what.partition(": ")
        items.append(f'<div class="feedback"><h3>Month {month}: {escape(title)}</h3>'
                     f"<p><b>{escape(head)}:</b> {escape(rest)}</p>{reason}"
                     f"<p>{escape(feedback)}</p></div>")
    if not items:
        return ""
    return "<h2>Feedback on your choices</h2>" + "".join(items)


def knowledge_html(scenario: ScenarioSpec, marked: dict[str, Any] | None) -> str:
    """The knowledge check before and after play, and every question still missed after it,
    with the right answer, why, and the source."""
    if not scenario.knowledge_check:
        return ""
    head = "<h2>Knowledge check</h2>"
    if not marked:
        return head + ("<p>The knowledge check was not taken (<code>partnership "
                       "knowledge-check</code> before and after play).</p>")
    n = marked["questions"]
    said = [f"{stage}: <b>{marked[stage]}</b> of {n} right" for stage in ("before", "after")
            if marked[stage] is not None]
    change = (f"; change <b>{marked['change']:+d}</b>" if marked["change"] is not None else "")
    items = []
    for q in scenario.knowledge_check:
        mark = marked["marks"].get(q.id, {})
        if mark.get("after"):
            continue
        items.append(f"<li>{escape(q.question)}<br><b>Answer:</b> "
                     f"{escape(q.options[q.answer - 1])}. {escape(q.explanation)} "
                     f'<span class="small">Source: {escape(q.source)}</span></li>')
    missed = (f"<h3>Still to learn</h3><ol>{''.join(items)}</ol>" if items else
              "<p>Every question right after play.</p>")
    return head + f"<p>{'; '.join(said)}{change}.</p>" + missed


def _decisions(view: ReportView) -> str:
    rows = decision_rows(view.scenario, view.results["decisions"])
    if not rows:
        return "<h2>Your decisions</h2><p>No decisions were logged.</p>"
    body = "".join(f"<tr><td class=\"num\">{m}</td><td>{escape(what)}</td>"
                   f"<td>{escape(reason) or '<i>none given</i>'}</td></tr>"
                   for m, what, reason in rows)
    return ("<h2>Your decisions and reasons</h2><table><tr><th>Month</th><th>Decision</th>"
            f"<th>Reason</th></tr>{body}</table>")


def _questions(sc: ScenarioSpec) -> str:
    if not sc.reflection_questions:
        return ""
    items = "".join(f"<li>{escape(q)}<div class=\"notes\"></div></li>"
                    for q in sc.reflection_questions)
    return f'<h2>Questions for discussion</h2><ol class="questions">{items}</ol>'
