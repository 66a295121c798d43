"""The comparison debrief on the projector: the same comparison as ``partnership debrief``, a
page at a time in type to read from the back of a room, with its charts, and the files to
take away.

The pages: the outcome pillars (chart, and each team's overall score beside its pillars and
months played), leadership (chart, and each team's levels), every figure over time (one
chart a page, the split months marked), where the paths split, and the discussion prompts.
Left and Right (or the buttons) turn the pages; W writes every team's results file,
``debrief.html`` and ``debrief.csv``. A chart is drawn for the window's size when its page is
first shown (``session.charts``, matplotlib's Figure API) and kept until the window changes.
"""

from __future__ import annotations

import io
from pathlib import Path

import pygame
from pygame_gui.elements import UIImage

from ..files import WriteError
from ..play.wording import count
from ..report.evidence import pretty
from ..scenario.spec import DIMENSIONS
from ..session import charts
from ..session.compare import Comparison, compare
from ..session.engine import GroupSession
from ..session.outcome import session_intake, write_debrief
from .scenes.base import Pop, Scene, Transition, escape

#: (title, chart id or '', the page's words): every page of the debrief, in order.
TEXT_PAGES = ("Leadership levels", "Where the paths split", "For discussion")
#: The share of a chart page's width its words take (0: the chart takes it all).
SIDE = {"pillars": 0.3}


def pillars_html(c: Comparison) -> str:
    """Each team's overall score, beside the chart of its six pillars."""
    lines = ["<b>Overall</b> (its six pillars are in the chart)"]
    for t in c.teams:
        lines.append(f"<b>{escape(t.team)}: {t.overall:.0f}</b> ({count(t.months, 'month')})")
    return "<br>".join(lines)


def leadership_html(c: Comparison) -> str:
    """Each dimension of the Healthcare Leadership Model with every team's level."""
    lines = []
    for d in DIMENSIONS:
        levels = "; ".join(f"{escape(t.team)} {escape(t.levels[d])}" for t in c.teams)
        lines.append(f"<b>{escape(pretty(d))}</b>: {levels}")
    return "<br>".join(lines)


def splits_html(c: Comparison) -> str:
    if not c.splits:
        return "The teams' paths did not split: every team decided alike."
    parts = []
    for s in c.splits:
        sides = "<br>".join(f"• {escape(k)}: {escape(', '.join(v))}"
                            for k, v in s.decided.items())
        parts.append(f"<b>Month {s.month}</b><br>{sides}")
    return "<br><br>".join(parts)


def prompts_html(c: Comparison) -> str:
    return "<br><br>".join(f"<b>{n}.</b> {escape(p)}" for n, p in enumerate(c.prompts, 1))


class SessionDebriefScene(Scene):
    """The comparison a page at a time; W writes the report and files."""

    name = "session_debrief"

    def __init__(self, session: GroupSession, folder: str | Path) -> None:
        super().__init__()
        self.session, self.folder = session, Path(folder)
        self.intake = session_intake(session)
        self.comparison = compare(self.intake)
        self.message = ""
        self.pages: list[tuple[str, str]] = [(title, cid) for cid, title in charts.CHARTS]
        self.pages.insert(2, (TEXT_PAGES[0], ""))  # the levels, after the leadership chart
        self.pages += [(title, "") for title in TEXT_PAGES[1:]]
        self.page = 0
        self.drawn: dict[tuple[str, int, int, int], pygame.Surface] = {}

    def compose(self) -> None:
        w, h = self.inner
        margin, row, gap = self.m("margin"), self.m("row"), self.m("gap")
        title, chart_id = self.pages[self.page]
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 12),
                   f"{title}  ·  page {self.page + 1} of {len(self.pages)}", "#heading")
        bh = int(row * 1.3)
        top = margin // 2 + row + 12 + gap
        note = 2 * row + gap if self.message else 0
        body = pygame.Rect(margin, top, w - 2 * margin, h - top - bh - margin // 2 - gap - note)
        if chart_id:
            self._chart_page(body, chart_id)
        else:
            self.text_box(body, self._text(title), object_id="#projector")
        if self.message:
            self.text_box(pygame.Rect(margin, body.bottom + gap, w - 2 * margin, 2 * row),
                          escape(self.message), object_id="#ok")
        self._footer(h - bh - margin // 2, bh)

    def _footer(self, y: int, bh: int) -> None:
        w, _ = self.inner
        margin, gap = self.m("margin"), self.m("gap")
        bw = (w - 2 * margin - 3 * gap) // 4
        for k, (text, action, key, oid) in enumerate((
                ("Back to the room", lambda: Pop(), pygame.K_ESCAPE, None),
                ("Previous page", lambda: self.turn(-1), pygame.K_LEFT, None),
                ("Next page", lambda: self.turn(1), pygame.K_RIGHT, None),
                ("Write report and files", self.write, pygame.K_w, "#primary"))):
            self.button(pygame.Rect(margin + k * (bw + gap), y, bw, bh), text, action, key,
                        object_id=oid)

    def _chart_page(self, body: pygame.Rect, chart_id: str) -> None:
        gap = self.m("gap")
        side = int(body.width * SIDE.get(chart_id, 0.0))
        area = pygame.Rect(body.x, body.y, body.width - side - (gap if side else 0),
                           body.height)
        UIImage(area, self.surface(chart_id, area.size), manager=self.manager,
                container=self.root)
        if side:
            self.text_box(pygame.Rect(area.right + gap, body.y, side, body.height),
                          pillars_html(self.comparison), object_id="#projector")

    def surface(self, chart_id: str, size: tuple[int, int]) -> pygame.Surface:
        """The chart drawn for ``size`` in the theme's projector type (drawn once)."""
        font = self.manager.get_theme().get_font(["#projector", "text_box"])
        font_px = int(font.size("Hg")[1] * 0.75)
        key = (chart_id, size[0], size[1], font_px)
        if key not in self.drawn:
            frame = charts.Frame.for_screen(size[0], size[1], font_px)
            png = charts.chart(self.comparison, chart_id, frame)
            self.drawn[key] = pygame.image.load(io.BytesIO(png), "chart.png")
        return self.drawn[key]

    def _text(self, title: str) -> str:
        page = dict(zip(TEXT_PAGES, (leadership_html, splits_html, prompts_html), strict=True))
        return page[title](self.comparison)

    def turn(self, by: int) -> Transition | None:
        self.page = (self.page + by) % len(self.pages)
        self.build()
        return None

    def write(self) -> Transition | None:
        try:
            written = write_debrief(self.session, self.comparison, self.intake, self.folder)
            teams = len(written) - 2
            self.message = (f"Wrote {teams} teams' results files, debrief.html and debrief.csv "
                            f"in {self.folder}")
        except WriteError as exc:
            self.message = str(exc)
        self.build()
        return None
