"""The playable game: pygame-ce and pygame_gui scenes on a stack, over the scenario runtime.

The pure parts (``session``, ``explain``, ``indicators``, ``preview``) import no pygame, so the
tests and the benchmark can use them headless; the scenes (``game.ui.scenes``) and the app loop
(``game.ui.app``) draw them.
"""

import os

# No "Hello from the pygame community" banner in a player's terminal.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
