"""The playable game: pygame-ce and pygame_gui scenes on a stack, over the scenario runtime.

The game itself and everything about it that needs no window (the game in progress, month
summaries, indicator bands, projections, the decision catalogue) is in ``game.play``, so the
tests, the benchmark and the other front ends use it headless; the scenes (``game.ui.scenes``)
and the app loop (``game.ui.app``) show it and ask the player.
"""

import os

# No "Hello from the pygame community" banner in a player's terminal.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
