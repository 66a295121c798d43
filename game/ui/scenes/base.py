"""Scenes and transitions.

A scene builds its widgets in ``compose`` (called again whenever the window is resized or the
theme changes, so a scene keeps its state outside its widgets), reacts to the events the app
hands it, and returns a ``Transition`` to change the stack. Only the top scene gets events; the
ones beneath are paused (their widgets disabled) until it is popped.
"""

from __future__ import annotations

import functools
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID, UIContainer, UIElement
from pygame_gui.elements import UIButton, UILabel, UIPanel, UITextBox, UITextEntryLine

if TYPE_CHECKING:
    from ..app import App


class Transition:
    """What the stack should do next."""


@dataclass
class Push(Transition):
    scene: Scene


@dataclass
class Pop(Transition):
    pass


@dataclass
class PopTo(Transition):
    """Pop every scene above ``scene`` (cards and panels of a moment gone by), then push
    ``then`` if given."""

    scene: Scene
    then: Scene | None = None


@dataclass
class Replace(Transition):
    scene: Scene


@dataclass
class Reset(Transition):
    """Clear the stack and start again from ``scene``."""

    scene: Scene


@dataclass
class Quit(Transition):
    pass


Action = Callable[[], Transition | None]
#: What a button needs beside its text: padding, border and shadow on both sides.
BUTTON_PADDING = 36
KEY_NAMES = {pygame.K_RETURN: "Enter", pygame.K_ESCAPE: "Esc", pygame.K_SPACE: "Space",
             pygame.K_DELETE: "Del", pygame.K_TAB: "Tab", pygame.K_LEFT: "Left",
             pygame.K_RIGHT: "Right"}


def key_name(key: int) -> str:
    return KEY_NAMES.get(key) or pygame.key.name(key).upper()


class Scene:
    """A screen or a modal on the stack. ``name`` names its screenshots in demo mode."""

    name = "scene"
    modal = False
    #: the modal's size as a share of the window
    modal_share = (0.6, 0.6)

    def __init__(self) -> None:
        self.app: App | None = None
        self.root: UIPanel | UIContainer | None = None
        self.scrim: UIPanel | None = None
        self.actions: dict[UIElement, Action] = {}
        self.keys: dict[int, Action] = {}

    # -- the stack's hooks ------------------------------------------------------------------
    def enter(self, app: App) -> None:
        self.app = app
        self.build()

    def build(self) -> None:
        """(Re)create the widgets for the current window size and theme."""
        self.kill()
        self.actions, self.keys = {}, {}
        manager = self.manager
        w, h = self.size
        top = manager.get_root_container().get_top_layer() + 1
        if self.modal:
            self.scrim = UIPanel(pygame.Rect(0, 0, w, h), starting_height=top, manager=manager,
                                 object_id="#scrim")
            mw, mh = int(w * self.modal_share[0]), int(h * self.modal_share[1])
            rect = pygame.Rect((w - mw) // 2, (h - mh) // 2, mw, mh)
            self.root = UIPanel(rect, starting_height=top + 2, manager=manager,
                                object_id="#modal")
        else:  # opaque, so a screen pushed over another hides it completely
            self.root = UIPanel(pygame.Rect(0, 0, w, h), starting_height=top,
                                manager=manager, object_id="#screen")
        self.compose()

    def compose(self) -> None:
        """Create the widgets inside ``self.root``."""

    def kill(self) -> None:
        for panel in (self.root, self.scrim):
            if panel is not None:
                panel.kill()
        self.root = self.scrim = None

    def exit(self) -> None:
        self.kill()

    def pause(self) -> None:
        if self.root is not None:
            self.root.disable()

    def resume(self) -> None:
        if self.root is not None:
            self.root.enable()

    def handle(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.actions:
            return self.actions[event.ui_element]()
        if event.type == pygame.KEYDOWN and event.key in self.keys:
            return self.keys[event.key]()
        return self.on_event(event)

    def on_event(self, event: pygame.event.Event) -> Transition | None:
        return None

    def update(self, dt: float) -> Transition | None:
        return None

    def draw_overlay(self, surface: pygame.Surface) -> None:
        """Drawing on top of the widgets (never changes the game)."""

    # -- helpers for compose ----------------------------------------------------------------
    @property
    def manager(self) -> pygame_gui.UIManager:
        assert self.app is not None
        return self.app.look.manager

    @property
    def size(self) -> tuple[int, int]:
        assert self.app is not None
        return self.app.size

    @property
    def inner(self) -> tuple[int, int]:
        """The usable size inside ``root``."""
        assert self.root is not None
        container = self.root if isinstance(self.root, UIContainer) else self.root.get_container()
        return container.get_rect().size

    def m(self, name: str) -> int:
        assert self.app is not None
        return self.app.look.metric(name)

    def button(self, rect: pygame.Rect, text: str, action: Action, key: int | None = None,
               container: object = None, object_id: str | None = None,
               tooltip: str | None = None) -> UIButton:
        label = f"{text}  [{key_name(key)}]" if key is not None else text
        b = UIButton(rect, label, manager=self.manager, container=container or self.root,
                     object_id=object_id, tool_tip_text=tooltip)
        self.actions[b] = action
        if key is not None:
            self.keys[key] = action
        return b

    def text_width(self, text: str, object_id: str | None = None,
                   element: str = "button") -> int:
        """How wide ``text`` is in the theme's font for such a widget, in pixels."""
        ids = [object_id, element] if object_id else [element]
        return int(self.manager.get_theme().get_font(ids).size(text)[0])

    def button_width(self, text: str, key: int | None = None,
                     object_id: str | None = None) -> int:
        """The width a button needs for ``text`` and its key, with its padding and border."""
        label = f"{text}  [{key_name(key)}]" if key is not None else text
        return self.text_width(label, object_id) + BUTTON_PADDING

    def label(self, rect: pygame.Rect, text: str, object_id: str | None = None,
              container: object = None, centre: bool = False) -> UILabel:
        oid = ObjectID(object_id=object_id, class_id="@centre") if centre else object_id
        return UILabel(rect, text, manager=self.manager, container=container or self.root,
                       object_id=oid)

    def text_box(self, rect: pygame.Rect, html: str, container: object = None,
                 object_id: str | None = None) -> UITextBox:
        return UITextBox(html, rect, manager=self.manager, container=container or self.root,
                         object_id=object_id)

    def text_entry(self, rect: pygame.Rect, text: str = "",
                   container: object = None) -> UITextEntryLine:
        """A one-line text field that refuses invisible characters, typed or pasted."""
        entry = UITextEntryLine(rect, manager=self.manager, container=container or self.root)
        entry.set_forbidden_characters(invisible_characters())
        if text:
            entry.set_text(text)
        return entry


@functools.cache
def invisible_characters() -> list[str]:
    """Unicode's format characters: bidi marks, zero-width space and joiners, soft hyphen,
    byte-order mark, tags. pygame_gui fails on a text field that holds only these ("Text has
    zero width"), and a name made of them could not be read anyway."""
    return [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]


def escape(text: str) -> str:
    """Plain text for a pygame_gui text box (which reads a little HTML)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
