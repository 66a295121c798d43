"""A new session file, with a comment on every line a facilitator may want to change."""

from __future__ import annotations

import json

from ..scenario.spec import ScenarioSpec

DEFAULT_TEAMS = ("Red", "Blue", "Green", "Amber")


def _q(text: str) -> str:
    """A YAML scalar that is always read back as the same string (JSON is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def session_yaml(scenario_ref: str, scenario: ScenarioSpec, teams: list[str], seed: int,
                 minutes_per_round: float = 8.0, title: str = "") -> str:
    """The text of a session file for ``scenario`` (loaded from ``scenario_ref``)."""
    events = [e for e in scenario.events]
    lines = [
        "# A Partnership group session. Check it with: partnership session check FILE",
        "# Run it with: partnership facilitate FILE   (docs/facilitating.md)",
        "format: partnership-session/1",
        f"title: {_q(title or scenario.title + ' (group session)')}",
        f"scenario: {_q(scenario_ref)}        # a bundled id or a path to a scenario file",
        f"seed: {seed}                 # every team meets the same luck with this seed",
        f"# months: {scenario.length_months}             "
        "# rounds to play (one month each); leave out for the whole scenario",
        "teams:                     # 3-6 teams of 3-5 people suit one room",
        *[f"  - {_q(t)}" for t in teams],
        "observers: []              # names or roles of people who watch but do not decide",
        f"minutes_per_round: {minutes_per_round:g}       # the round timer",
        "teams_see_each_other: false  # show the league table during play",
        "injectable_events:         # events you may fire by hand for a teachable moment",
        *[f"  - {e.id}   # {e.title}" for e in events],
    ]
    if not events:
        lines[-1] = "injectable_events: []      # this scenario has no events to fire"
    return "\n".join(lines) + "\n"
