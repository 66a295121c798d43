"""The facilitator's commands: one table for every way of running a session.

The one-screen facilitator's screen (``partnership facilitate``), the live host's window
(``partnership host --window``) and its text console (``partnership host``) take the same
commands, each with the same key in both windows and the same word in the console. The
table is written into docs/facilitating.md (``keys_markdown``; a test checks it is current)
and shown on both screens (F1).

Nothing that ends, advances, reveals, rewinds or drops happens on one key: those commands
``ask`` first (a confirmation, answered with Y or Enter; Esc or N cancels). The console's
commands are typed words ended with Enter, so it does not ask again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: When a command asks before it happens: always, only while a team has not handed in, or
#: only before the last month has been played.
Ask = Literal["", "always", "waiting", "unfinished"]


@dataclass(frozen=True)
class Command:
    """One facilitator's command."""

    verb: str  # the word the text console takes
    label: str  # the button's words
    key: str  # the key in both windows: a pygame key name ('o', 'F1'); '' for none
    what: str  # what it does, for the key list and the console's help
    ask: Ask = ""
    screen: bool = True  # on the one-screen facilitator's screen
    window: bool = True  # in the live host's window
    console: bool = True  # in the host's text console
    usage: str = ""  # the console's arguments, e.g. 'EVENT [TEAM]'

    @property
    def key_text(self) -> str:
        return self.key.upper() if self.key else ""


COMMANDS: tuple[Command, ...] = (
    Command("open", "Open round", "o", "the month's events fire; the timer starts"),
    Command("lock", "Lock round", "l", "hand-ins close; the timer stops", ask="waiting"),
    Command("advance", "Advance", "a", "every hand-in is applied and the month is played for "
            "every team", ask="always"),
    Command("pause", "Pause", "p", "the timer stops and hand-ins wait"),
    Command("resume", "Resume", "p", "the timer and hand-ins carry on"),
    Command("reveal", "Reveal league", "v", "every team's overall score with its six pillar "
            "scores, on the screen and the teams' windows", ask="always"),
    Command("hide", "Hide league", "v", "the league table is hidden again"),
    Command("inject", "Inject event", "i", "fire one of the session's events now, for every "
            "team or one", ask="always", usage="EVENT [TEAM]"),
    Command("rewind", "Rewind", "b", "undo the last month played; it opens again with "
            "its hand-ins", ask="always"),
    Command("add", "Add team", "t", "a late team joins", usage="TEAM"),
    Command("drop", "Drop team", "x", "a team leaves; it keeps the months it played",
            ask="always", usage="TEAM"),
    Command("release", "Release seat", "", "free a team's seat (its laptop lost its seat key)",
            ask="always", screen=False, usage="TEAM"),
    Command("knowledge", "Knowledge", "k", "each team's knowledge check, before and "
            "after play", window=False, console=False),
    Command("summary", "Summaries", "s", "each team's summary of the month just played",
            window=False, console=False),
    Command("status", "Status", "", "teams joined, who has handed in, the timer",
            screen=False, window=False),
    Command("league", "League", "", "the league table", screen=False, window=False),
    Command("debrief", "Debrief", "d", "the comparison of every team; writes every team's "
            "results file, debrief.html and debrief.csv", ask="unfinished",
            usage="[FOLDER]"),
    Command("help", "Keys", "F1", "this list of commands and keys"),
    Command("quit", "Quit", "q", "stop: the session is kept (its save file or journal) to "
            "carry on", ask="always"),
)
#: Keys of the main screens that do nothing there, and why (they used to end things).
QUIET_KEYS = (("Y / N", "in a question: do it / cancel (Esc cancels too)"),
              ("Esc", "closes a dialog (Cancel); on the main screen it does nothing"),
              ("Enter", "a dialog's main button (Hand in, Add); on the main screen it does "
               "nothing"))
ASKS = {"always": "asks first", "waiting": "asks first while a team has not handed in",
        "unfinished": "asks first until the last month is played", "": ""}


def command(verb: str) -> Command:
    return next(c for c in COMMANDS if c.verb == verb)


def asks_now(c: Command, waiting: bool, finished: bool) -> bool:
    """Whether ``c`` asks first now: ``waiting``, a team has not handed in this round;
    ``finished``, every month has been played."""
    if c.ask == "waiting":
        return waiting
    if c.ask == "unfinished":
        return not finished
    return c.ask == "always"


def modes(c: Command) -> str:
    where = [name for name, on in (("one-screen", c.screen), ("host window", c.window),
                                   ("console", c.console)) if on]
    return "all" if len(where) == 3 else ", ".join(where)


def keys_markdown() -> str:
    """The table for docs/facilitating.md."""
    rows = ["| key | command | console | what happens | where |",
            "|---|---|---|---|---|"]
    for c in COMMANDS:
        asks = f" ({ASKS[c.ask]})" if c.ask else ""
        verb = f"`{c.verb}{' ' + c.usage if c.usage else ''}`" if c.console else "-"
        rows.append(f"| {c.key_text or '-'} | {c.label} | {verb} | {c.what}{asks} | "
                    f"{modes(c)} |")
    rows += [f"| {k} | - | - | {what} | windows |" for k, what in QUIET_KEYS]
    return "\n".join(rows) + "\n"


def keys_lines(window: bool) -> list[str]:
    """The key list shown on a screen (``window``: the live host's; else the one-screen)."""
    shown = [c for c in COMMANDS if (c.window if window else c.screen) and c.key]
    lines = []
    for c in shown:
        asks = f" ({ASKS[c.ask]})" if c.ask else ""
        lines.append(f"{c.key_text}: {c.label}: {c.what}{asks}")
    return lines + [f"{k}: {what}" for k, what in QUIET_KEYS]


def console_help() -> str:
    """The text console's help: every command it takes, from the same table."""
    shown = [c for c in COMMANDS if c.console]
    width = max(len(f"{c.verb} {c.usage}".strip()) for c in shown) + 2
    lines = [f"  {f'{c.verb} {c.usage}'.strip():<{width}} {c.what}" for c in shown]
    return "commands (the same as the window's buttons):\n" + "\n".join(lines)


if __name__ == "__main__":  # python -m game.session.commands: the table for the guide
    print(keys_markdown(), end="")
