"""The theme as the scenes use it: a pygame_gui manager built from the theme files, plus the
sizes and chart colours the theme holds (``layout`` and ``chart`` blocks of the JSON)."""

from __future__ import annotations

import warnings

import pygame
import pygame_gui
from pygame_gui.core.utility import set_default_manager

from ..content import load_json
from .preferences import Preferences


def _fonts(prefs: Preferences) -> list[dict[str, object]]:
    """Every font the theme files name, so pygame_gui can load them up front."""
    wanted: set[tuple[int, bool]] = set()
    for path in prefs.theme_files():
        for block in load_json(path).data.values():
            font = block.get("font") if isinstance(block, dict) else None
            if font:
                wanted.add((int(font["size"]), font.get("bold") == "1"))
    fonts = [{"name": "noto_sans", "point_size": size, "style": "bold" if bold else "regular"}
             for size, bold in sorted(wanted)]
    # text boxes set <i> and <b> in their body text, so load those styles up front too
    fonts += [{"name": "noto_sans", "point_size": size, "style": style}
              for size in sorted({size for size, bold in wanted if not bold})
              for style in ("italic", "bold")]
    return fonts


def theme_stamp(prefs: Preferences) -> tuple[int, ...]:
    """The theme files' modification times: when they move, the theme is read again."""
    out = []
    for path in prefs.theme_files():
        try:
            out.append(path.stat().st_mtime_ns)
        except OSError:
            out.append(0)
    return tuple(out)


class Look:
    """The UI manager and the theme's sizes and colours for one set of preferences."""

    def __init__(self, size: tuple[int, int], prefs: Preferences) -> None:
        files = prefs.theme_files()
        self.prefs = prefs
        self.stamp = theme_stamp(prefs)
        self.manager = pygame_gui.UIManager(size, theme_path=str(files[0]),
                                            enable_live_theme_updates=False)
        # pygame_gui keeps the first manager ever made as its default for good, and with it
        # that manager's fonts and shape caches; every widget here names its manager, so the
        # newest is made the default and the one it replaces can go
        set_default_manager(self.manager)
        for extra in files[1:]:
            self.manager.get_theme().load_theme(str(extra))
        with warnings.catch_warnings():  # the theme has loaded some of them already
            warnings.filterwarnings("ignore", "Trying to pre-load font", UserWarning)
            self.manager.preload_fonts(_fonts(prefs))

    def metric(self, name: str) -> int:
        """A size from the theme's ``layout`` block, in pixels."""
        return int(self.manager.get_theme().get_misc_data(name, ["layout"]))

    def colour(self, name: str, block: str = "chart") -> pygame.Color:
        return self.manager.get_theme().get_colour(name, [block])
