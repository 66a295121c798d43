"""Reading JSON files (results, saves, facilitator snapshots, settings, themes) as JSON.

Contract: :func:`load_json` and :func:`parse_json` return a :class:`Document` holding only
``dict``/``list``/``str``/``int``/``float``/``bool``/``None`` or raise
:class:`~game.content.errors.ContentError` with a located problem, as the YAML loader does.
JSON is read by JSON's rules, not YAML's, so ``1e-05`` and ``1e+28`` are numbers. On top of
JSON's rules: at most ``max_depth`` levels and ``max_nodes`` values, no NaN or infinity (not
JSON, though Python writes them), no duplicate keys, and every key and text value follows the
text rule (:mod:`game.content.text`). Positions of problems after parsing come from the same
node tree the YAML loader builds (JSON is YAML), composed only when a problem is reported.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from game.content.bounded import DEFAULT_MAX_BYTES, read_bytes, too_big
from game.content.errors import ContentError
from game.content.text import text_problem
from game.content.yaml_loader import Document, Loc, _decode

__all__ = ["load_json", "parse_json"]


class _Refused(ValueError):
    """Raised inside the decoder's hooks: the message, and a key to point at if known."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


def _constant(name: str) -> Any:
    raise _Refused(f"not a finite number ({name}): JSON has no NaN or infinity")


def _number(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"not a finite number ({text[:40]})")
    return value


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Refused(f"duplicate key '{key[:40]}'", key)
        result[key] = value
    return result


def load_json(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, max_depth: int = 64,
              max_nodes: int = 200_000) -> Document:
    """Read and parse the JSON file at ``path`` (bounded as :func:`read_bytes` reads)."""
    label = str(path)
    raw = read_bytes(path, max_bytes=max_bytes, label=label)
    return parse_json(raw, label, max_depth=max_depth, max_nodes=max_nodes)


def parse_json(source: str | bytes, label: str = "<text>", *, max_depth: int = 64,
               max_nodes: int = 200_000, max_bytes: int | None = None) -> Document:
    """Parse in-memory JSON exactly as :func:`load_json` would; ``label`` names it."""
    if max_bytes is not None:
        size = len(source.encode("utf-8", "surrogatepass") if isinstance(source, str)
                   else source)
        if size > max_bytes:
            raise ContentError.single(label, 1, 1, too_big(size, max_bytes))
    text = (source if isinstance(source, str) else _decode(source, label)).removeprefix("\ufeff")
    if not text.strip():
        raise ContentError.single(label, 1, 1, "file is empty")
    document = Document(label, None, source_text=text)
    try:
        document.data = json.loads(text, parse_constant=_constant, parse_float=_number,
                                   object_pairs_hook=_pairs)
    except json.JSONDecodeError as exc:
        raise ContentError.single(label, exc.lineno, exc.colno,
                                  f"JSON syntax error: {exc.msg}") from None
    except _Refused as exc:
        raise ContentError.single(label, *_find(text, exc), str(exc)) from None
    except RecursionError:
        raise ContentError.single(label, 1, 1, "the file is nested too deeply to read") from None
    except (ValueError, MemoryError) as exc:  # e.g. an integer of more than 4,300 digits
        raise ContentError.single(label, 1, 1, f"could not read the file: {exc}") from None
    _check_tree(document, max_depth, max_nodes)
    return document


def _find(text: str, exc: _Refused) -> tuple[int, int]:
    """Where a refused value is, as near as the text shows (the key's second occurrence)."""
    if exc.key is None:
        return (1, 1)
    quoted = json.dumps(exc.key)
    first = text.find(quoted)
    at = text.find(quoted, first + 1) if first >= 0 else -1
    if at < 0:
        return (1, 1)
    line = text.count("\n", 0, at) + 1
    return (line, at - (text.rfind("\n", 0, at) + 1) + 1)


def _check_tree(document: Document, max_depth: int, max_nodes: int) -> None:
    """Depth, size and the text rule, walked without recursion; problems located."""
    stack: list[tuple[Loc, Any]] = [((), document.data)]
    count = 0
    while stack:
        loc, value = stack.pop()
        count += 1
        if count > max_nodes:
            _fail(document, loc, f"too many values (more than {max_nodes})")
        if len(loc) >= max_depth and isinstance(value, (dict, list)):
            _fail(document, loc, f"nesting is too deep (more than {max_depth} levels)")
        if isinstance(value, str):
            problem = text_problem(value)
            if problem is not None:
                _fail(document, loc, problem)
        elif isinstance(value, dict):
            for key, item in value.items():
                problem = text_problem(key)
                if problem is not None:
                    _fail(document, (*loc, key), f"key {key[:40]!r}: {problem}")
                stack.append(((*loc, key), item))
        elif isinstance(value, list):
            stack.extend(((*loc, i), item) for i, item in enumerate(value))


def _fail(document: Document, loc: Loc, message: str) -> None:
    line, col = document.locate(loc)
    raise ContentError.single(document.path, line, col, message)
