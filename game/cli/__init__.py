"""The ``partnership`` command line.

Each subcommand lives in its own module with ``add_parser(subparsers)``, which registers the
command and sets ``handler`` to a function taking the parsed arguments and returning the exit
code. Problems in files end the command with exit code 1 and ``PATH:LINE:COL: error: MESSAGE``
lines, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from .. import __version__
from ..content import ContentError
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
    try:
        return int(args.handler(args))
    except ContentError as exc:
        print(exc.format(), file=sys.stderr)
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


def _can_play() -> bool:
    return any(m.__name__.endswith("commands_play") for m in COMMAND_MODULES)
