"""Draw the game's portraits: simple head-and-shoulders figures, made for the project.

Run ``python assets/make_portraits.py`` from the repository root to write
``assets/portraits/portrait-NN.png`` (256 x 256, transparent corners). Each portrait is drawn
with pygame's shapes from a fixed description below, so the same script always draws the same
pictures; change a description and run it again to change a face. The figures are deliberately
plain (no one in particular): a scenario gives each of its named people one of them, or its
own picture.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402 - after choosing the headless driver

SIZE = 256
HERE = Path(__file__).resolve().parent / "portraits"

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Face:
    """One portrait: colours and a few shapes."""

    background: Colour
    skin: Colour
    hair: Colour
    hair_style: str  # short, long, bun, curly, bald, wavy
    clothes: Colour
    collar: str  # scrubs, shirt, lanyard, cardigan
    glasses: bool = False
    beard: bool = False


FACES: tuple[Face, ...] = (
    Face((198, 222, 235), (141, 85, 36), (35, 25, 20), "bun", (46, 84, 140), "scrubs"),
    Face((226, 214, 196), (241, 194, 160), (110, 70, 40), "short", (60, 60, 70), "shirt",
         glasses=True),
    Face((205, 228, 209), (224, 172, 128), (30, 30, 30), "long", (120, 50, 90), "lanyard"),
    Face((232, 220, 236), (92, 58, 38), (20, 20, 20), "curly", (40, 110, 100), "scrubs"),
    Face((222, 230, 240), (250, 214, 190), (200, 170, 110), "wavy", (150, 70, 60), "cardigan"),
    Face((238, 226, 206), (198, 134, 84), (60, 40, 30), "bald", (70, 90, 120), "shirt",
         beard=True),
    Face((210, 225, 232), (255, 220, 196), (150, 150, 155), "short", (50, 70, 60), "lanyard",
         glasses=True),
    Face((229, 217, 229), (160, 105, 65), (25, 20, 18), "long", (30, 100, 150), "scrubs"),
    Face((214, 232, 222), (235, 180, 140), (120, 40, 30), "bun", (90, 60, 110), "cardigan"),
    Face((236, 228, 214), (110, 70, 45), (15, 15, 15), "short", (40, 40, 45), "shirt",
         beard=True),
)


def shade(colour: Colour, factor: float) -> Colour:
    r, g, b = (max(0, min(255, int(c * factor))) for c in colour)
    return (r, g, b)


def draw(face: Face) -> pygame.Surface:
    s = pygame.Surface((SIZE, SIZE), pygame.SRCALPHA)
    pygame.draw.circle(s, face.background, (SIZE // 2, SIZE // 2), SIZE // 2)
    cx = SIZE // 2
    _hair_behind(s, face, cx)
    # shoulders and neck
    pygame.draw.ellipse(s, face.clothes, pygame.Rect(cx - 100, 178, 200, 150))
    pygame.draw.rect(s, shade(face.skin, 0.9), pygame.Rect(cx - 20, 140, 40, 50))
    _collar(s, face, cx)
    # head
    pygame.draw.ellipse(s, face.skin, pygame.Rect(cx - 48, 62, 96, 112))
    pygame.draw.ellipse(s, shade(face.skin, 0.92), pygame.Rect(cx - 56, 108, 14, 24))  # ears
    pygame.draw.ellipse(s, shade(face.skin, 0.92), pygame.Rect(cx + 42, 108, 14, 24))
    if face.beard:
        pygame.draw.ellipse(s, face.hair, pygame.Rect(cx - 44, 128, 88, 50))
        pygame.draw.ellipse(s, face.skin, pygame.Rect(cx - 30, 126, 60, 30))
    _hair_front(s, face, cx)
    # eyes, brows, mouth
    for dx in (-18, 18):
        pygame.draw.ellipse(s, (40, 35, 35), pygame.Rect(cx + dx - 5, 112, 10, 8))
        pygame.draw.line(s, shade(face.hair, 0.8), (cx + dx - 9, 102), (cx + dx + 9, 101), 3)
    pygame.draw.arc(s, (120, 60, 60), pygame.Rect(cx - 16, 132, 32, 20), 3.5, 5.9, 3)
    pygame.draw.line(s, shade(face.skin, 0.8), (cx, 114), (cx - 3, 128), 2)  # nose
    if face.glasses:
        for dx in (-18, 18):
            pygame.draw.ellipse(s, (50, 50, 55), pygame.Rect(cx + dx - 13, 104, 26, 22), 3)
        pygame.draw.line(s, (50, 50, 55), (cx - 5, 114), (cx + 5, 114), 3)
    return _round(s)


def _hair_behind(s: pygame.Surface, face: Face, cx: int) -> None:
    if face.hair_style == "long":
        pygame.draw.rect(s, face.hair, pygame.Rect(cx - 56, 80, 112, 120), border_radius=40)
    elif face.hair_style == "wavy":
        for dx in (-50, 50):
            pygame.draw.ellipse(s, face.hair, pygame.Rect(cx + dx - 22, 90, 44, 90))
    elif face.hair_style == "bun":
        pygame.draw.circle(s, face.hair, (cx, 58), 26)


def _hair_front(s: pygame.Surface, face: Face, cx: int) -> None:
    style = face.hair_style
    if style == "bald":
        pygame.draw.arc(s, face.hair, pygame.Rect(cx - 50, 70, 100, 80), 2.6, 3.6, 8)
        pygame.draw.arc(s, face.hair, pygame.Rect(cx - 50, 70, 100, 80), -0.5, 0.5, 8)
        return
    if style == "curly":
        for i in range(9):
            x = cx - 48 + i * 12
            pygame.draw.circle(s, face.hair, (x, 70 + abs(i - 4) * 4), 16)
        return
    top = pygame.Rect(cx - 52, 56, 104, 64)
    pygame.draw.ellipse(s, face.hair, top)
    pygame.draw.rect(s, face.skin, pygame.Rect(cx - 40, 96, 80, 30), border_radius=12)
    if style in ("long", "wavy"):
        pygame.draw.rect(s, face.hair, pygame.Rect(cx - 54, 86, 16, 70), border_radius=8)
        pygame.draw.rect(s, face.hair, pygame.Rect(cx + 38, 86, 16, 70), border_radius=8)


def _collar(s: pygame.Surface, face: Face, cx: int) -> None:
    if face.collar == "scrubs":
        pygame.draw.polygon(s, face.skin, [(cx - 22, 180), (cx + 22, 180), (cx, 214)])
    elif face.collar == "shirt":
        pygame.draw.polygon(s, (240, 240, 240), [(cx - 30, 182), (cx, 206), (cx - 8, 222)])
        pygame.draw.polygon(s, (240, 240, 240), [(cx + 30, 182), (cx, 206), (cx + 8, 222)])
    elif face.collar == "lanyard":
        pygame.draw.line(s, (200, 40, 60), (cx - 26, 184), (cx - 6, 240), 5)
        pygame.draw.line(s, (200, 40, 60), (cx + 26, 184), (cx + 6, 240), 5)
        pygame.draw.rect(s, (250, 250, 250), pygame.Rect(cx - 14, 232, 28, 20))
    elif face.collar == "cardigan":
        pygame.draw.polygon(s, shade(face.clothes, 1.3), [(cx - 18, 184), (cx + 18, 184),
                                                           (cx, 250)])


def _round(s: pygame.Surface) -> pygame.Surface:
    """Clear everything outside the background circle (the shoulders run past it)."""
    mask = pygame.Surface((SIZE, SIZE), pygame.SRCALPHA)
    pygame.draw.circle(mask, (255, 255, 255, 255), (SIZE // 2, SIZE // 2), SIZE // 2)
    s.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return s


def main() -> None:
    pygame.init()
    HERE.mkdir(exist_ok=True)
    for k, face in enumerate(FACES, 1):
        path = HERE / f"portrait-{k:02d}.png"
        pygame.image.save(draw(face), str(path))
        print(f"wrote {path.relative_to(HERE.parent.parent)}")


if __name__ == "__main__":
    main()
