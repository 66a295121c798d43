"""The facilitator's screen on SDL's dummy driver, driven by synthetic keys and clicks."""

import pygame
import pytest

from game.cli import main
from game.session.engine import GroupSession
from game.session.rounds import Phase
from game.session.script import SESSION_YAML
from game.session.spec import load_session
from game.ui import facilitate_run
from game.ui.facilitate_modals import AddTeamScene
from game.ui.facilitate_run import FacilitatorDemo, facilitator_app, key
from game.ui.facilitate_scene import FacilitatorScene


@pytest.fixture
def session(tmp_path):
    path = tmp_path / "session.yaml"
    path.write_text(SESSION_YAML)
    return GroupSession(load_session(path))


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_a_facilitated_session_end_to_end(session, tmp_path, size):
    app = facilitator_app(session, size, tmp_path / "results")
    FacilitatorDemo(app, session, tmp_path / "shots").play()
    assert session.phase is Phase.FINISHED
    assert session.teams == ["Aire", "Calder", "Wharfe", "Nidd", "Swale"]
    logs = session.logs()
    assert logs["Aire"].month(1).choices[0].choice == "recovery-plan"
    assert logs["Calder"].month(1).injected == ["reception-abuse"]
    assert any("rewound to month 2" in what for _, what in session.journal)
    shots = sorted(p.name for p in (tmp_path / "shots").glob("*.png"))
    assert len(shots) == 10 and all(f"{size[0]}x{size[1]}" in s for s in shots)
    assert app.top.name == "session_debrief"
    app.step(key(pygame.K_w))
    written = {p.name for p in (tmp_path / "results").iterdir()}
    assert {"debrief.html", "debrief.csv", "aire.results.json", "swale.results.json"} <= written


def test_the_timer_runs_only_while_the_round_is_open_and_not_paused(session, tmp_path):
    app = facilitator_app(session, (1280, 720), tmp_path)
    scene = app.top
    app.step(key(pygame.K_o))
    app.step(dt=60.0)
    assert scene.shown_timer == "7:00"
    app.step(key(pygame.K_p))
    app.step(dt=60.0)
    assert session.paused and scene.shown_timer == "7:00"
    app.step(key(pygame.K_p))
    app.step(dt=500.0)
    assert scene.shown_timer == "TIME"


def test_a_refused_action_is_shown_not_raised(session, tmp_path):
    app = facilitator_app(session, (1280, 720), tmp_path)
    scene = app.top
    scene.lock()  # the round is not open: the session refuses, the screen says why
    assert scene.notice_is_error and "Cannot lock" in scene.notice


def test_invisible_characters_are_refused_by_text_fields(session, tmp_path):
    """Found by the monkey (test_reliability_ui): a right-to-left override typed into the Add
    team field crashed pygame_gui ("Text has zero width"); so did a zero-width space, a soft
    hyphen or a byte-order mark, in any text field, typed or pasted."""
    app = facilitator_app(session, (1280, 720), tmp_path)
    app.step(key(pygame.K_t))
    app.step()
    add = app.top
    assert isinstance(add, AddTeamScene)
    for text in ("\u202e", "\u200b", "\u00ad", "\ufeff", "a"):
        app.step([pygame.event.Event(pygame.TEXTINPUT, text=text)])
    app.step(key(pygame.K_HOME) + key(pygame.K_DELETE))
    assert add.entry.get_text() == ""


def test_facilitate_session_opens_the_window(tmp_path, monkeypatch):
    """``partnership facilitate SESSION`` gave App.run a scene it does not take (TypeError)."""
    path = tmp_path / "session.yaml"
    path.write_text(SESSION_YAML)
    opened = []

    def then_close(*args, **kwargs):
        opened.append(facilitator_app(*args, **kwargs))
        pygame.event.post(pygame.event.Event(pygame.QUIT))  # the facilitator closes the window
        return opened[-1]

    monkeypatch.setattr(facilitate_run, "facilitator_app", then_close)
    assert main(["facilitate", str(path), "--results", str(tmp_path / "results")]) == 0
    assert isinstance(opened[0].top, FacilitatorScene)
