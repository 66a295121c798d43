"""The ``partnership`` command line.

Each subcommand lives in its own module with ``add_parser(subparsers)``, which registers the
command and sets ``handler`` to a function taking the parsed arguments and returning the exit
code. Problems in files end the command with exit code 1 and ``PATH:LINE:COL: error: MESSAGE``
lines, never a traceback.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import traceback
from collections.abc import Sequence

from .. import __version__
from ..content import ContentError, name_problem, text_problem
from ..files import WriteError
from . import (
    commands_authoring,
    commands_core,
    commands_knowledge,
    commands_live,
    commands_play,
    commands_results,
    commands_session,
)

COMMAND_MODULES = [commands_core, commands_authoring, commands_results, commands_knowledge,
                   commands_play, commands_session, commands_live]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="partnership",
        description="Partnership: a practice-management simulation for GP trainees.")
    parser.add_argument("--version", action="version", version=f"partnership {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        if args.command is None and _can_play():
            args = parser.parse_args(["play"])
        else:
            parser.print_help()
            return 0
    problem = argument_problem(args)
    if problem:
        print(f"partnership: {problem}", file=sys.stderr)
        return 2
    try:
        return int(args.handler(args))
    except ContentError as exc:
        print(exc.format(), file=sys.stderr)
        return 1
    except WriteError as exc:
        print(f"partnership: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: say so plainly, keep the trace for developers
        if os.environ.get("PARTNERSHIP_DEBUG"):
            traceback.print_exc()
        print(f"partnership: internal error: {type(exc).__name__}: {exc}\n"
              "Set PARTNERSHIP_DEBUG=1 to see the details, and please report it.",
              file=sys.stderr)
        return 2


#: Arguments that name a team or a player: one line, something visible.
NAME_ARGUMENTS = ("team", "player")
#: The range of every numeric argument, by its name (the same for every command).
NUMBER_RANGES: dict[str, tuple[float, float]] = {
    "seed": (0, 2**63 - 1), "months": (1, 36), "runs": (0, 1_000_000), "moments": (0, 100),
    "minutes": (1, 60), "port": (0, 65535), "timeout": (0.1, 7 * 24 * 3600),
}


def argument_problem(args: argparse.Namespace) -> str:
    """The first argument that breaks the text rule (the characters the content loader
    accepts; names also one line), in words; '' if there is none. Checked before a command
    runs, so nothing unreadable reaches a journal, a terminal or a results file."""
    for key, value in vars(args).items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            problem = _number_problem(key, value)
            if problem:
                return problem
        values = value if isinstance(value, list) else [value]
        for item in values:
            if not isinstance(item, str):
                continue
            problem = text_problem(item)
            if problem is None and key in NAME_ARGUMENTS and item.strip():
                problem = name_problem(item.strip())
            if problem is not None:
                return f"argument --{key.replace('_', '-')}: {problem}"
    return ""


def _number_problem(key: str, value: float) -> str:
    option = f"--{key.replace('_', '-')}"
    if not math.isfinite(value):
        return f"argument {option}: {value} is not a number"
    low, high = NUMBER_RANGES.get(key, (-math.inf, math.inf))
    if not low <= value <= high:
        return f"argument {option}: {value:g} is outside {low:g} to {high:g}"
    return ""


def _can_play() -> bool:
    return any(m.__name__.endswith("commands_play") for m in COMMAND_MODULES)
