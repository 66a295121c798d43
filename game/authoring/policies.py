"""Policies: ways of playing a scenario that a balance sweep compares.

A policy plays every run of a batch at once, but each run acts on its own figures: the policy
reads arrays over runs and applies model decisions with masks (``Turn.decide``), and picks a
choice per run at each event (``Policy.choose``; ``LAPSE`` lets the card lapse, as a player
who does nothing does). Choices are picked by weighing what they do
(``features.ASPECTS``) with the policy's weights, plus a little per-run jitter so that close
calls go both ways. Randomness comes only from the ``numpy.random.Generator`` the sweep passes
in, so a sweep replays exactly from its seed.

``POLICIES`` is the registry; its docstrings are what ``partnership balance --help`` lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ..model.decisions import (
    INVESTMENTS,
    ConsultTeamDecision,
    Decision,
    HireDecision,
    InvestDecision,
    ReleaseDecision,
    SetAccessChannelsDecision,
    SetAppointmentModelDecision,
    SetDrawingsDecision,
    SetEnhancedAccessDecision,
    SetLocumSessionsDecision,
    SetPayAwardDecision,
    TakeLoanDecision,
    headroom_gbp,
)
from ..model.roles import (
    ARRS_CAP,
    IS_ARRS,
    PARTNER,
    RECEPTION,
    RECRUIT_COST,
    ROLE_KEYS,
    SALARIED,
)
from ..model.state import APPOINTMENT_MODELS, PracticeState
from ..model.wellbeing import staff_wellbeing
from ..scenario.cards import FiredEvent
from ..scenario.runtime import ScenarioRun
from .features import ASPECTS, CORE_ASPECTS

#: Aspects read off the author's leadership tags, not off what a choice does.
TAG_ASPECTS: tuple[str, ...] = ("leadership", "directive")
#: What ``Policy.choose`` returns for a run that lets the card lapse (nobody decides).
LAPSE = -1
#: Cash a policy keeps in hand (above the overdraft limit) after any spending it chooses.
RESERVE_GBP = 15_000.0


@dataclass
class Turn:
    """One month of one policy over a batch: what the policy reads and how it acts."""

    run: ScenarioRun
    rng: np.random.Generator
    active: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))

    def begin(self) -> None:
        """Read the month's active runs once (they change only at the end of a month)."""
        self.active = self.run.active

    @property
    def state(self) -> PracticeState:
        return self.run.world.state

    @property
    def month(self) -> int:
        return self.run.month

    @property
    def runs(self) -> int:
        return self.run.world.runs

    def last(self, name: str, default: float = 0.0) -> np.ndarray:
        """A figure from last month's record, per run (``default`` in the first month)."""
        if not self.run.history:
            return np.full(self.runs, default, dtype=float)
        return np.asarray(self.run.history[-1][name], dtype=float)

    def affordable(self, cost: float) -> np.ndarray:
        return headroom_gbp(self.state) - cost >= RESERVE_GBP

    def recruiting(self, role: int) -> np.ndarray:
        return (self.state.pipeline[:, role].sum(axis=1) + self.state.searching[:, role]) > 0

    def decide(self, decision: Decision, mask: np.ndarray) -> None:
        """Apply ``decision`` to the masked runs that can take it; the others skip it."""
        m = np.asarray(mask, bool) & self.active
        if m.any():
            m &= _feasible(self, decision)
        if m.any():
            self.run.decide(decision, m)

    def decide_values(self, make: Callable[[float], Decision], values: np.ndarray,
                      mask: np.ndarray) -> None:
        """A decision with a per-run value: one masked decision per distinct value."""
        for value in np.unique(values[mask]):
            self.decide(make(float(value)), mask & (values == value))


def _feasible(turn: Turn, decision: Decision) -> np.ndarray:
    """Runs that can take ``decision`` now: the model's own check, the one authority."""
    return decision.check(turn.state, turn.run.params).allowed


@dataclass(frozen=True)
class Policy:
    """A named way of playing. ``weights`` rank choices; ``act`` takes model decisions."""

    name: str
    doc: str
    weights: dict[str, float] = field(default_factory=dict)
    jitter: float = 0.3
    act: Callable[[Turn], None] = lambda turn: None

    @property
    def reads_tags(self) -> bool:
        """Whether the policy weighs the author's leadership tags (the ``leadership`` and
        ``directive`` aspects) in its choices: its results partly measure the answer key, so the
        balance report shows it apart from policies that decide by the practice's figures."""
        return any(self.weights.get(a, 0.0) for a in TAG_ASPECTS)

    def choice_weights(self, turn: Turn) -> np.ndarray:
        """(runs, aspects) weights; a policy may lean differently in each run."""
        base = np.array([self.weights.get(a, 0.0) for a in ASPECTS])
        return np.tile(base, (turn.runs, 1))

    def choose(self, turn: Turn, fired: FiredEvent, aspects: np.ndarray) -> np.ndarray:
        """The index of the choice each run takes at ``fired`` (``LAPSE``: none), among the
        choices on its card (``shown_if``)."""
        utility = self.choice_weights(turn) @ aspects.T
        utility += self.jitter * turn.rng.standard_normal(utility.shape)
        return _on_card(fired, np.argmax(np.where(fired.shown, utility, -np.inf), axis=1))


class DoNothingPolicy(Policy):
    def choose(self, turn: Turn, fired: FiredEvent, aspects: np.ndarray) -> np.ndarray:
        return np.full(turn.runs, LAPSE)


class RandomPolicy(Policy):
    def choose(self, turn: Turn, fired: FiredEvent, aspects: np.ndarray) -> np.ndarray:
        """A choice at random among those on the card."""
        if fired.shown.all():  # the draw every card without ``shown_if`` has always made
            return turn.rng.integers(0, aspects.shape[0], turn.runs)
        keys = turn.rng.random((turn.runs, aspects.shape[0]))
        return _on_card(fired, np.argmax(np.where(fired.shown, keys, -1.0), axis=1))


def _on_card(fired: FiredEvent, index: np.ndarray) -> np.ndarray:
    """``index``, or ``LAPSE`` in runs whose card shows no choice at all."""
    return np.where(fired.shown.any(axis=1), index, LAPSE)


class BalancedPolicy(Policy):
    def choice_weights(self, turn: Turn) -> np.ndarray:
        w = super().choice_weights(turn)
        short = turn.state.cash_pence / 100.0 < 0
        w[:, ASPECTS.index("money")] += 2.0 * short
        s = turn.state
        strained = staff_wellbeing(s.morale, s.burnout, s.heads) < 0.5
        w[:, ASPECTS.index("team")] += 1.0 * strained
        return w


#: Every decision the random policy may take, one picked per run in a quarter of its months.
RANDOM_MENU: tuple[Decision, ...] = (
    *(HireDecision(k) for k in ROLE_KEYS if k not in ("partner", "gp_registrar")),
    *(SetLocumSessionsDecision(v) for v in (0, 10, 20, 30, 45, 60)),
    *(SetDrawingsDecision(v) for v in (7_000, 9_000, 11_000, 13_000)),
    *(SetPayAwardDecision(v) for v in (0, 2, 3.6, 6)),
    *(InvestDecision(k) for k in INVESTMENTS),
    *(SetAppointmentModelDecision(k) for k in APPOINTMENT_MODELS),
    SetEnhancedAccessDecision(True), SetEnhancedAccessDecision(False),
    ConsultTeamDecision(), ReleaseDecision("reception_admin"),
    TakeLoanDecision(50_000, 36),
)


def act_random(turn: Turn) -> None:
    acting = turn.rng.random(turn.runs) < 0.25
    pick = turn.rng.integers(0, len(RANDOM_MENU), turn.runs)
    for k, decision in enumerate(RANDOM_MENU):
        turn.decide(decision, acting & (pick == k))


def act_cost_cutter(turn: Turn) -> None:
    everyone = np.ones(turn.runs, bool)
    if turn.month == 1:
        turn.decide(SetPayAwardDecision(1.0), everyone)
        turn.decide(SetEnhancedAccessDecision(False), everyone)
    locums = turn.state.locum_sessions
    turn.decide_values(SetLocumSessionsDecision, np.maximum(np.floor(locums / 4) * 4 - 8, 0),
                       locums > 0)
    if turn.month == 2:
        turn.decide(ReleaseDecision("reception_admin"), turn.state.heads[:, RECEPTION] > 8)


def act_staff_cutter(turn: Turn) -> None:
    """No pay award, no consultation, and a post released every other month in the largest
    non-clinical and nursing teams while any are left."""
    everyone = np.ones(turn.runs, bool)
    if turn.month == 1:
        turn.decide(SetPayAwardDecision(0.0), everyone)
        turn.decide(SetEnhancedAccessDecision(False), everyone)
    if turn.month % 2 == 1:
        for role in ("reception_admin", "practice_nurse", "hca", "salaried_gp"):
            k = ROLE_KEYS.index(role)
            turn.decide(ReleaseDecision(role), turn.state.heads[:, k] >= 2)


def act_cut_corners(turn: Turn) -> None:
    """No pay award, out of the PCN's rota, locums cut hard and drawings kept up: every corner
    that saves money this month is cut."""
    everyone = np.ones(turn.runs, bool)
    if turn.month == 1:
        turn.decide(SetPayAwardDecision(0.0), everyone)
        turn.decide(SetEnhancedAccessDecision(False), everyone)
    locums = turn.state.locum_sessions
    turn.decide_values(SetLocumSessionsDecision, np.maximum(np.floor(locums / 4) * 4 - 12, 0),
                       locums > 0)


def act_people_first(turn: Turn) -> None:
    everyone = np.ones(turn.runs, bool)
    if turn.month == 1:
        turn.decide(SetPayAwardDecision(5.0), everyone)
        turn.decide(ConsultTeamDecision("workload"), everyone)
    if turn.month % 6 == 1:
        turn.decide(InvestDecision("staff_wellbeing"), turn.affordable(6_000))
    contacts = turn.last("contacts_per_gp_day", 25.0)
    busy = (contacts > 30) & ~turn.recruiting(SALARIED)
    turn.decide(HireDecision("salaried_gp"), busy & turn.affordable(6_000))
    locums = turn.state.locum_sessions
    turn.decide_values(SetLocumSessionsDecision, np.minimum(locums + 8, 200), contacts > 33)


def _hire_arrs(turn: Turn) -> None:
    """Take up unclaimed ARRS money: advertise the role with the largest cap not in train."""
    unused = turn.last("arrs_unused_gbp", 0.0)
    want = unused * 12 > 30_000
    for r in np.argsort(-ARRS_CAP):
        if not IS_ARRS[r]:
            continue
        m = want & ~turn.recruiting(int(r)) & turn.affordable(float(RECRUIT_COST[r]))
        turn.decide(HireDecision(ROLE_KEYS[r]), m)
        want &= ~m


def act_growth(turn: Turn) -> None:
    everyone = np.ones(turn.runs, bool)
    if turn.month == 1:
        turn.decide(TakeLoanDecision(80_000, 36), everyone)
        turn.decide(SetEnhancedAccessDecision(True), everyone)
    _hire_arrs(turn)
    if turn.month % 4 == 1:
        turn.decide(HireDecision("salaried_gp"), turn.affordable(6_000))
        turn.decide(HireDecision("practice_nurse"), turn.affordable(3_000))
    if turn.month == 3:
        turn.decide(InvestDecision("premises_refurbishment"), turn.affordable(60_000))


def act_balanced(turn: Turn) -> None:
    s = turn.state
    if turn.month == 1:
        turn.decide(ConsultTeamDecision("the year ahead"), np.ones(turn.runs, bool))
    if turn.month >= 2:
        partners = np.maximum(s.heads[:, PARTNER], 1.0)
        sustainable = np.clip(np.round(turn.last("profit_gbp") / partners / 500) * 500,
                              6_000, 13_000)
        turn.decide_values(SetDrawingsDecision, sustainable,
                           np.abs(sustainable - s.drawings_per_partner) >= 1_000)
    _hire_arrs(turn)
    gp_short = (s.locum_sessions > 24) | (s.wait_days > 14)
    turn.decide(HireDecision("salaried_gp"),
                gp_short & ~turn.recruiting(SALARIED) & turn.affordable(6_000))
    joined = turn.last("joiners_salaried_gp", 0.0)
    turn.decide_values(SetLocumSessionsDecision, np.maximum(s.locum_sessions - 24 * joined, 0),
                       joined > 0)
    wellbeing = staff_wellbeing(s.morale, s.burnout, s.heads)
    if turn.month % 6 == 2:
        turn.decide(InvestDecision("staff_wellbeing"), (wellbeing < 0.55)
                    & turn.affordable(6_000))
    if turn.month == 2:
        turn.decide(InvestDecision("coding_and_recording"),
                    (s.recording_quality < 0.85) & turn.affordable(8_000))
        turn.decide(InvestDecision("governance_systems"),
                    (s.governance < 0.7) & turn.affordable(10_000))


def act_cash_first(turn: Turn) -> None:
    """Protect this quarter's cash and the drawings: borrow before cutting, cover gaps with
    locums (which can be cancelled) rather than salaried posts, hold the pay award down."""
    s = turn.state
    if turn.month == 1:
        turn.decide(SetPayAwardDecision(2.0), np.ones(turn.runs, bool))
    tight = headroom_gbp(s) < 2 * RESERVE_GBP
    turn.decide(TakeLoanDecision(50_000, 36), tight)
    waits = (s.wait_days > 14) & turn.affordable(10_000)
    turn.decide_values(SetLocumSessionsDecision, np.minimum(s.locum_sessions + 4, 200), waits)


def act_command_and_control(turn: Turn) -> None:
    """Decide from the top and at once: total triage in the first month, a salaried GP the
    month waits pass a fortnight, governance tightened early; no consultation."""
    s = turn.state
    everyone = np.ones(turn.runs, bool)
    if turn.month == 1:
        turn.decide(SetAppointmentModelDecision("total_triage"), everyone)
    if turn.month == 2:
        turn.decide(InvestDecision("governance_systems"),
                    (s.governance < 0.8) & turn.affordable(10_000))
    slow = (s.wait_days > 14) & ~turn.recruiting(SALARIED) & turn.affordable(6_000)
    turn.decide(HireDecision("salaried_gp"), slow)


# -- adversarial policies: strategies a partner would call reckless. A scenario is sound when
# none of them beats a practice left alone; they answer events as the practice left alone does,
# so any difference comes from their decisions.
class AdversarialPolicy(DoNothingPolicy):
    """A reckless strategy, compared by ``balance`` with a practice left alone."""


_CLINICAL_AND_ADMIN = ("reception_admin", "practice_nurse", "hca", "practice_manager")


def act_strip_the_staff(turn: Turn) -> None:
    """Month 1: release every receptionist, nurse and HCA it can, and book no locums."""
    if turn.month != 1:
        return
    everyone = np.ones(turn.runs, bool)
    turn.decide(SetLocumSessionsDecision(0), everyone)
    for key in _CLINICAL_AND_ADMIN[:3]:
        r = ROLE_KEYS.index(key)
        heads = np.floor(turn.state.heads[:, r] - turn.state.notice[:, r].sum(axis=1))
        turn.decide_values(lambda n, k=key: ReleaseDecision(k, int(n)), heads, heads >= 1)


def act_zero_locums(turn: Turn) -> None:
    if turn.month == 1:
        turn.decide(SetLocumSessionsDecision(0), np.ones(turn.runs, bool))


def act_max_drawings(turn: Turn) -> None:
    if turn.month == 1:
        turn.decide(SetDrawingsDecision(30_000), np.ones(turn.runs, bool))


def act_hire_everything(turn: Turn) -> None:
    """Every month, advertise as many posts of every role as the model allows."""
    everyone = np.ones(turn.runs, bool)
    for key in ROLE_KEYS:
        if key in ("partner", "gp_registrar"):
            continue
        for count in (10, 5, 2, 1):
            turn.decide(HireDecision(key, count), everyone)


def act_wellbeing_every_month(turn: Turn) -> None:
    turn.decide(InvestDecision("staff_wellbeing"), np.ones(turn.runs, bool))


def act_leave_every_scheme(turn: Turn) -> None:
    """Month 1: leave the PCN's enhanced access (and so the Network DES) and switch off the
    access channels the CAIP payment asks for."""
    if turn.month == 1:
        everyone = np.ones(turn.runs, bool)
        turn.decide(SetEnhancedAccessDecision(False), everyone)
        turn.decide(SetAccessChannelsDecision(False, False), everyone)


_PLAYS_EVERYTHING = {a: 1.0 for a in CORE_ASPECTS}

POLICIES: dict[str, Policy] = {p.name: p for p in (
    DoNothingPolicy("do-nothing", "Takes no decisions and lets every event card lapse (what "
                    "happens when nobody in the practice decides anything).", jitter=0.0),
    RandomPolicy("random", "A random choice at every event, and a random decision in a "
                 "quarter of its months: the widest spread of play.", act=act_random),
    Policy("cost-cutter", "Cuts locums, pay awards, enhanced access and a receptionist; picks "
           "the cheapest choice.", {"money": 3.0, "patients": 0.2, "team": 0.2},
           act=act_cost_cutter),
    Policy("staff-cutter", "An adversary: no pay award, no consultation, posts released "
           "every other month in reception, nursing and the salaried GPs; picks what saves "
           "money now, whoever it costs.", {"money": 3.0, "cash_now": 1.0, "team": -1.0,
                                           "staffing": -0.5}, act=act_staff_cutter),
    Policy("cut-corners", "An adversary: no pay award, out of the PCN's rota, locums cut hard; "
           "at every card picks what costs least and asks least of the practice, skipping "
           "what the team, patients or quality would need.", {"money": 2.0, "cash_now": 1.0,
                                                              "team": -1.0, "quality": -1.0,
                                                              "patients": -0.5},
           act=act_cut_corners),
    Policy("people-first", "A generous pay award, wellbeing investment and more GP time when "
           "the team is stretched; picks what is kindest to the team.",
           {"team": 3.0, "staffing": 1.5, "patients": 1.0, "money": 0.3, "leadership": 0.5},
           act=act_people_first),
    Policy("growth", "Borrows to hire GPs, nurses and every ARRS role it can claim, and "
           "refurbishes; picks choices that add staff, patients and income.",
           {"staffing": 2.0, "patients": 1.5, "system": 1.0, "money": 1.0},
           act=act_growth),
    BalancedPolicy("balanced", "A sensible partner: consults first, draws what the practice "
                   "earns, claims ARRS, replaces locums with salaried GPs, invests where the "
                   "practice is weak; weighs every side of a choice and the author's "
                   "leadership tags.", {**_PLAYS_EVERYTHING, "leadership": 1.5},
                   act=act_balanced),
    Policy("cash-first", "A partnership that protects this quarter's cash and the partners' "
           "drawings above all: asks the bank before cutting drawings, books locums rather than "
           "commit to salaries, is wary of sharing the profit with a new partner and of new "
           "workload; picks what keeps cash in hand now.",
           {"cash_now": 2.0, "drawings": 1.0, "team": 0.4, "patients": 0.3, "staffing": 0.3},
           jitter=0.5, act=act_cash_first),
    Policy("command-and-control", "A leader who imposes change quickly: total triage from the "
           "first month, hires the moment waits slip, tightens governance; picks the choice "
           "decided from the top over one that engages the team or builds a shared "
           "vision (the author's leadership tags), and weighs money, access and quality.",
           {"directive": 1.5, "money": 1.0, "patients": 0.6, "quality": 1.0, "staffing": 0.5,
            "team": 0.3}, act=act_command_and_control),
)}
DEFAULT_POLICIES: tuple[str, ...] = tuple(POLICIES)

ADVERSARIAL: tuple[Policy, ...] = (
    AdversarialPolicy("strip-the-staff", "Releases every receptionist, nurse and HCA in the "
                      "first month and books no locums.", jitter=0.0, act=act_strip_the_staff),
    AdversarialPolicy("zero-locums", "Books no locum sessions from the first month.",
                      jitter=0.0, act=act_zero_locums),
    AdversarialPolicy("max-drawings", "Draws £30,000 a partner a month from the first month.",
                      jitter=0.0, act=act_max_drawings),
    AdversarialPolicy("hire-everything", "Advertises every post it is allowed to, every "
                      "month.", jitter=0.0, act=act_hire_everything),
    AdversarialPolicy("wellbeing-every-month", "Buys the staff wellbeing programme every "
                      "month.", jitter=0.0, act=act_wellbeing_every_month),
    AdversarialPolicy("leave-every-scheme", "Leaves enhanced access (and with it the Network "
                      "DES) and switches off cloud phones and online consultation.",
                      jitter=0.0, act=act_leave_every_scheme),
)
#: Reckless strategies: ``balance`` warns when one beats a practice left alone.
ADVERSARIAL_POLICIES: tuple[str, ...] = tuple(p.name for p in ADVERSARIAL)
POLICIES.update({p.name: p for p in ADVERSARIAL})


def get_policy(name: str) -> Policy:
    try:
        return POLICIES[name]
    except KeyError:
        raise ValueError(f"unknown policy '{name}' (known: {', '.join(POLICIES)})") from None
