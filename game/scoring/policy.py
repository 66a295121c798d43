"""Ways of playing a scenario, and playing many of them side by side in one batch.

A ``Policy`` is what a player did, month by month, in the order they did it: decisions taken and
answers given to events. ``Policy.from_run`` reads it off a played run; ``with_choice`` and
``without`` make the alternatives the debrief compares; ``play_policies`` plays several policies
over the same seeded runs in one batch, so each alternative meets exactly the same luck.

When a policy meets an event in a month where the player did not (another seed's luck, or an
earlier change of course), it gives the answer the player last gave to that event; an event the
player never answered is left to lapse at the month's end, as it did in the player's run. A
decision the practice cannot take in some runs (cash too short, say) is skipped in those runs
only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ..model.decisions import Decision, DecisionError
from ..model.noise import draw_streams
from ..scenario.runtime import ScenarioRun, scenario_streams
from ..scenario.spec import ScenarioSpec


@dataclass(frozen=True)
class Step:
    """One thing done in a month: a decision, or the answer to an event (None: left to the
    month's end)."""

    decision: Decision | None = None
    event: str = ""
    choice: str | None = None
    #: the choices that were on the card (``shown_if``); None: every choice
    offered: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Policy:
    """A way of playing: the steps of each month, and the standing answer to each event."""

    steps: dict[int, tuple[Step, ...]] = field(default_factory=dict)
    standing: dict[str, tuple[int, str]] = field(default_factory=dict)  # event -> (month, id)
    injected: dict[int, tuple[str, ...]] = field(default_factory=dict)  # by a facilitator

    @classmethod
    def from_run(cls, run: ScenarioRun, i: int = 0,
                 injected: dict[int, tuple[str, ...]] | None = None) -> Policy:
        """What run ``i`` did, in the order it did it. ``injected``: the events a facilitator
        fired by hand, by month (from the decision log), so that every replay meets them."""
        steps: dict[int, list[Step]] = {}
        standing: dict[str, tuple[int, str]] = {}
        ids = run.world.choice_ids
        for act in run.actions:
            if not act.mask[i]:
                continue
            if act.decision is not None:
                step = Step(decision=act.decision)
            else:
                assert act.choice is not None
                choice = None if act.settled else ids[act.event][int(act.choice[i])]
                offered = None if act.shown is None else tuple(
                    c for c, on in zip(ids[act.event], act.shown[i], strict=True) if on)
                step = Step(event=act.event, choice=choice, offered=offered)
                if choice is not None:
                    standing[act.event] = (act.month, choice)
            steps.setdefault(act.month, []).append(step)
        return cls({m: tuple(s) for m, s in steps.items()}, standing, dict(injected or {}))

    def answered(self, month: int) -> set[str]:
        return {s.event for s in self.steps.get(month, ()) if s.event}

    def with_choice(self, month: int, event: str, choice: str) -> Policy:
        """The same, but answering ``event`` in ``month`` with ``choice`` (and, if that was
        where the standing answer came from, answering it so elsewhere too)."""
        steps = dict(self.steps)
        steps[month] = tuple(replace(s, choice=choice) if s.event == event else s
                             for s in self.steps.get(month, ()))
        standing = dict(self.standing)
        if standing.get(event, (None,))[0] == month:
            standing[event] = (month, choice)
        return Policy(steps, standing, self.injected)

    def without(self, month: int, k: int) -> Policy:
        """The same, without the ``k``-th step of ``month``."""
        steps = dict(self.steps)
        steps[month] = self.steps[month][:k] + self.steps[month][k + 1:]
        return Policy(steps, self.standing, self.injected)


@dataclass
class BatchPlay:
    """The outcome of ``play_policies``: the run and where each policy's rows are."""

    run: ScenarioRun
    groups: int
    per_group: int
    skipped: list[dict[str, Any]] = field(default_factory=list)

    def rows(self, g: int) -> slice:
        return slice(g * self.per_group, (g + 1) * self.per_group)


def play_policies(scenario: ScenarioSpec, seed: int, run_ids: Sequence[int],
                  policies: Sequence[Policy], months: int | None = None) -> BatchPlay:
    """Play every policy over the same ``run_ids`` in one batch (rows grouped by policy)."""
    months = months or scenario.length_months
    ids = list(run_ids)
    noise = draw_streams(seed, ids, months, scenario_streams(scenario))
    run = ScenarioRun(scenario, seed, ids * len(policies), months=months,
                      noise=np.tile(noise, (len(policies), 1, 1)))
    batch = BatchPlay(run, len(policies), len(ids))
    masks = []
    for g in range(len(policies)):
        m = np.zeros(run.world.runs, bool)
        m[batch.rows(g)] = True
        masks.append(m)
    while not run.finished:
        run.begin_month()
        for g, policy in enumerate(policies):
            for event in policy.injected.get(run.month, ()):
                run.inject(event, masks[g])
        fired = {f.event.id for f in run.fired_now}
        for g, policy in enumerate(policies):
            _play_month(batch, policy, masks[g], fired, g)
        run.end_month()
    return batch


def _play_month(batch: BatchPlay, policy: Policy, mask: np.ndarray, fired: set[str],
                g: int) -> None:
    run = batch.run
    month = run.month
    for step in policy.steps.get(month, ()):
        if step.decision is not None:
            skipped = _decide_where_possible(run, step.decision, mask)
            if skipped:
                batch.skipped.append({"group": g, "month": month, "runs": skipped,
                                      "decision": step.decision.describe()})
        elif step.choice is not None and step.event in fired:
            run.choose(step.event, step.choice, mask & _offered(run, step.event, step.choice))
    answered = policy.answered(month)
    for event in fired - answered:
        if event in policy.standing:
            choice = policy.standing[event][1]
            run.choose(event, choice, mask & _offered(run, event, choice))


def _offered(run: ScenarioRun, event: str, choice: str) -> np.ndarray:
    """The runs whose card of ``event`` shows ``choice`` this month (in the others a replayed
    answer is not open to them, and the card lapses)."""
    return next(f for f in run.fired_now if f.event.id == event).offered(choice)


def _decide_where_possible(run: ScenarioRun, decision: Decision, mask: np.ndarray) -> int:
    """Apply where the practice can; halve the mask around refusals. Returns runs skipped."""
    mask = mask & run.active
    if not mask.any():
        return 0
    try:
        run.decide(decision, mask)
        return 0
    except DecisionError:
        rows = np.flatnonzero(mask)
        if rows.size == 1:
            return 1
    half = np.zeros_like(mask)
    half[rows[: rows.size // 2]] = True
    return (_decide_where_possible(run, decision, half)
            + _decide_where_possible(run, decision, mask & ~half))
