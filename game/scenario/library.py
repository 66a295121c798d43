"""Finding and loading scenarios: the bundled library and files given by path."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..content import ContentError, Document, Problem, check_relative_path, load_document, validate
from .spec import ScenarioSpec


def _bundled_dir() -> Path:
    """The scenarios shipped with the game: the data package ``game.scenarios``, which is the
    repository's ``scenarios/`` folder (setup.py maps it), found the same way in a wheel and in
    an editable install of a clone."""
    try:
        return Path(str(resources.files("game.scenarios"))).resolve()
    except ModuleNotFoundError:  # an install without them, or an editable one made before
        # they were a package: nothing is bundled, and resolve() says to reinstall
        return Path(str(resources.files("game") / "scenarios")).resolve()


BUNDLED_DIR = _bundled_dir()
DEFAULT_SCENARIO = "first-year"


def bundled() -> dict[str, Path]:
    """Bundled scenario ids and their files, in file-name order."""
    if not BUNDLED_DIR.is_dir():
        return {}
    return {p.stem: p for p in sorted(BUNDLED_DIR.glob("*.yaml"))}


def resolve(name_or_path: str) -> Path:
    """A bundled id, or a path to a scenario file."""
    library = bundled()
    if name_or_path in library:
        return library[name_or_path]
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists() or "/" in name_or_path:
        return path
    known = ", ".join(library) or ("none; this installation lacks its scenarios: reinstall "
                                   "Partnership, in a clone with pip install -e .")
    raise ContentError([Problem(name_or_path, 1, 1,
                                f"no bundled scenario '{name_or_path}' (bundled: {known})")])


def load_scenario(name_or_path: str | Path) -> ScenarioSpec:
    """Load and check a scenario; raises ``ContentError`` naming file, line and column."""
    return check_document(load_document(resolve(str(name_or_path))))


def check_document(document: Document) -> ScenarioSpec:
    """Validate a loaded scenario document: the schema, its id and the assets it names."""
    path = Path(document.path)
    scenario = validate(document, ScenarioSpec)
    if scenario.id != path.stem and path.parent.resolve() == BUNDLED_DIR:
        line, col = document.locate(("id",))
        raise ContentError([Problem(str(path), line, col,
                                    f"bundled scenario id '{scenario.id}' must match its "
                                    f"file name '{path.stem}'")])
    _check_assets(scenario, path, document)
    return scenario


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")


def is_file_portrait(portrait: str) -> bool:
    """Whether a person's ``portrait`` names a file of the scenario's (not one of the game's
    own portraits, which are named without a folder or suffix)."""
    return "/" in portrait or "." in portrait


def _check_assets(scenario: ScenarioSpec, path: Path, document: Document) -> None:
    """Every asset a scenario names must be an image file inside the scenario's folder."""
    named: list[tuple[tuple[str | int, ...], str]] = [
        (("events", i, "image"), e.image) for i, e in enumerate(scenario.events) if e.image]
    # a person's portrait may be one of the game's own (a bare name) or a file of the scenario's
    named += [(("people", i, "portrait"), p.portrait) for i, p in enumerate(scenario.people)
              if p.portrait and is_file_portrait(p.portrait)]
    problems = []
    for loc, image in named:
        line, col = document.locate(loc)
        try:
            target = check_relative_path(path.parent, image)
        except ValueError as exc:
            problems.append(Problem(str(path), line, col, str(exc)))
            continue
        if target.suffix.lower() not in IMAGE_SUFFIXES:
            problems.append(Problem(str(path), line, col,
                                    f"image '{image}' must be a .png or .jpg file"))
        elif not target.is_file():
            problems.append(Problem(str(path), line, col,
                                    f"image '{image}' not found beside the scenario"))
    if problems:
        raise ContentError(problems)
