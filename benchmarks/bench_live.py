"""Load test of live mode: TEAMS teams through a MONTHS-month session over loopback.

The host runs as its own process (``partnership host --no-console``), as on a facilitator's
laptop; the teams and the facilitator are asyncio clients in this process. Reports the round
trip of every hand-in and every facilitator command (p50/p95/p99/max), and checks from the
host's journal that every decision every team sent is in the session once.

``--page-teams N`` of the teams play as the browser team page does (``team.play_page``): each
round they ask the host for their desk, answer its cards, have a decision projected and hand in
the draft the desk gives back, so the host works out desks while the other teams hand in. Their
preview-to-desk round trips are reported as ``desk_ms``; their hand-ins count in ``submit_ms``.

    python benchmarks/bench_live.py                 # 50 teams (10 in a browser), 24 months
    python benchmarks/bench_live.py --teams 10 --months 6 --page-teams 0
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
from pathlib import Path

from game.live import drill
from game.live.resume import open_room


def run(teams: int, months: int, page_teams: int = 0) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="bench-live-"))
    session = drill.drill_session(folder, teams, months)
    journal, ready = folder / "journal.jsonl", folder / "ready.json"
    proc = drill.spawn_host(session, journal, ready)
    try:
        info = json.loads(ready.read_text())
        report = asyncio.run(drill.run_drill(info["address"], info["code"], info["token"],
                                             teams, months, page_teams=page_teams))
    finally:
        drill.stop_process(proc)
    room, _ = open_room(session, journal)
    room.journal.close()
    lost = drill.nothing_lost(room.session.logs(), teams, months)
    sent = sum(len(e.decisions) for k in range(1, teams + 1)
               for e in drill.policy_log(k, months).months)
    return {
        "teams": teams, "page_teams": page_teams, "months": months, "rounds": report.rounds,
        "seconds": round(report.seconds, 1),
        "hand_ins": len(report.submit_ms), "decisions_sent": sent,
        "decisions_lost": len(lost), "problems": lost[:5],
        "submit_ms": _summary(report.submit_ms), "control_ms": _summary(report.control_ms),
        "desk_ms": _summary(report.desk_ms), "desks": len(report.desk_ms),
    }


def _summary(values: list[float]) -> dict[str, float]:
    return {f"p{q}": round(drill.percentile(values, q), 1) for q in (50, 95, 99)} | {
        "max": round(max(values, default=float("nan")), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=50)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--page-teams", type=int, default=10, help="of the teams, how many "
                        "play as the browser page does (default 10)")
    args = parser.parse_args()
    result = run(args.teams, args.months, min(args.page_teams, args.teams))
    print(json.dumps(result, indent=1))
    ok = result["decisions_lost"] == 0 and result["hand_ins"] == args.teams * args.months
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
