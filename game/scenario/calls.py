"""Conditions and effects as a scenario writes them: one-key mappings naming a registry entry.

``ConditionSpec`` and ``EffectSpec`` check a call against its registry at load. The conditions
that combine others (``any_of``, ``all_of``, ``not``) are registry entries too, so they are
documented and checked like the rest; their arguments are conditions, checked here, and an
error inside one points at the inner condition's own line and column.
"""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, model_validator

from .conditions import CONDITIONS, truth
from .effects import EFFECTS
from .registry import Entry, Registry
from .world import World

#: Where the conditions' schema lives in the scenario schema; fields of conditions carry
#: ``CONDITION_MARK`` until the schema puts the reference in (pydantic resolves every ``$ref``
#: it meets, and this one it did not make).
CONDITION_REF = "#/$defs/Condition"
CONDITION_MARK = "x-partnership-condition"
#: How deep the schema describes ``any_of`` / ``all_of`` / ``not`` inside each other. Deeper
#: conditions are still checked when the scenario loads; the schema takes any mapping there, so
#: it never refers to itself (tools that generate documents from it cannot follow a cycle).
SCHEMA_DEPTH = 2
COMBINATORS = ("all_of", "any_of", "not")


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def condition_ref(depth: int) -> str:
    """The reference to the schema of a condition nested ``depth`` combinators deep."""
    return CONDITION_REF + (str(depth) if depth else "")


def condition_defs(registry: Registry) -> dict[str, dict[str, Any]]:
    """The ``$defs`` of conditions: ``Condition`` for one written in a list, ``Condition1`` for
    one inside a combinator, and so on to ``SCHEMA_DEPTH``, past which any mapping will do."""
    out = {condition_ref(d).rsplit("/", 1)[1]: call_schema(registry, nested_depth=d)
           for d in range(SCHEMA_DEPTH)}
    out[condition_ref(SCHEMA_DEPTH).rsplit("/", 1)[1]] = {
        "type": "object", "description": "A condition (checked when the scenario loads)."}
    return out


def call_schema(registry: Registry, extra: dict[str, Any] | None = None,
                nested_depth: int = 0) -> dict[str, Any]:
    """JSON Schema for a one-key mapping naming a registry entry, for editors' autocomplete."""
    options = []
    for name in registry.names():
        entry: Entry = registry.entries[name]
        if entry.nested:
            inner = {"$ref": condition_ref(nested_depth + 1)}
            value: dict[str, Any] = ({"type": "array", "minItems": 1, "items": inner}
                                     if name != "not" else inner)
        else:
            args = entry.args_model.model_json_schema()
            args.pop("title", None)
            value = args
            if entry.single_arg:
                single = args["properties"][entry.single_arg]
                value = {"anyOf": [single, args]}
        props: dict[str, Any] = {name: {**value, "description": entry.doc}}
        props.update(extra or {})
        options.append({"type": "object", "properties": props, "required": [name],
                        "additionalProperties": False, "description": entry.doc})
    return {"anyOf": options}


class _Call(Spec):
    name: str
    args: dict[str, Any]

    @classmethod
    def _parse(cls, registry: Registry, data: Any, allowed_extra: tuple[str, ...] = ()
               ) -> dict[str, Any]:
        if isinstance(data, dict) and set(data) >= {"name", "args"}:  # a spec dumped as data
            entry = registry.get(str(data["name"]))
            if entry.nested and isinstance(data["args"], dict):  # its parts are specs again
                return {**data, "args": dict(entry.args_model.model_validate(data["args"]))}
            return data
        if not isinstance(data, dict):
            raise ValueError(f"expected a one-key mapping naming a {registry.what}, "
                             f"e.g. {{{registry.names()[0]}: ...}}")
        names = [k for k in data if k not in allowed_extra]
        if len(names) != 1:
            raise ValueError(f"each {registry.what} is a mapping with exactly one name "
                             f"(found: {', '.join(map(str, names)) or 'none'})")
        entry = registry.get(str(names[0]))
        out = {"name": entry.name, "args": entry.parse_args(data[names[0]])}
        out.update({k: data[k] for k in allowed_extra if k in data})
        return out


class ConditionSpec(_Call):
    """A named condition with its arguments, written ``{name: argument}``."""

    @model_validator(mode="before")
    @classmethod
    def _from_yaml(cls, data: Any) -> Any:
        return cls._parse(CONDITIONS, data)

    @property
    def parts(self) -> list[ConditionSpec]:
        """The conditions a combining condition is made of (none for any other)."""
        if self.name == "not":
            return [self.args["condition"]]
        return list(self.args["conditions"]) if self.name in COMBINATORS else []

    def text(self) -> str:
        """The condition as written, compactly: ``flag_set added``,
        ``any_of(wait_above 14 | not(flag_set audited))``."""
        if self.name == "not":
            return f"not({self.args['condition'].text()})"
        if self.name in COMBINATORS:
            joint = " | " if self.name == "any_of" else " & "
            return f"{self.name}({joint.join(c.text() for c in self.args['conditions'])})"
        one = len(self.args) == 1
        return f"{self.name} " + ", ".join(f"{v}" if one else f"{k}={v}"
                                          for k, v in self.args.items())

    def leaves(self, loc: tuple[str | int, ...] = ()
               ) -> list[tuple[tuple[str | int, ...], ConditionSpec]]:
        """Every plain condition inside this one (itself if it is plain), with where each is
        written relative to this one."""
        if self.name == "not":
            return self.args["condition"].leaves((*loc, "not"))
        if self.name in COMBINATORS:
            return [x for i, c in enumerate(self.args["conditions"])
                    for x in c.leaves((*loc, self.name, i))]
        return [(loc, self)]


class EffectSpec(_Call):
    """A named effect with its arguments, written ``{name: argument}``; optionally delayed."""

    after_months: int = Field(0, ge=0, le=24, description="Months to wait before it applies.")

    @model_validator(mode="before")
    @classmethod
    def _from_yaml(cls, data: Any) -> Any:
        return cls._parse(EFFECTS, data, ("after_months",))


Conditions = Annotated[list[ConditionSpec], Field(min_length=1)]


def all_of(w: World, conditions: Conditions) -> np.ndarray:
    """Every one of these conditions holds (as a list of conditions does; use it inside
    ``any_of`` or ``not``), e.g. ``all_of: [{flag_set: complained}, {cash_below: 0}]``."""
    out = np.ones(w.runs, bool)
    for c in conditions:
        out &= truth(w, c)
    return out


def any_of(w: World, conditions: Conditions) -> np.ndarray:
    """At least one of these conditions holds, e.g.
    ``any_of: [{wait_above: 14}, {complaints_at_least: 3}]``, so one event can stand for
    several ways of getting there."""
    out = np.zeros(w.runs, bool)
    for c in conditions:
        out |= truth(w, c)
    return out


def not_(w: World, condition: ConditionSpec) -> np.ndarray:
    """This condition does not hold, e.g. ``not: {choice_taken: {event: audit, choice: yes}}``
    (also true where the event never happened)."""
    return ~truth(w, condition)


for _combinator in (all_of, any_of, not_):
    CONDITIONS.register(_combinator, nested=True)

Condition = Annotated[ConditionSpec, WithJsonSchema({CONDITION_MARK: True})]
Effect = Annotated[EffectSpec, WithJsonSchema(call_schema(
    EFFECTS, {"after_months": {"type": "integer", "minimum": 0, "maximum": 24,
                               "description": "Months to wait before it applies."}}))]
