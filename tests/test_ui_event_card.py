"""The event card: a reason typed with the choice reaches the log and the portfolio page (keys
typed in the field never choose), and the card says what happens if nobody decides. The same
card in the live team window passes the reason to the team's replica. Synthetic pygame events
on the dummy driver."""

from __future__ import annotations

import pygame
import pytest
from pygame_gui.elements import UITextBox
from test_ui_inputs import click, settle, typed
from test_ui_scenes import into_dashboard

from game.play.game_session import GameSession
from game.report.evidence import decision_rows
from game.scenario.library import load_scenario
from game.ui.app import App
from game.ui.demo import key
from game.ui.preferences import Preferences
from game.ui.scenes.base import Push
from game.ui.scenes.dashboard import DashboardScene
from game.ui.scenes.event_card import EventCardScene


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
    return tmp_path


def _choose_button(card: EventCardScene, n: int):
    return next(b for b in card.actions if getattr(b, "text", "").startswith(f"Choose {n}"))


def test_the_reason_typed_on_the_card_goes_with_the_choice_into_the_log():
    app, session = into_dashboard()
    card = app.top
    assert isinstance(card, EventCardScene)
    event = card.event
    settle(app, click(card.reason_field.rect.center))
    settle(app, typed("Protect 2 sessions of cover"))  # digits: no choice key fires
    assert app.top is card and card.reason_field.get_text() == "Protect 2 sessions of cover"
    assert session.this_month()[0] == []
    settle(app, click(_choose_button(card, 2).rect.center))
    assert app.top is not card
    choices, _ = session.this_month()
    assert choices == [{"event": event.id, "choice": event.choices[1].id,
                        "reason": "Protect 2 sessions of cover"}]
    while isinstance(app.top, EventCardScene):  # any other card this month, no reason
        settle(app, click(_choose_button(app.top, 1).rect.center))
    assert isinstance(app.top, DashboardScene)
    assert all("reason" not in c for c in session.this_month()[0][1:]), "blank is no reason"
    session.end_turn()
    logged = session.log().model_dump(mode="json")
    assert logged["months"][0]["choices"][0]["reason"] == "Protect 2 sessions of cover"
    rows = decision_rows(session.scenario, logged)
    assert (1, f"{event.title}: {event.choices[1].label}", "Protect 2 sessions of cover") in rows


def test_the_reason_survives_a_rebuild_and_is_trimmed():
    app, session = into_dashboard()
    card = app.top
    settle(app, click(card.reason_field.rect.center) + typed("  kept  "))
    card.build()  # a resize or a theme change rebuilds the widgets
    assert card.reason_field.get_text() == "  kept  "
    settle(app, key(pygame.K_ESCAPE))  # leave the field; then the keys choose again
    assert app.top is card
    settle(app, key(pygame.K_1))
    assert session.this_month()[0][0]["reason"] == "kept"


def _text(app: App) -> str:
    return " ".join(e.html_text for e in app.look.manager.get_sprite_group().sprites()
                    if isinstance(e, UITextBox) and e.visible)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_card_says_what_happens_if_nobody_decides(size):
    app, session = into_dashboard(size=size)
    card = app.top
    assert isinstance(card, EventCardScene)
    summary = card.event.if_no_decision.summary
    assert summary
    shown = _text(app)
    assert "If nobody decides:" in shown and summary.split()[0] in shown
    # the line sits between the briefing and the first choice, and none overlap
    line = next(e for e in app.look.manager.get_sprite_group().sprites()
                if isinstance(e, UITextBox) and "If nobody decides" in e.html_text)
    assert line.scroll_bar is None, "the whole summary shows"
    assert all(not line.rect.colliderect(b.rect) for b in card.boxes)
    assert line.rect.bottom <= min(b.rect.top for b in card.boxes)


def test_a_card_without_an_inaction_summary_shows_no_line():
    scenario = load_scenario("first-year")
    event = scenario.events[0].model_copy(update={"if_no_decision": None})
    session = GameSession(scenario, "first-year", 5)
    app = App((1280, 720), prefs=Preferences())
    app.start(DashboardScene(session))
    app.apply(Push(EventCardScene(session, event)))
    settle(app)
    assert "If nobody decides" not in _text(app)


def test_the_live_team_window_keeps_a_reason_through_a_replay_of_its_month(tmp_path):
    """The live window shows this same card; its replica takes the reason and keeps it when
    an event fired after a decision has the month replayed (answers, then decisions)."""
    from test_live_replica import TEAM, _control, _Wire

    from game.live import drill
    from game.live.replica import LiveGame
    from game.live.resume import open_room
    from game.live.views import team_view
    from game.model.decisions import SetDrawingsDecision
    from game.results import content_hash

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
        for event in game.pending_events():
            game.choose(event.id, event.choices[0].id, reason="first answer")
        game.decide(SetDrawingsDecision(per_partner_month_gbp=8000), "hold cash")
        assert _control(room, "inject", event="agency-rates", team=TEAM)
        game.sync(team_view(room, TEAM))
        late = next(e for e in game.pending_events() if e.id == "agency-rates")
        game.choose(late.id, late.choices[1].id, reason="a late card")  # replays the month
        choices, decisions = game.this_month()
        assert {c["event"]: c.get("reason") for c in choices}["agency-rates"] == "a late card"
        assert all(c.get("reason") for c in choices), choices
        assert [d.get("reason") for d in decisions] == ["hold cash"]
    finally:
        room.journal.close()
