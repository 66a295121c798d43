"""Commands for scenario authors: new, balance and map."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..content import ContentError, Problem
from ..scenario.library import load_scenario


def add_parsers(sub: argparse._SubParsersAction) -> None:
    from ..authoring.policies import POLICIES

    listing = "; ".join(f"{name}: {p.doc}" for name, p in POLICIES.items())
    p = sub.add_parser(
        "balance", help="play a scenario thousands of times under several policies",
        description="Play a scenario many times under named policies and report the spread "
        "of scores, how runs end, how often each event fires and each choice is taken, and "
        f"warnings. Policies: {listing}")
    p.add_argument("scenario", metavar="SCENARIO", help="a bundled id or a path")
    p.add_argument("--runs", type=int, default=1000, help="runs per policy (default 1000)")
    p.add_argument("--policy", dest="policies", action="extend", nargs="+", metavar="NAME",
                   choices=list(POLICIES), help="policies to play (default: all)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--months", type=int, default=None,
                   help="months to play (default: the scenario's length)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--plots", metavar="DIR", help="write PNG charts to DIR")
    p.set_defaults(handler=cmd_balance)


def _usage_error(what: str, message: str) -> ContentError:
    return ContentError([Problem(what, 1, 1, message)])


def cmd_balance(args: argparse.Namespace) -> int:
    from ..authoring.balance import report
    from ..authoring.balance_text import format_report
    from ..authoring.policies import DEFAULT_POLICIES
    from ..authoring.progress import ProgressBar
    from ..authoring.sweep import sweep

    if args.runs < 1:
        raise _usage_error("--runs", "--runs must be at least 1")
    if args.months is not None and args.months < 1:
        raise _usage_error("--months", "--months must be at least 1")
    scenario = load_scenario(args.scenario)
    names = list(dict.fromkeys(args.policies or DEFAULT_POLICIES))
    months = args.months or scenario.length_months
    bar = ProgressBar(sys.stderr, f"balance {scenario.id}")
    outcomes = sweep(scenario, args.runs, names, args.seed, months=months, progress=bar)
    result = report(scenario, outcomes, seed=args.seed, months=months)
    if args.json:
        sys.stdout.write(json.dumps(result, indent=1) + "\n")
    else:
        sys.stdout.write(format_report(result))
    sys.stdout.flush()
    if args.plots:
        from ..authoring.balance_plots import write_plots

        for path in write_plots(scenario, outcomes, Path(args.plots)):
            print(f"wrote {path}", file=sys.stderr)
    return 0
