"""Every screen and modal, game and facilitator, at large text and 1280x720: each button's and
label's text fits its widget (measured with the widget's own theme font), each option of a
drop-down fits the menu, and a text box whose text scrolls still shows a few lines."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pygame
import pytest
from pygame_gui.elements import UIButton, UIDropDownMenu, UILabel, UITextBox

from game import saves
from game.model.decisions import SetDrawingsDecision, SetLocumSessionsDecision
from game.play.game_session import GameSession
from game.scenario.library import bundled, load_scenario
from game.session.engine import GroupSession
from game.session.script import SESSION_YAML
from game.session.spec import load_session
from game.ui.app import App
from game.ui.facilitate_debrief import SessionDebriefScene
from game.ui.facilitate_decisions import team_panel
from game.ui.facilitate_modals import (
    AddTeamScene,
    DropTeamScene,
    HandInScene,
    InjectScene,
    KnowledgeTeamsScene,
)
from game.ui.facilitate_run import facilitator_app
from game.ui.preferences import Preferences
from game.ui.scenes.base import Pop, Push, Scene
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.chooser import ChooserScene
from game.ui.scenes.dashboard import DashboardScene
from game.ui.scenes.decisions import DecisionPanelScene
from game.ui.scenes.end import EndScene
from game.ui.scenes.event_card import EventCardScene
from game.ui.scenes.knowledge_check import KnowledgeCheckScene
from game.ui.scenes.live import JoinScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.pause import PauseScene
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.summary import MonthSummaryScene
from game.ui.scenes.title import TitleScene
from game.ui.scenes.tutorial import TutorialScene

SIZE = (1280, 720)
#: A text box that must scroll shows at least this many lines.
SCROLLING_LINES = 3


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
    return tmp_path


def _room(element) -> int:
    """The width a widget's text may take: its own less borders, shadow and padding."""
    pad = int(getattr(element, "text_horiz_alignment_padding", 0) or 0)
    border = getattr(element, "border_width", 0)
    sides = border["left"] + border["right"] if isinstance(border, dict) else 2 * int(border or 0)
    return element.rect.width - sides - 2 * int(getattr(element, "shadow_width", 0) or 0) - 2 * pad


def _container_rect(element) -> pygame.Rect | None:
    """The rect of the scene panel (screen or modal) that holds ``element``."""
    container = element.ui_container
    while container is not None and getattr(container, "parent_element", None) is not None:
        owner = container.parent_element
        if getattr(owner, "object_ids", None) and owner.object_ids[-1] in ("#modal", "#screen"):
            return container.rect
        container = owner.ui_container
    return None


def _named(element) -> str:
    text = getattr(element, "text", None) or getattr(element, "html_text", None) or ""
    return str(text)[:50]


def _shown(element) -> bool:
    return bool(element.visible) and element.alive()


def problems(app: App, where: str) -> Iterator[str]:
    for element in app.look.manager.get_sprite_group().sprites():
        if not _shown(element):
            continue
        box = _container_rect(element)
        if box is not None and not box.contains(element.rect) and _named(element):
            yield (f"{where}: {type(element).__name__} {_named(element)!r} at "
                   f"{tuple(element.rect)} runs outside its panel {tuple(box)}")
        if isinstance(element, (UIButton, UILabel)) and element.text.strip():
            need = element.font.size(element.text)[0]
            if need > _room(element):
                yield (f"{where}: '{element.text}' needs {need}px in a "
                       f"{element.rect.width}px {type(element).__name__}")
        elif isinstance(element, UIDropDownMenu):
            font = element.menu_states["closed"].selected_option_button.font \
                if hasattr(element.menu_states["closed"], "selected_option_button") else None
            for text in element.options_list:
                label = text[0] if isinstance(text, tuple) else text
                if font is not None and font.size(label)[0] > element.rect.width - 40:
                    yield f"{where}: option '{label}' is wider than its {element.rect.width}px menu"
        elif isinstance(element, UITextBox) and element.scroll_bar is not None:
            line = element.ui_theme.get_font(element.combined_element_ids).get_sized_height() \
                if hasattr(element.ui_theme.get_font(element.combined_element_ids),
                           "get_sized_height") else 24
            if element.rect.height < SCROLLING_LINES * line:
                yield (f"{where}: a text box {element.rect.height}px high scrolls "
                       f"(fewer than {SCROLLING_LINES} lines shown): "
                       f"'{element.html_text[:60]}'")


def look(app: App, where: str) -> list[str]:
    for _ in range(3):
        app.step()
    return list(problems(app, where))


def _game_session(months: int = 1) -> GameSession:
    scenario = load_scenario("first-year")
    session = GameSession(scenario, "first-year", 5)
    for _ in range(months):
        for event in session.pending_events():
            session.choose(event.id, event.choices[0].id)
        session.decide(SetLocumSessionsDecision(24), "cover the vacancy")
        session.decide(SetDrawingsDecision(9_500))
        session.end_turn()
    for event in session.pending_events():
        session.choose(event.id, event.choices[0].id)
    return session


def _check(session: GameSession, stage: str, k: int) -> KnowledgeCheckScene:
    """The check at its ``k``th question, the first option chosen (the longest text shown)."""
    scene = KnowledgeCheckScene(session.scenario.knowledge_check, stage, lambda a: None,
                                lambda: Pop())
    scene.index = k
    scene.answers[scene.question.id] = 1
    return scene


def game_screens(session: GameSession) -> list[tuple[str, Callable[[DashboardScene], Scene]]]:
    before = session.start_row
    event = session.scenario.events[0]
    return [
        ("chooser", lambda d: ChooserScene(5)),
        ("briefing", lambda d: BriefingScene(session.scenario, "first-year", 5)),
        *[(f"knowledge check {stage}, question {k + 1}",
           lambda d, stage=stage, k=k: _check(session, stage, k))
          for stage in ("before", "after") for k in range(len(session.scenario.knowledge_check))],
        ("tutorial", lambda d: TutorialScene(d)),
        ("event card", lambda d: EventCardScene(session, event)),
        ("event card, most choices, long reason", lambda d: _crowded_card(session)),
        *[(f"panel {g}", lambda d, g=g: DecisionPanelScene(session, g))
          for g in ("workforce", "operations", "money", "pcn")],
        ("summary", lambda d: MonthSummaryScene(session, before, session.latest)),
        ("pause", lambda d: PauseScene(session)),
        ("settings", lambda d: SettingsScene()),
        ("load", lambda d: LoadScene()),
        ("join", lambda d: JoinScene()),
    ]


def _crowded_card(session: GameSession) -> EventCardScene:
    """The card with the most choices, carrying the longest inaction summary of any bundled
    scenario and a long reason already typed."""
    event = max(session.scenario.events, key=lambda e: len(e.choices))
    summaries = [e.if_no_decision.summary for name in bundled()
                 for e in load_scenario(name).events if e.if_no_decision is not None]
    lapse = event.if_no_decision.model_copy(update={"summary": max(summaries, key=len)})
    card = EventCardScene(session, event.model_copy(update={"if_no_decision": lapse}))
    card.reason = "Because the partners agreed at Tuesday's meeting that cash comes first " * 4
    return card


def test_every_game_screen_fits_at_large_text():
    session = _game_session(2)
    for k in range(3):  # load-list rows with long names
        saves.write_save(session, f"A long save name for the load list, number {k + 1}")
    app = App(SIZE, prefs=Preferences(large_text=True))
    app.start(TitleScene(5))
    found = look(app, "title")
    dashboard = DashboardScene(session)
    app.start(dashboard)
    found += look(app, "dashboard")
    for where, make in game_screens(session):
        app.apply(Push(make(dashboard)))
        found += look(app, where)
        app.start(dashboard)
    finished = _game_session(0)
    finished.run.play_default()
    questions = finished.scenario.knowledge_check
    finished.record_knowledge("before", {q.id: q.answer % len(q.options) + 1 for q in questions})
    finished.record_knowledge("after", {q.id: q.answer for q in questions[1:]})
    end = EndScene(finished, runs=4)
    app.start(end)
    found += look(app, "end")
    end.wait(120)
    end.show(3)
    found += look(app, "end, feedback with the knowledge check")
    assert not found, "\n".join(found)


def test_every_facilitator_screen_fits_at_large_text(tmp_path):
    path = tmp_path / "session.yaml"
    path.write_text(SESSION_YAML)
    group = GroupSession(load_session(path))
    app = facilitator_app(group, SIZE, tmp_path / "results")
    found = look(app, "facilitator")
    group.open_round()
    facilitator = app.top
    facilitator.build()
    found += look(app, "facilitator, round open")
    team = group.teams[0]
    report = facilitator.after_modal
    for where, scene in (("hand-in", HandInScene(group, team, report)),
                         ("knowledge check teams", KnowledgeTeamsScene(group, report)),
                         ("inject", InjectScene(group, report)),
                         ("add team", AddTeamScene(group, report)),
                         ("drop team", DropTeamScene(group, report)),
                         *[(f"team panel {g}", team_panel(group, team, g))
                           for g in ("workforce", "operations", "money", "pcn")]):
        app.apply(Push(scene))
        found += look(app, where)
        app.start(facilitator)
    group.lock()
    group.advance()
    app.apply(Push(SessionDebriefScene(group, tmp_path / "results")))
    found += look(app, "debrief")
    assert not found, "\n".join(found)


class _QuietLink:
    """A team's link with nothing to say: the live dashboard drawn as the host left it."""

    def poll(self) -> list:
        return []

    def hand_in(self, month: int, entry: dict) -> str:
        return "h1"


def test_the_live_team_dashboard_fits_at_large_text(tmp_path):
    from test_live_replica import TEAM, _control, _Wire

    from game.live import drill
    from game.live.replica import LiveGame
    from game.live.resume import open_room
    from game.live.views import team_view
    from game.results import content_hash
    from game.ui.scenes.live import LiveDashboardScene

    room, _ = open_room(drill.drill_session(tmp_path, 2, 3))
    try:
        s = room.session
        welcome = {"type": "welcome", "v": 1, "re": "h", "role": "team", "seat": "seat-key",
                   "team": TEAM, "title": s.spec.title, "scenario": s.scenario.id,
                   "months": s.months, "seed": s.seed,
                   "scenario_sha256": content_hash(s.scenario),
                   "scenario_spec": s.scenario.model_dump(mode="json")}
        game = LiveGame(welcome, team_view(room, TEAM), _Wire(room))
        assert _control(room, "open")
        game.sync(team_view(room, TEAM))
        app = App(SIZE, prefs=Preferences(large_text=True))
        dashboard = LiveDashboardScene(game, _QuietLink())  # type: ignore[arg-type]
        dashboard.connection = "Reconnecting to the host at ws://192.168.100.200:8765 ..."
        app.start(dashboard)
        found = look(app, "live dashboard")
        app.apply(Push(EventCardScene(game, game.pending_events()[0])))
        found += look(app, "live event card")
    finally:
        room.journal.close()
    assert not found, "\n".join(found)
