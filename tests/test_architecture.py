"""The import direction: the model and content layers never reach up to the display."""

import ast
from pathlib import Path

import pytest

GAME = Path(__file__).parents[1] / "game"
PURE = ["model", "scenario", "content", "scoring"]
FORBIDDEN = ("pygame", "pygame_gui", "game.ui", "game.cli", "matplotlib")


def imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    package = ".".join(path.relative_to(GAME.parent).with_suffix("").parts[:-1])
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            names.append(base)
    return names


@pytest.mark.parametrize("layer", PURE)
def test_pure_layers_do_not_import_the_display(layer):
    for path in (GAME / layer).rglob("*.py"):
        for name in imports(path):
            assert not name.startswith(FORBIDDEN), f"{path} imports {name}"


def test_model_uses_only_numpy_and_the_standard_library():
    allowed = ("numpy", "game.model", "__future__")
    import sys
    stdlib = sys.stdlib_module_names
    for path in (GAME / "model").rglob("*.py"):
        for name in imports(path):
            top = name.split(".")[0]
            assert name.startswith(allowed) or top in stdlib, f"{path} imports {name}"


def test_rules_use_no_hidden_randomness_or_clock():
    for layer in ("model", "scenario", "scoring"):
        for path in (GAME / layer).rglob("*.py"):
            text = path.read_text()
            for bad in ("import random", "np.random.rand(", "np.random.seed", "time.time(",
                        "datetime.now("):
                assert bad not in text, f"{path} uses {bad}"
