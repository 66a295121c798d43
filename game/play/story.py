"""A played scenario told month by month: what changed and why, as the game's summary says it.

``month_stories`` plays a scenario from a decision log through ``GameSession.replay`` (the
path a restored save takes) and yields, for each month, the summary's sections: the month's
moves and what each changed, then Money, Access, Team and Quality. ``story_text`` renders
them as plain text, one sentence a line, for ``partnership run --explain``: readable with a
screen reader, and diffable between two playthroughs.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..scenario.decision_log import DecisionLog
from ..scenario.spec import ScenarioSpec
from .explain import explain_sections
from .game_session import GameSession
from .wording import month_name

Sections = list[tuple[str, list[str]]]


def month_stories(scenario: ScenarioSpec, source: str, seed: int, log: DecisionLog | None,
                  months: int | None = None) -> Iterator[tuple[dict, Sections]]:
    """Each month's record row and its summary sections, from month 1 to the end."""
    limit = min(months or scenario.length_months, scenario.length_months)
    session = GameSession(scenario, source, seed, months=limit)
    log = log or DecisionLog()
    before = session.start_row
    while not session.finished:
        month = session.month
        session.replay(log, 1)
        after = session.latest
        yield after, explain_sections(before, after, session.moves(month))
        before = after


def story_text(scenario: ScenarioSpec, seed: int, months: Iterator[tuple[dict, Sections]]
               ) -> str:
    lines = [f"{scenario.title} (seed {seed}): what changed and why, month by month"]
    for row, sections in months:
        lines += ["", f"Month {row['month']}: {month_name(row['calendar_month'])}"]
        for title, sentences in sections:
            lines.append(f"  {title}")
            lines.extend(f"    - {s}" for s in sentences)
        if row.get("ended"):
            end = next((e for e in scenario.end_conditions if e.id == row["ended"]), None)
            lines.append(f"  Ended: {end.title if end else row['ended']}")
    return "\n".join(lines) + "\n"
