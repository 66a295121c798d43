"""Every key of the facilitator's screens, from the one table (``session.commands``)."""

from __future__ import annotations

import pygame

from ...session.commands import COMMANDS, keys_lines
from .base import Pop, Scene, escape

#: The command table's key names as pygame's keys.
KEY_CODES = {c.key: getattr(pygame, f"K_{c.key}") for c in COMMANDS if c.key}


class KeysScene(Scene):
    """The key list of the one-screen facilitator's screen or of the live host's window."""

    name = "keys"
    modal = True
    modal_share = (0.9, 0.92)

    def __init__(self, window: bool) -> None:
        super().__init__()
        self.window = window

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        where = "the host's window" if self.window else "the facilitator's screen"
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 8),
                   f"Keys of {where}", "#heading")
        top = margin // 2 + row + 2 * gap
        bh = int(row * 1.3)
        fy = h - bh - margin // 2
        lines = "<br>".join(f"• {escape(x)}" for x in keys_lines(self.window))
        self.text_box(pygame.Rect(margin, top, w - 2 * margin, fy - gap - top),
                      lines + "<br><br><i>The same commands, by name, in the host's text "
                      "console (help lists them) and in docs/facilitating.md.</i>")
        bw = max(260, w // 4)
        self.button(pygame.Rect(w - margin - bw, fy, bw, bh), "Close", lambda: Pop(),
                    pygame.K_ESCAPE, object_id="#primary")
        self.keys[pygame.K_RETURN] = lambda: Pop()
        self.keys[pygame.K_F1] = lambda: Pop()
