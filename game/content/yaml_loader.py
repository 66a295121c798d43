"""Safe loading of untrusted YAML content files into plain Python data.

Contract: :func:`load_document` and :func:`load_text` either return a :class:`Document` whose
``data`` holds only ``dict``/``list``/``str``/``int``/``float``/``bool``/``None``, or raise
:class:`~game.content.errors.ContentError` with at least one located :class:`Problem`. No other
exception escapes, no YAML tag ever executes code, and size, nesting depth, node count and alias
count are bounded so that hostile files fail fast with a clear message.

Parsing is one pass: a guarded ``SafeLoader`` checks every parser event (depth, node and alias
counts, explicit tags) *as the composer pulls it*, so PyYAML's recursive composer never goes
deeper than ``max_depth`` and never sees a forbidden tag. Python values are then built from the
node tree by ``_Builder`` (aliases expanded and counted), never by PyYAML's constructors, except
that SafeConstructor's scalar converters turn ``'0x1F'``/``'.inf'``/``'yes'`` into numbers/bools.
Implicit YAML 1.1 timestamps (``2024-04-01``) stay as the text written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml
from yaml import events as ev
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.content.bounded import read_bytes, too_big
from game.content.errors import ContentError
from game.content.text import text_problem

__all__ = ["Document", "Limits", "load_document", "load_text"]

Loc = tuple[str | int, ...]
_CORE = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = (_CORE + t for t in ("str", "seq", "map"))
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null")}
_ALLOWED_EXPLICIT = _SCALAR_TAGS | {_SEQ, _MAP, "!"}
_AS_TEXT = {_CORE + "timestamp", _CORE + "value", _CORE + "merge"}  # implicit tags kept as str
_SCALARS = yaml.constructor.SafeConstructor()
_KINDS = {_CORE + "int": "whole number", _CORE + "float": "number", _CORE + "bool": "true/false"}


@dataclass(frozen=True)
class Limits:
    """Resource bounds for one load; see :func:`load_document`."""

    max_bytes: int = 2_000_000
    max_depth: int = 64
    max_nodes: int = 200_000
    max_aliases: int = 200


@dataclass
class Document:
    """A loaded content file: its label, its plain data and the YAML node tree for locating."""

    path: str
    data: Any
    root: Node | None = field(default=None, repr=False, compare=False)
    #: JSON read as JSON keeps its text; the node tree is composed from it only to locate.
    source_text: str | None = field(default=None, repr=False, compare=False)

    def locate(self, loc: Loc) -> tuple[int, int]:
        """1-based (line, col) of the node at ``loc``; for a mapping key, of the key itself.

        Walks as far along ``loc`` as the document goes and reports the deepest node reached, so
        a missing key points at the mapping that should contain it. A value written as an alias
        reports the ``*alias``'s position. An empty document reports (1, 1).
        """
        node = self.root if self.root is not None else self._compose()
        if node is None:
            return (1, 1)
        mark = node.start_mark
        for segment in loc:
            step = _child(node, segment)
            if step is None:
                break
            mark, node = step
        return (mark.line + 1, mark.column + 1)


    def _compose(self) -> Node | None:
        """The node tree of ``source_text`` (JSON is YAML), or None if it has none."""
        if self.source_text is None:
            return None
        try:
            limits = Limits(max_depth=200, max_nodes=10_000_000, max_aliases=0)
            loader = _GuardedLoader(self.source_text, self.path, limits)
            try:
                self.root = loader.get_single_node()
            finally:
                loader.dispose()
        except Exception:  # only for positions: a file YAML cannot follow reports 1:1
            self.source_text = None
        return self.root


def _child(node: Node, segment: str | int) -> tuple[Any, Node] | None:
    """(mark to report, child node) for one ``loc`` step, or None if there is no such child."""
    if isinstance(node, SequenceNode):
        if isinstance(segment, int) and not isinstance(segment, bool):
            if 0 <= segment < len(node.value):
                return node.value[segment].start_mark, node.value[segment]
        return None
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == str(segment):
                return key_node.start_mark, value_node
    return None


def _fail(label: str, mark: Any, message: str) -> NoReturn:
    """Raise ContentError at a PyYAML mark (0-based line/column) or at 1:1 if there is none."""
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    raise ContentError.single(label, line, col, message)


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


class _GuardedLoader(yaml.SafeLoader):
    """A SafeLoader whose event stream is checked against :class:`Limits` as it is consumed."""

    def __init__(self, text: str, label: str, limits: Limits) -> None:
        super().__init__(text)
        self._label, self._limits = label, limits
        self._depth = self._nodes = self._aliases = self._documents = 0
        self.alias_ids: set[int] = set()

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        """As Composer's, but an alias yields a copy of its anchor's node placed at the alias.

        The copy shares the anchor's children, so nothing is duplicated here; it just lets
        errors and :meth:`Document.locate` point at the ``*alias`` rather than the ``&anchor``.
        """
        if not self.check_event(ev.AliasEvent):
            return super().compose_node(parent, index)
        mark = self.peek_event().start_mark
        node = super().compose_node(parent, index)
        if isinstance(node, ScalarNode):
            copy: Node = ScalarNode(node.tag, node.value, mark, mark, style=node.style)
        else:
            copy = type(node)(node.tag, node.value, mark, mark, flow_style=node.flow_style)
        self.alias_ids.add(id(copy))
        return copy

    def get_event(self) -> ev.Event:
        event = super().get_event()
        self._check(event)
        return event

    def _check(self, event: ev.Event) -> None:
        """Raise ContentError if ``event`` breaks a limit or carries a forbidden tag."""
        lim, mark, label = self._limits, event.start_mark, self._label
        if isinstance(event, ev.DocumentStartEvent):
            self._documents += 1
            if self._documents > 1:
                _fail(label, mark, "the file holds more than one YAML document ('---')")
        elif isinstance(event, ev.CollectionStartEvent):
            self._depth += 1
            if self._depth > lim.max_depth:
                _fail(label, mark, f"nesting is too deep (more than {lim.max_depth} levels)")
        elif isinstance(event, ev.CollectionEndEvent):
            self._depth -= 1
        if isinstance(event, ev.AliasEvent):
            self._aliases += 1
            if self._aliases > lim.max_aliases:
                _fail(label, mark, f"too many aliases ('*name'); the limit is {lim.max_aliases}")
        if isinstance(event, ev.NodeEvent):
            self._nodes += 1
            if self._nodes > lim.max_nodes:
                _fail(label, mark, f"too many values (more than {lim.max_nodes})")
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _ALLOWED_EXPLICIT:
            plain = "text, numbers, true/false, null, lists and mappings"
            _fail(label, mark, f"unsupported tag '{_show_tag(tag)}': only plain values ({plain})")


@dataclass
class _Builder:
    """Turns a composed node tree into plain Python values, expanding and counting aliases.

    ``alias_ids`` are the ids of alias copies; while one is being expanded, limit errors point
    at the outermost such ``*alias`` (the one that made the document blow up).
    """

    label: str
    limits: Limits
    alias_ids: set[int]
    count: int = 0
    active: set[int] = field(default_factory=set)
    outer_alias: Any = None

    def build(self, node: Node, depth: int = 0) -> Any:
        saved = self.outer_alias
        if saved is None and id(node) in self.alias_ids:
            self.outer_alias = node.start_mark
        try:
            return self._build(node, depth)
        finally:
            self.outer_alias = saved

    def _build(self, node: Node, depth: int) -> Any:
        self.count += 1
        if self.count > self.limits.max_nodes:
            limit = self.limits.max_nodes
            message = f"too many values once aliases are expanded (more than {limit})"
            _fail(self.label, self.outer_alias or node.start_mark, message)
        if depth > self.limits.max_depth or id(node.value) in self.active:
            _fail(self.label, node.start_mark, "an alias makes the nesting too deep or circular")
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        self.active.add(id(node.value))  # alias copies share their anchor's child list
        try:
            if isinstance(node, SequenceNode) and node.tag == _SEQ:
                return [self.build(item, depth + 1) for item in node.value]
            if isinstance(node, MappingNode) and node.tag == _MAP:
                return self._mapping(node, depth)
            _fail(self.label, node.start_mark, f"tag '{_show_tag(node.tag)}' cannot be used here")
        finally:
            self.active.discard(id(node.value))

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag in _AS_TEXT:
            return self._text(node)
        if node.tag not in _SCALAR_TAGS:
            _fail(self.label, node.start_mark, f"tag '{_show_tag(node.tag)}' cannot be used here")
        if node.tag == _STR:
            return self._text(node)
        method = _SCALARS.yaml_constructors[node.tag]
        try:
            return method(_SCALARS, node)
        except Exception:
            kind = _KINDS.get(node.tag, "value")
            _fail(self.label, node.start_mark, f"{node.value[:40]!r} is not a valid {kind}")

    def _text(self, node: ScalarNode) -> str:
        """The scalar's text, refusing characters a file may not hold even when escaped.

        The reader refuses a raw NUL or ESC, but ``"\\0"`` or ``"\\e"`` in double quotes makes
        one; NUL crashes font rendering and control characters garble terminals. Text made only
        of invisible format characters (a zero-width space, a bidi mark) has no width, and the
        game's text rendering fails on it.
        """
        problem = text_problem(node.value)
        if problem is not None:
            _fail(self.label, node.start_mark, problem)
        return node.value

    def _mapping(self, node: MappingNode, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            if not isinstance(key_node, ScalarNode):
                _fail(self.label, mark, "a mapping key must be a plain value, not a list/mapping")
            if key_node.tag == _CORE + "merge":
                _fail(self.label, mark, "merge keys ('<<') are not supported; write fields out")
            key = self.build(key_node, depth + 1)
            if key in first_line:
                message = f"duplicate key '{key}' (first defined on line {first_line[key]})"
                _fail(self.label, mark, message)
            first_line[key] = mark.line + 1
            result[key] = self.build(value_node, depth + 1)
        return result


_EARLY_END = "the file ends too early - is a bracket or quote left open?"
_HINTS = (  # (words in PyYAML's problem text, plainer replacement)
    (
        "mapping values are not allowed",
        "unexpected ':' - check the indentation, or put quotes around text that contains ': '",
    ),
    ("found character '\\t'", "tab character found; YAML indentation must use spaces"),
    (
        "could not find expected ':'",
        "expected 'key: value' here - check for a missing ':' or an unclosed quote",
    ),
    ("<stream end>", _EARLY_END),
    ("end of stream", _EARLY_END),
)


def _syntax_error(exc: yaml.YAMLError, label: str, text: str) -> ContentError:
    """A ContentError for a PyYAML error, at its problem position, in plainer words."""
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else 0
        return ContentError.single(
            label, line, col, f"character U+{code:04X} is not allowed in a YAML file"
        )
    if not isinstance(exc, yaml.MarkedYAMLError):
        return ContentError.single(label, 1, 1, f"YAML error: {exc}")
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = exc.problem or "the YAML is malformed"
    words = next((hint for key, hint in _HINTS if key in problem), problem)
    if problem == "second occurrence" and exc.context_mark is not None:  # duplicate anchor
        words = f"{exc.context} on line {exc.context_mark.line + 1}"
        return ContentError.single(label, line, col, words)
    if exc.context and exc.context_mark is not None and exc.context_mark is not mark:
        words += f" ({exc.context} on line {exc.context_mark.line + 1})"
    return ContentError.single(label, line, col, f"YAML syntax error: {words}")


def load_document(
    path: str | Path,
    *,
    max_bytes: int = 2_000_000,
    max_depth: int = 64,
    max_nodes: int = 200_000,
    max_aliases: int = 200,
) -> Document:
    """Read and safely parse the YAML file at ``path``. Raises only ContentError.

    The file must exist, be a regular file of at most ``max_bytes`` bytes (checked before it is
    read), be UTF-8 (a byte-order mark is ignored) and hold exactly one non-empty YAML document.
    A file named ``*.json`` is read as JSON (:func:`~game.content.json_loader.load_json`), so
    its numbers are JSON's (``1e-05`` is a number, not text).
    """
    label = str(path)
    limits = Limits(max_bytes, max_depth, max_nodes, max_aliases)
    if Path(label).suffix.lower() == ".json":
        from game.content.json_loader import load_json

        return load_json(path, max_bytes=max_bytes, max_depth=max_depth, max_nodes=max_nodes)
    return _load(read_bytes(path, max_bytes=max_bytes, label=label), label, limits)


def load_text(
    text_or_bytes: str | bytes,
    path_label: str = "<text>",
    *,
    max_bytes: int = 2_000_000,
    max_depth: int = 64,
    max_nodes: int = 200_000,
    max_aliases: int = 200,
) -> Document:
    """Parse in-memory YAML exactly as :func:`load_document` would; ``path_label`` names it."""
    limits = Limits(max_bytes, max_depth, max_nodes, max_aliases)
    raw = text_or_bytes
    size = len(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
    if size > max_bytes:
        raise ContentError.single(path_label, 1, 1, too_big(size, max_bytes))
    return _load(text_or_bytes, path_label, limits)


def _decode(raw: bytes, label: str) -> str:
    """Strict UTF-8 decoding; a bad byte is reported at its 1-based line and column."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        message = f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        raise ContentError.single(label, line, col, message) from None


def _load(source: str | bytes, label: str, limits: Limits) -> Document:
    """Decode, parse under limits and build plain data; every failure becomes ContentError."""
    text = ""
    try:
        text = source if isinstance(source, str) else _decode(source, label)
        text = text.removeprefix("\ufeff")
        if not text.strip():
            raise ContentError.single(label, 1, 1, "file is empty")
        loader = _GuardedLoader(text, label, limits)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
        if root is None or (isinstance(root, ScalarNode) and root.value == "" and not root.style):
            raise ContentError.single(label, 1, 1, "file is empty")
        data = _Builder(label, limits, loader.alias_ids).build(root)
        return Document(label, data, root)
    except ContentError:
        raise
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, label, text) from None
    except RecursionError:
        raise ContentError.single(label, 1, 1, "the file is nested too deeply to read") from None
    except MemoryError:
        raise ContentError.single(label, 1, 1, "the file is too large to read") from None
    except Exception as exc:  # defensive: the contract is "only ContentError"
        raise ContentError.single(label, 1, 1, f"could not read the file: {exc}") from None
