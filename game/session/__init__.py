"""Facilitated group sessions: the session file, the multi-team engine and the comparison
debrief. Nothing here imports pygame; the facilitator's scene lives in ``game.ui``."""
