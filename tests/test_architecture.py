"""The import direction: layers point downwards only, imports inside functions included.

Every package and top-level module under ``game/`` has a layer, lowest first. A module may
import its own layer and those below it, never one above: the model knows nothing of
scenarios, nothing below the front ends knows the pygame window or the command line.

The top-level modules sit with the packages whose work they do: ``files`` (writing a file
whole or not at all) is the write side of ``content``'s bounded reading; ``results`` and
``saves`` are the files a game writes and replays, the application layer's (``play``);
``calibration`` measures the default practice against published figures for whoever tunes
the parameters, beside ``authoring``'s balance tools; ``__main__`` is the command line; the
package's own ``__init__`` imports nothing and sits at the bottom.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

GAME = Path(__file__).parents[1] / "game"

#: Lowest first. Within the middle tier the order is a layer each (session builds its charts
#: with report's, live runs group sessions, authoring may use any of them), and the two front
#: ends are ordered so the command line may open the window.
LAYERS: list[tuple[str, ...]] = [
    ("__init__", "model"),  # game/__init__.py: the package's root, it imports nothing
    ("content", "files"),
    ("scenario",),
    ("scoring",),
    ("play", "results", "saves"),
    ("report",),
    ("session",),
    ("live",),
    ("authoring", "calibration"),
    ("ui",),
    ("cli", "__main__"),
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
FRONT_ENDS = RANK["ui"]
DISPLAY = ("pygame", "pygame_gui")
#: Below these layers matplotlib is not imported either (charts are report's and up).
NO_CHARTS = ("model", "content", "scenario", "scoring", "play")


def imports(source: str, module: str) -> list[tuple[str, int]]:
    """Every module ``source`` imports (the module ``module``), with its line: all of them,
    at the top or inside a function, relative ones resolved."""
    tree = ast.parse(source)
    parts = module.split(".")
    package = parts if module.endswith("__init__") else parts[:-1]
    package = [p for p in package if p != "__init__"]
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package[: len(package) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            if base == "game":  # from game import ui / from .. import ui: the names are modules
                names += [(f"game.{a.name}", node.lineno) for a in node.names]
            else:
                names.append((base, node.lineno))
    return names


def layer_of(module: str) -> str | None:
    """The layer name of a ``game...`` module (None for anything else)."""
    parts = module.split(".")
    if parts[0] != "game" or len(parts) < 2:
        return None
    return parts[1]


def modules() -> list[tuple[Path, str]]:
    out = []
    for path in sorted(GAME.rglob("*.py")):
        out.append((path, ".".join(path.relative_to(GAME.parent).with_suffix("").parts)))
    return out


def upward_imports(source: str, module: str) -> list[str]:
    """What ``module`` imports from a layer above its own, as ``line: name (layer)``."""
    own = RANK[layer_of(module) or ""]
    found = []
    for name, line in imports(source, module):
        layer = layer_of(name)
        if layer is not None and layer in RANK and RANK[layer] > own:
            found.append(f"{line}: {name} ({layer})")
    return found


def test_every_package_and_top_level_module_has_a_layer():
    tops = {p.stem if p.is_file() else p.name for p in GAME.iterdir()
            if (p.is_dir() and (p / "__init__.py").exists()) or p.suffix == ".py"}
    assert tops - set(RANK) == set(), "give these a place in LAYERS"


@pytest.mark.parametrize("layer", [n for names in LAYERS for n in names])
def test_no_layer_imports_one_above_it(layer):
    problems = []
    for path, module in modules():
        if layer_of(module) == layer:
            problems += [f"{path.relative_to(GAME.parent)}:{p}"
                         for p in upward_imports(path.read_text(), module)]
    assert not problems, "imports from a layer above:\n" + "\n".join(problems)


def test_nothing_below_the_front_ends_imports_them_or_the_display():
    problems = []
    for path, module in modules():
        layer = layer_of(module)
        if layer is None or RANK[layer] >= FRONT_ENDS:
            continue
        for name, line in imports(path.read_text(), module):
            top = name.split(".")[0]
            charts = layer in NO_CHARTS and top == "matplotlib"
            if name.startswith(("game.ui", "game.cli")) or top in DISPLAY or charts:
                problems.append(f"{path.relative_to(GAME.parent)}:{line}: {name}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("source", [
    "def f():\n    from ..ui.app import App\n",
    "def f():\n    from ...cli import main\n",
    "class C:\n    def m(self):\n        import game.ui.scenes\n",
    "def f():\n    from .. import ui\n",
])
def test_the_check_sees_imports_inside_functions(source):
    """A front end imported inside a function of ``game.play.replay`` is caught."""
    module = "game.play.replay" if "..." not in source else "game.play.sub.replay"
    assert upward_imports(source, module), source


def test_the_check_resolves_relative_imports_to_their_package():
    assert imports("from . import charts\nfrom ..model import advance\n",
                   "game.report.game_debrief") == [("game.report", 1), ("game.model", 2)]
    assert imports("from .replay import play\n", "game.play.__init__") == [
        ("game.play.replay", 1)]


def test_model_uses_only_numpy_and_the_standard_library():
    allowed = ("numpy", "game.model", "__future__")
    stdlib = sys.stdlib_module_names
    for path, module in modules():
        if layer_of(module) != "model":
            continue
        for name, _line in imports(path.read_text(), module):
            top = name.split(".")[0]
            assert name.startswith(allowed) or top in stdlib, f"{path} imports {name}"


def test_rules_use_no_hidden_randomness_or_clock():
    for layer in ("model", "scenario", "scoring"):
        for path in (GAME / layer).rglob("*.py"):
            text = path.read_text()
            for bad in ("import random", "np.random.rand(", "np.random.seed", "time.time(",
                        "datetime.now("):
                assert bad not in text, f"{path} uses {bad}"


def test_every_params_field_is_read_by_the_model():
    """A documented, overridable parameter that nothing reads misleads every author who sets it."""
    from dataclasses import fields

    from game.model.params import Params

    read: set[str] = set()
    for path in (GAME / "model").glob("*.py"):
        if path.name == "params.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id in ("params", "p"):
                read.add(node.attr)
    unread = [f.name for f in fields(Params) if f.name not in read]
    assert not unread, f"Params fields no model code reads: {unread}"


def test_staff_group_names_written_in_the_scenario_format_match_the_model():
    """The scenario format spells the groups out (a Literal, so editors see them); they must be
    the model's groups, in its order."""
    import typing

    from game.model.roles import GROUPS
    from game.scenario import conditions, effects, spec

    assert typing.get_args(conditions.Group) == GROUPS
    assert typing.get_args(effects.Group) == (*GROUPS, "all")
    morale = spec.PracticeSpec.model_fields["morale"].annotation
    assert typing.get_args(typing.get_args(morale)[0]) == GROUPS
