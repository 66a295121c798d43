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
from ..play.actions import same_kind
from ..scenario.runtime import ScenarioRun
from ..session.engine import GroupSession
from ..session.rounds import Submission
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

    def _hand_in(self) -> Submission:
        return self.session.submissions.get(self.team, Submission())

    def _submit(self, decisions: tuple[tuple[Decision, str], ...]) -> None:
        """Hand in ``decisions`` with the answers; refused, the hand-in stays as it was."""
        earlier = self._hand_in()
        answers = earlier.choices if self.choices is None else self.choices
        self.session.submit(self.team, Submission(answers, decisions, earlier.reasons))
        self._run = self.session.team_view(self.team, self.choices)

    def decide(self, decision: Decision, reason: str = "") -> None:
        """Add the decision to the team's hand-in, in place of one of the same kind if the
        hand-in holds one (as the game does); ``SessionError`` (a ``ValueError``) carries the
        model's message when it is refused, and the hand-in stays as it was."""
        decisions = list(self._hand_in().decisions)
        k = next((k for k, (d, _) in enumerate(decisions) if same_kind(d, decision)), None)
        if k is None:
            decisions.append((decision, reason))
        else:
            decisions[k] = (decision, reason)
        self._submit(tuple(decisions))

    def decisions_this_month(self) -> list[str]:
        return [d.describe() for d, _ in self._hand_in().decisions]

    def withdraw(self, index: int) -> str:
        """Take a decision out of the team's hand-in; returns what was withdrawn."""
        decisions = list(self._hand_in().decisions)
        gone, _ = decisions.pop(index)
        self._submit(tuple(decisions))
        return gone.describe()


def team_panel(session: GroupSession, team: str, group: str,
               choices: tuple[tuple[str, str], ...] | None = None) -> DecisionPanelScene:
    """The game's decision panel for ``group``, deciding for ``team``."""
    return DecisionPanelScene(TeamDecisions(session, team, choices), group, who=team)
