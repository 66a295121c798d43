"""The knowledge check in the game window and at the facilitator's screen, driven by synthetic
clicks and key presses on the dummy video driver: taken before the first month and after the
last, skipped, kept by a save and by the results file, recorded for a team in a group session,
and the comparison showing the room's change."""

from __future__ import annotations

import json

import pygame
import pytest

from game import saves
from game.scenario.library import load_scenario
from game.session.compare import compare
from game.session.engine import GroupSession
from game.session.outcome import session_intake, write_team_results
from game.session.rounds import SessionError
from game.session.script import SESSION_YAML
from game.session.snapshot import SessionSnapshot, restore, snapshot
from game.session.spec import load_session
from game.session.text import comparison_text
from game.ui.app import App
from game.ui.demo import click_key
from game.ui.facilitate_modals import KnowledgeTeamsScene
from game.ui.facilitate_run import facilitator_app
from game.ui.facilitate_scene import FacilitatorScene
from game.ui.preferences import Preferences
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.dashboard import DashboardScene
from game.ui.scenes.end import EndScene
from game.ui.scenes.knowledge_check import OPTION_KEYS, KnowledgeCheckScene
from game.ui.scenes.tutorial import TutorialScene

SIZE = (1280, 720)


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
    return tmp_path


def press(app: App, k: int) -> None:
    """Click the button bound to ``k`` (or press the key) and let the result arrive."""
    app.step(click_key(app.top, k))
    app.step()


def click(app: App, text: str) -> None:
    """Click the button on top whose label starts with ``text``."""
    scene = app.top
    button = next(b for b in scene.actions if b.text.startswith(text))
    pos = button.rect.center
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
              pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
              pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])
    app.step()


def answer(app: App, options: list[int]) -> None:
    """Answer the check on top, one option per question (0 leaves it), Enter after each."""
    scene = app.top
    assert isinstance(scene, KnowledgeCheckScene)
    assert len(options) == len(scene.questions)
    for option in options:
        if option:
            press(app, OPTION_KEYS[option - 1])
        press(app, pygame.K_RETURN)


def briefed(months: int = 1) -> tuple[App, BriefingScene]:
    app = App(SIZE, prefs=Preferences())
    briefing = BriefingScene(load_scenario("first-year"), "first-year", 5, months=months)
    app.start(briefing)
    return app, briefing


def play_out(app: App) -> None:
    """Play the game's months with every card's first choice, then End turn on the
    dashboard, which (the scenario over) goes to the end."""
    dashboard = app.stack[0]
    assert isinstance(dashboard, DashboardScene)
    session = dashboard.session
    while not session.finished:
        for event in session.pending_events():
            session.choose(event.id, event.choices[0].id)
        session.end_turn()
    app.start(dashboard)  # the tutorial and the month's cards gone
    press(app, pygame.K_e)


def test_the_check_is_taken_before_the_first_month_and_after_the_last(data_dir) -> None:
    app, briefing = briefed()
    questions = briefing.spec.knowledge_check
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, KnowledgeCheckScene) and app.top.stage == "before"
    wrong = [q.answer % len(q.options) + 1 for q in questions]
    before = [wrong[0], *(q.answer for q in questions[1:])]
    answer(app, before)
    assert isinstance(app.top, TutorialScene)
    session = app.stack[0].session
    assert session.knowledge.before == {q.id: a for q, a in zip(questions, before, strict=True)}
    play_out(app)
    assert isinstance(app.top, KnowledgeCheckScene) and app.top.stage == "after"
    after = [q.answer for q in questions[:-1]] + [wrong[-1]]
    answer(app, after)
    end = app.top
    assert isinstance(end, EndScene)
    marked = end.results.data["knowledge"]
    n = len(questions)
    assert (marked["before"], marked["after"], marked["change"]) == (n - 1, n - 1, 0)
    kept = json.loads(end.results.path.read_text())["decisions"]["knowledge_check"]
    assert kept["after"][questions[-1].id] == wrong[-1]
    assert kept["before"][questions[0].id] == wrong[0]
    assert f"Knowledge check: {n - 1} of {n} right before play" in end._outcome_html()
    end.wait(120)
    end.show(3)
    html = end._page_html()
    assert "Knowledge check" in html and f"{n - 1} of {n} right" in html
    assert questions[-1].explanation[:40] in html and "Source:" in html
    assert questions[0].explanation[:40] not in html  # right after play: not listed as missed


def test_the_check_can_be_skipped_before_and_after(data_dir) -> None:
    app, _ = briefed()
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, KnowledgeCheckScene)
    click(app, "Skip the check")
    assert isinstance(app.top, TutorialScene)
    session = app.stack[0].session
    assert session.log().knowledge_check is None
    play_out(app)
    assert isinstance(app.top, KnowledgeCheckScene) and app.top.stage == "after"
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, EndScene)
    assert app.top.results.data["knowledge"] is None
    app.top.wait(120)
    app.top.show(3)
    assert "Not taken" in app.top._page_html()


def test_going_back_a_question_keeps_the_answer_and_changes_it(data_dir) -> None:
    app, briefing = briefed()
    questions = briefing.spec.knowledge_check
    press(app, pygame.K_RETURN)
    press(app, pygame.K_1)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_LEFT)
    assert app.top.index == 0 and app.top.answers[questions[0].id] == 1
    press(app, pygame.K_2)
    answer(app, [0] * len(questions))  # the rest left unanswered
    assert app.stack[0].session.knowledge.before == {questions[0].id: 2}


def test_a_save_keeps_the_answers_and_the_restored_game_s_results_carry_them(data_dir) -> None:
    app, briefing = briefed(months=2)
    questions = briefing.spec.knowledge_check
    press(app, pygame.K_RETURN)
    answer(app, [q.answer for q in questions])
    session = app.stack[0].session
    for event in session.pending_events():
        session.choose(event.id, event.choices[0].id)
    session.end_turn()
    path = saves.write_save(session, "knowledge")
    restored = saves.load(path)
    assert restored.knowledge.before == session.knowledge.before
    assert restored.knowledge_due("after") and not restored.knowledge_due("before")
    app.start(DashboardScene(restored))
    play_out(app)
    answer(app, [0] * (len(questions) - 1) + [questions[-1].answer])
    marked = app.top.results.data["knowledge"]
    assert (marked["before"], marked["after"]) == (len(questions), 1)


def test_a_facilitator_records_each_team_s_answers_and_the_room_s_change(tmp_path) -> None:
    path = tmp_path / "session.yaml"
    path.write_text(SESSION_YAML)
    group = GroupSession(load_session(path))
    questions = group.scenario.knowledge_check
    app = facilitator_app(group, SIZE, tmp_path / "results")
    wrong = [q.answer % len(q.options) + 1 for q in questions]
    right = [q.answer for q in questions]
    for team, before in (("Aire", wrong), ("Calder", right)):
        for stage, answers in (("before", before), ("after", right)):
            press(app, pygame.K_k)
            assert isinstance(app.top, KnowledgeTeamsScene)
            rows = [b for b in app.top.actions if b.text.startswith(stage.capitalize())]
            index = list(group.records).index(team)
            pos = rows[index].rect.center
            app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
                      pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])
            app.step()
            assert isinstance(app.top, KnowledgeCheckScene) and team in app.top.who
            answer(app, answers)
            assert isinstance(app.top, KnowledgeTeamsScene)
            assert any(b.text == f"{stage.capitalize()} play (taken)" for b in app.top.actions)
            press(app, pygame.K_ESCAPE)
            assert isinstance(app.top, FacilitatorScene)
    group.open_round()
    group.lock()
    group.advance()
    c = compare(session_intake(group))
    n = len(questions)
    assert c.team("Aire").knowledge["change"] == n
    assert c.team("Calder").knowledge["change"] == 0
    assert c.knowledge is not None and c.knowledge["took"] == 2
    assert c.knowledge["change"] == n / 2
    assert "Knowledge check" in comparison_text(c)


def test_a_team_s_results_file_and_the_session_s_save_keep_its_answers(tmp_path) -> None:
    path = tmp_path / "session.yaml"
    path.write_text(SESSION_YAML)
    loaded = load_session(path)
    group = GroupSession(loaded)
    q = group.scenario.knowledge_check[0]
    group.record_knowledge("Nidd", "before", {q.id: q.answer})
    group.record_knowledge("Nidd", "after", {q.id: q.answer})
    group.open_round()
    group.lock()
    group.advance()
    files = [p for p in write_team_results(group, tmp_path / "out") if "nidd" in p.name.lower()]
    data = json.loads(files[0].read_text())
    assert data["decisions"]["knowledge_check"] == {"before": {q.id: q.answer},
                                                    "after": {q.id: q.answer}}
    again = restore(loaded, SessionSnapshot.model_validate(snapshot(group, "x")))
    assert again.records["Nidd"].knowledge == group.records["Nidd"].knowledge
    with pytest.raises(SessionError, match="no question"):
        group.record_knowledge("Nidd", "after", {"not-a-question": 1})
