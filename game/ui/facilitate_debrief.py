"""The comparison debrief at the end of ``facilitate``: the same comparison as
``partnership debrief``, on the projector, and the files to take away."""

from __future__ import annotations

from pathlib import Path

import pygame

from ..files import WriteError
from ..play.wording import count
from ..report.evidence import pretty
from ..scenario.spec import DIMENSIONS
from ..scoring import PILLARS
from ..session.compare import Comparison, compare
from ..session.engine import GroupSession
from ..session.outcome import session_intake, write_debrief
from .scenes.base import Pop, Scene, Transition, escape


def comparison_html(c: Comparison, reveal: bool) -> str:
    """The comparison as pygame_gui text-box HTML (a small subset of HTML)."""
    teams = c.teams if reveal else sorted(c.teams, key=lambda t: t.team)
    parts = ["<b>Outcome pillars (0-100)</b><br>"]
    for t in teams:
        pillars = "  ".join(f"{p.capitalize()} {t.pillars[p]:.0f}" for p in PILLARS)
        parts.append(f"<b>{escape(t.team)}</b>: {pillars}  ·  overall {t.overall:.0f}"
                     f" ({count(t.months, 'month')})<br>")
    parts.append("<br><b>Leadership (Healthcare Leadership Model)</b><br>")
    for d in DIMENSIONS:
        levels = ", ".join(f"{escape(t.team)} {t.levels[d]}" for t in teams)
        parts.append(f"{escape(pretty(d))}: {levels}<br>")
    parts.append("<br><b>Where the paths split</b><br>")
    for s in c.splits:
        sides = "; ".join(f"{escape(k)}: {escape(', '.join(v))}" for k, v in s.decided.items())
        parts.append(f"Month {s.month}: {sides}<br>")
    parts.append("<br><b>For discussion</b><br>")
    parts += [f"{n}. {escape(p)}<br>" for n, p in enumerate(c.prompts, start=1)]
    return "".join(parts)


class SessionDebriefScene(Scene):
    """Teams side by side; W writes every team's results file, the HTML report and the CSV."""

    name = "session_debrief"

    def __init__(self, session: GroupSession, folder: str | Path) -> None:
        super().__init__()
        self.session, self.folder = session, Path(folder)
        self.intake = session_intake(session)
        self.comparison = compare(self.intake)
        self.message = ""

    def compose(self) -> None:
        w, h = self.inner
        margin, row, gap = self.m("margin"), self.m("row"), self.m("gap")
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 12),
                   f"Debrief: {self.session.spec.title}", "#heading")
        bh = int(row * 1.3)
        top = margin // 2 + row + 2 * gap
        body_h = h - top - bh - 2 * margin - (2 * row if self.message else 0)
        self.text_box(pygame.Rect(margin, top, w - 2 * margin, body_h),
                      comparison_html(self.comparison, True))
        if self.message:
            self.text_box(pygame.Rect(margin, top + body_h + gap, w - 2 * margin, 2 * row),
                          escape(self.message), object_id="#ok")
        bw = max(300, w // 3)
        self.button(pygame.Rect(margin, h - bh - margin // 2, bw, bh), "Back", lambda: Pop(),
                    pygame.K_ESCAPE)
        self.button(pygame.Rect(w - margin - bw, h - bh - margin // 2, bw, bh),
                    "Write report and files", self.write, pygame.K_w, object_id="#primary")

    def write(self) -> Transition | None:
        try:
            self.message = "Wrote " + ", ".join(str(p) for p in write_debrief(
                self.session, self.comparison, self.intake, self.folder))
        except WriteError as exc:
            self.message = str(exc)
        self.build()
        return None

