"""The facilitator's screen on SDL's dummy driver, driven by synthetic keys and clicks."""

import pygame
import pytest

from game.cli import main
from game.session.engine import GroupSession
from game.session.rounds import Phase, Submission
from game.session.script import SESSION_YAML
from game.session.snapshot import SnapshotWriter
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
    assert len(shots) == 13 and all(f"{size[0]}x{size[1]}" in s for s in shots)
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


# -- issue 18: one-screen teams see what a live window shows; one key map ---------------------

def _open_hand_in(app, team_key=pygame.K_1):
    from game.ui.facilitate_modals import HandInScene
    for k in (pygame.K_o, team_key):
        app.step(key(k))
        app.step()
    assert isinstance(app.top, HandInScene)
    return app.top


def test_the_round_timer_runs_while_a_teams_hand_in_is_open(session, tmp_path):
    """The timer stood still while any dialog was open: four hand-ins of about 1.5 minutes
    left a 6-minute timer reading 5:50."""
    app = facilitator_app(session, (1280, 720), tmp_path)
    room = app.top
    _open_hand_in(app)
    app.step(dt=90.0)
    app.step(key(pygame.K_w))  # a decision panel over the hand-in: time still passes
    app.step(dt=60.0)
    assert session.timer.seconds_left == pytest.approx(8 * 60 - 150, abs=1)
    assert room.shown_timer == "5:30"


def test_the_hand_in_shows_the_event_text_the_teams_figures_and_the_card(session, tmp_path):
    from game.ui.scenes.event_card import EventCardScene

    app = facilitator_app(session, (1280, 720), tmp_path)
    hand_in = _open_hand_in(app)
    event = session.events_for("Aire")[0]
    shown = " ".join(b.html_text for b in hand_in.root.get_container().elements
                     if hasattr(b, "html_text"))
    assert event.briefing.split(".")[0] in shown
    assert "If nobody decides" in shown and "Cash: £20,000" in shown
    app.step(key(pygame.K_1))
    card = app.top
    assert isinstance(card, EventCardScene)
    for _ in range(len(event.choices) + 1):
        app.step()
    choice = event.choices[1]
    html = card.boxes[1].html_text
    assert choice.detail[:20] in html and "Working out" not in html  # the projection
    app.step(key(pygame.K_2))
    assert app.top is hand_in and hand_in.choices == {event.id: choice.id}
    app.step(key(pygame.K_RETURN))
    assert session.submissions["Aire"].choices == ((event.id, choice.id),)


def test_an_unanswered_card_lapses_rather_than_taking_the_first_choice(session, tmp_path):
    app = facilitator_app(session, (1280, 720), tmp_path)
    _open_hand_in(app)
    app.step(key(pygame.K_RETURN))
    assert session.submissions["Aire"].choices == ()


def test_after_advance_each_team_reads_its_months_summary(session, tmp_path):
    from game.session.script import HAND_INS
    from game.ui.facilitate_summary import RoundSummaryScene
    from game.ui.scenes.confirm import ConfirmScene

    app = facilitator_app(session, (1280, 720), tmp_path)
    app.step(key(pygame.K_o))
    for team, sub in HAND_INS[1].items():
        session.submit(team, sub)
    for k in (pygame.K_l, pygame.K_y, pygame.K_a):
        app.step(key(k))
    assert isinstance(app.top, ConfirmScene) and session.phase is Phase.LOCKED
    app.step(key(pygame.K_y))
    summary = app.top
    assert isinstance(summary, RoundSummaryScene) and session.phase is Phase.WAITING
    app.step(key(pygame.K_2))
    told = summary.month_of("Calder")
    assert summary.team == "Calder" and told.month == 1
    assert told.after["cash_gbp"] == session.latest("Calder")["cash_gbp"]
    words = " ".join(s for _, lines in told.sections for s in lines)
    assert "Salaried GP post advertised" in words  # Calder's hire, told as its window tells it


@pytest.mark.parametrize("k", [pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_q, pygame.K_a,
                               pygame.K_v, pygame.K_r, pygame.K_b, pygame.K_l, pygame.K_d])
def test_no_single_key_ends_advances_reveals_or_rewinds(session, tmp_path, k):
    """Esc closed the session, Enter opened the debrief mid-round; now every such command
    asks first, and Esc and Enter do nothing on the main screen."""
    from game.session.script import play_round

    play_round(session, 1)
    session.open_round()
    session.submit("Aire", Submission())
    if k == pygame.K_a:
        session.lock()
    # saved as it goes, so closing would lose nothing: it used to close without asking
    saver = SnapshotWriter(tmp_path / "session.facilitate.json", "0" * 64)
    session.listeners.append(saver)
    app = facilitator_app(session, (1280, 720), tmp_path, saver=saver)
    room = app.top
    before = (session.phase, session.month, session.league_visible, len(session.run.history))
    app.step(key(k))
    app.step()
    assert app.running and app.top.name != "session_debrief"
    assert (session.phase, session.month, session.league_visible,
            len(session.run.history)) == before
    assert app.top is room or app.top.name == "confirm"


def test_the_keys_are_one_table_in_the_guide_and_on_screen(session, tmp_path):
    from pathlib import Path

    from game.live.console import HELP
    from game.session.commands import COMMANDS, keys_markdown
    from game.ui.scenes.keys import KeysScene

    guide = (Path(__file__).parents[1] / "docs" / "facilitating.md").read_text()
    assert keys_markdown() in guide, "run python -m game.session.commands into the guide"
    app = facilitator_app(session, (1280, 720), tmp_path)
    app.step(key(pygame.K_F1))
    assert isinstance(app.top, KeysScene)
    for c in COMMANDS:
        if c.console:
            assert f"  {c.verb}" in HELP
    keys = {}
    for c in COMMANDS:
        if c.key:
            keys.setdefault(c.key, set()).add(c.verb)
    assert all(v <= {"pause", "resume"} or v <= {"reveal", "hide"} or len(v) == 1
               for v in keys.values())


# -- issue 18: the debrief on the projector ---------------------------------------------------

def test_the_on_screen_debrief_shows_every_comparison_chart_in_large_type(session, tmp_path):
    """The debrief was dense 20-pixel text without charts."""
    from pygame_gui.elements import UIImage

    from game.session.charts import CHARTS
    from game.session.script import play_script
    from game.ui.facilitate_debrief import SessionDebriefScene

    play_script(session)
    app = facilitator_app(session, (1920, 1080), tmp_path)  # large text, as on the projector
    scene = SessionDebriefScene(session, tmp_path / "results")
    app.start(scene)
    shown = []
    for _ in scene.pages:
        images = [e for e in scene.root.get_container().elements if isinstance(e, UIImage)]
        if images:
            shown.append(scene.pages[scene.page][1])
            assert images[0].rect.width >= 1000 and images[0].rect.height >= 600
        app.step(key(pygame.K_RIGHT))
    assert shown == [cid for cid, _ in CHARTS]
    font = app.look.manager.get_theme().get_font(["#projector", "text_box"])
    assert font.size("Hg")[1] >= 36  # 30-point type: read from the back of a room
    app.step(key(pygame.K_w))
    assert {"debrief.html", "debrief.csv"} <= {p.name for p in (tmp_path / "results").iterdir()}


def test_the_comparison_charts_leave_pyplot_alone(session, monkeypatch):
    """Drawn with the Figure API: no pyplot figure, no change to matplotlib's global style."""
    import matplotlib
    import matplotlib.pyplot as plt

    from game.session import charts
    from game.session.compare import compare
    from game.session.outcome import session_intake
    from game.session.script import play_script

    def no(*args, **kwargs):
        raise AssertionError("pyplot was used")

    for name in ("subplots", "figure", "close", "gcf", "gca"):
        monkeypatch.setattr(plt, name, no)
    style = dict(matplotlib.rcParams)
    play_script(session)
    drawn = charts.all_charts(compare(session_intake(session)))
    assert len(drawn) == len(charts.CHARTS) and all(png[:4] == b"\x89PNG" for *_, png in drawn)
    assert dict(matplotlib.rcParams) == style


def test_a_card_with_a_named_person_opens_from_the_hand_in(tmp_path):
    """The one-screen hand-in's card for an event with a named person shows who it is with
    and their portrait (it crashed: the team's card had no scenario to find the person in)."""
    from game.scenario.library import load_scenario
    from game.session.template import session_yaml
    from game.ui.scenes.event_card import EventCardScene

    path = tmp_path / "retires.yaml"
    path.write_text(session_yaml("senior-partner-retires", load_scenario("senior-partner-retires"),
                                 ["Aire", "Calder"], 3), encoding="utf-8")
    session = GroupSession(load_session(path))
    app = facilitator_app(session, (1280, 720), tmp_path)
    _open_hand_in(app)
    event = session.events_for("Aire")[0]
    assert event.person == "pryce"
    app.step(key(pygame.K_1))
    card = app.top
    assert isinstance(card, EventCardScene)
    app.step()
    shown = " ".join(e.html_text for e in card.root.get_container().elements
                     if hasattr(e, "html_text"))
    assert "With Dr Pryce" in shown
