"""The results commands: ``replay`` (confirm a results file) and ``report`` (the debrief)."""

from __future__ import annotations

import argparse
import sys

from ..files import WriteError, check_output, write_atomic
from ..report import build_report, render, text_summary
from ..results import check, load_results, scenario_for


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("replay", help="re-run a results file and confirm its scores")
    p.add_argument("results", metavar="RESULTS", help="a results file (JSON)")
    p.add_argument("--scenario", metavar="SCENARIO",
                   help="the scenario file, if not where the results say")
    p.set_defaults(handler=cmd_replay)

    p = sub.add_parser("report", help="the debrief of a results file (text, or --html)")
    p.add_argument("results", metavar="RESULTS", help="a results file (JSON)")
    p.add_argument("--html", metavar="FILE", help="write a self-contained HTML report")
    p.add_argument("--runs", type=int, default=1000,
                   help="seeded runs for each what-if (default 1000; 0 to skip)")
    p.add_argument("--moments", type=int, default=3, help="key moments to show (default 3)")
    p.add_argument("--scenario", metavar="SCENARIO",
                   help="the scenario file, if not where the results say")
    p.set_defaults(handler=cmd_report)


def cmd_replay(args: argparse.Namespace) -> int:
    loaded = load_results(args.results)
    scenario = scenario_for(loaded, args.scenario)
    checked = check(loaded, scenario)
    r = loaded.results
    if checked.confirmed:
        overall = r.scores.get("overall")
        print(f"{args.results}: confirmed. Replaying the decision log of '{scenario.id}' "
              f"with seed {r.seed} gives the same {r.months} months and scores "
              f"(overall {overall}).")
        return 0
    print(f"{args.results}: does not match its decision log. Replaying it with seed {r.seed} "
          f"differs in {checked.total} place(s):", file=sys.stderr)
    for line in checked.differences:
        print(f"  {line}", file=sys.stderr)
    if checked.total > len(checked.differences):
        print(f"  ... and {checked.total - len(checked.differences)} more", file=sys.stderr)
    print(why_different(r.game_version, r.model_version), file=sys.stderr)
    return 1


def why_different(written_by: str, model_version: int = 0) -> str:
    """The likely reason a results file does not replay, for the message's last line."""
    from ..model.noise import MODEL_VERSION
    from ..results import game_version

    if model_version and model_version != MODEL_VERSION:
        return (f"The file was played with version {model_version} of the model and its random "
                f"draws, and this game's model is version {MODEL_VERSION}: a change to the "
                "model explains differences like these. Replay it with the version of "
                f"Partnership that wrote it ({written_by or 'not recorded'}) to check it.")
    here = game_version()
    if written_by and here and written_by != here:
        return (f"The file was written by Partnership {written_by} and this is {here}: a change "
                "to the model between versions explains differences like these. Replay it with "
                f"Partnership {written_by} to check it.")
    if not written_by:
        return ("The file does not say which version of Partnership wrote it; if it came from "
                "an older version, a change to the model explains differences like these. "
                "Otherwise the file was edited after it was written.")
    return ("It was written by this version of Partnership, so the file was edited after it "
            "was written (or its scenario changed).")


def cmd_report(args: argparse.Namespace) -> int:
    if args.runs < 0 or args.moments < 0:
        print("partnership: --runs and --moments must be 0 or more", file=sys.stderr)
        return 2
    if args.html:
        check_output(args.html, probe=True)
    loaded = load_results(args.results)
    scenario = scenario_for(loaded, args.scenario)
    view, checked = build_report(loaded, scenario, runs=args.runs, top=args.moments)
    if not checked.confirmed:
        print(f"{args.results}: does not match its decision log, so no report is made "
              f"(run 'partnership replay {args.results}' to see where).", file=sys.stderr)
        return 1
    if not args.html:
        sys.stdout.write(text_summary(view))
        return 0
    try:
        write_atomic(args.html, render(view))
    except WriteError as exc:
        print(f"partnership: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.html}", file=sys.stderr)
    return 0
