"""Playing a scenario many times under each policy: the raw outcomes a balance report reads.

Runs are played in chunks of at most ``CHUNK`` (bounding memory: the random streams of 10,000
runs over 24 months take about 100 MB). Within a chunk every policy meets the same luck: the
streams are drawn once, per run id, and shared, so differences between policies are the
policies' doing and not chance (common random numbers).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..model.noise import draw_streams
from ..scenario.runtime import ScenarioRun, chance_choices, scenario_streams
from ..scenario.spec import EventSpec, ScenarioSpec
from ..scoring import leadership_profile, score_arrays
from .features import aspect_matrix
from .policies import LAPSE, Policy, Turn, get_policy

CHUNK = 10_000
#: Without goals, a run wins when it finishes with an overall score of at least this.
WIN_SCORE = 60.0

Progress = Callable[[int, int], None]


@dataclass
class Outcome:
    """What one policy's runs came to: arrays over runs."""

    policy: Policy
    scores: dict[str, np.ndarray] = field(default_factory=dict)
    ended: np.ndarray = field(default_factory=lambda: np.zeros(0, object))
    goals: dict[str, np.ndarray] = field(default_factory=dict)
    fired: dict[str, np.ndarray] = field(default_factory=dict)
    last_choice: dict[str, np.ndarray] = field(default_factory=dict)
    answers: dict[str, np.ndarray] = field(default_factory=dict)  # event -> count per choice
    lapsed: dict[str, int] = field(default_factory=dict)  # event -> times its card lapsed
    #: "event.choice" -> how often each of the choice's chance outcomes came up
    turned: dict[str, np.ndarray] = field(default_factory=dict)
    #: (runs, 9) leadership levels: -1 not yet shown, 0 essential ... 3 exemplary
    levels: np.ndarray = field(default_factory=lambda: np.zeros((0, 9), int))

    @property
    def runs(self) -> int:
        return len(self.ended)

    @property
    def won(self) -> np.ndarray:
        """Runs that finished without an end condition and met every goal."""
        ok = self.ended == ""
        if self.goals:
            for met in self.goals.values():
                ok = ok & met
        else:
            ok = ok & (self.scores["overall"] >= WIN_SCORE)
        return ok


def draw_month_major(seed: int, run_ids: Sequence[int], months: int,
                     streams: Sequence[str]) -> np.ndarray:
    """``draw_streams`` laid out month-major: the same numbers, but one month of every run is
    contiguous in memory, which makes ``advance`` on a large batch markedly faster."""
    noise = draw_streams(seed, run_ids, months, streams)
    return np.ascontiguousarray(noise.transpose(1, 0, 2)).transpose(1, 0, 2)


def sweep(scenario: ScenarioSpec, runs: int, policies: Sequence[str], seed: int = 1, *,
          months: int | None = None, progress: Progress | None = None) -> list[Outcome]:
    """Play ``runs`` runs of ``scenario`` under each named policy."""
    chosen = [get_policy(name) for name in policies]
    months = months or scenario.length_months
    outcomes = [Outcome(p) for p in chosen]
    total, done = runs * len(chosen) * months, 0
    streams = scenario_streams(scenario)
    for start in range(0, runs, CHUNK):
        ids = list(range(start, min(start + CHUNK, runs)))
        noise = draw_month_major(seed, ids, months, streams)
        for k, policy in enumerate(chosen):
            rng = np.random.default_rng([seed, k, start])
            run = ScenarioRun(scenario, seed, ids, months, noise=noise)

            def tick(n: int = len(ids)) -> None:
                nonlocal done
                done += n
                if progress:
                    progress(done, total)

            _merge(outcomes[k], play(run, policy, rng, tick))
    return outcomes


def play(run: ScenarioRun, policy: Policy, rng: np.random.Generator,
         tick: Callable[[], None] = lambda: None) -> Outcome:
    """Play ``run`` to the end under ``policy`` and gather its outcome."""
    aspects = aspect_matrix(run.scenario)
    answers = {e.id: np.zeros(len(e.choices), int) for e in run.scenario.events}
    turned = {f"{e.id}.{c.id}": np.zeros(len(c.outcomes), int)
              for e, c in chance_choices(run.scenario)}
    lapsed = dict.fromkeys(answers, 0)
    turn = Turn(run, rng)
    months_played = 0
    while not run.finished:
        fired_now = run.begin_month()
        turn.begin()
        for fired in fired_now:
            index = policy.choose(turn, fired, aspects[fired.event.id])
            decided = fired.mask & (index != LAPSE)
            if decided.any():
                run.choose(fired.event.id, index, decided)
                _tally_outcomes(turned, fired.event, index, decided, run.actions[-1].outcome)
            answers[fired.event.id] += np.bincount(index[decided],
                                                   minlength=len(fired.event.choices))
            lapsed[fired.event.id] += int((fired.mask & ~decided).sum())
        policy.act(turn)
        run.end_month()
        months_played += 1
        tick()
    for _ in range(months_played, run.months):
        tick()  # every run ended early: count the months not played
    w = run.world
    scores = score_arrays(run)
    met = scores.pop("goals_met")
    goals = {g.id: met[:, k] for k, g in enumerate(run.scenario.goals)}
    return Outcome(
        policy, scores=scores, ended=run.ended.astype(str), goals=goals,
        fired={e.id: w.times_fired(e.id).copy() for e in run.scenario.events},
        last_choice={e.id: w.choice(e.id).copy() for e in run.scenario.events},
        answers=answers, lapsed=lapsed, levels=leadership_profile(run).level_index(),
        turned=turned)


def _tally_outcomes(turned: dict[str, np.ndarray], event: EventSpec, index: np.ndarray,
                    decided: np.ndarray, outcome: np.ndarray | None) -> None:
    """Count how the choices with chance outcomes turned out in the runs that took them."""
    for i, choice in enumerate(event.choices):
        took = decided & (index == i)
        if choice.outcomes and outcome is not None and took.any():
            turned[f"{event.id}.{choice.id}"] += np.bincount(
                outcome[took], minlength=len(choice.outcomes))


def _merge(into: Outcome, part: Outcome) -> None:
    if into.runs == 0:
        into.scores, into.ended, into.goals = part.scores, part.ended, part.goals
        into.fired, into.last_choice, into.answers = part.fired, part.last_choice, part.answers
        into.lapsed, into.levels, into.turned = part.lapsed, part.levels, part.turned
        return
    into.scores = {k: np.concatenate([into.scores[k], v]) for k, v in part.scores.items()}
    into.ended = np.concatenate([into.ended, part.ended])
    into.goals = {k: np.concatenate([into.goals[k], v]) for k, v in part.goals.items()}
    into.fired = {k: np.concatenate([into.fired[k], v]) for k, v in part.fired.items()}
    into.last_choice = {k: np.concatenate([into.last_choice[k], v])
                        for k, v in part.last_choice.items()}
    into.answers = {k: into.answers[k] + v for k, v in part.answers.items()}
    into.lapsed = {k: into.lapsed.get(k, 0) + v for k, v in part.lapsed.items()}
    into.turned = {k: into.turned[k] + v for k, v in part.turned.items()}
    into.levels = np.concatenate([into.levels, part.levels])
