"""The debrief report: charts (matplotlib, headless), the HTML page and a plain-text summary.

``build_report(loaded, scenario, runs)`` replays a results file, runs the debrief (key moments
and what-if) and returns the ``ReportView``; ``html.render(view)`` makes the page and
``text_summary(view)`` the terminal version. Nothing here imports pygame.
"""

from __future__ import annotations

from ..results import LoadedResults, ReplayCheck, check
from ..scenario.spec import DIMENSIONS, ScenarioSpec
from ..scoring import score_text
from ..scoring.debrief import debrief
from .html import ReportView, render

__all__ = ["ReportView", "build_report", "render", "text_summary"]


def build_report(loaded: LoadedResults, scenario: ScenarioSpec, runs: int = 1000,
                 top: int = 3) -> tuple[ReportView, ReplayCheck]:
    """Replay the results and gather the report (the caller refuses unconfirmed results)."""
    checked = check(loaded, scenario)
    data = loaded.results.model_dump(mode="json")
    view = ReportView(scenario, data, debrief(checked.run, runs=runs, top=top,
                                                  log=loaded.results.decisions))
    return view, checked


def text_summary(view: ReportView) -> str:
    """The debrief in a terminal: scores, leadership levels, key moments, luck."""
    s, d = view.scores, view.debrief
    lines = [f"{view.scenario.title}: overall {s['overall']:.0f}/100",
             "  " + ", ".join(f"{p} {v:.0f}" for p, v in s["pillars"].items()), "",
             "Leadership (Healthcare Leadership Model):"]
    lines += [f"  {dim.replace('_', ' '):<26} {score_text(s, dim):>5}  {s['levels'][dim]}"
              for dim in DIMENSIONS]
    k = view.results.get("knowledge")
    if k:
        said = ", ".join(f"{stage} {k[stage]}/{k['questions']}" for stage in ("before", "after")
                         if k[stage] is not None)
        lines += ["", f"Knowledge check: {said}"
                  + (f" (change {k['change']:+d})" if k["change"] is not None else "")]
    lines += ["", "Key moments (same luck, the other road):"]
    if not d.moments:
        lines.append("  none changed the overall score by a quarter of a point or more")
    for n, m in enumerate(d.moments, start=1):
        lines.append(f"  {n}. month {m.month}: {m.taken}")
        lines.append(f"     instead: {m.instead} -> overall {m.delta_overall:+.1f}")
        if n <= len(d.what_ifs):
            w = d.what_ifs[n - 1].summary()
            lines.append(f"     over {w['runs']} runs: yours better in "
                         f"{w['own_better_share']:.0%}, median difference "
                         f"{w['median_difference']:+.1f}")
    if d.own_range.size:
        r = d.to_dict()
        lines += ["", f"Luck: your decisions scored {r['own_range']['p10']:.0f}-"
                  f"{r['own_range']['p90']:.0f} over {d.own_range.size} runs (10th-90th "
                  f"percentile); your run beat {d.luck_percentile():.0%} of them. No "
                  f"decisions: median {r['passive_range']['median']:.0f}."]
    return "\n".join(lines) + "\n"
