"""Playing a scenario: events, choices, decisions and end conditions around the model.

``ScenarioRun`` plays one scenario for a batch of runs (one for the game, a handful for a
facilitated session, thousands for a balance sweep). Each month:

1. ``begin_month`` applies effects that fell due and finds the events that fire (per run);
2. the player's decisions (``decide``) and event answers (``choose``) are applied;
3. ``end_month`` lets any event card nobody answered lapse, advances the model one month and
   checks the end conditions.

A lapsed card is an outcome of its own: the event's ``if_no_decision`` says what it does (its
effects, feedback and leadership evidence). An event that says nothing does nothing when it
lapses: none of its choices happens. Every front end (the game, headless runs, group and live
sessions) settles a month here, so all of them follow this one rule.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..model import MonthRecord, Params, PracticeProfile, advance, start_state
from ..model.decisions import Decision, DecisionError
from ..model.noise import draw_streams, event_stream, outcome_stream, state_streams
from .cards import Card, FiredEvent, holds, refuse_hidden, variant
from .effects import EFFECTS
from .seasons import as_injected, out_of_season
from .spec import ChoiceSpec, EffectSpec, EventSpec, ScenarioSpec
from .world import ScheduledEffect, World


def scenario_streams(scenario: ScenarioSpec) -> tuple[str, ...]:
    """The named random streams a run of ``scenario`` reads: the model's, each named
    person's, then one per event, then one per choice with chance outcomes (a scenario without
    people or outcomes reads no more)."""
    return (model_streams(scenario) + tuple(event_stream(e.id) for e in scenario.events)
            + tuple(outcome_stream(e.id, c.id) for e, c in chance_choices(scenario)))


def model_streams(scenario: ScenarioSpec) -> tuple[str, ...]:
    """The streams ``advance`` reads for ``scenario``: the model's and its people's."""
    return state_streams([p.id for p in scenario.people])


def scenario_profile(scenario: ScenarioSpec) -> PracticeProfile:
    """The practice at the start, with the scenario's named people."""
    return replace(scenario.practice.profile(scenario.start_month),
                   people=tuple(p.profile() for p in scenario.people))


def chance_choices(scenario: ScenarioSpec) -> list[tuple[EventSpec, ChoiceSpec]]:
    """Every choice with chance outcomes, in the scenario's order."""
    return [(e, c) for e in scenario.events for c in e.choices if c.outcomes]


def draw_outcome(choice: ChoiceSpec, u: np.ndarray) -> np.ndarray:
    """Which outcome of ``choice`` each uniform number in ``u`` picks (by the weights)."""
    edges = np.cumsum(choice.chances())[:-1]
    return np.searchsorted(edges, u, side="right")


@dataclass(frozen=True)
class ActionRecord:
    """A decision or an event answer applied in ``month`` to the runs in ``mask`` (for scoring:
    leadership patterns read what was done and when, not only the last answer per event)."""

    month: int
    mask: np.ndarray
    decision: Decision | None = None
    event: str = ""
    choice: np.ndarray | None = None  # index of the choice taken per run (-1: none, lapsed)
    outcome: np.ndarray | None = None  # index of the chance outcome per run (-1: none)
    #: which variant of the choice's feedback (then of its outcome's) each run reads
    feedback: np.ndarray | None = None
    outcome_feedback: np.ndarray | None = None
    shown: np.ndarray | None = None  # (runs, choices): the choices on each run's card
    settled: bool = False  # nobody answered: the card lapsed at the month's end


class ScenarioRun:
    """A scenario in play for ``len(run_ids)`` runs sharing one seed."""

    def __init__(self, scenario: ScenarioSpec, seed: int, run_ids: list[int] | None = None,
                 months: int | None = None, noise: np.ndarray | None = None) -> None:
        """``noise``, if given, is ``draw_streams(seed, run_ids, months, scenario_streams(...))``
        drawn earlier
        (a balance sweep shares one draw between its policies); it is read, never written."""
        self.scenario = scenario
        self.seed = int(seed)
        self.run_ids = list(run_ids) if run_ids is not None else [0]
        self.months = months if months is not None else scenario.length_months
        self.params = Params().with_overrides(scenario.parameters)
        state = start_state(scenario_profile(scenario), self.params, len(self.run_ids))
        self.model_width = len(model_streams(scenario))
        self.world = World(state, self.params,
                           choice_ids={e.id: [c.id for c in e.choices] for e in scenario.events},
                           person_names={p.id: p.name for p in scenario.people},
                           outcome_ids={(e.id, c.id): [o.id for o in c.outcomes]
                                        for e, c in chance_choices(scenario)})
        self.world.recruitment_market = np.full(state.runs, scenario.recruitment_market)
        self.world.counters = {c.id: np.full(state.runs, c.start) for c in scenario.counters}
        streams = scenario_streams(scenario)
        shape = (len(self.run_ids), self.months, len(streams))
        if noise is not None and noise.shape != shape:
            raise ValueError(f"noise has shape {noise.shape}, expected {shape}")
        self.noise = noise if noise is not None else draw_streams(self.seed, self.run_ids,
                                                                  self.months, streams)
        first = self.model_width + len(scenario.events)
        self._outcome_slot = {(e.id, c.id): first + k
                              for k, (e, c) in enumerate(chance_choices(scenario))}
        self.history: list[MonthRecord] = []
        self.actions: list[ActionRecord] = []
        self.ended = np.full(state.runs, "", dtype=object)
        self._active = np.ones(state.runs, bool)  # kept beside ``ended``: read every call
        self.fired_now: list[FiredEvent] = []
        self._answered: dict[str, np.ndarray] = {}
        self._begun = False

    # -- the month's steps -------------------------------------------------------------
    @property
    def month(self) -> int:
        """The month being played (1-based)."""
        return self.world.month

    @property
    def finished(self) -> bool:
        return self.month > self.months or not self._active.any()

    @property
    def active(self) -> np.ndarray:
        """Runs still playing (not ended by an end condition)."""
        return self._active

    def begin_month(self) -> list[FiredEvent]:
        """Apply effects that are due and find this month's events. Idempotent in a month."""
        if self._begun:
            return self.fired_now
        if self.month > self.months:  # a finished game's screens may still ask
            raise ValueError(f"The scenario has ended: month {self.months} was the last.")
        self._begun = True
        w = self.world
        due = [s for s in w.scheduled if s.due_month <= self.month]
        w.scheduled = [s for s in w.scheduled if s.due_month > self.month]
        for s in due:
            EFFECTS.get(s.name).func(w, s.mask & self.active, **s.args)
        u = self.noise[:, self.month - 1, self.model_width:]
        self.fired_now = []
        for k, event in enumerate(self.scenario.events):
            mask = self._eligible(event) & (u[:, k] < event.trigger.probability) & self.active
            if mask.any():
                w.fired[event.id] = w.times_fired(event.id) + mask
                last = w.last_fired.get(event.id, np.full(w.runs, -999))
                w.last_fired[event.id] = np.where(mask, self.month, last)
                self.fired_now.append(self._fired(event, mask))
        self._answered = {f.event.id: np.zeros(w.runs, bool) for f in self.fired_now}
        return self.fired_now

    def inject(self, event_id: str, mask: np.ndarray | None = None) -> np.ndarray:
        """Fire one of the scenario's events now, for the runs in ``mask`` (a facilitator's
        teachable moment). Runs it already fired for this month, and runs that have ended, are
        left out; returns the runs it fired for. Recorded as if its trigger had fired.

        An event whose words set it in a season fires only in that season or, if its author
        gave it words for any month, with those words outside it (``seasons``); otherwise
        ``ValueError`` says why."""
        self.begin_month()
        if event_id not in self.world.choice_ids:
            raise ValueError(f"the scenario has no event '{event_id}'")
        w, event = self.world, self.scenario.event(event_id)
        calendar = int(np.asarray(w.state.calendar_month).reshape(-1)[0])
        why = out_of_season(event, calendar)
        if why:
            raise ValueError(why)
        event = as_injected(event, calendar)
        m = self.active if mask is None else (np.asarray(mask, bool) & self.active)
        k = next((j for j, f in enumerate(self.fired_now) if f.event.id == event_id), None)
        if k is not None:
            m = m & ~self.fired_now[k].mask
        if m.any():
            w.fired[event_id] = w.times_fired(event_id) + m
            last = w.last_fired.get(event_id, np.full(w.runs, -999))
            w.last_fired[event_id] = np.where(m, self.month, last)
            if k is None:
                self.fired_now.append(self._fired(event, m.copy()))
                self._answered[event_id] = np.zeros(w.runs, bool)
            else:
                old, new = self.fired_now[k], self._fired(event, m)
                self.fired_now[k] = FiredEvent(
                    event, old.mask | m, np.where(m[:, None], new.shown, old.shown),
                    np.where(m, new.briefing, old.briefing))
        return m

    def card(self, event_id: str, i: int) -> Card:
        """Event ``event_id``'s card as run ``i`` sees it: as it arrived if it fired this
        month, else as it would arrive now (a card shown outside its month, as a preview)."""
        fired = next((f for f in self.begin_month() if f.event.id == event_id), None)
        if fired is None:
            fired = self._fired(self.scenario.event(event_id), np.ones(self.world.runs, bool))
        return fired.card(i)

    def _fired(self, event: EventSpec, mask: np.ndarray) -> FiredEvent:
        """``event`` firing now in ``mask``: its card as each run's world stands."""
        shown = np.stack([holds(self.world, c.shown_if) for c in event.choices], axis=1)
        return FiredEvent(event, mask, shown, variant(self.world, event.briefing))

    def _eligible(self, event: EventSpec) -> np.ndarray:
        w, t = self.world, event.trigger
        if t.month is not None and self.month != t.month:
            return np.zeros(w.runs, bool)
        if t.months is not None and not t.months[0] <= self.month <= t.months[1]:
            return np.zeros(w.runs, bool)
        fired = w.times_fired(event.id)
        last = w.last_fired.get(event.id, np.full(w.runs, -999))
        allowed = (fired == 0) | (t.repeat & (self.month - last >= t.cooldown_months))
        return allowed & holds(w, t.when)

    def decide(self, decision: Decision, mask: np.ndarray | None = None) -> None:
        """Apply a player's decision (raises ``DecisionError`` if it cannot be taken)."""
        if self.month > self.months:
            raise DecisionError(f"The scenario has ended: month {self.months} was the last, "
                                "so no more decisions can be taken.")
        self.begin_month()
        m = self.active if mask is None else (np.asarray(mask, bool) & self.active)
        self.world.state = decision.apply(self.world.state, self.params, m)
        self.actions.append(ActionRecord(self.month, m.copy(), decision=decision))

    def choose(self, event_id: str, choice: str | np.ndarray,
               mask: np.ndarray | None = None) -> None:
        """Answer an event that fired this month: a choice id, or a choice index per run."""
        self.begin_month()
        fired = next((f for f in self.fired_now if f.event.id == event_id), None)
        if fired is None:
            raise ValueError(f"event '{event_id}' did not happen in month {self.month}")
        ids = [c.id for c in fired.event.choices]
        if isinstance(choice, str):
            if choice not in ids:
                raise ValueError(f"event '{event_id}' has no choice '{choice}' "
                                 f"(choices: {', '.join(ids)})")
            index = np.full(self.world.runs, ids.index(choice))
        else:
            index = np.asarray(choice, int)
        m = fired.mask & ~self._answered[event_id]
        if mask is not None:
            m &= np.asarray(mask, bool)
        refuse_hidden(fired, index, m)
        self._apply_choice(fired.event, index, m)
        self._answered[event_id] |= m

    def _apply_choice(self, event: EventSpec, index: np.ndarray, mask: np.ndarray) -> None:
        w = self.world
        w.choices[event.id] = np.where(mask, index, w.choice(event.id))
        outcome = np.full(w.runs, -1)
        said, said_after = self._feedback(event, index, mask), np.zeros(w.runs, int)
        for i, choice in enumerate(event.choices):
            chosen = mask & (index == i)
            if chosen.any():
                for eff in choice.effects:
                    self._apply_effect(eff, chosen, f"{event.id}.{choice.id}")
                if choice.outcomes:
                    outcome = np.where(chosen, self._turn_out(event, choice, chosen), outcome)
                    said_after = np.where(chosen, self._outcome_feedback(choice, outcome),
                                          said_after)
        w.outcomes[event.id] = np.where(mask, outcome, w.outcome(event.id))
        self.actions.append(ActionRecord(
            self.month, mask.copy(), event=event.id, choice=index.copy(), outcome=outcome,
            feedback=said, outcome_feedback=said_after, shown=self._card_of(event.id)))

    def _feedback(self, event: EventSpec, index: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Which variant of its feedback each run's choice reads, as the world stands before
        the choice's effects (what had happened when it was taken)."""
        out = np.zeros(self.world.runs, int)
        for i, choice in enumerate(event.choices):
            if isinstance(choice.feedback, list) and (mask & (index == i)).any():
                out = np.where(index == i, variant(self.world, choice.feedback), out)
        return out

    def _outcome_feedback(self, choice: ChoiceSpec, outcome: np.ndarray) -> np.ndarray:
        """Which variant of its outcome's feedback each run reads (after the outcome)."""
        out = np.zeros(self.world.runs, int)
        for k, o in enumerate(choice.outcomes):
            if isinstance(o.feedback, list):
                out = np.where(outcome == k, variant(self.world, o.feedback), out)
        return out

    def _card_of(self, event_id: str) -> np.ndarray | None:
        fired = next((f for f in self.fired_now if f.event.id == event_id), None)
        return None if fired is None else fired.shown.copy()

    def _turn_out(self, event: EventSpec, choice: ChoiceSpec, chosen: np.ndarray) -> np.ndarray:
        """Draw how ``choice`` turns out in the runs that took it, apply that outcome's
        effects, and return the outcome index per run."""
        slot = self._outcome_slot[(event.id, choice.id)]
        drawn = draw_outcome(choice, self.noise[:, self.month - 1, slot])
        for k, out in enumerate(choice.outcomes):
            hit = chosen & (drawn == k)
            if hit.any():
                for eff in out.effects:
                    self._apply_effect(eff, hit, f"{event.id}.{choice.id}.{out.id}")
        return drawn

    def lapse(self, event_id: str) -> np.ndarray:
        """Let this month's card ``event_id`` lapse now in the runs that have not answered it
        (as ``end_month`` would); returns those runs."""
        fired = next((f for f in self.begin_month() if f.event.id == event_id), None)
        if fired is None:
            raise ValueError(f"event '{event_id}' did not happen in month {self.month}")
        left = fired.mask & ~self._answered[event_id]
        if left.any():
            self._lapse(fired.event, left)
        return left

    def _lapse(self, event: EventSpec, mask: np.ndarray) -> None:
        """Nobody decided: record it, and apply what the author says inaction brings."""
        self._answered[event.id] |= mask
        self.actions.append(ActionRecord(self.month, mask.copy(), event=event.id,
                                         choice=np.full(self.world.runs, -1), settled=True,
                                         shown=self._card_of(event.id)))
        if event.if_no_decision is not None:
            for eff in event.if_no_decision.effects:
                self._apply_effect(eff, mask, f"{event.id}.if_no_decision")

    def _apply_effect(self, eff: EffectSpec, mask: np.ndarray, cause: str) -> None:
        if eff.after_months:
            self.world.scheduled.append(ScheduledEffect(
                self.month + eff.after_months, eff.name, eff.args, mask.copy(), cause))
        else:
            EFFECTS.get(eff.name).func(self.world, mask, **eff.args)

    def end_month(self) -> MonthRecord:
        """Let unanswered event cards lapse and play the month."""
        if self.finished:
            raise ValueError("the scenario has already ended")
        self.begin_month()
        for fired in self.fired_now:
            left = fired.mask & ~self._answered[fired.event.id]
            if left.any():
                self._lapse(fired.event, left)
        w = self.world
        # Runs that have ended carry on in the model (so their accounts stay whole); their
        # history is read up to the month they ended.
        w.state, record = advance(w.state, self.params,
                                  self.noise[:, self.month - 1, :self.model_width],
                                  recruitment_market=w.recruitment_market,
                                  force_inspection=w.force_inspection)
        w.force_inspection = np.zeros(w.runs, bool)
        self._check_end_conditions()
        record = MonthRecord({**record.values, "ended": self.ended.copy()})
        self.history.append(record)
        self._begun = False
        return record

    def _check_end_conditions(self) -> None:
        for end in self.scenario.end_conditions:
            hit = holds(self.world, end.when) & self.active
            self.ended = np.where(hit, end.id, self.ended)
            self._active = self._active & ~hit

    def play_default(self) -> None:
        """Play to the end with no decisions, every event card lapsing."""
        while not self.finished:
            self.end_month()

