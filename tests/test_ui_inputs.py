"""Inputs do what the player typed: a focused field takes every key, numbers are typed freely
within the decision's bounds, and this month's decisions can be withdrawn or replaced.
Synthetic pygame events on the dummy driver."""

from __future__ import annotations

import pygame
import pytest
from test_ui_scenes import answer_cards, into_dashboard, press

from game.model.decisions import SetLocumSessionsDecision
from game.session.engine import GroupSession
from game.session.script import SESSION_YAML
from game.session.spec import load_session
from game.ui.demo import key
from game.ui.facilitate_modals import HandInScene
from game.ui.facilitate_run import facilitator_app
from game.ui.scenes.dashboard import DashboardScene
from game.ui.scenes.decisions import DecisionPanelScene
from game.ui.scenes.live import JoinScene
from game.ui.scenes.pause import PauseScene


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
    return tmp_path


def click(pos: tuple[int, int]) -> list[pygame.event.Event]:
    return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)]


def typed(text: str) -> list[pygame.event.Event]:
    """What the keyboard sends for ``text``: a key press and the character typed."""
    out = []
    for ch in text:
        k = ord(ch.lower()) if ch.isalnum() else 0
        out += [pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=ch, scancode=0),
                pygame.event.Event(pygame.TEXTINPUT, text=ch),
                pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode=ch, scancode=0)]
    return out


def settle(app, events=()) -> None:
    app.step(list(events))
    app.step()


def field(panel: DecisionPanelScene, name: str):
    return next(w for w, (_, p) in panel.widgets.items() if p.name == name and not p.options)


def type_into(app, panel: DecisionPanelScene, name: str, text: str) -> None:
    """Click the field, clear it and type ``text``."""
    settle(app, click(field(panel, name).rect.center))
    assert field(panel, name).is_focused
    settle(app, key(pygame.K_BACKSPACE) * 12 + typed(text))


def game_panel(group_key: int = pygame.K_w):
    app, session = into_dashboard()
    answer_cards(app)
    press(app, group_key)
    assert isinstance(app.top, DecisionPanelScene)
    return app, session, app.top


def test_digits_typed_in_a_field_are_the_number_not_shortcuts():
    app, session, panel = game_panel()
    type_into(app, panel, "sessions", "30")
    assert app.top is panel and panel.selected == 2, "clicking the field selects its row"
    assert field(panel, "sessions").get_text() == "30"
    settle(app, key(pygame.K_RETURN))  # Enter in the field commits its row
    assert panel.status_ok, panel.status
    assert session.decisions_this_month() == ["Book 30 locum sessions a month"]
    assert float(session.run.world.state.locum_sessions[0]) == 30


def test_thousands_are_typed_with_their_comma():
    app, session, panel = game_panel(pygame.K_m)
    type_into(app, panel, "gbp", "10,000")
    settle(app, key(pygame.K_RETURN))
    assert session.decisions_this_month() == ["Set drawings to £10,000 a partner a month"]


def test_a_number_outside_the_bounds_is_refused_naming_them():
    app, session, panel = game_panel()
    labels = {getattr(e, "text", "") for e in panel.root.get_container().elements}
    assert "0-200 sessions a month" in labels, "the range is shown beside the field"
    type_into(app, panel, "sessions", "250")
    settle(app, key(pygame.K_RETURN))
    assert not panel.status_ok and "0-200 sessions a month" in panel.status
    assert session.decisions_this_month() == []


def test_esc_in_a_field_leaves_the_field_then_closes_the_panel():
    app, session, panel = game_panel()
    settle(app, click(field(panel, "sessions").rect.center))
    settle(app, key(pygame.K_ESCAPE))
    assert app.top is panel and app.typing_in() is None
    settle(app, key(pygame.K_ESCAPE))
    assert isinstance(app.top, DashboardScene)


def test_the_reason_typed_goes_in_the_log():
    app, session, panel = game_panel(pygame.K_m)
    settle(app, click(panel.reason_field.rect.center))
    settle(app, typed("Keep 2 months of cash"))  # digits and letters: no shortcut fires
    assert app.top is panel and panel.reason_field.get_text() == "Keep 2 months of cash"
    settle(app, key(pygame.K_RETURN))
    _, decisions = session.this_month()
    assert [d["reason"] for d in decisions] == ["Keep 2 months of cash"]
    assert panel.reason_field.get_text() == "", "the reason is cleared for the next decision"


def test_a_second_commit_replaces_and_del_withdraws():
    app, session, panel = game_panel(pygame.K_m)
    for amount in ("9,500", "9,000"):
        type_into(app, panel, "gbp", amount)
        settle(app, key(pygame.K_RETURN))
    assert session.decisions_this_month() == ["Set drawings to £9,000 a partner a month"]
    settle(app, key(pygame.K_DELETE))
    assert session.decisions_this_month() == []
    assert "Withdrawn" in panel.status
    assert float(session.run.world.state.drawings_per_partner[0]) != 9_000


def test_a_panel_commit_replaces_a_decision_of_the_same_kind():
    app, session, panel = game_panel()
    session.decide(SetLocumSessionsDecision(20))
    panel.build()
    settle(app, key(pygame.K_3) + key(pygame.K_MINUS) + key(pygame.K_RETURN))
    assert len(session.decisions_this_month()) == 1, "the same kind replaced, not added"


def test_typing_a_save_name_does_not_save_load_or_quit():
    app, session = into_dashboard()
    answer_cards(app)
    press(app, pygame.K_ESCAPE)
    pause = app.top
    assert isinstance(pause, PauseScene)
    settle(app, click(pause.entry.rect.center) + key(pygame.K_BACKSPACE) * 40)
    settle(app, typed("Quiet save, slow"))
    assert app.top is pause and pause.message == ""
    assert pause.entry.get_text() == "Quiet save, slow"


def test_a_facilitator_types_a_teams_locum_sessions(tmp_path):
    path = tmp_path / "session.yaml"
    path.write_text(SESSION_YAML)
    group = GroupSession(load_session(path))
    app = facilitator_app(group, (1280, 720), tmp_path / "results")
    for k in (pygame.K_o, pygame.K_2):
        settle(app, key(k))
        app.step()
    assert isinstance(app.top, HandInScene)
    settle(app, key(pygame.K_w))
    app.step()
    panel = app.top
    assert isinstance(panel, DecisionPanelScene)
    type_into(app, panel, "sessions", "24")
    assert app.top is panel
    settle(app, key(pygame.K_RETURN))
    [(decision, _)] = group.submissions["Calder"].decisions
    assert decision == SetLocumSessionsDecision(24)
    type_into(app, panel, "sessions", "16")
    settle(app, key(pygame.K_RETURN))
    [(decision, _)] = group.submissions["Calder"].decisions
    assert decision == SetLocumSessionsDecision(16)
    settle(app, click(panel.month_list.rect.center))
    settle(app, key(pygame.K_DELETE))
    assert group.submissions["Calder"].decisions == ()


def test_the_join_form_takes_letters_and_enter_joins(monkeypatch):
    from game.ui.app import App
    from game.ui.preferences import Preferences
    app = App((1280, 720), prefs=Preferences())
    join = JoinScene(address="127.0.0.1:1", code="ABCD")
    app.start(join)
    joined = []
    monkeypatch.setattr(join, "join", lambda: joined.append(join.fields["team"].get_text()))
    settle(app, click(join.fields["team"].rect.center))
    settle(app, typed("Jenner"))  # J would join, and Esc-less letters must stay in the field
    assert join.fields["team"].get_text() == "Jenner" and joined == []
    settle(app, key(pygame.K_RETURN))
    assert joined == ["Jenner"]

