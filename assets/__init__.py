"""The game's art, shipped inside the package as ``game.assets`` (see setup.py and README.md)."""
