"""Group-session commands: ``session new|check|play|schema``, ``facilitate`` and ``debrief``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..content import ContentError, Problem, load_text, validate
from ..files import WriteError, check_folder, check_output, write_atomic
from ..play.replay import load_log, play
from ..scenario.library import DEFAULT_SCENARIO, load_scenario


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("session", help="group sessions: write, check or play a session file")
    ss = p.add_subparsers(dest="session_command", metavar="ACTION", required=True)
    n = ss.add_parser("new", help="write a new session file")
    n.add_argument("-o", "--output", metavar="FILE", default="session.yaml",
                   help="where to write it (default session.yaml)")
    n.add_argument("--scenario", default=DEFAULT_SCENARIO, help="a bundled id or a path")
    n.add_argument("--teams", default="", help="team names, comma-separated")
    n.add_argument("--seed", type=int, default=1, help="the shared seed (default 1)")
    n.add_argument("--minutes", type=float, default=8.0, help="minutes per round (default 8)")
    n.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    n.set_defaults(handler=cmd_new)
    c = ss.add_parser("check", help="check session files")
    c.add_argument("paths", nargs="+", metavar="SESSION")
    c.set_defaults(handler=cmd_check)
    s = ss.add_parser("schema", help="print the JSON Schema of the session format")
    s.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead")
    s.set_defaults(handler=cmd_schema)
    pl = ss.add_parser("play", help="play one team's decision log headless and write its "
                       "results file (a team on its own laptop)")
    pl.add_argument("session", metavar="SESSION")
    pl.add_argument("--team", required=True, help="the team's name, as in the session file")
    pl.add_argument("--decisions", metavar="LOG", help="the team's decision log")
    pl.add_argument("--results", metavar="FILE", required=True, help="results file to write")
    pl.add_argument("--months", type=int, help="months the team played (default: all)")
    pl.set_defaults(handler=cmd_play)

    f = sub.add_parser("facilitate", help="run a group session on this screen")
    f.add_argument("session", metavar="SESSION", nargs="?", help="a session file")
    f.add_argument("--demo", action="store_true", help="play the scripted four-team demo")
    f.add_argument("--results", metavar="DIR", default="session-results",
                   help="folder for the teams' results files at the end")
    f.add_argument("--size", default="1280x720", help="window size, e.g. 1920x1080")
    f.add_argument("--fullscreen", action="store_true")
    f.add_argument("--screenshots", metavar="DIR", help="with --demo: save a PNG per step")
    f.add_argument("--resume", action="store_true",
                   help="carry on the session saved beside SESSION (it is saved after "
                        "every change, so a crash loses nothing)")
    f.add_argument("--fresh", action="store_true",
                   help="start again: set the saved session aside (renamed .old)")
    f.add_argument("--save", metavar="FILE",
                   help="where the session is saved as it goes (default "
                        "SESSION.facilitate.json beside the session file)")
    f.set_defaults(handler=cmd_facilitate)

    d = sub.add_parser("debrief", help="compare teams' results files side by side")
    d.add_argument("results", nargs="+", metavar="RESULTS", help="results files (JSON)")
    d.add_argument("--session", metavar="SESSION", help="the session file they came from")
    d.add_argument("--scenario", metavar="SCENARIO", help="the scenario, if not where the "
                   "results say")
    d.add_argument("--html", metavar="FILE", help="write the self-contained HTML report")
    d.add_argument("--csv", metavar="FILE", help="write every team's months as CSV")
    d.add_argument("--json", action="store_true", help="print the comparison as JSON")
    d.add_argument("--strict", action="store_true", help="exit 1 if any file is left out")
    d.set_defaults(handler=cmd_debrief)


def _fail(what: str, message: str) -> ContentError:
    return ContentError([Problem(what, 1, 1, message)])


def cmd_new(args: argparse.Namespace) -> int:
    from ..session.spec import SessionSpec, check_session
    from ..session.template import DEFAULT_TEAMS, session_yaml

    scenario = load_scenario(args.scenario)
    teams = [t.strip() for t in args.teams.split(",") if t.strip()]
    if args.teams.strip() and not teams:
        raise _fail("--teams", f"'{args.teams}' names no team: give names separated by commas")
    teams = teams or list(DEFAULT_TEAMS)
    out = Path(args.output)
    if out.exists() and not args.force:
        raise _fail(str(out), "already exists (use --force to overwrite it)")
    text = session_yaml(args.scenario, scenario, teams, args.seed, args.minutes)
    document = load_text(text, str(out))
    check_session(validate(document, SessionSpec), document)  # a bad --teams stops here
    try:
        write_atomic(out, text)
    except WriteError as exc:
        print(f"partnership: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {out}: {len(teams)} teams on '{scenario.id}' (seed {args.seed}). "
          f"Run it with: partnership facilitate {out}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from ..session.spec import load_session

    problems: list[Problem] = []
    for path in args.paths:
        try:
            loaded = load_session(path)
            print(f"{path}: {len(loaded.spec.teams)} teams, '{loaded.scenario.id}', "
                  f"{loaded.months} rounds of {loaded.spec.minutes_per_round:g} minutes")
            for warning in loaded.warnings:
                print(warning.format())
        except ContentError as exc:
            problems += exc.problems
    for problem in problems:
        print(problem.format())
    if problems:
        bad = len({p.path for p in problems})
        print(f"{bad} of {len(args.paths)} session file(s) have problems", file=sys.stderr)
    return 1 if problems else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from ..session.spec import SessionSpec

    schema = SessionSpec.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    text = json.dumps(schema, indent=2) + "\n"
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    from ..results import write_results
    from ..scenario.decision_log import DecisionLog
    from ..session.spec import load_session

    loaded = load_session(args.session)
    if not args.team.strip():
        raise _fail("--team", "give the team's name")
    if args.team not in loaded.spec.teams:
        print(f"partnership: note: '{args.team}' is not in the session file (teams: "
              f"{', '.join(loaded.spec.teams)}); writing it as a team that joined later",
              file=sys.stderr)
    log, document = load_log(args.decisions) if args.decisions else (DecisionLog(), None)
    if args.months is not None and not 1 <= args.months <= loaded.months:
        raise _fail("--months", f"--months must be between 1 and {loaded.months}")
    run = play(loaded.scenario, loaded.spec.seed, log, document, args.months or loaded.months)
    write_results(run, log, args.results, player=args.team, source=loaded.scenario_source)
    print(f"wrote {args.results}: {args.team}, {len(run.history)} months of "
          f"'{loaded.scenario.id}' (seed {loaded.spec.seed})")
    return 0


def cmd_debrief(args: argparse.Namespace) -> int:
    from ..session.compare import compare
    from ..session.intake import take_in
    from ..session.spec import load_session

    for out in (args.html, args.csv):
        if out:
            check_output(out, probe=True)
    session = load_session(args.session) if args.session else None
    intake = take_in(args.results, session, args.scenario)
    for r in intake.rejected:
        print(f"partnership: left out {r.source}: {r.reason}", file=sys.stderr)
    if not intake.teams:
        print("partnership: no confirmed results to compare", file=sys.stderr)
        return 1
    comparison = compare(intake)
    _write_outputs(args, intake, comparison, session.spec.title if session else "")
    if args.json:
        sys.stdout.write(json.dumps(comparison.to_dict(with_sources=True), indent=1) + "\n")
    else:
        from ..session.text import comparison_text
        sys.stdout.write(comparison_text(comparison))
    return 1 if args.strict and intake.rejected else 0


def _write_outputs(args: argparse.Namespace, intake, comparison, title: str) -> None:
    from ..play.goals import goal_texts
    from ..session import charts, html
    from ..session.spreadsheet import comparison_csv

    assert intake.scenario is not None
    played = max((t.months for t in comparison.teams), default=None)
    goals = goal_texts(intake.scenario, played)
    if args.html:
        page = html.render(comparison, charts.all_charts(comparison), title, goals)
        write_atomic(args.html, page)
        print(f"wrote {args.html}", file=sys.stderr)
    if args.csv:
        write_atomic(args.csv, comparison_csv(intake))
        print(f"wrote {args.csv}", file=sys.stderr)


def cmd_facilitate(args: argparse.Namespace) -> int:
    from ..ui.facilitate_run import run_facilitator

    if not args.session and not args.demo:
        raise _fail("facilitate", "give a session file (partnership session new writes one) "
                    "or --demo")
    check_folder(args.results, probe=True)
    if args.save:
        check_output(args.save, probe=True)
    if args.screenshots:
        check_folder(args.screenshots, probe=True)
    return run_facilitator(args)
