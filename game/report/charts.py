"""Debrief charts, drawn with matplotlib (Agg, no display) and returned as PNG bytes.

Each function takes plain data (the results file's history and scores, or a debrief) and
returns a PNG; ``CHARTS`` names every chart the HTML report embeds, in order.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from ..scenario.spec import DIMENSIONS  # noqa: E402
from ..scoring.pillars import PILLARS  # noqa: E402
from . import theme  # noqa: E402

Row = dict[str, Any]
#: ``vert`` gave way to ``orientation`` in matplotlib 3.10.
_HORIZONTAL: dict[str, Any] = (
    {"orientation": "horizontal"}
    if tuple(int(x) for x in matplotlib.__version__.split(".")[:2]) >= (3, 10)
    else {"vert": False})
#: Chart ids, in the order the report shows them.
CHARTS: tuple[str, ...] = ("money", "access", "team", "quality", "pillars", "leadership",
                           "moments", "whatif", "luck")


def _figure(height_in: float = 2.6) -> tuple[Figure, Axes]:
    plt.rcParams.update({"font.size": theme.FONT_SIZE, "axes.spines.top": False,
                         "axes.spines.right": False})
    fig, ax = plt.subplots(figsize=(theme.FIGURE_WIDTH_IN, height_in), dpi=theme.FIGURE_DPI)
    return fig, ax


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def _colour(k: int) -> str:
    return theme.PALETTE[theme.SERIES[k % len(theme.SERIES)]]


def _mark(ax: Axes, marks: Sequence[tuple[int, str]]) -> None:
    """Dotted lines at the months of key decisions, numbered as in the report (moments in
    the same month share a line: "1,3")."""
    by_month: dict[int, list[str]] = {}
    for n, (month, _label) in enumerate(marks, start=1):
        by_month.setdefault(month, []).append(str(n))
    top = ax.get_ylim()[1]
    for month, numbers in by_month.items():
        ax.axvline(month, color=theme.PALETTE["grey"], linestyle=":", linewidth=1.2)
        ax.annotate(",".join(numbers), (month, top), xytext=(3, -10),
                    textcoords="offset points", fontsize=8, fontweight="bold",
                    color=theme.PALETTE["black"])


def _legend_right(ax: Axes) -> None:
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)


def _lines(history: list[Row], series: Sequence[tuple[str, str, float]], ylabel: str,
           marks: Sequence[tuple[int, str]], title: str, ylim: tuple[float, float] | None = None
           ) -> bytes:
    fig, ax = _figure()
    months = [r["month"] for r in history]
    for k, (key, label, scale) in enumerate(series):
        ax.plot(months, [r[key] * scale for r in history], marker="o", markersize=3,
                color=_colour(k), label=label, linestyle=("-", "--", "-.", ":")[k % 4])
    if ylim:
        ax.set_ylim(*ylim)
    ax.set_xlabel("month")
    ax.set_ylabel(ylabel)
    ax.set_title(title, loc="left", fontsize=theme.FONT_SIZE + 1)
    ax.set_xticks(months)
    ax.grid(axis="y", color=theme.PALETTE["light"])
    _mark(ax, marks)
    _legend_right(ax)
    return _png(fig)


def money(history: list[Row], marks: Sequence[tuple[int, str]]) -> bytes:
    return _lines(history, [("cash_gbp", "cash at month end", 1e-3),
                            ("income_gbp", "income in the month", 1e-3),
                            ("expenses_gbp", "expenses in the month", 1e-3),
                            ("drawings_gbp", "partner drawings", 1e-3)],
                  "£ thousand", marks, "Money")


def access(history: list[Row], marks: Sequence[tuple[int, str]]) -> bytes:
    rows = [{**r, "unmet_pct": 100 * r["unmet_demand"] / max(r["appointments_offered"]
                                                           + r["unmet_demand"], 1.0)}
            for r in history]
    return _lines(rows, [("wait_days", "routine wait (days)", 1.0),
                         ("unmet_pct", "requests unmet (%)", 1.0),
                         ("dna_rate", "missed appointments (%)", 100.0)],
                  "days / %", marks, "Access")


def team(history: list[Row], marks: Sequence[tuple[int, str]]) -> bytes:
    return _lines(history, [("staff_wellbeing", "team wellbeing (x100)", 100.0),
                            ("contacts_per_gp_day", "GP contacts a day (safe: 25)", 1.0)],
                  "", marks, "Team")


def quality(history: list[Row], marks: Sequence[tuple[int, str]]) -> bytes:
    return _lines(history, [("qof_month_achievement", "QOF achievement (%)", 100.0),
                            ("patient_satisfaction", "patients rating good (%)", 100.0),
                            ("cqc_risk", "CQC risk (%)", 100.0)],
                  "%", marks, "Quality", (0, 105))


def pillars(monthly: dict[str, list[float]], marks: Sequence[tuple[int, str]]) -> bytes:
    rows = [{"month": m + 1, **{p: monthly[p][m] for p in PILLARS}}
            for m in range(len(monthly[PILLARS[0]]))]
    return _lines(rows, [(p, p, 1.0) for p in PILLARS], "score (0-100)", marks,
                  "The six pillars, month by month", (0, 105))


def leadership(scores: dict[str, float], levels: dict[str, str] | None = None) -> bytes:
    """The nine dimensions as bars in the level bands; no bar where ``levels`` says a
    dimension was not yet shown."""
    fig, ax = _figure(3.4)
    for lo, hi, name, shade in theme.LEVEL_BANDS:
        ax.axvspan(lo, hi, color=shade, zorder=0)
        ax.text((lo + hi) / 2, len(DIMENSIONS) - 0.35, name, ha="center", fontsize=8,
                color=theme.PALETTE["black"])
    shown = [(levels or {}).get(d) != "not yet shown" for d in DIMENSIONS]
    values = [scores[d] if ok else 0.0 for d, ok in zip(DIMENSIONS, shown, strict=True)]
    y = np.arange(len(DIMENSIONS))[::-1]
    ax.barh(y, values, color=theme.PALETTE["blue"], height=0.6, zorder=2)
    ax.axvline(50, color=theme.PALETTE["grey"], linewidth=1, zorder=1)
    for yy, v, ok in zip(y, values, shown, strict=True):
        ax.text(v + 1, yy, f"{v:.0f}" if ok else "not yet shown", va="center", fontsize=8,
                zorder=3)
    ax.set_yticks(y, [d.replace("_", " ").capitalize() for d in DIMENSIONS])
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(DIMENSIONS) - 0.1)
    ax.set_xlabel("score (the level rests on the situations behind it)")
    ax.set_title("Healthcare Leadership Model profile", loc="left",
                 fontsize=theme.FONT_SIZE + 1)
    return _png(fig)


def moments(deltas: list[dict[str, float]], labels: list[str]) -> bytes:
    """For each key moment, how each pillar and the overall score would have changed."""
    fig, ax = _figure(0.9 + 0.9 * max(len(labels), 1))
    keys = ["overall", *PILLARS]
    height = 0.8 / len(keys)
    for k, key in enumerate(keys):
        ys = [i + k * height for i in range(len(labels))]
        ax.barh(ys, [d.get(key, 0.0) for d in deltas], height=height, color=_colour(k)
                if key != "overall" else theme.PALETTE["black"], label=key)
    ax.axvline(0, color=theme.PALETTE["black"], linewidth=0.8)
    ax.set_yticks([i + 0.4 - height / 2 for i in range(len(labels))],
                  [f"{n}. {lab}" for n, lab in enumerate(labels, start=1)])
    ax.invert_yaxis()
    ax.set_xlabel("change in score had you taken the alternative (same luck)")
    ax.set_title("Key moments: the other road, on your own run", loc="left",
                 fontsize=theme.FONT_SIZE + 1)
    _legend_right(ax)
    return _png(fig)


def whatif(own: np.ndarray, alternatives: list[np.ndarray], labels: list[str]) -> bytes:
    """Across many runs, your decisions minus the alternative's, run by run."""
    fig, ax = _figure(0.9 + 0.8 * max(len(labels), 1))
    diffs = [own - alt for alt in alternatives] or [np.zeros(1)]
    parts = ax.boxplot(diffs, whis=(5, 95), showfliers=False, patch_artist=True, widths=0.5,
                       **_HORIZONTAL)
    for box in parts["boxes"]:
        box.set_facecolor(theme.PALETTE["sky"])
    ax.axvline(0, color=theme.PALETTE["black"], linewidth=0.8)
    ax.set_yticks(range(1, len(labels) + 1),
                  [f"{n}. {lab}" for n, lab in enumerate(labels, start=1)] or [""])
    ax.invert_yaxis()
    ax.set_xlabel("your overall score minus the alternative's, run by run\n"
                  "(right of 0: your choice did better)")
    ax.set_title(f"What-if over {own.size:,} runs with different luck", loc="left",
                 fontsize=theme.FONT_SIZE + 1)
    return _png(fig)


def luck(own: np.ndarray, passive: np.ndarray, actual: float) -> bytes:
    """Your decisions over many runs, no decisions over the same runs, and your actual run."""
    fig, ax = _figure()
    lo = float(min(own.min(initial=actual), passive.min(initial=actual))) - 1
    hi = float(max(own.max(initial=actual), passive.max(initial=actual))) + 1
    bins = np.linspace(lo, hi, 40)
    ax.hist(passive, bins=bins, color=theme.PALETTE["grey"], alpha=0.55,
            label="no decisions at all")
    ax.hist(own, bins=bins, color=theme.PALETTE["blue"], alpha=0.6, label="your decisions")
    ax.axvline(actual, color=theme.PALETTE["vermillion"], linewidth=2, label="your actual run")
    ax.set_xlabel("overall score")
    ax.set_ylabel("runs")
    ax.set_title("Luck: the same decisions with different luck", loc="left",
                 fontsize=theme.FONT_SIZE + 1)
    _legend_right(ax)
    return _png(fig)
