"""Decisions at the facilitator's screen: the game's panels, deciding for one team."""

import os

import pygame
import pytest

from game.model.decisions import ReleaseDecision, SetLocumSessionsDecision
from game.play.replay import play
from game.session.engine import GroupSession
from game.session.rounds import SessionError, Submission
from game.session.script import SESSION_YAML
from game.session.spec import load_session
from game.ui.facilitate_modals import HandInScene
from game.ui.facilitate_run import facilitator_app, key
from game.ui.scenes.decisions import DecisionPanelScene

#: set to a folder to keep the screenshots (they are looked at, not compared)
SHOTS = os.environ.get("PARTNERSHIP_TEST_SHOTS")


@pytest.fixture
def session(tmp_path):
    path = tmp_path / "session.yaml"
    path.write_text(SESSION_YAML)
    return GroupSession(load_session(path))


def step(app, events=()):
    app.step(list(events))
    app.step()
    app.step()


def open_panel(app, team_key=pygame.K_2, panel_key=pygame.K_w) -> DecisionPanelScene:
    step(app, key(pygame.K_o))
    step(app, key(team_key))
    assert isinstance(app.top, HandInScene)
    step(app, key(panel_key))
    assert isinstance(app.top, DecisionPanelScene)
    return app.top


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_a_team_decides_through_the_games_panel(session, tmp_path, size):
    app = facilitator_app(session, size, tmp_path / "results")
    panel = open_panel(app)
    assert panel.who == "Calder" and panel.session.team == "Calder"
    # a post the practice does not have: the model refuses, and the hand-in is untouched
    step(app, key(pygame.K_2) + key(pygame.K_RETURN))
    assert not panel.status_ok and "no Salaried GP in post" in panel.status
    assert "Calder" not in session.submissions
    # locum sessions down by 12: accepted into Calder's hand-in only
    step(app, key(pygame.K_3) + key(pygame.K_MINUS) * 3 + key(pygame.K_RETURN))
    assert panel.status_ok, panel.status
    [(decision, _)] = session.submissions["Calder"].decisions
    assert isinstance(decision, SetLocumSessionsDecision)
    shots = SHOTS or str(tmp_path)
    app.screenshot(os.path.join(shots, f"facilitate-panel-{size[0]}x{size[1]}.png"))
    step(app, key(pygame.K_ESCAPE))
    hand_in = app.top
    assert isinstance(hand_in, HandInScene) and hand_in.decisions
    app.screenshot(os.path.join(shots, f"facilitate-hand-in-{size[0]}x{size[1]}.png"))
    step(app, key(pygame.K_RETURN))  # hand in: the answers and the panel's decision
    step(app, key(pygame.K_l) + key(pygame.K_y))  # lock and advance ask first
    step(app, key(pygame.K_a) + key(pygame.K_y))
    logs = session.logs()
    assert logs["Calder"].month(1).decisions[0].type == "set_locum_sessions"
    assert logs["Aire"].month(1) is None or not logs["Aire"].month(1).decisions
    i = session.teams.index("Calder")
    alone = play(session.scenario, session.seed, logs["Calder"], months=1)
    assert session.run.history[0].row(i) == alone.history[0].row(0)


def test_the_panel_reads_the_teams_own_practice(session):
    session.open_round()
    session.submit("Aire", Submission.make([SetLocumSessionsDecision(10.0)]))
    aire = session.team_view("Aire")
    calder = session.team_view("Calder")
    assert float(aire.world.state.locum_sessions[0]) == 10.0
    assert float(calder.world.state.locum_sessions[0]) != 10.0
    assert session.run.world.state.locum_sessions[0] != 10.0  # nothing applied yet


def test_add_decision_keeps_the_hand_in_when_refused(session):
    session.open_round()
    session.add_decision("Aire", SetLocumSessionsDecision(20.0))
    with pytest.raises(SessionError, match="no Salaried GP in post"):
        session.add_decision("Aire", ReleaseDecision("salaried_gp", 1))
    assert len(session.submissions["Aire"].decisions) == 1
