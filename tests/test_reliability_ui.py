"""The interface monkey test: random clicks, keys, text, wheels and resizes through every scene.

A seeded generator drives the real ``App`` on the dummy video driver, one frame per batch of
input. Most inputs click a button the top scene shows or press a key it offers (so the monkey
gets past the title screen and plays months); the rest are clicks anywhere, random keys,
typed text, mouse wheels and window resizes. Quitting starts again at the first screen. No
input may raise and every scene must be reached: the player's from the title screen, and the
facilitator's in ``partnership facilitate``, where a quit is followed by ``--resume``.

Memory is compared at checkpoints where the app is always in the same state: the player goes
back to the first screen (as from the end screen), at the size the game opens at, with the
last game's debrief worked out. What is allocated there must not grow from game to game.
Sampled at random moments instead, memory follows what is on the screen (the widgets' surfaces
alone take from 50 MB for the title to 190 MB for a decision panel over the dashboard at
1920x1080) and whether a debrief is being worked out, so it swings by 300 MB and says nothing
about leaks; docs/reliability.md has the measurements.
"""

from __future__ import annotations

import argparse
import gc
import resource
import warnings
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pygame
import pytest
from pygame_gui.core.utility import set_default_manager
from reliability_memory import allocated_mb, assert_flat, held_mb

from game import saves
from game.play.game_session import GameSession
from game.scenario.library import load_scenario
from game.session.rounds import Phase
from game.session.script import SESSION_YAML
from game.ui.app import MIN_SIZE, App
from game.ui.demo import DemoDriver, click_key
from game.ui.facilitate_debrief import SessionDebriefScene
from game.ui.facilitate_modals import HandInScene
from game.ui.facilitate_run import facilitator_app, open_session
from game.ui.facilitate_scene import TEAM_KEYS, FacilitatorScene
from game.ui.preferences import Preferences
from game.ui.scenes.base import Scene
from game.ui.scenes.dashboard import DashboardScene
from game.ui.scenes.decisions import DecisionPanelScene
from game.ui.scenes.end import WORKER, EndScene
from game.ui.scenes.event_card import EventCardScene
from game.ui.scenes.knowledge_check import KnowledgeCheckScene
from game.ui.scenes.title import TitleScene

#: The scenes a player can reach from the title screen (DecisionPanelScene is "panel-...").
SCENES = {"title", "chooser", "briefing", "tutorial", "dashboard", "event", "summary", "pause",
          "settings", "load", "panel"}
#: The facilitator's screen, its modals, a team's decision panels and the debrief.
FACILITATOR_SCENES = {"facilitate", "hand_in", "inject", "add_team", "drop_team", "panel",
                      "session_debrief"}
KEYS = [pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_TAB, pygame.K_BACKSPACE, pygame.K_SPACE,
        pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_MINUS,
        pygame.K_EQUALS, pygame.K_DELETE, pygame.K_HOME, pygame.K_END, pygame.K_F1,
        *range(pygame.K_0, pygame.K_9 + 1), *range(pygame.K_a, pygame.K_z + 1)]
TEXT = ["a", "Z", "9", " ", "é", "£", "—", "😀", "\u202e", "../", "%s", "<b>", "&amp;"]

Events = list[pygame.event.Event]


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
    return tmp_path


@dataclass
class Monkey:
    """Random input for ``app``; now and then ``patient``'s, so that every run gets deep into
    the game. ``begin`` makes the first scene, at the start and again after a quit."""

    app: App
    rng: np.random.Generator
    patient: Callable[[App], Events | None]
    begin: Callable[[], Scene]
    sent: int = 0
    restarts: int = 0
    resizes: int = 0
    visited: set[str] = field(default_factory=set)
    allocated: list[float] = field(default_factory=list)
    held: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.app.on_top_changed.append(lambda scene: self.visited.add(scene.name.split("-")[0]))
        self.visited.add(self.app.top.name)

    def events(self) -> Events:
        """The next batch of input, chosen at random."""
        if self.rng.random() < 0.2:
            patient = self.patient(self.app)
            if patient:
                return patient
        r, top, (w, h) = self.rng.random(), self.app.top, self.app.size
        buttons = [b for b in top.actions if b.visible]
        if r < 0.45 and buttons:
            return click(buttons[int(self.rng.integers(len(buttons)))].rect.center)
        if r < 0.55 and top.keys:
            return press(list(top.keys)[int(self.rng.integers(len(top.keys)))])
        if r < 0.72:
            pos = (int(self.rng.integers(w)), int(self.rng.integers(h)))
            return click(pos, int(self.rng.choice([1, 1, 1, 3])))
        if r < 0.86:
            mod = int(self.rng.choice([0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL]))
            return press(KEYS[int(self.rng.integers(len(KEYS)))], mod)
        if r < 0.93:
            return [pygame.event.Event(pygame.TEXTINPUT, text=str(self.rng.choice(TEXT)))]
        if r < 0.985:
            pos = (int(self.rng.integers(w)), int(self.rng.integers(h)))
            return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                    pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=int(self.rng.integers(-5, 6)),
                                       precise_x=0.0, precise_y=0.0, flipped=False)]
        self.resizes += 1
        size = (int(self.rng.integers(600, 2400)), int(self.rng.integers(400, 1400)))
        return [pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)]

    def run(self, count: int, per_frame: int = 3, checkpoints: int = 0) -> None:
        """Send ``count`` inputs, ``per_frame`` random batches to a frame (a quick player),
        stopping at ``checkpoints`` evenly spaced checkpoints to measure memory."""
        every = count // checkpoints if checkpoints else 0
        next_checkpoint = every
        while self.sent < count:
            batch = [e for _ in range(per_frame) for e in self.events()]
            self.sent += len(batch)
            if not self.app.step(batch):
                self.restart()
            if every and self.sent >= next_checkpoint:
                self.checkpoint()
                next_checkpoint += every

    def restart(self) -> None:
        """The monkey quit: start again at the first screen, as a player would."""
        self.restarts += 1
        self.app.running = True
        # a Reset leaves every scene through its exit hook, so their widgets are killed
        self.app.start(self.begin())

    def checkpoint(self) -> None:
        """The player goes back to the first screen, at the size the game opens at and in the
        standard theme (large text loads a second set of fonts), and the last game's debrief
        is worked out: one state, whatever the monkey was doing, to measure memory in."""
        self.app.start(self.begin())
        self.app.resize(MIN_SIZE)
        # a new UI manager: no caches from before (the name, asked once, stays answered)
        self.app.set_preferences(Preferences(name_asked=self.app.prefs.name_asked))
        WORKER.submit(lambda: None).result()
        # pygame_gui's queued events name the old widgets (so keep the old UI manager alive)
        # until a frame reads them
        assert self.app.step()
        self.allocated.append(allocated_mb())
        self.held.append(held_mb())


def click(pos: tuple[int, int], button: int = 1) -> Events:
    return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)]


def press(key: int, mod: int = 0) -> Events:
    return [pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0),
            pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)]


def report(monkey: Monkey, what: str) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    memory = ""
    if monkey.allocated:
        memory = (f"; at {len(monkey.allocated)} checkpoints, MB allocated "
                  f"{' '.join(f'{x:.0f}' for x in monkey.allocated)}, held "
                  f"{' '.join(f'{x:.0f}' for x in monkey.held)}")
    print(f"{what} monkey: {monkey.sent} inputs, {monkey.app.frames} frames, "
          f"{monkey.restarts} restarts, {monkey.resizes} resizes, scenes "
          f"{sorted(monkey.visited)}{memory}; process peak RSS {peak:.0f} MB")


# -- the player's game ------------------------------------------------------------------------
def play_monkey(count: int, seed: int, per_frame: int = 3, checkpoints: int = 0) -> Monkey:
    warnings.filterwarnings("ignore", category=UserWarning, module="pygame_gui")
    rng = np.random.default_rng(seed)
    app = App((1280, 720), prefs=Preferences())
    app.start(TitleScene(seed))
    # one patient player throughout, who remembers what it has done (a panel's commit, then
    # Close), so random clicks into the panels' fields do not keep it there
    patient = DemoDriver(app, months=99, shots=None)
    monkey = Monkey(app, rng, lambda app: patient.next_input(),
                    lambda: TitleScene(int(rng.integers(1_000))))
    monkey.run(count, per_frame, checkpoints)
    report(monkey, "game")
    return monkey


def test_monkey_thousands_of_inputs() -> None:
    monkey = play_monkey(2_000, seed=11, checkpoints=8)
    # the guided first month shows only when a game of first-year starts (test_ui_scenes has it)
    assert SCENES - {"tutorial"} <= monkey.visited, monkey.visited
    assert_flat(monkey.allocated, allowed_mb=5)


@pytest.mark.slow
def test_monkey_tens_of_thousands_of_inputs() -> None:
    monkey = play_monkey(18_000, seed=12, per_frame=8, checkpoints=12)
    assert (SCENES | {"end"}) - {"tutorial"} <= monkey.visited, monkey.visited
    assert_flat(monkey.allocated, allowed_mb=5)


# -- the facilitator's window -----------------------------------------------------------------
def patient_facilitator(app: App) -> Events:
    """What a facilitator running the session would press next: open the round, hand in for
    each team in turn (in month 2, first look at the events to inject), lock, advance (yes to
    their questions); at the end the debrief; in a modal, its OK button."""
    top = app.top
    if isinstance(top, FacilitatorScene):
        s = top.session
        waiting = [k for k, t in enumerate(s.teams)
                   if t not in s.submissions and not s.ended(t) and k < len(TEAM_KEYS)]
        if s.phase is Phase.OPEN and s.month == 2 and not s.paused and \
                not any(r.injected(2) for r in s.records.values()):
            return click_key(top, pygame.K_i)  # the guide's teachable moment
        if s.phase is Phase.OPEN and waiting and not s.paused:
            return click_key(top, TEAM_KEYS[waiting[0]])
        k = {Phase.WAITING: pygame.K_o, Phase.OPEN: pygame.K_l, Phase.LOCKED: pygame.K_a,
             Phase.FINISHED: pygame.K_d}[s.phase]
        return click_key(top, pygame.K_p if s.paused else k)
    if isinstance(top, HandInScene):
        return click_key(top, pygame.K_RETURN)
    if top.name == "confirm":  # lock and advance ask first
        return click_key(top, pygame.K_y)
    return click_key(top, pygame.K_ESCAPE)


def facilitator_monkey(folder: Path, seed: int) -> Monkey:
    """``partnership facilitate SESSION`` on the demo session; after a quit, ``--resume``,
    which must give back the session as it was."""
    warnings.filterwarnings("ignore", category=UserWarning, module="pygame_gui")
    path = folder / "session.yaml"
    path.write_text(SESSION_YAML, encoding="utf-8")
    args = argparse.Namespace(session=str(path), save=None, resume=False, fresh=False)
    session, writer = open_session(args)
    app = facilitator_app(session, (1280, 720), folder / "results", saver=writer)

    def begin() -> Scene:
        was = app.stack[0].session
        args.resume = writer.path.exists()  # nothing changed yet: nothing saved to resume
        again, saver = open_session(args)
        assert (again.teams, again.month, again.phase) == (was.teams, was.month, was.phase)
        assert again.logs() == was.logs()
        return FacilitatorScene(again, lambda s: SessionDebriefScene(s, folder / "results"),
                                saver)

    return Monkey(app, np.random.default_rng(seed), patient_facilitator, begin)


def test_monkey_through_the_facilitators_window(tmp_path: Path) -> None:
    monkey = facilitator_monkey(tmp_path, seed=21)
    monkey.run(3_000)
    report(monkey, "facilitator")
    assert FACILITATOR_SCENES <= monkey.visited, monkey.visited


@pytest.mark.slow
def test_monkey_through_the_facilitators_window_for_longer(tmp_path: Path) -> None:
    monkey = facilitator_monkey(tmp_path, seed=22)
    monkey.run(10_000, per_frame=8)
    report(monkey, "facilitator")
    assert FACILITATOR_SCENES <= monkey.visited, monkey.visited


def test_a_rebuild_lets_the_old_ui_manager_go() -> None:
    """pygame_gui kept the first UI manager ever made as its default for good, with its fonts
    and shape caches; after a resize nothing may hold the manager it replaced."""
    set_default_manager(None)  # as in a fresh process
    app = App((1280, 720), prefs=Preferences())
    app.start(TitleScene(1))
    app.step()
    old = weakref.ref(app.look.manager)
    app.resize((1600, 900))
    app.step()  # pygame_gui's queued events about the old widgets are read
    gc.collect()
    assert old() is None


def test_loading_the_autosave_of_a_finished_game_shows_its_dashboard_then_the_end() -> None:
    """Found by the monkey: the dashboard asked a finished run for month 13's events."""
    path = saves.write_save(finished_game())
    app = App((1280, 720), prefs=Preferences())
    app.start(DashboardScene(saves.load(path)))
    for _ in range(3):
        assert app.step()
    app.step(click_key(app.top, pygame.K_e))
    app.step()
    assert isinstance(app.top, KnowledgeCheckScene)  # the check after play, skipped
    app.step(click_key(app.top, pygame.K_ESCAPE))
    app.step()
    assert isinstance(app.top, EndScene)


def finished_game() -> GameSession:
    session = GameSession(load_scenario("winter-pressures"), "winter-pressures", 2)
    while not session.finished:
        for event in session.pending_events():
            session.choose(event.id, event.choices[0].id)
        session.end_turn()
    return session


def test_a_decision_in_a_finished_game_is_refused_with_a_message() -> None:
    """Found by the monkey: committing a decision after the last month (IndexError)."""
    app = App((1280, 720), prefs=Preferences())
    app.start(DashboardScene(finished_game()))
    app.step(press(pygame.K_m))
    app.step()
    panel = app.top
    assert isinstance(panel, DecisionPanelScene)
    app.step(press(pygame.K_1) + press(pygame.K_RETURN))
    assert not panel.status_ok and "The scenario has ended" in panel.status


def test_end_turn_in_the_frame_a_month_begins_shows_its_event_first() -> None:
    """Found by the monkey: two quick inputs in one frame (Continue on the summary, then End
    turn) reached the dashboard before it had shown the new month's card: EventsPendingError."""
    app = App((1280, 720), prefs=Preferences())
    session = GameSession(load_scenario("first-year"), "first-year", 3)
    app.start(DashboardScene(session))
    assert session.pending_events()
    app.step(press(pygame.K_e))
    assert isinstance(app.top, EventCardScene)
    assert session.month == 1

