"""Loading of untrusted files: scenarios, decision logs, sessions, results, saves, snapshots.

Only the standard library, PyYAML and pydantic are used here. Every failure is a
:class:`ContentError` carrying located :class:`Problem` s (``PATH:LINE:COL: error: MESSAGE``).

Typical use::

    scenario = load_model(path, ScenarioModel)          # load_document + validate
    icon = check_relative_path(path.parent, scenario.icon)
"""

from game.content.bounded import read_bytes
from game.content.errors import ContentError, LocatedValueError, Problem
from game.content.json_loader import load_json, parse_json
from game.content.text import check_name, check_text, name_problem, text_problem
from game.content.validation import check_relative_path, find_non_finite, load_model, validate
from game.content.yaml_loader import Document, Limits, load_document, load_text

__all__ = [
    "check_name",
    "check_text",
    "load_json",
    "name_problem",
    "parse_json",
    "read_bytes",
    "text_problem",
    "ContentError",
    "LocatedValueError",
    "Document",
    "Limits",
    "Problem",
    "check_relative_path",
    "find_non_finite",
    "load_document",
    "load_model",
    "load_text",
    "validate",
]
