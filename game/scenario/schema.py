"""The scenario format's JSON Schema, for editors' hover text and checking: ``partnership
schema`` prints it, ``partnership new`` writes it beside a new scenario outside a checkout, and
``docs/scenario.schema.json`` is generated from it."""

from __future__ import annotations

import json
from typing import Any

from .spec import ScenarioSpec

SCHEMA_TITLE = "Partnership scenario"


def scenario_schema() -> dict[str, Any]:
    schema = ScenarioSpec.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = SCHEMA_TITLE
    return schema


def scenario_schema_text() -> str:
    """The scenario schema as ``partnership schema`` prints it (and ``partnership new`` writes)."""
    return json.dumps(scenario_schema(), indent=2) + "\n"
