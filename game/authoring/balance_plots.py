"""Charts of a balance sweep as PNG files (``partnership balance --plots DIR``).

Matplotlib's object interface (``Figure``) is used rather than ``pyplot``, so no display or
global figure state is involved and the charts draw the same on a headless machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from ..scenario.spec import PILLARS, ScenarioSpec
from .sweep import Outcome

DPI = 110


def write_plots(scenario: ScenarioSpec, outcomes: Sequence[Outcome], folder: Path
                ) -> list[Path]:
    """Write scores.png, endings.png and events.png to ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, draw in (("scores.png", _scores), ("endings.png", _endings),
                       ("events.png", _events)):
        fig = draw(scenario, outcomes)
        path = folder / name
        fig.savefig(path, dpi=DPI, bbox_inches="tight")
        paths.append(path)
    return paths


def _scores(scenario: ScenarioSpec, outcomes: Sequence[Outcome]) -> Figure:
    names = [o.policy.name for o in outcomes]
    keys = ["overall", *PILLARS]
    fig = Figure(figsize=(12, 7), layout="constrained")
    axes = fig.subplots(2, 4, sharey=True).ravel()
    for ax, key in zip(axes, keys, strict=False):
        data = [o.scores[key] for o in outcomes]
        ax.boxplot(data, whis=(10, 90), showfliers=False)
        ax.set_xticks(range(1, len(names) + 1), names, rotation=40, ha="right", fontsize=8)
        ax.set_title(key, fontsize=11, fontweight="bold" if key == "overall" else "normal")
        ax.set_ylim(0, 100)
        ax.grid(axis="y", alpha=0.3)
    axes[-1].axis("off")
    axes[-1].text(0.0, 0.5, "Boxes: 25th-75th percentile\nline: median\nwhiskers: 10th-90th",
                  fontsize=9, va="center")
    fig.suptitle(f"{scenario.title}: scores by policy (0-100)", fontsize=13)
    return fig


def _endings(scenario: ScenarioSpec, outcomes: Sequence[Outcome]) -> Figure:
    names = [o.policy.name for o in outcomes]
    parts = {"won": [float(np.mean(o.won)) for o in outcomes],
             "finished, not won": [float(np.mean((o.ended == "") & ~o.won)) for o in outcomes]}
    for end in scenario.end_conditions:
        parts[f"ended: {end.id}"] = [float(np.mean(o.ended == end.id)) for o in outcomes]
    fig = Figure(figsize=(9, 0.6 * len(names) + 2))
    ax = fig.subplots()
    left = np.zeros(len(names))
    colours = ["#2e7d32", "#9e9e9e", "#c62828", "#ef6c00", "#6a1b9a", "#1565c0", "#795548"]
    for k, (label, shares) in enumerate(parts.items()):
        ax.barh(names, shares, left=left, label=label, color=colours[k % len(colours)])
        left += np.array(shares)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda x, _pos: f"{x:.0%}")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=9)
    ax.set_title(f"{scenario.title}: how runs end, by policy")
    return fig


def _events(scenario: ScenarioSpec, outcomes: Sequence[Outcome]) -> Figure:
    names = [o.policy.name for o in outcomes]
    events = [e.id for e in scenario.events]
    grid = np.array([[float(np.mean(o.fired[e] > 0)) for o in outcomes] for e in events])
    fig = Figure(figsize=(1.2 * len(names) + 4, 0.4 * max(len(events), 1) + 2))
    ax = fig.subplots()
    if events:
        ax.imshow(grid, cmap="Greens", vmin=0, vmax=1, aspect="auto")
        for (i, j), v in np.ndenumerate(grid):
            ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=8,
                    color="white" if v > 0.6 else "black")
    ax.set_xticks(range(len(names)), names, rotation=30, ha="right")
    ax.set_yticks(range(len(events)), events)
    ax.set_title(f"{scenario.title}: share of runs in which each event happened")
    return fig
