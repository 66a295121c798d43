"""The one text rule for names and free text that come from outside.

A content file may hold only the characters YAML allows in a file (tab, line breaks and the
printable characters: no NUL, no ESC or other controls, no lone surrogates, no U+FFFE), and
text made only of invisible format characters cannot be shown. The same rule holds for text
that arrives any other way: a live message, a session or results file read as JSON, a name
given on the command line. Checking it on arrival keeps unreadable text out of journals,
terminals, results files and spreadsheets.

``text_problem`` says what is wrong in words (or returns None); ``check_text`` raises
``ValueError`` with those words, so a pydantic ``AfterValidator`` can use it as it stands.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

__all__ = ["NAME_BREAKS", "check_name", "check_text", "name_problem", "text_problem"]

_NOT_IN_A_FILE = yaml.reader.Reader.NON_PRINTABLE
#: Characters that break a line: a one-line name may hold none of them.
NAME_BREAKS = re.compile("[\t\n\r\x85\u2028\u2029]")


def text_problem(value: str) -> str | None:
    """Why ``value`` may not be used as text, or None if it may."""
    bad = _NOT_IN_A_FILE.search(value)
    if bad is not None:
        return f"character U+{ord(bad.group()):04X} is not allowed in text"
    if value and all(unicodedata.category(c) == "Cf" for c in value):
        codes = ", ".join(f"U+{ord(c):04X}" for c in value[:3])
        return f"text made only of invisible characters ({codes}) cannot be shown"
    return None


def name_problem(value: str) -> str | None:
    """Why ``value`` may not be a name (one line, text as above, no spaces at either end and
    something visible), or None if it may."""
    problem = text_problem(value)
    if problem is not None:
        return problem
    brk = NAME_BREAKS.search(value)
    if brk is not None:
        return f"a name is one line: character U+{ord(brk.group()):04X} is not allowed"
    if not any(not c.isspace() and unicodedata.category(c) != "Cf" for c in value):
        return "a name needs a letter, digit or symbol that can be seen"
    if value != value.strip():
        return f"{value!r} has spaces at its start or end"
    return None


def check_text(value: str) -> str:
    """``value`` if it follows the text rule; else ``ValueError`` saying why."""
    problem = text_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def check_name(value: str) -> str:
    """``value`` if it is a usable name; else ``ValueError`` saying why."""
    problem = name_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value
