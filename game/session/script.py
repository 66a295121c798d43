"""A scripted four-team session of the first-year scenario, played by the tests, by
``partnership facilitate --demo`` and as the worked example in docs/facilitating.md.

Four teams take different paths: Aire cuts costs and consults, Calder recruits, Wharfe hands
nothing in (it keeps the practice as it was), Nidd changes how appointments work. In the
script the facilitator fires an event for one team, rewinds a round after a mis-click, adds
a late team and drops one that has to leave.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model.decisions import (
    ConsultTeamDecision,
    HireDecision,
    InvestDecision,
    SetAppointmentModelDecision,
    SetDrawingsDecision,
    SetLocumSessionsDecision,
)
from .engine import GroupSession
from .rounds import Submission

SESSION_YAML = """\
format: partnership-session/1
title: Demo session (four teams)
scenario: first-year
seed: 42
months: 8
teams: [Aire, Calder, Wharfe, Nidd]
observers: [Practice manager (observing)]
minutes_per_round: 8
injectable_events: [reception-abuse, agency-rates]
"""

#: Hand-ins by month and team (Wharfe never hands in).
HAND_INS: dict[int, dict[str, Submission]] = {
    1: {
        "Aire": Submission.make(
            [ConsultTeamDecision("costs"), SetLocumSessionsDecision(12)],
            {"the-accounts": "recovery-plan"},
            ["talk to the team before cutting", "locums are the biggest cost"]),
        "Calder": Submission.make([HireDecision("salaried_gp", 1)],
                                  {"the-accounts": "ask-bank"}, ["a permanent GP"]),
        "Nidd": Submission.make([SetAppointmentModelDecision("total_triage")],
                                {"the-accounts": "cut-drawings"}),
    },
    2: {
        "Aire": Submission.make([], {"agency-rates": "direct-locums"}),
        "Calder": Submission.make([SetLocumSessionsDecision(15)], {"agency-rates": "accept"}),
        "Nidd": Submission.make([InvestDecision("staff_wellbeing")],
                                {"agency-rates": "recruit-salaried"}),
    },
    3: {
        "Aire": Submission.make([SetDrawingsDecision(9_500)], {"evening-clinics": "redirect"}),
        "Nidd": Submission.make([], {"evening-clinics": "stop"}),
        "Calder": Submission.make([], {"reception-abuse": "support-team"}),
    },
    4: {
        "Calder": Submission.make([InvestDecision("coding_and_recording")]),
        "Ure": Submission.make([SetLocumSessionsDecision(25)]),
    },
}
#: The hand-in Nidd meant in month 5, after the room mis-clicked and the round was rewound.
NIDD_MIS_CLICK = Submission.make([SetDrawingsDecision(0)])
NIDD_MONTH_5 = Submission.make([SetDrawingsDecision(9_000)], reasons=["a fair cut"])

Step = Callable[[GroupSession], None]


def _hand_in(month: int) -> Step:
    def step(session: GroupSession) -> None:
        for team, sub in HAND_INS.get(month, {}).items():
            if team in session.teams:
                session.submit(team, sub)
    return step


def play_round(session: GroupSession, month: int, extra: Step | None = None) -> None:
    """One scripted round: open, the facilitator's extra step, hand-ins, lock, advance."""
    session.open_round()
    if extra is not None:
        extra(session)
    _hand_in(month)(session)
    session.tick(session.timer.seconds_total / 2)
    session.lock()
    session.advance()


def play_script(session: GroupSession) -> None:
    """Play the whole scripted session (eight months) from a fresh ``GroupSession``."""
    play_round(session, 1)
    play_round(session, 2)
    session.add_team("Ure")  # a late team joins before month 3
    play_round(session, 3, lambda s: s.inject("reception-abuse", "Calder"))
    play_round(session, 4)
    session.open_round()
    session.submit("Nidd", NIDD_MIS_CLICK)
    session.lock()
    session.advance()
    session.rewind()  # month 5 again: Nidd meant to cut drawings a little, not to nothing
    session.submit("Nidd", NIDD_MONTH_5)
    session.lock()
    session.advance()
    session.drop_team("Wharfe")  # Wharfe has to leave after month 5
    play_round(session, 6)
    play_round(session, 7)
    play_round(session, 8)
