"""``partnership facilitate``: the facilitator's window, and a demo that drives it with
synthetic keys and clicks (on SDL's dummy driver in the tests), saving a PNG at each step."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pygame

from ..session.engine import GroupSession
from ..session.rounds import Phase, SessionError
from ..session.script import SESSION_YAML
from ..session.snapshot import SnapshotWriter, default_path, file_sha256, resume
from ..session.spec import load_session
from .app import App
from .facilitate_debrief import SessionDebriefScene
from .facilitate_scene import FacilitatorScene
from .preferences import Preferences
from .scenes.base import Scene


def parse_size(text: str) -> tuple[int, int] | None:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        return None
    return (w, h) if 1280 <= w <= 1920 and 720 <= h <= 1080 else None


def facilitator_app(session: GroupSession, size: tuple[int, int], results: str | Path,
                    fullscreen: bool = False, saver: SnapshotWriter | None = None) -> App:
    """The app with the facilitator's screen on top, in the large-text (projector) theme;
    ``saver``'s problems (a save that failed) are shown on the screen."""
    app = App(size, fullscreen=fullscreen, prefs=Preferences(large_text=True))
    app.start(FacilitatorScene(session, lambda s: SessionDebriefScene(s, results), saver))
    return app


def run_facilitator(args: argparse.Namespace) -> int:
    size = parse_size(args.size)
    if size is None:
        print("partnership facilitate: --size must be WxH between 1280x720 and 1920x1080",
              file=sys.stderr)
        return 1
    if args.demo:
        folder = Path(tempfile.mkdtemp(prefix="partnership-facilitate-"))
        (folder / "session.yaml").write_text(SESSION_YAML, encoding="utf-8")
        session = GroupSession(load_session(folder / "session.yaml"))
        shots = Path(args.screenshots) if getattr(args, "screenshots", None) else None
        app = facilitator_app(session, size, folder / "results")
        FacilitatorDemo(app, session, shots).play()
        print(f"demo finished: {session.month - 1} months; files in {folder / 'results'}")
        return 0
    try:
        session, writer = open_session(args)
    except SessionError as exc:
        print(f"partnership facilitate: {exc}", file=sys.stderr)
        return 1
    app = facilitator_app(session, size, args.results, args.fullscreen, writer)
    print(f"saving the session as it goes to {writer.path}", file=sys.stderr)
    app.run()
    return 0


def open_session(args: argparse.Namespace) -> tuple[GroupSession, SnapshotWriter]:
    """The session, fresh or ``--resume``d, with the writer that saves it after each change.
    A saved session is never overwritten by a fresh start unless ``--fresh`` says so."""
    save = Path(args.save) if getattr(args, "save", None) else default_path(args.session)
    resuming = getattr(args, "resume", False)
    if resuming and getattr(args, "fresh", False):
        raise SessionError("--resume and --fresh cannot go together")
    if resuming:
        session = resume(args.session, save)
    else:
        if save.exists() and not getattr(args, "fresh", False):
            raise SessionError(f"a session in progress is saved at {save}: carry it on with "
                               "--resume, or start again with --fresh (the save is kept as "
                               ".old)")
        if save.exists():
            save.replace(save.with_name(save.name + ".old"))
        session = GroupSession(load_session(args.session))
    writer = SnapshotWriter(save, file_sha256(args.session))
    session.listeners.append(writer)
    return session, writer


def key(k: int) -> list[pygame.event.Event]:
    return [pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0),
            pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode="", scancode=0)]


def click(element: object) -> list[pygame.event.Event]:
    pos = element.rect.center  # type: ignore[attr-defined]
    return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)]


class FacilitatorDemo:
    """A short facilitated session played through the real widgets."""

    def __init__(self, app: App, session: GroupSession, shots: Path | None) -> None:
        self.app, self.session, self.shots = app, session, shots
        self.count = 0

    def frames(self, n: int = 3, dt: float = 1 / 60) -> None:
        for _ in range(n):
            self.app.step(dt=dt)

    def press(self, k: int) -> None:
        self.app.step(key(k))
        self.frames()

    def click_first(self, scene_type: type[Scene], text: str) -> None:
        top = self.app.top
        assert isinstance(top, scene_type), f"expected {scene_type.__name__}, got {top.name}"
        button = next(b for b in top.actions if text in b.text)
        self.app.step(click(button))
        self.frames()

    def shot(self, name: str) -> None:
        self.frames(2)
        if self.shots is not None:
            self.shots.mkdir(parents=True, exist_ok=True)
            w, h = self.app.size
            self.count += 1
            self.app.screenshot(str(self.shots / f"{self.count:02d}-{name}-{w}x{h}.png"))

    def command(self, k: int) -> None:
        """A command's key, then Y where it asks first, then back from a month summary."""
        from .facilitate_summary import RoundSummaryScene
        from .scenes.confirm import ConfirmScene

        self.press(k)
        if isinstance(self.app.top, ConfirmScene):
            self.press(pygame.K_y)
        if isinstance(self.app.top, RoundSummaryScene):
            self.press(pygame.K_RETURN)

    def round(self) -> None:
        for k in (pygame.K_o, pygame.K_l, pygame.K_a):
            self.command(k)

    def answer(self, choice: str) -> None:
        """In a team's hand-in: open the first event's card and choose ``choice``."""
        from .facilitate_modals import HandInScene
        from .scenes.event_card import KEYS, EventCardScene

        hand_in = self.app.top
        assert isinstance(hand_in, HandInScene)
        self.press(pygame.K_1)
        card = self.app.top
        assert isinstance(card, EventCardScene)
        self.frames(len(card.event.choices) + 1)  # each choice's projection, one a frame
        self.shot("hand-in-card")
        k = next(i for i, c in enumerate(card.event.choices) if choice in c.label.lower())
        self.press(KEYS[k])

    def play(self) -> None:
        from .facilitate_modals import AddTeamScene, InjectScene
        from .facilitate_summary import RoundSummaryScene

        self.shot("waiting")
        self.press(pygame.K_o)
        self.frames(2, dt=95.0)  # three minutes pass on the round timer
        self.shot("round-open")
        self.press(pygame.K_1)
        self.answer("recovery plan")
        self.shot("hand-in")
        self.press(pygame.K_RETURN)
        self.press(pygame.K_i)
        self.click_first(InjectScene, self.session.teams[1])
        self.shot("inject")
        self.click_first(InjectScene, "Reception staff")
        self.press(pygame.K_p)
        self.shot("paused")
        self.press(pygame.K_p)
        self.command(pygame.K_l)
        self.press(pygame.K_a)
        self.shot("advance-asks")
        self.press(pygame.K_y)
        assert isinstance(self.app.top, RoundSummaryScene)
        self.shot("month-summary")
        self.press(pygame.K_RETURN)
        self.round()
        self.command(pygame.K_v)
        self.shot("league-revealed")
        self.command(pygame.K_b)
        self.shot("rewound")
        self.command(pygame.K_l)
        self.command(pygame.K_a)
        self.press(pygame.K_t)
        top = self.app.top
        assert isinstance(top, AddTeamScene)
        for ch in "Swale":
            self.app.step([pygame.event.Event(pygame.TEXTINPUT, text=ch)])
        self.shot("add-team")
        self.press(pygame.K_RETURN)
        for _ in range(self.session.months):
            if self.session.phase is Phase.FINISHED:
                break
            self.round()
        self.shot("finished")
        self.press(pygame.K_d)
        self.shot("debrief")
