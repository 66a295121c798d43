"""Problems found in content files (scenarios, decision logs, sessions, results).

Every problem names the file, line and column so that an editor or a person can jump
straight to it; the command line prints them as ``PATH:LINE:COL: error: MESSAGE``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in a content file. Lines and columns are 1-based."""

    path: str
    line: int
    col: int
    message: str
    severity: str = "error"

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"


@dataclass
class ContentError(Exception):
    """A content file could not be loaded. Carries every problem found, not just the first."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.format())

    def format(self) -> str:
        return "\n".join(p.format() for p in self.problems)

    @classmethod
    def single(cls, path: str, line: int, col: int, message: str) -> ContentError:
        return cls([Problem(str(path), line, col, message)])


class LocatedValueError(ValueError):
    """A validator's error about a part of the document below the object it checks.

    Raise it from a pydantic validator with ``loc`` relative to that object (for example
    ``("events", 3, "trigger", "when", 0)``); ``validate`` then points at that part of the
    file instead of at the object as a whole.
    """

    def __init__(self, message: str, loc: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.loc = loc
