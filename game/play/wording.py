"""Figures in the words the player reads: money, months, staff groups."""

from __future__ import annotations

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
GROUP_WORDS = {"gp": "GPs", "nursing": "nurses and HCAs", "arrs": "ARRS staff",
               "admin": "reception and admin"}


def money(x: float) -> str:
    sign = "-" if x < 0 else ""
    return f"{sign}£{abs(x):,.0f}"


def month_name(calendar_month: int) -> str:
    return MONTHS[(int(calendar_month) - 1) % 12]
