"""Registries of the named conditions and effects that scenario files may use.

Each entry is a small documented function. Its parameters (after the first, which is the world)
become a pydantic model, so a scenario's arguments are checked at load time, and its docstring is
the reference text educators read in ``docs/authoring.md`` and in their editor's hover help.
A function with a single parameter may be written in YAML with a bare value:
``cash_below: 20000`` as well as ``cash_below: {gbp: 20000}``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_type_hints

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from ..content.errors import LocatedValueError


@dataclass(frozen=True)
class Entry:
    name: str
    func: Callable[..., Any]
    args_model: type[BaseModel]
    doc: str
    #: the argument is always written bare, even when it is itself a mapping (``not``)
    nested: bool = False

    @property
    def single_arg(self) -> str | None:
        names = list(self.args_model.model_fields)
        return names[0] if len(names) == 1 else None

    def parse_args(self, raw: Any) -> dict[str, Any]:
        """Check the YAML argument and return keyword arguments; raises ``ValueError``."""
        if not isinstance(raw, dict) or self.nested:
            if self.single_arg is None:
                fields = ", ".join(self.args_model.model_fields) or "nothing"
                raise ValueError(f"'{self.name}' takes a mapping of: {fields}")
            raw = {self.single_arg: raw}
        try:
            return dict(self.args_model.model_validate(raw))
        except ValidationError as exc:
            first = exc.errors()[0]
            if self.nested:
                raise _located(self.name, first) from None
            where = ".".join(str(p) for p in first["loc"])
            detail = first["msg"].removeprefix("Value error, ")
            if first["type"] == "extra_forbidden":
                allowed = ", ".join(self.args_model.model_fields)
                detail = f"unknown argument (allowed: {allowed})"
            raise ValueError(f"'{self.name}': {where + ': ' if where else ''}{detail}") from None


def _located(name: str, error: Any) -> LocatedValueError:
    """An error inside a nested entry's argument, located where it is in the file: the
    argument's own name is dropped (it is written bare), an inner located error's place kept."""
    cause = (error.get("ctx") or {}).get("error")
    inner = cause.loc if isinstance(cause, LocatedValueError) else ()
    detail = str(cause) if cause is not None else error["msg"]
    if error["type"] == "too_short":
        detail = f"'{name}' needs at least one condition"
    return LocatedValueError(detail, (name, *tuple(error["loc"])[1:], *inner))


class Registry:
    """A named set of documented functions."""

    def __init__(self, what: str, leading: int) -> None:
        self.what = what
        self.leading = leading  # parameters before the arguments a scenario supplies
        self.entries: dict[str, Entry] = {}

    def register(self, func: Callable[..., Any], nested: bool = False) -> Callable[..., Any]:
        """Add ``func``; ``nested`` for an entry whose argument is made of other entries
        (``any_of``), whose errors then point inside it."""
        name = func.__name__.rstrip("_")
        hints = get_type_hints(func, include_extras=True)
        params = list(inspect.signature(func).parameters.values())[self.leading:]
        fields: dict[str, Any] = {}
        for p in params:
            default = ... if p.default is inspect.Parameter.empty else p.default
            fields[p.name] = (hints[p.name], default)
        model = create_model(  # type: ignore[call-overload]
            f"{name}_args", __config__=ConfigDict(extra="forbid", allow_inf_nan=False), **fields)
        doc = inspect.cleandoc(func.__doc__ or "")
        self.entries[name] = Entry(name, func, model, doc, nested)
        return func

    def get(self, name: str) -> Entry:
        try:
            return self.entries[name]
        except KeyError:
            raise ValueError(f"unknown {self.what} '{name}' (known: "
                             f"{', '.join(sorted(self.entries))})") from None

    def names(self) -> list[str]:
        return sorted(self.entries)
