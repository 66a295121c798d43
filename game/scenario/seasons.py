"""Events set in a season: a card that says "in the middle of a cold snap" reads false in June.

``named_season(event)`` finds the season an event's title or briefing names (winter, a cold
snap, snow, frost; a heatwave or summer; spring; autumn). Such an event fired by its own
trigger is the author's to time; injected by a facilitator (``ScenarioRun.inject``) it fires
only in its season's months, unless the author gives the card text that reads true in any
month (the event's ``any_month``), which the card then shows outside the season. The
validator warns when an event's trigger can fire it outside the season its text names, and
``partnership session check`` says in which of a session's months each injectable event can
be injected.

Only words that set the card *now* count: "next winter", "until the summer", "last winter"
look ahead or back and set nothing; spring and autumn are left alone, since cards name them
mostly as a time ahead ("the registrar who finishes in the spring"). Winter is the NHS's
winter, October to March (the months of winter pressures planning).
"""

from __future__ import annotations

import re

from .spec import EventSpec

#: Calendar months (1 = January) of each season.
SEASONS: dict[str, tuple[int, ...]] = {
    "winter": (10, 11, 12, 1, 2, 3), "spring": (3, 4, 5), "summer": (6, 7, 8),
    "autumn": (9, 10, 11)}
#: Words that set a card in a season, as a pattern and the season.
WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), s) for p, s in (
        (r"\bwinter\b", "winter"), (r"\bcold (snap|spell)\b", "winter"), (r"\bsnow", "winter"),
        (r"\bfrost", "winter"), (r"\bicy\b", "winter"), (r"\bchristmas\b", "winter"),
        (r"\bheat ?wave\b", "summer"), (r"\bsummer\b", "summer")))
#: Words just before a season that look ahead or back rather than set the card in it.
NOT_NOW = re.compile(r"\b(next|last|until|till|before|after|by|since|following)"
                     r"( the| this| that)?\s+$", re.IGNORECASE)
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def named_season(event: EventSpec) -> tuple[str, str] | None:
    """The season the event's title or briefing sets it in, and the words that say so (the
    first found); None for a card that reads true in any month."""
    briefing = event.briefing  # a text, or its variants: any of them may name the season
    texts = [briefing] if isinstance(briefing, str) else [v.text for v in briefing]
    for text in (event.title, *texts):
        for pattern, season in WORDS:
            for found in pattern.finditer(text):
                if not NOT_NOW.search(text[max(0, found.start() - 20):found.start()]):
                    return season, found.group(0)
    return None


def calendar_month(start_month: int, month: int) -> int:
    """The calendar month (1-12) of a scenario's ``month`` (1 = its first)."""
    return (start_month - 1 + month - 1) % 12 + 1


def in_season(season: str, calendar: int) -> bool:
    return calendar in SEASONS[season]


def season_span(season: str) -> str:
    """'October to March'."""
    months = SEASONS[season]
    return f"{MONTH_NAMES[months[0] - 1]} to {MONTH_NAMES[months[-1] - 1]}"


def out_of_season(event: EventSpec, calendar: int) -> str:
    """Why the event cannot be injected in ``calendar`` month ('' if it can: it names no
    season, the month is in its season, or the author gave text for any month)."""
    named = named_season(event)
    if named is None or event.any_month is not None or in_season(named[0], calendar):
        return ""
    season, words = named
    return (f"'{event.title}' is set in {season} (its card says '{words}'), so it can be "
            f"injected only from {season_span(season)}, not in {MONTH_NAMES[calendar - 1]}. "
            "Its author can give it text for any month (any_month in the scenario).")


def as_injected(event: EventSpec, calendar: int) -> EventSpec:
    """The event as its card reads when injected in ``calendar`` month: its any-month text
    outside the season its text names; itself otherwise."""
    named = named_season(event)
    if named is None or event.any_month is None or in_season(named[0], calendar):
        return event
    return event.model_copy(update={"title": event.any_month.title or event.title,
                                    "briefing": event.any_month.briefing})
