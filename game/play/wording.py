"""Figures in the words the player reads: money, months, staff groups."""

from __future__ import annotations

from ..scenario.seasons import MONTH_NAMES as MONTHS

GROUP_WORDS = {"gp": "GPs", "nursing": "nurses and HCAs", "arrs": "ARRS staff",
               "admin": "reception and admin"}


def money(x: float) -> str:
    """"£9,500", "-£647"; an amount that rounds to nothing is "£0", never "-£0"."""
    sign = "-" if round(x) < 0 else ""
    return f"{sign}£{abs(x):,.0f}"


def count(n: float, word: str, fmt: str = "g", plural: str | None = None) -> str:
    """A number and a noun that agree as the number is shown: "1 month", "2 months",
    "0.96 days" ("1.0" reads as one). ``plural`` for nouns that do not take an s."""
    text = format(n, fmt)
    one = float(text.replace(",", "")) == 1
    return f"{text} {word if one else plural or word + 's'}"


def month_name(calendar_month: int) -> str:
    return MONTHS[(int(calendar_month) - 1) % 12]
