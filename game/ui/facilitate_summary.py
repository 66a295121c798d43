"""The month just played, for every team at the facilitator's screen: what changed and why, as
each team's own live window would tell it (``session.team_view.last_month``), one team at a
time, with its key figures now. A team's number key or the arrow keys show another team;
Enter or Esc goes back to the room."""

from __future__ import annotations

import pygame

from ..play.wording import month_name
from ..session.engine import GroupSession
from ..session.team_view import TeamMonth, last_month
from .facilitate_modals import figures_html
from .facilitate_scene import TEAM_KEYS
from .scenes.base import Pop, Scene, Transition
from .scenes.summary import sections_html


class RoundSummaryScene(Scene):
    """Each team's month summary after Advance."""

    name = "round_summary"
    modal = True
    modal_share = (0.94, 0.94)

    def __init__(self, session: GroupSession, team: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.teams = [t for t in session.teams if session.months_played(t) >= 1]
        self.team = team if team in self.teams else (self.teams[0] if self.teams else "")
        self.told: dict[str, TeamMonth | None] = {}

    def month_of(self, team: str) -> TeamMonth | None:
        """The team's month, worked out the first time it is shown."""
        if team not in self.told:
            self.told[team] = last_month(self.session, team)
        return self.told[team]

    def compose(self) -> None:
        w, h = self.inner
        margin, row, gap = self.m("margin"), self.m("row"), self.m("gap")
        told = self.month_of(self.team) if self.team else None
        heading = "No team has played a month yet."
        if told is not None:
            month = month_name(int(told.after.get("calendar_month", 1)))
            heading = f"{self.team}, month {told.month} ({month}): what changed and why"
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 8), heading,
                   "#heading")
        y = margin // 2 + row + 2 * gap
        y = self._team_buttons(y)
        bh = int(row * 1.3)
        body = pygame.Rect(margin, y, w - 2 * margin, h - y - bh - margin // 2 - gap)
        side = max(300, int(body.width * 0.3))
        if told is not None:
            self.text_box(pygame.Rect(body.x, body.y, body.width - side - gap, body.height),
                          sections_html(told.sections))
            self.text_box(pygame.Rect(body.right - side, body.y, side, body.height),
                          figures_html(told.after))
        bw = max(300, w // 3)
        self.button(pygame.Rect(w - margin - bw, h - bh - margin // 2, bw, bh),
                    "Back to the room", lambda: Pop(), pygame.K_RETURN, object_id="#primary")
        self.keys[pygame.K_ESCAPE] = lambda: Pop()
        self.keys[pygame.K_RIGHT] = lambda: self.step(1)
        self.keys[pygame.K_LEFT] = lambda: self.step(-1)

    def _team_buttons(self, y: int) -> int:
        """A button a team, its number its key; the team shown is marked."""
        w, _ = self.inner
        margin, row, gap = self.m("margin"), self.m("row"), self.m("gap")
        n = max(len(self.teams), 1)
        bw = (w - 2 * margin - (n - 1) * gap) // n
        bh = int(row * 1.2)
        for k, team in enumerate(self.teams):
            key = TEAM_KEYS[k] if k < len(TEAM_KEYS) else None
            self.button(pygame.Rect(margin + k * (bw + gap), y, bw, bh), team,
                        lambda t=team: self.show(t), key,
                        object_id="#primary" if team == self.team else None)
        return y + bh + gap

    def show(self, team: str) -> Transition | None:
        self.team = team
        self.build()
        return None

    def step(self, by: int) -> Transition | None:
        if not self.teams:
            return None
        return self.show(self.teams[(self.teams.index(self.team) + by) % len(self.teams)])

