"""The player's settings (large text for projectors, a colour-blind-safe palette), kept in the
user data directory beside the saves. Each setting chooses a theme file; none is in code."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from ..content import ContentError, load_json
from ..files import WriteError, write_atomic
from ..saves import data_dir

THEME_DIR = Path(__file__).resolve().parent / "theme"


@dataclass(frozen=True)
class Preferences:
    large_text: bool = False
    colour_safe: bool = False

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
    known = {f.name for f in fields(Preferences)}
    if not isinstance(data, dict):
        return Preferences()
    return Preferences(**{k: bool(v) for k, v in data.items() if k in known})


def save_preferences(prefs: Preferences) -> str:
    """Save the settings; returns '' or a message saying why they could not be kept."""
    try:
        write_atomic(_path(), json.dumps(asdict(prefs), indent=1) + "\n")
    except WriteError as exc:
        return f"Settings apply now but could not be kept: {exc}"
    return ""
