"""Charts of all teams, for a projector: thick lines, large type, colour-safe, and every team
also told apart by its line style and marker, so nothing depends on colour alone.

Drawn with matplotlib's ``Figure`` API (no pyplot, so no global figure or style state: the
charts can be drawn on any thread, and drawing one changes nothing for the next). ``Frame``
gives a chart's size and type: the HTML report's, or the debrief screen's (made for the
window it is shown in, with type to read from the back of a room).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..report import theme
from ..report.evidence import pretty
from ..scenario.spec import DIMENSIONS
from ..scoring import PILLARS
from .compare import SERIES, Comparison

STYLES = ("-", "--", "-.", ":")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
FONT_SIZE = 15
HATCHES = ("", "//", "..", "xx", "\\\\", "--")


@dataclass(frozen=True)
class Frame:
    """A chart's size in inches, its dots per inch and its type size in points."""

    width_in: float = 11.0
    height_in: float = 5.0
    dpi: int = 100
    font_pt: float = FONT_SIZE

    @classmethod
    def for_screen(cls, width_px: int, height_px: int, font_px: int) -> Frame:
        """A chart filling ``width_px`` by ``height_px``, its type ``font_px`` high."""
        dpi = 100
        return cls(width_px / dpi, height_px / dpi, dpi, font_px * 72 / dpi)


REPORT = Frame()


def team_style(k: int) -> dict[str, object]:
    """Colour, line style and marker of the ``k``-th team."""
    colour = theme.PALETTE[theme.SERIES[k % len(theme.SERIES)]]
    return {"color": colour, "linestyle": STYLES[k % len(STYLES)],
            "marker": MARKERS[k % len(MARKERS)]}


def _figure(frame: Frame) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(frame.width_in, frame.height_in), dpi=frame.dpi)
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    for spine in ax.spines.values():
        spine.set_linewidth(1.4)
    ax.tick_params(labelsize=frame.font_pt)
    return fig, ax


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _legend(ax: Axes, frame: Frame) -> None:
    legend = ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False,
                       fontsize=frame.font_pt)
    for text in legend.get_texts():  # team names as typed: "$$" is a name, not mathtext
        text.set_parse_math(False)


def over_time(c: Comparison, metric: str, frame: Frame = REPORT) -> bytes:
    """One figure for every team over the months, with the split months marked."""
    fig, ax = _figure(frame)
    scale = frame.font_pt / FONT_SIZE
    for k, t in enumerate(c.teams):
        values = t.series[metric]
        ax.plot(range(1, len(values) + 1), values, linewidth=3 * scale, markersize=8 * scale,
                label=t.team, **team_style(k))  # type: ignore[arg-type]
    for s in c.splits:
        ax.axvline(s.month, color=theme.PALETTE["grey"], linewidth=1, linestyle=":")
    ax.set_xlabel("Month", fontsize=frame.font_pt)
    ax.set_ylabel(SERIES[metric], fontsize=frame.font_pt)
    if metric.endswith("_gbp"):
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"£{v:,.0f}"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    _legend(ax, frame)
    return _png(fig)


def _grouped(c: Comparison, keys: tuple[str, ...], values: str, ylabel: str,
             labels: list[str], frame: Frame) -> bytes:
    """Each team's bar for every key; with more than six keys the bars lie down, so their
    long names read level rather than slanted and crowded."""
    fig, ax = _figure(frame)
    n = len(c.teams)
    width = 0.8 / max(n, 1)
    lying = len(keys) > 6
    x = np.arange(len(keys))
    for k, t in enumerate(c.teams):
        data = getattr(t, values)
        style = team_style(k)
        at = x + (k - (n - 1) / 2) * width
        bars = [data[key] for key in keys]
        common = {"label": t.team, "color": style["color"], "edgecolor": "black",
                  "hatch": HATCHES[k % len(HATCHES)]}
        if lying:
            ax.barh(at, bars, width, **common)  # type: ignore[arg-type]
        else:
            ax.bar(at, bars, width, **common)  # type: ignore[arg-type]
    if lying:
        ax.set_yticks(x, labels, fontsize=frame.font_pt)
        ax.invert_yaxis()  # the first key at the top, as it is read
        ax.set_xlim(0, 100)
        ax.set_xlabel(ylabel, fontsize=frame.font_pt)
    else:
        ax.set_xticks(x, labels, fontsize=frame.font_pt)
        ax.set_ylim(0, 100)
        ax.set_ylabel(ylabel, fontsize=frame.font_pt)
    _legend(ax, frame)
    return _png(fig)


def pillars(c: Comparison, frame: Frame = REPORT) -> bytes:
    return _grouped(c, PILLARS, "pillars", "Score (0-100)", [p.capitalize() for p in PILLARS],
                    frame)


def leadership(c: Comparison, frame: Frame = REPORT) -> bytes:
    return _grouped(c, DIMENSIONS, "leadership", "Score (0-100)",
                    [pretty(d) for d in DIMENSIONS], frame)


#: Every chart of the comparison: (id, title), in the order the report shows them.
CHARTS: tuple[tuple[str, str], ...] = (
    ("pillars", "Outcome pillars, team by team"),
    ("leadership", "Leadership: the nine dimensions"),
    *SERIES.items())


def chart(c: Comparison, chart_id: str, frame: Frame = REPORT) -> bytes:
    """One chart of ``CHARTS`` as a PNG."""
    if chart_id == "pillars":
        return pillars(c, frame)
    if chart_id == "leadership":
        return leadership(c, frame)
    return over_time(c, chart_id, frame)


def all_charts(c: Comparison) -> list[tuple[str, str, bytes]]:
    """(id, title, PNG) for every chart the report shows, in order."""
    return [(chart_id, title, chart(c, chart_id)) for chart_id, title in CHARTS]
