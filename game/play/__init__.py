"""The application layer every front end shares, between the scenario runtime and the screens.

One game in progress (``game_session.GameSession``), the one place a month of a decision log is
applied (``replay.apply_month``), the results file a finished game writes, month summaries in
words (``explain``), ranged projections (``preview``), indicator bands (``indicators``) and the
decision catalogue the panels show (``actions``). Nothing here imports pygame: the pygame
front end (``game.ui``), the live team window, group sessions, ``--watch``, saves and
``partnership replay`` all reach the game through it.
"""
