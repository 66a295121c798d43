"""The debrief of a single game: its words and charts, and its HTML report.

Once the results file is written (``play.game_results``), ``prepare`` runs the debrief (key
moments and the what-if range, about a second for 24 months) and draws its charts with
matplotlib, once, as PNG bytes; the end scene runs it off the main thread and turns the PNGs
into surfaces when they arrive. ``export_html`` writes the same self-contained report as
``partnership report --html`` from what is already computed, beside the results. The words are
the little HTML pygame_gui's text box reads. Nothing here imports pygame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from ..files import write_atomic
from ..play.game_results import results_dir
from ..play.game_session import GameSession
from ..saves import slug
from ..scenario.spec import DIMENSIONS, ScenarioSpec
from ..scoring import score_text
from ..scoring.debrief import Debrief, debrief
from ..scoring.pillars import PILLARS
from . import charts, render
from .evidence import feedback_items, pretty
from .html import ReportView

#: What-if runs for each key moment (issue 4: 1,000).
WHAT_IF_RUNS = 1000


@dataclass
class DebriefView:
    """The debrief and its charts as PNG bytes, keyed by ``report.charts`` ids."""

    debrief: Debrief
    charts: dict[str, bytes] = field(default_factory=dict)


def marks(d: Debrief) -> list[tuple[int, str]]:
    return [(m.month, m.taken) for m in d.moments]


def moment_labels(d: Debrief) -> list[str]:
    return [f"m{m.month} {m.instead}"[:48] for m in d.moments]


def prepare(session: GameSession, results: dict[str, Any], runs: int = WHAT_IF_RUNS
            ) -> DebriefView:
    """Run the debrief and draw every chart once (seconds; call it off the main thread)."""
    d = debrief(session.run, runs=runs, log=session.log())
    h, s, mk = results["history"], results["scores"], marks(d)
    out = {"money": charts.money(h, mk), "access": charts.access(h, mk),
           "team": charts.team(h, mk), "quality": charts.quality(h, mk),
           "pillars": charts.pillars(s["monthly"], mk),
           "leadership": charts.leadership(s["leadership"], s["levels"])}
    if d.moments:
        deltas = [{"overall": m.delta_overall, **m.delta_pillars} for m in d.moments]
        out["moments"] = charts.moments(deltas, moment_labels(d))
        if d.what_ifs:
            out["whatif"] = charts.whatif(d.own_range, [w.alternative for w in d.what_ifs],
                                          moment_labels(d))
    if d.own_range.size:
        out["luck"] = charts.luck(d.own_range, d.passive_range, d.actual_overall)
    return DebriefView(d, out)


def export_html(scenario: ScenarioSpec, results: dict[str, Any], view: DebriefView,
                path: Path | None = None) -> Path:
    """Write the HTML report beside the results; raises ``files.WriteError``."""
    target = path or results_dir() / f"{slug(scenario.id)}-seed{results['seed']}-report.html"
    return write_atomic(target, render(ReportView(scenario, results, view.debrief)))


# -- words for the end scene (pygame_gui's text box reads a little HTML) ----------------------
def leadership_html(scores: dict[str, Any]) -> str:
    rows = [f"{pretty(d)}: <b>{score_text(scores, d)}</b> ({scores['levels'][d]})"
            for d in DIMENSIONS]
    return ("<b>Leadership: the nine dimensions</b><br><i>Healthcare Leadership Model. Levels: "
            "essential, proficient, strong, exemplary, from how many situations showed each "
            "well or poorly; 'not yet shown' where none did.</i><br>"
            + "<br>".join(rows))


def pillars_html(scores: dict[str, Any]) -> str:
    rows = [f"{p.capitalize()}: <b>{scores['pillars'][p]:.0f}</b> (weight "
            f"{scores['weights'][p]:g})" for p in PILLARS]
    share = scores.get("goals_share", 0.0)
    how = ("Overall is the weighted mean of the six pillars"
           + (f", {share:.0%} of it from the goals met" if share else "") + ".")
    moved = "".join(f"<br>{escape(m['text'])}" for m in scores.get("moves", []))
    return (f"<b>The six pillars</b> (0-100, each the mean of its months)<br>{'<br>'.join(rows)}"
            f"<br>Overall: <b>{scores['overall']:.0f}</b>/100. <i>{escape(how)}</i>"
            + (f"<br><br><b>Why the pillars moved</b>{moved}" if moved else ""))


def moments_html(d: Debrief) -> str:
    if not d.moments:
        text = ("<b>Key moments</b><br>No single decision changed your overall score by a "
                f"quarter of a point or more ({d.candidates} alternatives tried).")
    else:
        parts = [f"<b>Key moments</b><br><i>Each of your {d.candidates} alternatives was "
                 "replayed with the same luck; these changed the outcome most.</i>"]
        for n, m in enumerate(d.moments, start=1):
            sign = "lower" if m.delta_overall < 0 else "higher"
            parts.append(f"<b>{n}. Month {m.month}: {escape(m.taken)}</b><br>Instead "
                         f"<i>{escape(m.instead)}</i>: {abs(m.delta_overall):.1f} points {sign} "
                         "overall.")
            if n <= len(d.what_ifs):
                w = d.what_ifs[n - 1].summary()
                parts.append(f"Over {w['runs']:,} runs with other luck your choice did better in "
                             f"{w['own_better_share']:.0%}, the alternative in "
                             f"{w['alternative_better_share']:.0%} (median "
                             f"{w['median_difference']:+.1f}).")
        text = "<br>".join(parts)
    if d.own_range.size:
        r = d.to_dict()
        text += (f"<br><br><b>Luck or judgement?</b><br>With your decisions and other luck the "
                 f"overall score ranged {r['own_range']['p10']:.0f}-{r['own_range']['p90']:.0f} "
                 f"(10th-90th percentile); your run beat {d.luck_percentile():.0%} of them: "
                 f"that is luck. With no decisions, the median was "
                 f"{r['passive_range']['median']:.0f} against your "
                 f"{r['own_range']['median']:.0f}: that is judgement.")
    return text


def feedback_html(scenario: ScenarioSpec, results: dict[str, Any]) -> str:
    """The author's feedback on each choice taken, then the reflection questions."""
    parts = ["<b>Feedback on your choices</b>"]
    for month, title, what, _, feedback in feedback_items(scenario, results):
        parts.append(f"<b>Month {month}: {escape(title)}</b>. <i>{escape(what)}</i><br>"
                     f"{escape(feedback)}")
    if len(parts) == 1:
        parts.append("<i>No event choices were made.</i>")
    if scenario.reflection_questions:
        parts.append("<br><b>Questions for reflection and discussion</b>")
        parts += [f"{n}. {escape(q)}" for n, q in enumerate(scenario.reflection_questions, 1)]
    return "<br>".join(parts)
