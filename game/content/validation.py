"""Validate loaded content against pydantic models, reporting problems at file positions.

Contract: :func:`validate` returns a model instance or raises
:class:`~game.content.errors.ContentError` holding one located, plain-words :class:`Problem` per
pydantic error (plus one per NaN/infinite number, which are rejected before validation).
:func:`check_relative_path` keeps asset references inside the content file's own folder.
"""

from __future__ import annotations

import math
import types
import typing
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, TypeVar

import pydantic
from pydantic import BaseModel

from game.content.errors import ContentError, LocatedValueError, Problem
from game.content.yaml_loader import Document, Loc, load_document

__all__ = ["check_relative_path", "find_non_finite", "load_model", "validate"]

M = TypeVar("M", bound=BaseModel)

_NUMBER = {"int_parsing", "int_type", "int_from_float", "float_parsing", "float_type"}
_KINDS = {
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "string_type": "text",
    "list_type": "a list",
    "tuple_type": "a list",
    "set_type": "a list",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "none_required": "nothing (null)",
}


def validate(document: Document, model: type[M], *, context: dict[str, Any] | None = None) -> M:
    """``model.model_validate(document.data, context=context)`` with located, plain errors.

    NaN and infinite floats anywhere in the data are rejected first ("not a finite number").
    """
    problems = find_non_finite(document)
    if problems:
        raise ContentError(problems)
    try:
        return model.model_validate(document.data, context=context)
    except pydantic.ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            problem = _to_problem(document, model, err)
            if problem not in problems:
                problems.append(problem)
        raise ContentError(problems) from None


def load_model(
    path: str | Path, model: type[M], *, context: dict[str, Any] | None = None, **limits: int
) -> M:
    """:func:`load_document` (``limits`` are its keyword limits) followed by :func:`validate`."""
    return validate(load_document(path, **limits), model, context=context)


def find_non_finite(document: Document) -> list[Problem]:
    """One Problem per NaN/infinite float in ``document.data`` (iterative walk, any depth)."""
    problems: list[Problem] = []
    stack: list[tuple[Loc, Any]] = [((), document.data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            line, col = document.locate(loc)
            problems.append(Problem(document.path, line, col, f"not a finite number ({value})"))
        elif isinstance(value, dict):
            stack.extend(((*loc, k), v) for k, v in reversed(value.items()))
            stack.extend((loc, k) for k in value if isinstance(k, float))  # e.g. `.nan: 1`
        elif isinstance(value, list):
            stack.extend(((*loc, i), v) for i, v in reversed(list(enumerate(value))))
    return problems


def _to_problem(document: Document, model: type[BaseModel], err: Any) -> Problem:
    """Turn one pydantic error dict into a located Problem."""
    loc: Loc = tuple(err["loc"])
    cause = (err.get("ctx") or {}).get("error")
    if isinstance(cause, LocatedValueError):
        loc = (*loc, *cause.loc)
    real = _real_loc(document.data, loc)
    line, col = document.locate(real)
    return Problem(document.path, line, col, _message(model, err, loc))


def _real_loc(data: Any, loc: Loc) -> Loc:
    """The segments of ``loc`` that are real keys/indexes in ``data`` (drops union tags etc.)."""
    kept: list[str | int] = []
    for segment in loc:
        if isinstance(data, dict) and segment in data:
            data = data[segment]
        elif isinstance(data, list) and isinstance(segment, int) and 0 <= segment < len(data):
            data = data[segment]
        else:
            continue
        kept.append(segment)
    return tuple(kept)


def _describe(value: Any) -> str:
    """A short, plain description of an input value for messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _message(model: type[BaseModel], err: Any, loc: Loc) -> str:
    """Plain-words text for one pydantic error."""
    kind, ctx, field = err["type"], err.get("ctx") or {}, loc[-1] if loc else ""
    got = _describe(err.get("input"))
    prefix = ""
    if len(loc) >= 2 and loc[-1] == "[key]":
        prefix, field = f"key {loc[-2]!r}: ", loc[-2]
    if kind == "missing":
        return f"missing required field '{field}'"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        extra = f" (allowed: {', '.join(allowed)})" if allowed else ""
        return f"unknown field '{field}'{extra}"
    if kind in _KINDS:
        return f"{prefix}expected {_KINDS[kind]}, got {got}"
    if kind in ("literal_error", "enum"):
        return f"{prefix}expected {ctx.get('expected', 'one of the listed values')}, got {got}"
    disc = str(ctx.get("discriminator", "'type'")).strip("'")
    if kind == "union_tag_invalid":
        return f"unknown {disc} {ctx.get('tag')!r} (expected one of: {ctx.get('expected_tags')})"
    if kind == "union_tag_not_found":
        return f"missing required field '{disc}'"
    msg = str(err.get("msg", "invalid value"))
    for lead in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(lead)
    if msg.startswith("Input should be "):
        msg = "must be " + msg.removeprefix("Input should be ") + f", got {got}"
    return prefix + msg


def _members(tp: Any) -> list[Any]:
    """``tp`` with Annotated/Optional/Union unwrapped into its member types."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _members(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(tp) for m in _members(arg)]
    return [tp]


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _tags(tp: type[BaseModel]) -> set[Any]:
    """Class name and every Literal value of ``tp``'s fields (what a union loc may hold)."""
    tags: set[Any] = {tp.__name__}
    for info in tp.model_fields.values():
        if typing.get_origin(info.annotation) is typing.Literal:
            tags.update(typing.get_args(info.annotation))
    return tags


def _step(tp: Any, segment: str | int) -> list[Any]:
    """The type(s) one ``loc`` segment leads to from ``tp`` (empty if it leads nowhere)."""
    if _is_model(tp):
        for name, info in tp.model_fields.items():
            if segment in (name, info.alias):
                return _members(info.annotation)
        return [tp] if segment in _tags(tp) else []
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (list, set, frozenset, tuple) and args and isinstance(segment, int):
        fixed = origin is tuple and args[-1] is not ... and segment < len(args)
        return _members(args[segment] if fixed else args[0])
    if origin is dict and len(args) == 2:
        return _members(args[1])
    return []


def _allowed_fields(model: type[BaseModel], parent: Loc) -> list[str]:
    """Field names of the model at ``parent`` (best effort; [] if it cannot be pinned down)."""
    candidates: list[Any] = [model]
    for segment in parent:
        candidates = [t for c in candidates for t in _step(c, segment)]
    unique = list(dict.fromkeys(c for c in candidates if _is_model(c)))
    if len(unique) != 1:
        return []
    return [info.alias or name for name, info in unique[0].model_fields.items()]


def check_relative_path(base_dir: Path, relative: str) -> Path:
    """Resolve asset path ``relative`` inside ``base_dir``; ValueError if it would leave it.

    Rejects empty paths, absolute paths (POSIX or Windows style), backslashes and NUL bytes,
    and anything that, after resolving ``..`` and symlinks, is not inside ``base_dir``.
    """
    if not isinstance(relative, str) or not relative.strip():
        raise ValueError("asset path is empty")
    if "\0" in relative:
        raise ValueError(f"asset path {relative!r} contains a NUL character")
    if PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).anchor:
        raise ValueError(
            f"asset path {relative!r} must be relative to the scenario folder, not absolute"
        )
    if "\\" in relative:
        raise ValueError(f"asset path {relative!r} must use '/' between folder names")
    try:
        base = Path(base_dir).resolve()
        target = (base / relative).resolve()
    except (OSError, RuntimeError) as exc:
        raise ValueError(f"asset path {relative!r} cannot be resolved: {exc}") from None
    if not target.is_relative_to(base):
        raise ValueError(f"asset path {relative!r} points outside the scenario folder")
    return target
