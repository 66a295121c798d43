"""The player's settings (large text for projectors, a colour-blind-safe palette, the name
their results and portfolio page carry), kept in the user data directory beside the saves.
Each display setting chooses a theme file; none is in code."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from importlib import resources
from pathlib import Path

from ..content import ContentError, load_json
from ..files import WriteError, write_atomic
from ..saves import data_dir

#: The theme files, shipped in the package (game/ui/theme) and found through importlib.resources.
THEME_DIR = Path(str(resources.files("game.ui") / "theme")).resolve()


#: Longest player name kept (the results file's limit).
NAME_LIMIT = 200


@dataclass(frozen=True)
class Preferences:
    large_text: bool = False
    colour_safe: bool = False
    #: the name on the player's results and portfolio page (never the computer's account name)
    player_name: str = ""
    #: whether the name has been asked for (it is asked once; settings change it)
    name_asked: bool = False

    def theme_files(self) -> list[Path]:
        """The pygame_gui theme files, base first; later files override earlier ones."""
        files = [THEME_DIR / "standard.json"]
        if self.colour_safe:
            files.append(THEME_DIR / "colour_safe.json")
        if self.large_text:
            files.append(THEME_DIR / "large_text.json")
        return files


def _path() -> Path:
    return data_dir() / "settings.json"


def load_preferences() -> Preferences:
    """The saved settings; defaults when there are none or the file is unreadable."""
    try:
        data = load_json(_path(), max_bytes=100_000).data
    except ContentError:
        return Preferences()
    if not isinstance(data, dict):
        return Preferences()
    kept: dict[str, bool | str] = {}
    for f in fields(Preferences):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.type == "str" or f.type is str:
            kept[f.name] = value.strip()[:NAME_LIMIT] if isinstance(value, str) else ""
        else:
            kept[f.name] = bool(value)
    return Preferences(**kept)  # type: ignore[arg-type]


def save_preferences(prefs: Preferences) -> str:
    """Save the settings; returns '' or a message saying why they could not be kept."""
    try:
        write_atomic(_path(), json.dumps(asdict(prefs), indent=1) + "\n")
    except WriteError as exc:
        return f"Settings apply now but could not be kept: {exc}"
    return ""
