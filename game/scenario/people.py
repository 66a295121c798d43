"""Named people in a scenario: how they are declared, and the conditions and effects on them.

A scenario's ``people:`` names members of staff (a practice nurse, a partner, the practice
manager). Each is one of their role's heads in ``practice.staff``, not an extra. Conditions
such as ``person_absent: lead-nurse`` and effects such as ``start_sick_leave: {person:
lead-nurse, months: 2}`` name a person by id; a name that is not declared is an error at load,
with the file, line and column.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..model import people as pp
from ..model.people import PersonProfile
from ..model.roles import ROLE_KEYS, ROLES, role_index
from ..model.state import DEFAULT_STAFF
from .conditions import condition
from .effects import effect
from .world import World

PersonId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]{0,63}$",
                                description="The id of a person declared under `people`.")]
RoleKey = Literal[ROLE_KEYS]  # type: ignore[valid-type]
Level = Annotated[float, Field(ge=0, le=1)]
Delta = Annotated[float, Field(ge=-0.5, le=0.5)]
#: Arguments of conditions and effects that name a person.
PERSON_ARGS = ("person", "by", "about")


class PersonSpec(BaseModel):
    """A named member of staff: one of their role's heads in ``practice.staff``."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
    id: PersonId = Field(description="Identifier used by conditions and effects, e.g. lead-nurse.")
    name: str = Field(min_length=1, max_length=60, description="How the game names them: a title "
                      "and surname, or a first name, as the team would say it.")
    role: RoleKey = Field(description="Their role; the practice must have at least as many "
                          "people in post in the role as it names.")
    fte: float = Field(gt=0, le=1.0, description="Their whole-time equivalent (1 = full time).")
    morale: Level = Field(0.65, description="Their morale at the start, 0-1.")
    wellbeing: Level = Field(0.75, description="Their wellbeing at the start, 0-1 (1 well, "
                             "below 0.4 they may go off sick).")
    trust: Level = Field(0.6, description="Their trust in the player at the start, 0-1.")
    about: str = Field("", max_length=300, description="A sentence about them for the Team "
                       "view.")
    portrait: str | None = Field(None, max_length=200, description="A portrait: one of the "
                                 "game's own, portrait-01 to portrait-10 (see assets/README.md), "
                                 "or a PNG or JPEG file in the scenario's folder, e.g. "
                                 "images/manager.png. Left out, or a portrait the game cannot "
                                 "find, the game shows their initials.")

    def profile(self) -> PersonProfile:
        return PersonProfile(self.id, self.role, self.fte, self.morale, self.wellbeing,
                             self.trust)


def staffing_problem(people: list[PersonSpec], staff: dict[str, float] | None
                     ) -> tuple[str, tuple[str | int, ...]] | None:
    """Why the named people do not fit the practice's staff, with where (or None)."""
    ids = [p.id for p in people]
    for i, pid in enumerate(ids):
        if pid in ids[:i]:
            return f"duplicate person id '{pid}'", ("people", i, "id")
    heads = staff if staff is not None else DEFAULT_STAFF
    for i, p in enumerate(people):
        named = sum(1 for q in people[:i + 1] if q.role == p.role)
        have = float(heads.get(p.role, 0.0))
        if named > have:
            label = ROLES[role_index(p.role)].label.lower()
            return (f"'{p.id}' is {named} named {label}(s) but the practice has {have:g} in "
                    f"post: a named person is one of the role's heads (raise practice.staff."
                    f"{p.role})", ("people", i, "role"))
    return None


def walk_calls(node: Any, loc: tuple[str | int, ...] = ()
               ) -> Iterator[tuple[tuple[str | int, ...], str, dict[str, Any]]]:
    """Every condition and effect anywhere in a spec, nested ones included: (where, name,
    arguments). Reads any model with ``name`` and ``args`` as a call."""
    if isinstance(node, BaseModel):
        fields = type(node).model_fields
        args = getattr(node, "args", None)
        if "name" in fields and isinstance(args, dict):
            yield loc, str(getattr(node, "name", "")), args
            yield from walk_calls(args, loc)
            return
        for key in fields:
            yield from walk_calls(getattr(node, key), (*loc, key))
    elif isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            yield from walk_calls(item, (*loc, i))
    elif isinstance(node, dict):
        for value in node.values():
            yield from walk_calls(value, loc)


def reference_problems(spec: BaseModel, people: list[PersonSpec]
                       ) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """Conditions and effects that name a person the scenario does not declare."""
    known = {p.id for p in people}
    listed = ", ".join(sorted(known)) or "none are declared under people"
    for i, event in enumerate(getattr(spec, "events", [])):
        if event.person is not None and event.person not in known:
            yield (f"event '{event.id}' is with unknown person '{event.person}' (people: "
                   f"{listed})"), ("events", i, "person")
    for loc, name, args in walk_calls(spec):
        if name == "raise_concern" and args.get("by") is None and args.get("about") is None:
            yield ("'raise_concern' needs 'by' (who raises it), 'about' (who it is about) or "
                   "both"), loc
        for key in PERSON_ARGS:
            value = args.get(key)
            if value is not None and name in PERSON_CALLS and value not in known:
                yield f"'{name}' names unknown person '{value}' (people: {listed})", loc


# -- reading a person in the world ---------------------------------------------------------------
def _index(w: World, person: str) -> int:
    try:
        return w.state.person_ids.index(person)
    except ValueError:
        raise ValueError(f"unknown person '{person}'") from None


def _column(w: World, figure: str, person: str) -> np.ndarray:
    return np.asarray(getattr(w.state, f"person_{figure}")[:, _index(w, person)])


# -- conditions ----------------------------------------------------------------------------------
@condition
def person_trust_below(w: World, person: PersonId, value: Level) -> np.ndarray:
    """This person's trust in the player (0-1) is below ``value``."""
    return _column(w, "trust", person) < value


@condition
def person_trust_above(w: World, person: PersonId, value: Level) -> np.ndarray:
    """This person's trust in the player (0-1) is above ``value``."""
    return _column(w, "trust", person) > value


@condition
def person_morale_below(w: World, person: PersonId, value: Level) -> np.ndarray:
    """This person's own morale (0-1) is below ``value``."""
    return _column(w, "morale", person) < value


@condition
def person_wellbeing_below(w: World, person: PersonId, value: Level) -> np.ndarray:
    """This person's wellbeing (0-1, 1 well) is below ``value``; below 0.4 they may go off
    sick by themselves."""
    return _column(w, "wellbeing", person) < value


@condition
def person_absent(w: World, person: PersonId) -> np.ndarray:
    """This person is still in post but away: off sick or on leave."""
    return _column(w, "in_post", person) & (_column(w, "absence", person) != pp.PRESENT)


@condition
def person_on_sick_leave(w: World, person: PersonId) -> np.ndarray:
    """This person is off sick (they return in the month the sick leave ends)."""
    return _column(w, "in_post", person) & (_column(w, "absence", person) == pp.SICKNESS)


@condition
def person_present(w: World, person: PersonId) -> np.ndarray:
    """This person is in post and at work (not away, not gone)."""
    return _column(w, "in_post", person) & (_column(w, "absence", person) == pp.PRESENT)


@condition
def person_in_post(w: World, person: PersonId) -> np.ndarray:
    """This person still works at the practice (at work, away or working their notice)."""
    return _column(w, "in_post", person).copy()


@condition
def person_has_left(w: World, person: PersonId) -> np.ndarray:
    """This person has left the practice: their notice has ended, or their post went."""
    return ~_column(w, "in_post", person)


@condition
def person_has_given_notice(w: World, person: PersonId) -> np.ndarray:
    """This person has resigned and is working their notice (still in post)."""
    return _column(w, "in_post", person) & (_column(w, "notice", person) != 0)


@condition
def concerns_about_at_least(w: World, person: PersonId, count: Annotated[
        int, Field(ge=1, le=50)]) -> np.ndarray:
    """At least ``count`` concerns have been raised about this person (``raise_concern``)."""
    return _column(w, "concerns_about", person) >= count


# -- effects -------------------------------------------------------------------------------------
def _set(w: World, mask: np.ndarray, person: str, **figures: np.ndarray | float) -> None:
    """Set figures of one person in the runs in ``mask``."""
    p = _index(w, person)
    changes = {}
    for figure, value in figures.items():
        arr = getattr(w.state, f"person_{figure}").copy()
        arr[:, p] = np.where(mask, value, arr[:, p])
        changes[f"person_{figure}"] = arr
    w.state = w.state.evolve(**changes)


def _nudge(w: World, mask: np.ndarray, person: str, figure: str, delta: float) -> None:
    _set(w, mask, person, **{figure: np.clip(_column(w, figure, person) + delta, 0.0, 1.0)})


@effect
def person_trust(w: World, mask: np.ndarray, person: PersonId, delta: Delta) -> None:
    """Raise or lower this person's trust in the player (0-1) by ``delta``. Trust moves their
    morale and, when low, their chance of resigning."""
    _nudge(w, mask, person, "trust", delta)


@effect
def person_morale(w: World, mask: np.ndarray, person: PersonId, delta: Delta) -> None:
    """Raise or lower this person's morale (0-1) by ``delta``; it drifts back towards their
    staff group's over the following months."""
    _nudge(w, mask, person, "morale", delta)


@effect
def person_wellbeing(w: World, mask: np.ndarray, person: PersonId, delta: Delta) -> None:
    """Raise or lower this person's wellbeing (0-1) by ``delta``."""
    _nudge(w, mask, person, "wellbeing", delta)


def _away(w: World, mask: np.ndarray, person: str, kind: int, months: int) -> None:
    here = mask & _column(w, "in_post", person)
    _set(w, here, person, absence=kind, return_month=w.month + months)


@effect
def start_sick_leave(w: World, mask: np.ndarray, person: PersonId,
                     months: Annotated[int, Field(ge=1, le=12)]) -> None:
    """This person goes off sick from this month for ``months`` months, then comes back. Their
    hours are lost to the practice while they are away; their pay continues."""
    _away(w, mask, person, pp.SICKNESS, months)


@effect
def start_leave(w: World, mask: np.ndarray, person: PersonId,
                months: Annotated[int, Field(ge=1, le=12)]) -> None:
    """This person takes leave (compassionate, parental, a sabbatical) from this month for
    ``months`` months, then comes back; paid, and their hours are lost meanwhile."""
    _away(w, mask, person, pp.LEAVE, months)


@effect
def return_to_work(w: World, mask: np.ndarray, person: PersonId) -> None:
    """This person comes back to work now, whatever leave they were on."""
    _set(w, mask & _column(w, "in_post", person), person, absence=pp.PRESENT, return_month=0)


@effect
def give_notice(w: World, mask: np.ndarray, person: PersonId) -> None:
    """This person resigns this month: like anyone who resigns, they work their role's notice
    (six months for a partner, from one to three for others) and then leave, and the role's
    headcount falls. Nothing happens if they have already given notice or left."""
    p = _index(w, person)
    s = w.state
    resigning = mask & s.person_in_post[:, p] & (s.person_notice[:, p] == 0)
    _set(w, resigning, person, notice=pp.RESIGNING)


@effect
def raise_concern(w: World, mask: np.ndarray, by: PersonId | None = None,
                  about: PersonId | None = None) -> None:
    """A concern is raised: ``by`` a person (speaking up), ``about`` a person (their conduct
    or practice), or both. Concerns about a person raise the chance of a patient safety
    incident until they are dealt with; the counts are kept for conditions and the Team
    view."""
    if by is None and about is None:
        raise ValueError("'raise_concern' needs 'by', 'about' or both")
    if by is not None:
        _set(w, mask, by, concerns_by=_column(w, "concerns_by", by) + 1)
    if about is not None:
        _set(w, mask, about, concerns_about=_column(w, "concerns_about", about) + 1,
             concerns_open=_column(w, "concerns_open", about) + 1)


@effect
def address_concerns(w: World, mask: np.ndarray, person: PersonId) -> None:
    """The concerns raised about this person are dealt with (a fair process, supervision, an
    agreed plan): they no longer raise the chance of a patient safety incident. The count of
    concerns raised stays for conditions and the Team view."""
    _set(w, mask, person, concerns_open=0)


#: The conditions and effects that name a person (checked against ``people`` at load).
PERSON_CALLS = frozenset({
    "person_trust_below", "person_trust_above", "person_morale_below",
    "person_wellbeing_below", "person_absent", "person_on_sick_leave", "person_present",
    "person_in_post", "person_has_left", "person_has_given_notice", "concerns_about_at_least",
    "person_trust", "person_morale", "person_wellbeing", "start_sick_leave", "start_leave",
    "return_to_work", "give_notice", "raise_concern", "address_concerns",
})
