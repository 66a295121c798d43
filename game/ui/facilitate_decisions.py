"""Decisions at the facilitator's screen: the game's decision panels, for one team.

``TeamDecisions`` is the panel's ``DecisionTarget`` for a team of a ``GroupSession``: the panel
reads and previews the team's practice on its own (``GroupSession.team_view``, replayed from
its log with this round's hand-in), and a commit adds the decision to the team's hand-in for
the round. The session checks it on a copy of the batch and, if the model refuses it, the
panel shows the model's message; nothing is applied until the facilitator advances.
"""

from __future__ import annotations

import pygame

from ..model.decisions import Decision
from ..scenario.runtime import ScenarioRun
from ..session.engine import GroupSession
from .scenes.decisions import DecisionPanelScene

#: The panels a team can open from its hand-in, with their keys (as on the game's dashboard).
PANELS = (("workforce", "Workforce", pygame.K_w), ("operations", "Operations", pygame.K_o),
          ("money", "Money", pygame.K_m), ("pcn", "PCN & system", pygame.K_p))


class TeamDecisions:
    """One team's decisions this round, entered through the game's panels."""

    def __init__(self, session: GroupSession, team: str,
                 choices: tuple[tuple[str, str], ...] | None = None) -> None:
        """``choices``: the event answers picked at the screen so far (not yet handed in),
        so decisions are checked and previewed after them, as they will be played."""
        self.session, self.team, self.choices = session, team, choices
        self._run = session.team_view(team, choices)

    @property
    def month(self) -> int:
        return self.session.month

    @property
    def run(self) -> ScenarioRun:
        """The team's practice with its hand-in so far (refreshed after each decision)."""
        return self._run

    def decide(self, decision: Decision, reason: str = "") -> None:
        """Add the decision to the team's hand-in; ``SessionError`` (a ``ValueError``) carries
        the model's message when it is refused, and the hand-in stays as it was."""
        self.session.add_decision(self.team, decision, reason, self.choices)
        self._run = self.session.team_view(self.team, self.choices)


def team_panel(session: GroupSession, team: str, group: str,
               choices: tuple[tuple[str, str], ...] | None = None) -> DecisionPanelScene:
    """The game's decision panel for ``group``, deciding for ``team``."""
    return DecisionPanelScene(TeamDecisions(session, team, choices), group, who=team)
