"""Commands for scenario authors: new, balance and map."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from ..content import ContentError, Problem, read_bytes
from ..files import WriteError, check_folder, check_output, write_atomic
from ..scenario.library import load_scenario
from ..scenario.schema import SCHEMA_TITLE, scenario_schema_text


def add_parsers(sub: argparse._SubParsersAction) -> None:
    from ..authoring.policies import POLICIES

    p = sub.add_parser(
        "new", help="start a new scenario file from a commented template",
        description="Write ID.yaml: a commented scenario that validates as it stands, with the "
        "schema line that lets editors autocomplete and check it. Outside a checkout of "
        "Partnership the schema it names, scenario.schema.json, is written beside it.")
    p.add_argument("id", metavar="ID", help="the new scenario's id (lower case and dashes)")
    p.add_argument("--from", dest="source", metavar="SCENARIO",
                   help="copy this scenario (a bundled id or a path) instead of the template")
    p.add_argument("--template", choices=("standard", "people"), default="standard",
                   help="the starting file: standard (a practice and two events) or people "
                   "(named staff, a one-to-one conversation, effects on a person's trust, "
                   "sick leave and notice)")
    p.add_argument("-o", "--output", metavar="FILE", help="where to write it (default ID.yaml)")
    p.add_argument("--force", action="store_true",
                   help="overwrite FILE (and a scenario.schema.json beside it) if it exists")
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("map", help="draw a scenario's events on a timeline (PNG)",
                       description="Draw the events on a timeline of months, with their "
                       "triggers, the choices that lead to later events and any dead ends.")
    p.add_argument("scenario", metavar="SCENARIO", help="a bundled id or a path")
    p.add_argument("-o", "--output", metavar="FILE.png", required=True, help="the PNG to write")
    p.set_defaults(handler=cmd_map)

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
    from ..authoring.policies import ADVERSARIAL_POLICIES, DEFAULT_POLICIES
    from ..authoring.progress import ProgressBar
    from ..authoring.sweep import sweep

    if args.runs < 1:
        raise _usage_error("--runs", "--runs must be at least 1")
    if args.months is not None and args.months < 1:
        raise _usage_error("--months", "--months must be at least 1")
    if args.plots:
        check_folder(args.plots, probe=True)
    scenario = load_scenario(args.scenario)
    names = list(dict.fromkeys(args.policies or (DEFAULT_POLICIES + ADVERSARIAL_POLICIES)))
    if any(n in ADVERSARIAL_POLICIES for n in names) and "do-nothing" not in names:
        names.insert(0, "do-nothing")  # reckless strategies are judged against it
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


def cmd_new(args: argparse.Namespace) -> int:
    from ..authoring.template import from_scenario_text, new_scenario_text
    from ..scenario.library import resolve

    try:
        _check_id(args.id)
    except ValueError as exc:
        raise _usage_error(args.id, str(exc)) from None
    target = Path(args.output or f"{args.id}.yaml")
    if target.exists() and not args.force:
        raise _usage_error(str(target), f"{target} already exists (use --force to overwrite "
                           "it, or -o to write elsewhere)")
    schema = _schema_to_write(target, args.force)
    if args.source:
        load_scenario(args.source)  # refuse to copy a broken scenario
        source = read_bytes(resolve(args.source)).decode("utf-8")
        text = from_scenario_text(args.id, source, target)
    else:
        text = new_scenario_text(args.id, target, args.template)
    try:
        write_atomic(target, text)
        if schema is not None:
            write_atomic(schema, scenario_schema_text())
    except WriteError as exc:
        raise _usage_error(str(target), str(exc)) from None
    beside = f" and {schema.name} beside it, for editors" if schema is not None else ""
    print(f"wrote {target}{beside}: check it with 'partnership validate {target}'",
          file=sys.stderr)
    return 0


def _schema_to_write(target: Path, force: bool) -> Path | None:
    """The schema file to write beside a new scenario, or None when none is needed.

    Inside a checkout the project's schema serves; beside the scenario, a schema from this or an
    older version of Partnership is brought up to date, and any other file of that name is left
    alone unless ``--force`` is given.
    """
    from ..authoring.template import schema_for

    schema = schema_for(target)
    if schema.parent != target.resolve().parent:
        return None
    if schema.exists() and not force and not _is_scenario_schema(schema):
        raise _usage_error(str(schema), f"{schema} exists and is not Partnership's scenario "
                           "schema (use --force to replace it, or -o to write elsewhere)")
    return schema


def _is_scenario_schema(path: Path) -> bool:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("title") == SCHEMA_TITLE
    except (OSError, ValueError, AttributeError):
        return False


def _check_id(scenario_id: str) -> None:
    if not re.fullmatch(r"[a-z][a-z0-9_-]{0,63}", scenario_id):
        raise ValueError(f"'{scenario_id}' is not a valid scenario id: use lower-case letters, "
                         "digits and dashes, starting with a letter (e.g. winter-crisis)")


def cmd_map(args: argparse.Namespace) -> int:
    from ..authoring.story_map import draw_map

    out = check_output(args.output, probe=True)
    if out.suffix.lower() != ".png":
        raise _usage_error(str(out), "the map is a PNG picture: give a file name ending in "
                           ".png")
    scenario = load_scenario(args.scenario)
    try:
        draw_map(scenario, out)
    except OSError as exc:
        raise _usage_error(str(out), f"cannot write {out}: {exc}") from None
    print(f"wrote {out}", file=sys.stderr)
    return 0
