"""The scenario format's JSON Schema, for editors' hover text and checking: ``partnership
schema`` prints it and ``docs/scenario.schema.json`` is generated from it."""

from __future__ import annotations

from typing import Any

from .spec import ScenarioSpec


def scenario_schema() -> dict[str, Any]:
    schema = ScenarioSpec.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Partnership scenario"
    return schema
