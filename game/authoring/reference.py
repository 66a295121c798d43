"""Generate ``docs/authoring.md`` and ``docs/scenario.schema.json`` from the code.

The reference half of the guide is read off the pydantic specs (every field's description),
the condition and effect registries (every docstring and argument) and the month record's
fields, so it cannot drift from what the loader accepts; a test checks the committed files are
current. Regenerate both with::

    python -m game.authoring.reference          # write them
    python -m game.authoring.reference --check  # exit 1 if either is out of date
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ..model.record import FIELDS
from ..scenario import spec
from ..scenario.conditions import CONDITIONS
from ..scenario.effects import EFFECTS
from ..scenario.registry import Registry
from ..scenario.schema import scenario_schema_text
from .lint import PLAUSIBLE
from .policies import POLICIES
from .template import SCHEMA_NAME
from .tutorial import TUTORIAL

# A developer's tool: it rewrites the committed docs of the checkout this module runs from (an
# editable install). Nothing the game runs reads these files.
DOCS_DIR = Path(__file__).resolve().parents[2] / "docs"
SCHEMA_PATH = DOCS_DIR / SCHEMA_NAME
DOC_PATH = DOCS_DIR / "authoring.md"
SPECS: tuple[tuple[str, type[BaseModel]], ...] = (
    ("The scenario (top level)", spec.ScenarioSpec),
    ("practice", spec.PracticeSpec),
    ("learning_objectives (each)", spec.LearningObjectiveSpec),
    ("goals (each)", spec.GoalSpec),
    ("events (each)", spec.EventSpec),
    ("trigger", spec.TriggerSpec),
    ("choices (each)", spec.ChoiceSpec),
    ("outcomes (each, of a choice)", spec.OutcomeSpec),
    ("text variants (each, of a briefing or feedback)", spec.VariantSpec),
    ("counters (each)", spec.CounterSpec),
    ("end_conditions (each)", spec.EndConditionSpec),
    ("people (each)", spec.PersonSpec),
)


def type_name(tp: Any) -> str:
    """A short, readable name for a field's type."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Annotated:
        return type_name(args[0])
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(type_name(a) for a in args if a is not type(None))
    if origin in (list, tuple):
        if origin is tuple and args and args[-1] is not Ellipsis:
            return f"list of {len(args)} {type_name(args[0])}"
        return f"list of {type_name(args[0])}" if args else "list"
    if origin is dict:
        return f"mapping of {type_name(args[0])} to {type_name(args[1])}"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        words = "".join(f" {c.lower()}" if c.isupper() else c
                        for c in tp.__name__.removesuffix("Spec")).strip()
        return {"ConditionSpec": "condition", "EffectSpec": "effect"}.get(tp.__name__, words)
    return {int: "whole number", float: "number", str: "text", bool: "true/false"}.get(
        tp, getattr(tp, "__name__", str(tp)))


def _bounds(info: Any) -> str:
    parts = []
    for m in info.metadata:
        for attr, word in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<"),
                           ("min_length", "length ≥"), ("max_length", "length ≤")):
            value = getattr(m, attr, None)
            if value is not None:
                parts.append(f"{word} {value:,}" if isinstance(value, int | float) else "")
    return ", ".join(p for p in parts if p)


def _default(info: Any) -> str:
    if info.is_required():
        return "**required**"
    if info.default_factory is not None:
        value = info.default_factory()
        if isinstance(value, BaseModel):
            return "(defaults below)"
        return "(empty)" if not value else f"`{json.dumps(value)}`"
    if info.default is None or info.default is PydanticUndefined:
        return "(none)"
    return f"`{json.dumps(info.default)}`"


def field_table(model: type[BaseModel]) -> list[str]:
    rows = ["| field | type | default | meaning |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        kind = type_name(info.annotation)
        bounds = _bounds(info)
        desc = (info.description or "").replace("\n", " ").replace("|", "\\|")
        rows.append(f"| `{name}` | {kind}{f' ({bounds})' if bounds else ''} | "
                    f"{_default(info)} | {desc} |")
    return rows


def registry_section(registry: Registry, example_value: str) -> list[str]:
    out: list[str] = []
    for name in registry.names():
        entry = registry.entries[name]
        out += [f"### `{name}`", "", entry.doc, ""]
        fields = entry.args_model.model_fields
        if fields:
            out += ["| argument | type | default |", "|---|---|---|"]
            for arg, info in fields.items():
                bounds = _bounds(info)
                out.append(f"| `{arg}` | {type_name(info.annotation)}"
                           f"{f' ({bounds})' if bounds else ''} | {_default(info)} |")
            out.append("")
        if entry.nested:
            shape = "{condition}" if name == "not" else "[{condition}, {condition}, ...]"
            out += [f"Written `{name}: {shape}`, nested as deep as needed.", ""]
        elif entry.single_arg:
            out += [f"Written `{name}: {example_value}` or "
                    f"`{name}: {{{entry.single_arg}: {example_value}}}`.", ""]
        else:
            args = ", ".join(f"{a}: ..." for a in fields)
            out += [f"Written `{name}: {{{args}}}`.", ""]
    return out


def reference() -> str:
    out = ["# Writing scenarios", "",
           "<!-- Generated by `python -m game.authoring.reference` from the scenario specs, "
           "the registries and the tutorial in game/authoring/tutorial.py. Do not edit by "
           "hand: a test checks it is current. -->", "", TUTORIAL.strip(), "",
           "# Reference", "", "## Fields", ""]
    for title, model in SPECS:
        out += [f"### {title}", ""]
        if model.__doc__ and model is not spec.ScenarioSpec:
            out += [" ".join(inspect.cleandoc(model.__doc__).split("\n\n")[0].split()), ""]
        out += field_table(model) + [""]
    out += ["## Conditions", "",
            "Triggers' `when` lists, end conditions, a choice's `shown_if` and a text "
            "variant's `when` are lists of conditions; all must hold (combine them otherwise "
            "with `any_of`, `all_of` and `not`). Each is checked at the start of the month, on "
            "the figures at the end of the month before (`shown_if` and a briefing's variants "
            "when the card arrives, a feedback's when the choice is taken).", ""]
    out += registry_section(CONDITIONS, "...")
    out += ["## Effects", "",
            "A choice's `effects` list. Add `after_months: N` beside an effect to delay it "
            "N months (at most 24).", ""]
    out += registry_section(EFFECTS, "...")
    out += ["## Month record fields (goal metrics)", "",
            "A goal's `metric` is one of these figures, recorded every month.", "",
            "| metric | meaning |", "|---|---|"]
    out += [f"| `{k}` | {v} |" for k, v in FIELDS.items()]
    out += ["", "## Validate warnings", "", *WARNINGS, "",
            "Effects are called far outside the plausible range beyond these sizes:", "",
            "| effect | argument | plausible within ± |", "|---|---|---|"]
    out += [f"| `{e}` | `{a}` | {v:,g} |" for (e, a), v in PLAUSIBLE.items()]
    out += ["", "## Balance policies", "", "| policy | how it plays |", "|---|---|"]
    out += [f"| `{name}` | {p.doc} |" for name, p in POLICIES.items()]
    return "\n".join(out).rstrip() + "\n"


WARNINGS = [
    "- **event can never fire**: probability 0, month conditions that leave no month, "
    "conditions that contradict each other, calendar months outside its window, or waiting for "
    "an event or flag that cannot have happened in time.",
    "- **choice has no effect**: no effects, no leadership tags, and no later event reads it; "
    "or an effect whose amount is 0; or a flag that nothing reads.",
    "- **effect far outside the plausible range** (table below).",
    "- **no feedback** on a choice.",
    "- **counter never read, or never moved** from its start value.",
    "- **every choice has `shown_if`**: where none holds, the card has nothing to choose.",
    "- **goal not shown in the briefing**: the goal's text (which the briefing lists) does not "
    "state the figure it is judged on; or its pillar weighs 0 in `scoring`.",
]


def schema_text() -> str:
    return scenario_schema_text()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if out of date")
    args = parser.parse_args(argv)
    stale = []
    for path, text in ((DOC_PATH, reference()), (SCHEMA_PATH, schema_text())):
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{'out of date' if args.check else 'wrote'}: {path}", file=sys.stderr)
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    raise SystemExit(main())
