"""Loading of untrusted content files (scenarios, decision logs, sessions, results).

Only the standard library, PyYAML and pydantic are used here. Every failure is a
:class:`ContentError` carrying located :class:`Problem` s (``PATH:LINE:COL: error: MESSAGE``).

Typical use::

    scenario = load_model(path, ScenarioModel)          # load_document + validate
    icon = check_relative_path(path.parent, scenario.icon)
"""

from game.content.errors import ContentError, LocatedValueError, Problem
from game.content.validation import check_relative_path, find_non_finite, load_model, validate
from game.content.yaml_loader import Document, Limits, load_document, load_text

__all__ = [
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
