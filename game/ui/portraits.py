"""Portraits of a scenario's named people, with their initials when there is no picture.

A person's ``portrait`` is one of the game's own (``portrait-03``: ``assets/portraits/`` in the
repository, ``game.assets`` once installed) or a picture in the scenario's folder
(``images/manager.png``). Whatever cannot be found or read (a file gone since the scenario was
checked, an install without the art, a damaged PNG) gives the person's initials on a disc in the
theme's colours instead, so the game never fails for want of a picture.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pygame
from pygame_gui.core.interfaces import IGUIFontInterface

from ..scenario.library import is_file_portrait
from ..scenario.people import PersonSpec


def portrait_file(person: PersonSpec, scenario_dir: Path | None) -> Path | None:
    """Where the person's picture should be, or None if they have none."""
    if not person.portrait:
        return None
    if is_file_portrait(person.portrait):
        return None if scenario_dir is None else scenario_dir / person.portrait
    try:
        return Path(str(files("game.assets"))) / "portraits" / f"{person.portrait}.png"
    except ModuleNotFoundError:  # an install without the art
        return None


def portrait(person: PersonSpec, scenario_dir: Path | None, size: int,
             back: pygame.Color, text: pygame.Color, font: IGUIFontInterface) -> pygame.Surface:
    """The person's portrait at ``size`` x ``size`` pixels, or their initials."""
    path = portrait_file(person, scenario_dir)
    if path is not None:
        try:
            picture = pygame.image.load(str(path))
        except (OSError, pygame.error):
            picture = None
        if picture is not None:
            return pygame.transform.smoothscale(picture.convert_alpha(), (size, size))
    return initials_disc(person.name, size, back, text, font)


def initials(name: str) -> str:
    """The first letters of a name's first and last words, as capitals (a title counts: it
    is how the team says the name)."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def initials_disc(name: str, size: int, back: pygame.Color, text: pygame.Color,
                  font: IGUIFontInterface) -> pygame.Surface:
    surface = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.circle(surface, back, (size // 2, size // 2), size // 2)
    label = font.render_premul(initials(name), text)
    surface.blit(label, label.get_rect(center=(size // 2, size // 2)),
                 special_flags=pygame.BLEND_PREMULTIPLIED)
    return surface
