"""The core commands: list, validate, schema and run."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..content import ContentError, Problem, load_document, validate
from ..files import WriteError, write_atomic
from ..play.replay import load_log, play
from ..play.story import month_stories, story_text
from ..results import write_results
from ..scenario.decision_log import DecisionLog
from ..scenario.library import bundled, check_document, load_scenario
from ..scenario.runtime import ScenarioRun
from ..scenario.schema import scenario_schema_text
from ..scenario.spec import ScenarioSpec
from ..scoring import score_run


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list the bundled scenarios")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("validate", help="check scenario and decision files",
                       description="Check files; errors exit 1. Scenarios also get warnings "
                       "(PATH:LINE:COL: warning: ...) for what is legal but probably wrong.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1)")
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of the scenario format")
    p.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead")
    p.set_defaults(handler=cmd_schema)

    p = sub.add_parser("run", help="play a scenario headless")
    p.add_argument("scenario", metavar="SCENARIO", help="a bundled id or a path")
    p.add_argument("--decisions", metavar="FILE", help="a decision log to follow")
    p.add_argument("--seed", type=int, default=None,
                   help="random seed (default: the log's seed, else 1)")
    p.add_argument("--months", type=int, default=None, help="stop after N months")
    shown = p.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true", help="print the result as JSON")
    shown.add_argument("--explain", action="store_true",
                       help="print, month by month, what changed and why (plain text, as the "
                       "game's month summary says it)")
    p.add_argument("--results", metavar="FILE", help="also write a results file (JSON)")
    p.add_argument("--player", default="", help="player or team name for the results file")
    p.set_defaults(handler=cmd_run)


def cmd_list(args: argparse.Namespace) -> int:
    for scenario_id, path in bundled().items():
        try:
            title = load_scenario(path).title
        except ContentError:
            title = "(invalid: run partnership validate)"
        print(f"{scenario_id}\t{title}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    problems: list[Problem] = []
    for raw in args.paths:
        try:
            problems.extend(_validate_one(Path(raw)))
        except ContentError as exc:
            problems.extend(exc.problems)
    for problem in sorted(problems, key=lambda p: (p.path, p.line, p.col)):
        print(problem.format())
    bad = len({p.path for p in problems if p.severity == "error"})
    warned = sum(p.severity == "warning" for p in problems)
    if warned:
        print(f"{warned} warning(s){' (--strict: they count as errors)' if args.strict else ''}",
              file=sys.stderr)
    if bad:
        print(f"{bad} of {len(args.paths)} file(s) have problems", file=sys.stderr)
        return 1
    if warned and args.strict:
        return 1
    print(f"{len(args.paths)} file(s) valid", file=sys.stderr)
    return 0


def _validate_one(path: Path) -> list[Problem]:
    """Errors raise ``ContentError``; a valid scenario returns its warnings."""
    from ..authoring.lint import lint

    document = load_document(path)
    data = document.data
    if isinstance(data, dict) and str(data.get("format", "")).startswith("partnership-decisions"):
        validate(document, DecisionLog)
        return []
    return lint(document, check_document(document))


def cmd_schema(args: argparse.Namespace) -> int:
    text = scenario_schema_text()
    if args.output:
        try:
            write_atomic(args.output, text)
        except WriteError as exc:
            print(f"partnership: {exc}", file=sys.stderr)
            return 1
    else:
        sys.stdout.write(text)
    return 0


def run_result(run: ScenarioRun, i: int = 0) -> dict[str, Any]:
    """The JSON object of ``partnership run --json`` for run ``i``."""
    history = [rec.row(i) for rec in run.history]
    for row in history:
        row["ended"] = row["ended"] or None
    return {
        "scenario": run.scenario.id,
        "seed": run.seed,
        "months": len(history),
        "history": history,
        "final": history[-1] if history else None,
        "scores": score_run(run, i),
    }


def cmd_run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    log: DecisionLog | None = None
    document = None
    if args.decisions:
        log, document = load_log(args.decisions)
    seed = args.seed if args.seed is not None else (log.seed if log and log.seed is not None
                                                    else 1)
    if args.months is not None and args.months < 1:
        raise ContentError([Problem("--months", 1, 1, "--months must be at least 1")])
    run = play(scenario, seed, log, document, args.months)
    result = run_result(run)
    if args.results:
        try:
            write_results(run, log, args.results, player=args.player, source=args.scenario)
        except WriteError as exc:
            print(f"partnership: {exc}", file=sys.stderr)
            return 1
    if args.json:
        sys.stdout.write(json.dumps(result, indent=1) + "\n")
    elif args.explain:
        stories = month_stories(scenario, args.scenario, seed, log, args.months)
        sys.stdout.write(story_text(scenario, seed, stories))
    else:
        _print_summary(result, scenario)
    return 0


def _print_summary(result: dict[str, Any], scenario: ScenarioSpec) -> None:
    print(f"{scenario.title} (seed {result['seed']}), {result['months']} months")
    print(f"{'month':>5} {'cash £':>12} {'income £':>11} {'expenses £':>11} {'wait d':>7} "
          f"{'DNA':>6} {'wellbeing':>9} {'satisf.':>8}")
    for m in result["history"]:
        print(f"{m['month']:>5} {m['cash_gbp']:>12,.0f} {m['income_gbp']:>11,.0f} "
              f"{m['expenses_gbp']:>11,.0f} {m['wait_days']:>7.1f} {m['dna_rate']:>6.1%} "
              f"{m['staff_wellbeing']:>9.2f} {m['patient_satisfaction']:>8.1%}")
    final = result["final"]
    if final and final.get("ended"):
        print(f"Ended: {final['ended']}")
    scores = result["scores"]
    pillars = ", ".join(f"{k} {v:.0f}" for k, v in scores["pillars"].items())
    print(f"Overall score {scores['overall']:.0f}/100 ({pillars})")
