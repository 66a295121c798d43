"""What a decision or an event choice would do, shown before it is taken.

``preview(run, decision)`` asks the model itself: it applies the decision to a copy of the
state (so a refusal shows the model's own message before anything is committed);
``preview_choice(run, event, choice)`` plays an event choice's effects on a copy of the world
and names what they change and cost. Both then play ``FUTURES`` seeded futures of the next
``HORIZON`` months at once, as one batch of the model, with and without the move: each future
has its own luck (a run id of its own), the same with and without, and no events. The
difference is shown as the middle of the futures and the likely range (the middle 80%):
"routine wait -1.5 days, likely -2.5 to -0.5". The horizon never shrinks: near the end of a
scenario the futures run past its last month, and the preview says so. Nothing here changes
the run.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

import numpy as np

from ..model import advance
from ..model.decisions import Decision, DecisionError, HireDecision
from ..model.money import pay_costs
from ..model.noise import draw_streams, state_streams
from ..model.roles import LAG, ROLES, role_index
from ..model.state import PracticeState
from ..scenario.effects import EFFECTS
from ..scenario.runtime import ScenarioRun
from ..scenario.spec import ChoiceSpec, EventSpec
from ..scenario.world import World
from .changes import copy_world, try_choice
from .wording import count, money, month_name

#: Months projected ahead (a hire starts after up to four months).
HORIZON = 4
#: Futures played for a preview: enough for a steady 80% range, few enough to stay quick.
FUTURES = 300
#: Run ids of the futures: far from the run ids of players and teams, so a preview never
#: shows the player's own luck.
FUTURE_RUN_IDS = tuple(range(1_000_000, 1_000_000 + FUTURES))
#: The share of futures inside the "likely" range.
LIKELY = 0.8
#: Cash projections within this many pounds of each other are shown as one figure.
CLOSE_GBP = 100.0
#: How the projections are made, in a line for the screens that show them.
METHOD = (f"Projections: the middle of {FUTURES} seeded futures of the next {HORIZON} months "
          "with and without the move, no events; 'likely' is the middle 80%.")
FIGURES = ("cash_gbp", "wait_days", "staff_wellbeing", "patient_satisfaction")


@dataclass(frozen=True)
class Preview:
    ok: bool
    message: str
    effects: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Spread:
    """A projected difference over the futures: the middle and the likely range."""

    middle: float
    low: float
    high: float

    @classmethod
    def of(cls, diffs: np.ndarray) -> Spread:
        tail = (1.0 - LIKELY) / 2 * 100
        low, mid, high = np.percentile(diffs, [tail, 50.0, 100.0 - tail])
        return cls(float(mid), float(low), float(high))

    def words(self, fmt: str, unit: str = "", scale: float = 1.0, close: float = 0.0) -> str:
        """"+0.9 days, likely +0.7 to +4.0"; just the middle where the futures agree to
        within ``close`` (before ``scale``) or to the digits shown. A middle that rounds to
        nothing is "no change" (with the range when the futures spread either side)."""
        mid, low, high = (_signed(x * scale, fmt) for x in (self.middle, self.low, self.high))
        agree = low == high or self.high - self.low <= close
        if _reads_zero(mid):
            return "no change" if agree else f"no change, likely {low} to {high}{unit}"
        if agree:
            return f"{mid}{unit}"
        return f"{mid}{unit}, likely {low} to {high}"


def _all_zero(words: str) -> bool:
    """Whether every number in a projected figure's words reads as nothing ("0.0 days")."""
    numbers = [t.strip("+;,") for t in words.split() if any(ch.isdigit() for ch in t)]
    return all(float(n.replace("£", "").replace(",", "")) == 0 for n in numbers)


def _reads_zero(text: str) -> bool:
    return float(text.replace("£", "").replace(",", "")) == 0


def _signed(x: float, fmt: str) -> str:
    """A signed figure as shown ("+£1,200", "-0.4"); one that rounds to nothing has no sign."""
    text = money(abs(x)) if fmt == "money" else format(abs(x), fmt)
    if _reads_zero(text):
        return text
    return ("+" if x > 0 else "-") + text


# -- previews ------------------------------------------------------------------------------------
def preview(run: ScenarioRun, decision: Decision) -> Preview:
    state = run.world.state
    try:
        changed = decision.apply(state, run.params, run.active)
    except DecisionError as exc:
        return Preview(False, str(exc))
    one_off = float(changed.pending_one_off_gbp[0] - state.pending_one_off_gbp[0])
    lines = [f"One-off cost this month: {money(one_off)}." if one_off >= 1
             else "No one-off cost."]
    if isinstance(decision, HireDecision):
        lines.extend(_hire_lines(run, decision))
    trial = copy_world(run.world)
    trial.state = changed
    projected = projection(run, trial)
    lines.extend(projected + [METHOD] if projected else
                 ["Already in place: the practice is set this way now, so nothing would change."])
    return Preview(True, decision.describe(), lines)


def preview_choice(run: ScenarioRun, event: EventSpec, choice: ChoiceSpec) -> Preview:
    """What an event choice costs and changes, and its projected effect, before it is made.
    A choice with chance outcomes lists each with its chance and what it changes, and the
    projection mixes them by their chances."""
    rate = float(run.params.locum_session_rate_gbp)
    trial, words = try_choice(run.world, choice, run.month, rate)
    lines = [w[0].upper() + w[1:] + "." for w in words]
    if not choice.outcomes:
        lines = lines or ["Changes nothing the model measures."]
        return Preview(True, choice.label, lines + projection(run, trial))
    if lines:
        lines.insert(0, "Whatever happens:")
    lines.append("It turns out one of these ways, by chance:")
    mix: list[tuple[World, float]] = []
    for out, chance in zip(choice.outcomes, choice.chances(), strict=True):
        world, said = try_choice(trial, out, run.month, rate)
        lines.append(f"{chance:.0%} chance, {out.label}: "
                     + ("; ".join(said) if said else "nothing more changes") + ".")
        mix.append((world, chance))
    return Preview(True, choice.label, lines + projection(run, mix))


def _hire_lines(run: ScenarioRun, decision: HireDecision) -> list[str]:
    r = role_index(decision.role)
    role = ROLES[r]
    lines = [f"Starts after about {count(int(LAG[r]), 'month')} if the post "
             f"is filled ({role.fill_probability_per_month:.0%} chance a month)."]
    if not role.salary_gbp:
        return lines
    one = np.zeros((1, len(ROLES)))
    one[0, r] = 1.0
    cost = float(pay_costs(one, one, run.world.state.take(0), run.params)[3][0, r]) * 12.0
    if not role.arrs_cap_gbp:
        return lines + [f"Costs about {money(cost)} a year per FTE with on-costs "
                        f"(salary {money(role.salary_gbp)})."]
    net = max(cost - role.arrs_cap_gbp, 0.0)
    return lines + [f"Net cost to the practice about {money(net)} a year per FTE: "
                    f"{money(cost)} with on-costs, less up to {money(role.arrs_cap_gbp)} "
                    "ARRS reimbursement while the PCN's ARRS sum has room."]


# -- the futures ----------------------------------------------------------------------------------
def _futures(run: ScenarioRun, world: World) -> dict[str, np.ndarray]:
    """Each figure at the horizon, over the futures, starting from ``world`` (run 0)."""
    n = len(FUTURE_RUN_IDS)
    batch = World(world.state.take(np.zeros(n, int)), run.params)
    batch.recruitment_market = np.full(n, float(np.asarray(world.recruitment_market)[0]))
    streams = state_streams(world.state.person_ids)
    noise = draw_streams(run.seed, FUTURE_RUN_IDS, HORIZON, streams, first_month=run.month - 1)
    everyone = np.ones(n, bool)
    inspect = np.full(n, bool(world.force_inspection[0]))
    record = None
    for k in range(HORIZON):
        for due in (s for s in world.scheduled if s.due_month == run.month + k and k > 0):
            EFFECTS.get(due.name).func(batch, everyone, **due.args)
        batch.state, record = advance(batch.state, run.params, noise[:, k],
                                      recruitment_market=batch.recruitment_market,
                                      force_inspection=inspect)
        inspect = np.zeros(n, bool)
    assert record is not None
    return {key: np.asarray(record[key], float) for key in FIGURES}


def _base_futures(run: ScenarioRun) -> dict[str, np.ndarray]:
    """The futures without the move: the same for every preview until the world changes, so
    kept beside the state they were played from (an event card's choices and a panel's
    edits share them)."""
    w = run.world
    key = (run.seed, run.month, float(np.asarray(w.recruitment_market)[0]),
           bool(w.force_inspection[0]), tuple((s.due_month, s.name, str(s.args))
                                              for s in w.scheduled))
    kept = _BASE.get(id(w.state))
    if kept is None or kept[0]() is not w.state or kept[1] != key:
        kept = (weakref.ref(w.state), key, _futures(run, w))
        _BASE[id(w.state)] = kept
        while len(_BASE) > BASES_KEPT:
            _BASE.pop(next(iter(_BASE)))
    return kept[2]


#: Base futures kept, by the state they start from (checked to be the same state object).
BASES_KEPT = 8
_BASE: dict[int, tuple[weakref.ref[PracticeState], tuple[object, ...],
                       dict[str, np.ndarray]]] = {}


def _mixed_futures(run: ScenarioRun, mix: list[tuple[World, float]]) -> dict[str, np.ndarray]:
    """The futures of several worlds mixed by their chances: each world plays a share of the
    futures in proportion to its chance (each future keeps its own luck)."""
    n = len(FUTURE_RUN_IDS)
    cuts = np.round(np.cumsum([0.0] + [p for _, p in mix]) * n).astype(int)
    out = {k: np.zeros(n) for k in FIGURES}
    for (world, _), a, b in zip(mix, cuts[:-1], cuts[1:], strict=True):
        if b > a:
            played = _futures(run, world)
            for k in FIGURES:
                out[k][a:b] = played[k][a:b]
    return out


def projection(run: ScenarioRun, changed: World | list[tuple[World, float]]) -> list[str]:
    """The projected difference ``changed`` makes against the run's world as it stands, in
    words; none if it makes no difference in any future. ``changed`` may be several worlds
    with their chances (a choice's chance outcomes)."""
    base = _base_futures(run)
    new = _futures(run, changed) if isinstance(changed, World) else _mixed_futures(run, changed)
    d = {k: new[k] - base[k] for k in FIGURES}
    if all(np.abs(v).max() < 1e-6 for v in d.values()):
        return []
    s = {k: Spread.of(v) for k, v in d.items()}
    cal = (run.world.state.calendar_month - 1 + HORIZON - 1) % 12 + 1
    parts = [f"cash {s['cash_gbp'].words('money', close=CLOSE_GBP)}",
             f"routine wait {s['wait_days'].words('.1f', ' days')}",
             f"team wellbeing {s['staff_wellbeing'].words('.2f')}",
             f"satisfaction {s['patient_satisfaction'].words('.1f', ' points', 100.0)}"]
    moved = [p for p in parts if not _all_zero(p)]
    text = (f"In {HORIZON} months (to {month_name(cal)}), all else equal: "
            + ("; ".join(moved) if moved else "no figure moves noticeably") + ".")
    lines = [text]
    last = run.month + HORIZON - 1
    if last > run.months:
        past = last - run.months
        lines.append(f"That runs {count(past, 'month')} past the scenario's "
                     f"end (month {run.months}), so a change that pays back later is not "
                     "shown as pure cost.")
    return lines
