"""The scenario format's JSON Schema, for editors' hover text and checking: ``partnership
schema`` prints it, ``partnership new`` writes it beside a new scenario outside a checkout, and
``docs/scenario.schema.json`` is generated from it."""

from __future__ import annotations

import json
from typing import Any

from .calls import CONDITION_MARK, CONDITION_REF, condition_defs
from .conditions import CONDITIONS
from .spec import ScenarioSpec

SCHEMA_TITLE = "Partnership scenario"


def scenario_schema() -> dict[str, Any]:
    schema = _refer(ScenarioSpec.model_json_schema())
    schema.setdefault("$defs", {}).update(condition_defs(CONDITIONS))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = SCHEMA_TITLE
    return schema


def _refer(node: Any) -> Any:
    """``node`` with every condition's mark replaced by the reference to its schema."""
    if isinstance(node, dict):
        if node.get(CONDITION_MARK):
            return {"$ref": CONDITION_REF}
        return {k: _refer(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_refer(v) for v in node]
    return node


def scenario_schema_text() -> str:
    """The scenario schema as ``partnership schema`` prints it (and ``partnership new`` writes)."""
    return json.dumps(scenario_schema(), indent=2) + "\n"
