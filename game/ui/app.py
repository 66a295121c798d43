"""The app: the window, the one reader of pygame's event queue, and the scene stack.

``App.step`` is one frame: hand every event to pygame_gui first and then to the top scene, let
the top scene update, apply the transition it returns, and draw. ``run`` loops ``step`` at 60
frames a second; tests and the demo call ``step`` themselves with synthetic events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pygame
from pygame_gui.elements import UITextEntryLine

from .look import Look, theme_stamp
from .preferences import Preferences, load_preferences
from .scenes.base import Pop, PopTo, Push, Quit, Replace, Reset, Scene, Transition

MIN_SIZE = (1280, 720)
#: Seconds between looks at the theme files (edited, they apply live).
THEME_POLL_SECONDS = 1.0
MAX_SIZE = (1920, 1080)
BACKGROUND = (238, 241, 245)
#: The events a focused text field takes for itself.
TYPING_EVENTS = (pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT)


def clamp_size(size: tuple[int, int]) -> tuple[int, int]:
    return (min(max(size[0], MIN_SIZE[0]), MAX_SIZE[0]),
            min(max(size[1], MIN_SIZE[1]), MAX_SIZE[1]))


class App:
    def __init__(self, size: tuple[int, int] = MIN_SIZE, fullscreen: bool = False,
                 prefs: Preferences | None = None) -> None:
        pygame.display.init()  # no audio: the game makes no sound, and needs no sound device
        pygame.font.init()
        pygame.display.set_caption("Partnership")
        flags = pygame.FULLSCREEN if fullscreen else pygame.RESIZABLE
        self.surface = pygame.display.set_mode(size if not fullscreen else (0, 0), flags)
        self.prefs = prefs if prefs is not None else load_preferences()
        self.look = Look(self.size, self.prefs)
        self.stack: list[Scene] = []
        self.running = True
        self.frames = 0
        self.theme_wait = 0.0
        #: called with the new top scene whenever it changes (the demo takes screenshots)
        self.on_top_changed: list[Callable[[Scene], None]] = []
        #: called every frame before the top scene's update, whichever scene is on top (a
        #: live game takes what its host sent); a transition returned is applied
        self.background: list[Callable[[float], Transition | None]] = []

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    @property
    def top(self) -> Scene:
        return self.stack[-1]

    # -- the stack --------------------------------------------------------------------------
    def start(self, scene: Scene) -> None:
        self.apply(Reset(scene))

    def apply(self, transition: Transition | None) -> None:
        if transition is None:
            return
        if isinstance(transition, Quit):
            self.running = False
            return
        if isinstance(transition, PopTo):
            transition = self._pop_to(transition)
        if isinstance(transition, (Pop, Replace, Reset)) and self.stack:
            for _ in range(len(self.stack) if isinstance(transition, Reset) else 1):
                self.stack.pop().exit()
            if isinstance(transition, Pop):
                if not self.stack:
                    self.running = False
                    return
                self.top.resume()
        if isinstance(transition, (Push, Replace, Reset)):
            if self.stack:
                self.top.pause()
            self.stack.append(transition.scene)
            transition.scene.enter(self)
        for listener in self.on_top_changed:
            listener(self.top)

    def _pop_to(self, transition: PopTo) -> Transition | None:
        """Pop down to the scene (if it is on the stack); what is left to do is a push."""
        if transition.scene in self.stack and self.top is not transition.scene:
            while self.top is not transition.scene:
                self.stack.pop().exit()
            self.top.resume()
        return Push(transition.then) if transition.then is not None else None

    # -- frames -----------------------------------------------------------------------------
    def step(self, injected: Iterable[pygame.event.Event] = (), dt: float = 1 / 60) -> bool:
        """One frame; returns whether the app is still running."""
        for event in [*injected, *pygame.event.get()]:
            self.dispatch(event)
            if not self.running:
                return False
        for task in list(self.background):
            self.apply(task(dt))
            if not self.running:
                return False
        self.apply(self.top.update(dt))
        if not self.running:
            return False
        self.watch_theme(dt)
        self.look.manager.update(dt)
        self.draw()
        self.frames += 1
        return True

    def dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
            return
        field = self.typing_in() if event.type in TYPING_EVENTS else None
        taken = self.look.manager.process_events(event)
        if field is not None:
            # a focused field takes every key: no shortcut fires while the player types,
            # and Esc leaves the field (the next Esc goes back as usual)
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                self.look.manager.set_focus_set(None)
            return
        if taken and event.type == pygame.KEYDOWN:
            return
        self.apply(self.top.handle(event))

    def typing_in(self) -> UITextEntryLine | None:
        """The text field that has the keyboard, if any."""
        focus = self.look.manager.get_focus_set() or ()
        return next((e for e in focus if isinstance(e, UITextEntryLine) and e.alive()
                     and e.is_enabled and e.visible), None)

    def draw(self) -> None:
        self.surface.fill(BACKGROUND)
        self.look.manager.draw_ui(self.surface)
        for scene in self.stack:
            scene.draw_overlay(self.surface)
        pygame.display.flip()

    def watch_theme(self, dt: float) -> None:
        """Rebuild with the theme read again when a theme file has been edited (pygame_gui's
        own live reload follows one file only; ours layers base, palette and text size)."""
        self.theme_wait += dt
        if self.theme_wait < THEME_POLL_SECONDS:
            return
        self.theme_wait = 0.0
        if theme_stamp(self.prefs) != self.look.stamp:
            self.rebuild()

    def resize(self, size: tuple[int, int]) -> None:
        size = clamp_size(size)
        if size != self.size:
            self.surface = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.rebuild()

    def set_preferences(self, prefs: Preferences) -> None:
        self.prefs = prefs
        self.rebuild()

    def rebuild(self) -> None:
        """A new manager for the window size and theme, and every scene built again."""
        for scene in self.stack:
            scene.kill()
        self.look = Look(self.size, self.prefs)
        for scene in self.stack:
            scene.build()
        for scene in self.stack[:-1]:
            scene.pause()

    def run(self) -> None:
        """Play until the player quits (``start`` a scene first)."""
        clock = pygame.time.Clock()
        while self.step(dt=clock.tick(60) / 1000.0):
            pass

    def screenshot(self, path: str) -> None:
        pygame.image.save(self.surface, path)
