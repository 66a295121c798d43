"""The Team view: every named person with their portrait, role, how they are doing in words and
the history of the player's dealings with them (``play.team``). It only shows; Esc goes back."""

from __future__ import annotations

from pathlib import Path

import pygame
from pygame_gui.elements import UIImage, UIPanel, UIScrollingContainer

from ...content import ContentError
from ...play.game_session import GameSession
from ...play.team import PersonView, team_views
from ...scenario.library import resolve
from ..portraits import portrait
from .base import Pop, Scene, Transition, escape


def scenario_dir(session: GameSession) -> Path | None:
    """The folder of the session's scenario, where its own pictures are (None if unknown)."""
    try:
        return resolve(session.source).parent
    except (OSError, ValueError, ContentError):
        return None


def portrait_for(scene: Scene, session: GameSession, person_id: str, size: int
                 ) -> pygame.Surface:
    """A person's portrait in the theme's colours (their initials if there is no picture)."""
    assert scene.app is not None
    person = next(p for p in session.scenario.people if p.id == person_id)
    look = scene.app.look
    font = scene.manager.get_theme().get_font(["#heading"])
    return portrait(person, scenario_dir(session), size, look.colour("back", "portrait"),
                    look.colour("text", "portrait"), font)


def person_html(view: PersonView) -> str:
    """One person's card text: name and role, how they are doing, where they are, who they
    are, and their history with the player."""
    lines = [f"<b>{escape(view.name)}</b> · {escape(view.role)}",
             escape(view.doing[:1].upper() + view.doing[1:]) + "."]
    if view.where:
        lines.append(f"<i>{escape(view.where)}</i>")
    if view.about:
        lines.append(escape(view.about))
    dealings = "".join(f"<br>• {escape(d)}" for d in view.dealings) or \
        "<br><i>Nothing yet.</i>"
    lines.append(f"<b>Your dealings with them</b>{dealings}")
    return "<br>".join(lines)


class TeamScene(Scene):
    name = "team"

    def __init__(self, session: GameSession) -> None:
        super().__init__()
        self.session = session
        self.cards: list[tuple[UIImage, object]] = []

    def compose(self) -> None:
        w, h = self.inner
        bar, gap, margin = self.m("topbar"), self.m("gap"), self.m("margin")
        panel = UIPanel(pygame.Rect(0, 0, w, bar), manager=self.manager, container=self.root,
                        object_id="#topbar")
        self.label(pygame.Rect(12, 0, w - 220, bar - 4),
                   f"The team  ·  {self.session.scenario.practice.name}", "#topbar_text",
                   container=panel)
        self.button(pygame.Rect(w - 190, 8, 176, bar - 18), "Back", self.back, pygame.K_ESCAPE,
                    container=panel)
        self.keys[pygame.K_t] = self.back
        area = pygame.Rect(margin, bar + gap, w - 2 * margin, h - bar - gap - margin)
        self.scroller = UIScrollingContainer(area, manager=self.manager, container=self.root,
                                             allow_scroll_x=False)
        self._cards(area.width - 24)  # room for the scroll bar

    def _cards(self, width: int) -> None:
        size, gap = self.m("portrait"), self.m("gap")
        text_w = width - size - 2 * gap
        y = 0
        self.cards = []
        for view in team_views(self.session):
            image = UIImage(pygame.Rect(0, y, size, size),
                            portrait_for(self, self.session, view.id, size),
                            manager=self.manager, container=self.scroller)
            box = self.text_box(pygame.Rect(size + gap, y, text_w, -1), person_html(view),
                                container=self.scroller)
            self.cards.append((image, box))
            y += max(size, box.relative_rect.height) + 2 * gap
        self.scroller.set_scrollable_area_dimensions((width, max(y, 1)))

    def back(self) -> Transition:
        return Pop()
