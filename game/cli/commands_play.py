"""The ``play`` command: the game window, or a demo that checks a machine headless."""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import check_folder
from ..scenario.library import DEFAULT_SCENARIO, load_scenario

if TYPE_CHECKING:
    from ..session.spec import LoadedSession
    from ..ui.app import App


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("play", help="play the game (the title screen without a scenario)")
    p.add_argument("scenario", metavar="SCENARIO", nargs="?",
                   help="a bundled id or a path; opens its briefing")
    p.add_argument("--seed", type=int, default=None, help="random seed (default 1)")
    p.add_argument("--size", default="1280x720", metavar="WxH",
                   help="window size, 1280x720 to 1920x1080 (default 1280x720)")
    p.add_argument("--fullscreen", action="store_true", help="fill the screen")
    p.add_argument("--demo", action="store_true",
                   help="play N months by itself with synthetic input, then exit")
    p.add_argument("--months", type=int, default=3, metavar="N",
                   help="months the demo plays (default 3)")
    p.add_argument("--screenshots", metavar="DIR", help="save a PNG of every screen here")
    p.add_argument("--session", metavar="SESSION",
                   help="play one team's own copy of a group session (its scenario, seed and "
                        "months); the results file at the end goes back to the facilitator")
    p.add_argument("--team", metavar="NAME", help="with --session: the team's name")
    p.add_argument("--watch", action="store_true",
                   help="reload SCENARIO (a file) when it changes and replay to the same month; "
                        "errors show in the game")
    p.set_defaults(handler=cmd_play)


def parse_size(text: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"(\d+)[xX](\d+)", text.strip())
    if not match:
        return None
    w, h = int(match[1]), int(match[2])
    return (w, h) if 1280 <= w <= 1920 and 720 <= h <= 1080 else None


def cmd_play(args: argparse.Namespace) -> int:
    size = parse_size(args.size)
    if size is None:
        print("partnership play: --size must be WxH between 1280x720 and 1920x1080",
              file=sys.stderr)
        return 1
    if args.demo and args.months < 1:
        print("partnership play: --months must be at least 1", file=sys.stderr)
        return 1
    if args.screenshots:
        check_folder(args.screenshots, probe=True)
    if args.demo and "PARTNERSHIP_DATA_DIR" not in os.environ:
        # the demo's autosaves must never replace a player's
        os.environ["PARTNERSHIP_DATA_DIR"] = tempfile.mkdtemp(prefix="partnership-demo-")
    if args.session or args.team:
        return _team(args, size)
    source = args.scenario or (DEFAULT_SCENARIO if args.demo else None)
    if args.watch:
        return _watch(args, size)
    spec = load_scenario(source) if source else None  # a bad file ends here, with PATH:LINE:COL
    from ..ui.app import App
    from ..ui.scenes.base import Push
    from ..ui.scenes.briefing import BriefingScene
    from ..ui.scenes.title import TitleScene

    app = App(size, fullscreen=args.fullscreen)
    app.start(TitleScene(args.seed))
    if args.demo:
        from ..ui.demo import DemoDriver
        shots = Path(args.screenshots) if args.screenshots else None
        if spec is not None and args.scenario:
            app.apply(Push(BriefingScene(spec, source, args.seed)))
        code = DemoDriver(app, args.months, shots).play()
        if shots is not None:
            print(f"{len(list(shots.glob('*.png')))} screenshots in {shots}")
        return code
    if spec is not None:
        app.apply(Push(BriefingScene(spec, source, args.seed)))
    app.run()
    return 0


def _watch(args: argparse.Namespace, size: tuple[int, int]) -> int:
    """``play SCENARIO --watch``: a file that does not load opens on its problems."""
    if not args.scenario:
        print("partnership play: --watch needs a SCENARIO file", file=sys.stderr)
        return 1
    from ..authoring.watch import Position, ScenarioWatcher, reload
    from ..scenario.decision_log import DecisionLog
    from ..scenario.library import resolve
    from ..ui.app import App
    from ..ui.scenes.base import Push
    from ..ui.scenes.briefing import BriefingScene
    from ..ui.scenes.title import TitleScene
    from ..ui.scenes.watch_problems import WatchProblemsScene

    path = resolve(args.scenario)
    watcher = ScenarioWatcher(path)
    seed = 1 if args.seed is None else args.seed
    first = reload(path, Position(seed, 0, DecisionLog()))
    app = App(size, fullscreen=args.fullscreen)
    app.start(TitleScene(args.seed))
    if first.session is None:
        app.apply(Push(WatchProblemsScene(watcher, first.problems,
                                          Position(seed, 0, DecisionLog()), game_beneath=False)))
    else:
        app.apply(Push(BriefingScene(first.session.scenario, str(path), seed, watcher)))
    app.run()
    return 0


def _team(args: argparse.Namespace, size: tuple[int, int]) -> int:
    """``play --session SESSION --team NAME``: a team's own copy of a group session."""
    from ..session.spec import load_session

    if not args.session or not (args.team or "").strip():
        print("partnership play: --session and --team go together "
              "(partnership play --session SESSION --team NAME)", file=sys.stderr)
        return 1
    if args.scenario or args.seed is not None or args.watch:
        print("partnership play: with --session, the session file sets the scenario and seed",
              file=sys.stderr)
        return 1
    loaded = load_session(args.session)  # a bad file ends here, with PATH:LINE:COL
    team = args.team.strip()
    if team not in loaded.spec.teams:
        print(f"partnership: note: '{team}' is not in the session file (teams: "
              f"{', '.join(loaded.spec.teams)}); playing as a team that joined later",
              file=sys.stderr)
    app = team_app(loaded, team, size, args.fullscreen)
    if args.demo:
        from ..ui.demo import DemoDriver
        shots = Path(args.screenshots) if args.screenshots else None
        return DemoDriver(app, min(args.months, loaded.months), shots).play()
    app.run()
    return 0


def team_app(loaded: LoadedSession, team: str, size: tuple[int, int],
             fullscreen: bool = False) -> App:
    """The game window open on the session's briefing, played as ``team``."""
    from ..ui.app import App
    from ..ui.scenes.base import Push
    from ..ui.scenes.briefing import BriefingScene
    from ..ui.scenes.title import TitleScene

    app = App(size, fullscreen=fullscreen)
    app.start(TitleScene(loaded.spec.seed))
    app.apply(Push(BriefingScene(loaded.scenario, loaded.scenario_source, loaded.spec.seed,
                                 months=loaded.months, team=team)))
    return app
