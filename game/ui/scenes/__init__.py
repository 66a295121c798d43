"""The game's scenes, one per module, on the app's stack (see ``base.Scene``)."""
