"""game.session is pure: no display, no command line; only its charts use matplotlib."""

import ast
from pathlib import Path

SESSION = Path(__file__).parents[1] / "game" / "session"


def test_session_package_never_imports_the_display():
    for path in SESSION.rglob("*.py"):
        for name in imports(path):
            assert not name.startswith(("pygame", "pygame_gui", "game.ui", "game.cli")), \
                f"{path} imports {name}"
            if path.name != "charts.py":
                assert not name.startswith("matplotlib"), f"{path} imports {name}"


def imports(path: Path) -> list[str]:
    """Absolute module names imported by ``path`` (relative imports resolved)."""
    package = "game.session"
    names = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: 2 - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            names.append(base)
    return names
