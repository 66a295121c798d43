"""One team of a group session as its own live window shows it: its key figures and its
month's summary, for the facilitator's screen (one-screen mode).

A team's practice is its decision log replayed alone by a ``GameSession`` (as its own laptop
and its results file replay it), so the summary is the game's own: ``explain_sections`` with
the month's moves and what each changed, and the figures are the dashboard's indicators
(``play.indicators``) with their red, amber and green bands. Nothing here is restated from
the game; nothing here changes the session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..play.explain import explain_sections
from ..play.game_session import GameSession
from ..play.indicators import INDICATORS, with_derived
from .engine import GroupSession

Row = dict[str, Any]
#: The figures a team sees first, in the dashboard's order (the rest are on the tiles).
KEY_FIGURES = ("cash_gbp", "wait_days", "demand_met", "staff_wellbeing", "contacts_per_gp_day",
               "patient_satisfaction", "qof_month_achievement", "cqc_risk")


@dataclass(frozen=True)
class Figure:
    """One key figure as a dashboard tile shows it."""

    label: str
    value: str
    detail: str
    state: str  # 'green', 'amber', 'red' or 'none'


@dataclass(frozen=True)
class TeamMonth:
    """What a team's month did: the figures before and after, and the summary's sections."""

    team: str
    month: int
    before: Row
    after: Row
    sections: list[tuple[str, list[str]]]


def team_game(session: GroupSession, team: str, months: int | None = None) -> GameSession:
    """The team's practice as a one-team game, its log replayed for ``months`` months (every
    month it has played, by default)."""
    played = session.months_played(team) if months is None else months
    game = GameSession(session.scenario, session.loaded.scenario_source, session.seed,
                       months=session.months, team=team)
    game.replay(session.logs()[team], played)
    return game


def latest_row(session: GroupSession, team: str) -> Row:
    """The team's figures for the last month played, or its practice at the start."""
    row = session.latest(team)
    return row if row is not None else team_game(session, team, 0).start_row


def key_figures(row: Row) -> list[Figure]:
    """The team's key figures from a month's row, as the dashboard's tiles show them."""
    row = with_derived(row)
    shown = [ind for key in KEY_FIGURES for ind in INDICATORS if ind.key == key]
    return [Figure(ind.label, ind.show(row), ind.detail(row), ind.state(row))
            for ind in shown if ind.key in row]


def last_month(session: GroupSession, team: str) -> TeamMonth | None:
    """The team's last month played, told as its window's month summary tells it (None
    before a month is played, or for a team that left before playing one)."""
    played = session.months_played(team)
    if played < 1:
        return None
    game = team_game(session, team, played - 1)
    before, month = game.latest, game.month
    game.replay(session.logs()[team], 1)
    return TeamMonth(team, month, before, game.latest,
                     explain_sections(before, game.latest, game.moves(month)))
