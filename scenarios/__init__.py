"""The bundled scenarios, installed as the data package ``game.scenarios``.

This file makes the folder a package, so that the game finds its scenarios through
``importlib.resources`` the same way from a wheel, ``pipx`` or an editable install of a clone
(setup.py maps this folder to ``game.scenarios``). It holds no code.
"""
