"""The Team view and one-to-one cards: each named person with a portrait (their initials when
the picture is missing), their role, how they are doing in words and the player's dealings with
them; a card with a person shows their portrait. Synthetic events on the dummy driver."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UIImage
from test_ui_scenes import press

from game.play.game_session import GameSession
from game.play.team import team_views
from game.scenario.library import load_scenario
from game.ui import portraits
from game.ui.app import App
from game.ui.preferences import Preferences
from game.ui.scenes.dashboard import DashboardScene
from game.ui.scenes.event_card import EventCardScene
from game.ui.scenes.team import TeamScene, person_html

SCENARIO = Path(__file__).parent / "people" / "speaking-up.yaml"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))


def _played(months: int, answer: str = "dismiss") -> GameSession:
    session = GameSession(load_scenario(SCENARIO), str(SCENARIO), 4)
    for _ in range(months):
        for event in session.pending_events():
            session.choose(event.id, answer if event.id == "concern" else "accept")
        session.end_turn()
    return session


def test_each_person_in_words_with_the_history_of_dealings():
    views = {v.id: v for v in team_views(_played(6))}
    nurse, partner, manager = views["okafor"], views["hale"], views["lin"]
    assert nurse.role == "Practice nurse"
    assert "trusts you less since May" in nurse.doing  # the concern was dismissed in May
    assert nurse.dealings[0].startswith("May: A concern raised: you chose \u201cTell her it is")
    assert "trust -0.30" in nurse.dealings[0] and "off sick for 2 months" in nurse.dealings[0]
    assert partner.where.startswith("Working their notice")
    assert any("resigned" in d for d in partner.dealings)
    assert manager.dealings == () and "trusts" not in manager.doing


def test_a_heard_concern_reads_as_trust_gained_and_names_the_concern():
    views = {v.id: v for v in team_views(_played(3, answer="listen"))}
    assert "trusts you more since May" in views["okafor"].doing
    assert "has raised 1 concern" in views["okafor"].doing
    assert "1 concern about them not yet dealt with" in views["hale"].doing
    assert "Dr Hale" in person_html(views["hale"])


def _app(session: GameSession, large: bool = False) -> App:
    app = App((1280, 720), prefs=Preferences(large_text=large, name_asked=True))
    app.start(DashboardScene(session))
    app.step()
    return app


def _images(scene) -> list[UIImage]:
    return [e for e in scene.manager.get_sprite_group().sprites() if isinstance(e, UIImage)]


@pytest.mark.parametrize("large", [False, True])
def test_the_team_view_opens_from_the_dashboard_with_a_card_for_everyone(large):
    session = _played(4)
    app = _app(session, large)
    while isinstance(app.top, EventCardScene):
        press(app, pygame.K_1)
    press(app, pygame.K_t)
    assert isinstance(app.top, TeamScene)
    assert len(app.top.cards) == len(session.scenario.people) == 3
    for image, box in app.top.cards:
        assert image.rect.width == image.rect.height > 0
        assert image.rect.right < box.rect.left  # the words beside the portrait, not over it
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, DashboardScene)


def test_no_team_button_without_named_people():
    app = _app(GameSession(load_scenario("first-year"), "first-year", 1))
    assert not any(getattr(b, "text", "").startswith("Team") for b in app.stack[0].actions)


def test_a_card_with_a_person_shows_their_portrait_and_name():
    session = _played(1)
    app = _app(session)
    card = app.top
    assert isinstance(card, EventCardScene) and card.event.person == "okafor"
    assert "With Sister Okafor" in card.briefing_box.html_text
    assert any(i.rect.width == app.look.metric("portrait_card") for i in _images(card))


def _initials_or_picture(person, font) -> pygame.Surface:
    return portraits.portrait(person, SCENARIO.parent, 64, pygame.Color("#5b7083"),
                              pygame.Color("#ffffff"), font)


def test_a_missing_portrait_shows_the_persons_initials(monkeypatch):
    app = App((640, 480), prefs=Preferences(name_asked=True))
    font = app.look.manager.get_theme().get_font(["label"])
    person = load_scenario(SCENARIO).people[0]
    drawn = _initials_or_picture(person, font)
    assert drawn.get_at((32, 4)) != pygame.Color("#5b7083")  # the picture, not the disc
    gone = person.model_copy(update={"portrait": "portrait-99"})
    assert _initials_or_picture(gone, font).get_at((32, 4)) == pygame.Color("#5b7083")

    def no_art(name):
        raise ModuleNotFoundError(name)
    monkeypatch.setattr(portraits, "files", no_art)  # an install without the art
    assert portraits.portrait_file(person, SCENARIO.parent) is None
    assert _initials_or_picture(person, font).get_at((32, 4)) == pygame.Color("#5b7083")
    assert portraits.initials("Sister Okafor") == "SO" and portraits.initials("  ") == "?"


def test_the_bundled_portraits_are_listed_in_the_assets_readme():
    assets = Path(__file__).resolve().parents[1] / "assets"
    files = sorted(p.name for p in (assets / "portraits").glob("*.png"))
    assert len(files) == 10
    readme = (assets / "README.md").read_text()
    assert "portrait-01.png" in readme and "portrait-10.png" in readme and "Licence" in readme
