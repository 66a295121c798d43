"""Named people: individual members of staff a scenario names, inside the role headcounts.

A named person is one of their role's heads, not an extra: the role's ``heads`` and ``fte``
include them. On top of the headcount the model follows, per run, each person's morale,
wellbeing (1 well, 0 unable to cope), trust in the player, absence (sickness or other leave,
with the scenario month they come back), the notice they have given and the concerns raised by
or about them. State is arrays of shape (runs, people), so a balance sweep follows every
person in every run at once.

How a person touches the rest of the practice:

- an absent person's FTE is taken out of capacity for the months they are away; their pay
  continues (sick pay and paid leave at full pay, a simplification: see docs/model.md);
- a person's own chance of resigning is their role's turnover, raised by their own strain,
  low morale and low trust in the player; a resignation joins the role's notice queue, and
  when the notice ends the person is gone and the role's headcount falls with them;
- a person whose wellbeing falls low may go off sick for a while;
- their morale follows their staff group's, shifted by how far they trust the player, and
  their wellbeing follows the group's burnout.

Every random draw a person needs comes from their own named stream (``noise.person_streams``),
so adding a person to a scenario changes no other draw. A person's month is one uniform
number ``u``: they resign if ``u`` is below their chance of resigning and go off sick if it is
above one less their chance of going off sick. The two cannot both happen in a month (each
chance is held at most a half, far above any plausible month), and each has exactly its own
chance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from .params import Params
from .roles import FTE_PER_HEAD, GROUP_OF, N_ROLES, NOTICE, TURNOVER

if TYPE_CHECKING:
    from .state import PracticeState

#: Kinds of absence: the index stored in ``person_absence``.
ABSENCE_KINDS: tuple[str, ...] = ("present", "sickness", "leave")
PRESENT, SICKNESS, LEAVE = 0, 1, 2
#: Wellbeing a person settles at with no burnout in their group and middling morale [E].
WELL = 0.85
#: Below this wellbeing a person may go off sick (the chance rises as it falls) [E].
SICK_LEAVE_BELOW = 0.4
#: The most either chance of a person's month may be, so that the two never overlap.
HALF = 0.5
#: ``person_notice`` of someone who has resigned this month, before the month is played: they
#: join the role's notice queue with the month's other resignations.
RESIGNING = -1


@dataclass(frozen=True)
class PersonProfile:
    """A named person as a scenario describes them at the start."""

    id: str
    role: str
    fte: float
    morale: float = 0.65
    wellbeing: float = 0.75
    trust: float = 0.6


@dataclass(frozen=True)
class _Roles:
    """Each person's role figures, looked up once per scenario."""

    groups: np.ndarray  # (P,) staff group index
    monthly_turnover: np.ndarray  # (P,) the role's turnover a month
    notice: np.ndarray  # (P,) the role's notice in months


@lru_cache(maxsize=64)
def _roles(roles: tuple[int, ...]) -> _Roles:
    index = np.asarray(roles, int)
    return _Roles(GROUP_OF[index], TURNOVER[index] / 12.0, NOTICE[index])


def count_by_role(state: PracticeState, which: np.ndarray) -> np.ndarray:
    """How many of the people in ``which`` (runs, people; bool) hold each role: (runs,
    roles)."""
    return by_role(state, which.astype(float))


def by_role(state: PracticeState, per_person: np.ndarray) -> np.ndarray:
    """A (runs, people) figure summed into each person's role: (runs, roles). The sums run
    person by person in a fixed order, so a run gets the same bits in any batch."""
    out = np.zeros((per_person.shape[0], N_ROLES))
    for p, r in enumerate(state.person_roles):
        out[:, r] += per_person[:, p]
    return out


def present(state: PracticeState) -> np.ndarray:
    """In post and at work (not absent), per run and person."""
    return state.person_in_post & (state.person_absence == PRESENT)


def absent_fte(state: PracticeState, gone: np.ndarray | None = None) -> np.ndarray:
    """FTE of named people in post but away (sick or on leave), by role (runs, roles); those
    ``gone`` this month are already out of the role's FTE."""
    away = state.person_in_post & (state.person_absence != PRESENT)
    if gone is not None:
        away &= ~gone
    return by_role(state, np.where(away, state.person_fte, 0.0))


def named_staying(state: PracticeState) -> np.ndarray:
    """Named people in post who have not given notice, by role (runs, roles)."""
    return count_by_role(state, state.person_in_post & (state.person_notice == 0))


def initial_arrays(people: tuple[PersonProfile, ...], runs: int) -> dict[str, np.ndarray]:
    """The people's starting state, tiled over ``runs``."""
    def tile(values: Sequence[float], dtype: type = float) -> np.ndarray:
        return np.tile(np.asarray(values, dtype=dtype).reshape(1, -1), (runs, 1))

    n = len(people)
    zeros = [0] * n
    return {
        "person_in_post": tile([True] * n, bool),
        "person_fte": tile([p.fte for p in people]),
        "person_morale": tile([p.morale for p in people]),
        "person_wellbeing": tile([p.wellbeing for p in people]),
        "person_trust": tile([p.trust for p in people]),
        "person_absence": tile(zeros, int),
        "person_return_month": tile(zeros, int),
        "person_notice": tile(zeros, int),
        "person_concerns_by": tile(zeros, int),
        "person_concerns_about": tile(zeros, int),
        "person_concerns_open": tile(zeros, int),
    }


def named_fte_by_role(people: tuple[PersonProfile, ...], role_keys: tuple[str, ...]
                      ) -> tuple[np.ndarray, np.ndarray]:
    """Heads and FTE of the named people by role (roles,), for the starting establishment."""
    heads, fte = np.zeros(N_ROLES), np.zeros(N_ROLES)
    for p in people:
        r = role_keys.index(p.role)
        heads[r] += 1
        fte[r] += p.fte
    return heads, fte


# -- the month's steps, called by ``advance`` --------------------------------------------------
def begin_month(state: PracticeState, params: Params, u: np.ndarray) -> PracticeState:
    """Returns from absence, people no longer in post, and new sick leave, for the month about
    to be played. ``u`` is (runs, people) uniforms from the people's streams."""
    month = state.month + 1
    in_post = _still_in_post(state)
    # an absence that an effect set this month to end now (the month's end clears the rest)
    away = in_post & (state.person_absence != PRESENT) & (month < state.person_return_month)
    chance = min(params.person_sick_leave_chance, HALF) / SICK_LEAVE_BELOW * np.maximum(
        SICK_LEAVE_BELOW - state.person_wellbeing, 0.0)
    falls_sick = in_post & ~away & (u > 1.0 - chance)
    months_off = int(params.person_sick_leave_months)
    return state.evolve(
        person_in_post=in_post,
        person_absence=np.where(falls_sick, SICKNESS,
                                np.where(away, state.person_absence, PRESENT)),
        person_return_month=np.where(falls_sick, month + months_off,
                                     np.where(away, state.person_return_month, 0)),
    )


def _still_in_post(state: PracticeState) -> np.ndarray:
    """Named people still in post: where a role's headcount has fallen below its named people
    (a post released, people leaving at once), the last-named of the role are the ones gone."""
    if not (count_by_role(state, state.person_in_post) > state.heads + 1e-9).any():
        return state.person_in_post
    in_post = state.person_in_post.copy()
    counted = np.zeros((state.runs, N_ROLES))
    for p, r in enumerate(state.person_roles):
        counted[:, r] += in_post[:, p]
        in_post[:, p] &= counted[:, r] <= state.heads[:, r] + 1e-9
    return in_post


def resignations(state: PracticeState, params: Params, u: np.ndarray,
                 group_burnout: np.ndarray) -> np.ndarray:
    """Named people who give notice this month (runs, people): each has their role's turnover,
    raised by their own strain, low morale and low trust, and their own stream."""
    roles = _roles(state.person_roles)
    strain = np.clip((WELL - state.person_wellbeing) / WELL, 0.0, 1.0)
    strain = np.maximum(strain, group_burnout[:, roles.groups])
    monthly = roles.monthly_turnover * (1.0 + params.burnout_turnover_multiplier * strain)
    monthly = monthly * (1.0 + 2.0 * np.clip(0.5 - state.person_morale, 0.0, 0.5))
    monthly = monthly * (1.0 + params.person_low_trust_turnover_multiplier
                         * 2.0 * np.clip(0.5 - state.person_trust, 0.0, 0.5))
    can = state.person_in_post & (state.person_notice == 0)
    decided = state.person_in_post & (state.person_notice == RESIGNING)
    return (can & (u < np.minimum(monthly, HALF))) | decided


def leaving(state: PracticeState) -> np.ndarray:
    """Named people whose notice ends this month (they go with the role's notice queue)."""
    return state.person_in_post & (state.person_notice == 1)


def fte_correction(state: PracticeState, gone: np.ndarray) -> np.ndarray:
    """What to add to the role FTE (runs, roles) so that a named leaver takes their own FTE
    with them, not the role's average."""
    each = np.divide(state.fte, state.heads, out=np.tile(FTE_PER_HEAD, (state.runs, 1)),
                     where=state.heads > 0)
    roles = list(state.person_roles)
    return by_role(state, np.where(gone, each[:, roles] - state.person_fte, 0.0))


def after_month(state: PracticeState, params: Params, resigned: np.ndarray, gone: np.ndarray,
                group_morale: np.ndarray, group_burnout: np.ndarray) -> dict[str, np.ndarray]:
    """The people's arrays at the end of the month: absences that end by next month over,
    notice counted down (leavers gone, new resignations at their role's notice), morale
    towards their group's shifted by trust, and wellbeing towards what their group's burnout
    allows (recovering while off sick)."""
    groups = _roles(state.person_roles).groups
    in_post = state.person_in_post & ~gone
    notice = np.where(resigned, _roles(state.person_roles).notice,
                      np.maximum(state.person_notice - 1, 0))
    rate = params.person_adjust_rate
    # each moves part of the way to a target in [0, 1], so stays within [0, 1]
    morale_target = np.clip(group_morale[:, groups] + params.person_trust_morale_weight
                            * (state.person_trust - 0.5), 0.0, 1.0)
    morale = state.person_morale + rate * (morale_target - state.person_morale)
    wellbeing_target = np.clip(WELL - 0.8 * group_burnout[:, groups]
                               + 0.3 * (state.person_morale - 0.65), 0.0, 1.0)
    wellbeing = state.person_wellbeing + rate * (wellbeing_target - state.person_wellbeing)
    away = state.person_absence != PRESENT
    if away.any():
        recovered = np.minimum(state.person_wellbeing + params.person_sick_leave_recovery,
                               np.maximum(WELL, state.person_wellbeing))
        wellbeing = np.where(state.person_absence == SICKNESS, recovered, wellbeing)
        away &= in_post & (state.month + 2 < state.person_return_month)
    return {
        "person_in_post": in_post,
        "person_notice": np.where(in_post, notice, 0),
        "person_morale": morale,
        "person_wellbeing": wellbeing,
        "person_absence": np.where(away, state.person_absence, PRESENT),
        "person_return_month": np.where(away, state.person_return_month, 0),
    }


#: Figures recorded each month for every named person, as ``person_<id>_<figure>``.
RECORD_FIGURES: dict[str, str] = {
    "in_post": "Whether the person is still in post (1) or has left (0).",
    "morale": "Their morale, 0-1.",
    "wellbeing": "Their wellbeing, 0-1 (1 well).",
    "trust": "Their trust in the player, 0-1.",
    "absence": "Their absence: 0 at work, 1 off sick, 2 on leave.",
    "notice": "Months of notice they have left (0: none given).",
    "concerns_by": "Concerns they have raised since the start.",
    "concerns_about": "Concerns raised about them since the start.",
    "concerns_open": "Concerns about them not yet dealt with.",
}


def record_values(state: PracticeState) -> dict[str, np.ndarray]:
    """Each named person's figures at the end of the month, for the month record."""
    out: dict[str, np.ndarray] = {}
    for figure in RECORD_FIGURES:
        columns = getattr(state, f"person_{figure}").T  # rows of a transposed view: cheap
        out.update({f"person_{pid}_{figure}": col for pid, col in zip(state.person_ids,
                                                                        columns, strict=True)})
    return out
