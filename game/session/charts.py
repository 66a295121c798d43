"""Charts of all teams, for a projector: thick lines, large type, colour-safe, and every team
also told apart by its line style and marker, so nothing depends on colour alone."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from ..report import theme  # noqa: E402
from ..report.evidence import pretty  # noqa: E402
from ..scenario.spec import DIMENSIONS  # noqa: E402
from ..scoring import PILLARS  # noqa: E402
from .compare import SERIES, Comparison  # noqa: E402

STYLES = ("-", "--", "-.", ":")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
FONT_SIZE = 15


def team_style(k: int) -> dict[str, object]:
    """Colour, line style and marker of the ``k``-th team."""
    colour = theme.PALETTE[theme.SERIES[k % len(theme.SERIES)]]
    return {"color": colour, "linestyle": STYLES[k % len(STYLES)],
            "marker": MARKERS[k % len(MARKERS)]}


def _figure(width_in: float = 11.0, height_in: float = 5.0) -> tuple[Figure, plt.Axes]:
    plt.rcParams.update({"font.size": FONT_SIZE, "axes.spines.top": False,
                         "axes.spines.right": False, "axes.linewidth": 1.4})
    return plt.subplots(figsize=(width_in, height_in), dpi=100)


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def over_time(c: Comparison, metric: str) -> bytes:
    """One figure for every team over the months, with the split months marked."""
    fig, ax = _figure()
    for k, t in enumerate(c.teams):
        values = t.series[metric]
        ax.plot(range(1, len(values) + 1), values, linewidth=3, markersize=8,
                label=t.team, **team_style(k))
    for s in c.splits:
        ax.axvline(s.month, color=theme.PALETTE["grey"], linewidth=1, linestyle=":")
    ax.set_xlabel("Month")
    ax.set_ylabel(SERIES[metric])
    if metric.endswith("_gbp"):
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"£{v:,.0f}"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    return _png(fig)


def _grouped(c: Comparison, keys: tuple[str, ...], values: str, ylabel: str,
             labels: list[str]) -> bytes:
    fig, ax = _figure(height_in=5.5)
    n = len(c.teams)
    width = 0.8 / max(n, 1)
    x = np.arange(len(keys))
    for k, t in enumerate(c.teams):
        data = getattr(t, values)
        style = team_style(k)
        ax.bar(x + (k - (n - 1) / 2) * width, [data[key] for key in keys], width,
               label=t.team, color=style["color"], edgecolor="black",
               hatch=("", "//", "..", "xx", "\\\\", "--")[k % 6])
    ax.set_xticks(x, labels, rotation=30 if len(keys) > 6 else 0, ha="right"
                  if len(keys) > 6 else "center")
    ax.set_ylim(0, 100)
    ax.set_ylabel(ylabel)
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    return _png(fig)


def pillars(c: Comparison) -> bytes:
    return _grouped(c, PILLARS, "pillars", "Score (0-100)", [p.capitalize() for p in PILLARS])


def leadership(c: Comparison) -> bytes:
    return _grouped(c, DIMENSIONS, "leadership", "Score (0-100)",
                    [pretty(d) for d in DIMENSIONS])


def all_charts(c: Comparison) -> list[tuple[str, str, bytes]]:
    """(id, title, PNG) for every chart the report shows, in order."""
    out = [("pillars", "Outcome pillars, team by team", pillars(c)),
           ("leadership", "Leadership: the nine dimensions", leadership(c))]
    out += [(m, label, over_time(c, m)) for m, label in SERIES.items()]
    return out
