"""A rehearsal of a live session over the network: many scripted teams, a scripted
facilitator, every round trip timed. Used by ``benchmarks/bench_live.py`` and the tests.

No bundled scenario lasts 24 months, so ``long_scenario`` writes first-year with its length
changed (its events and end conditions as they are). Each team follows one of four policies
that keep a practice going for two years, and writes a reason naming the team and month on
every decision, so ``nothing_lost`` can find each one in the host's journal afterwards.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..scenario.decision_log import DecisionLog
from ..scenario.library import bundled
from .client import FacilitatorClient, LiveClient
from .team import TeamPlay, play_log, play_page

SESSION_TEAMS = 12  # a session file names at most 12 teams; the rest are added live


def long_scenario(folder: Path, months: int = 24) -> Path:
    """first-year, lasting ``months`` months, written into ``folder``. A load drill measures
    the host, not the practice: the scenario's end conditions are left out, so every team's
    practice plays every month however its steady policy fares."""
    text = bundled()["first-year"].read_text(encoding="utf-8")
    text = re.sub(r"(?m)^length_months: \d+$", f"length_months: {months}", text)
    text = re.sub(r"(?m)^# yaml-language-server:.*\n", "", text)
    text = _without_end_conditions(text)
    path = folder / f"first-year-{months}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _without_end_conditions(text: str) -> str:
    """The scenario's text with its top-level ``end_conditions`` block emptied."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith("end_conditions:"):
            out.append("end_conditions: []\n")
            skipping = True
        elif skipping and (not line.strip() or line[0] in " -#"):
            continue
        else:
            skipping = False
            out.append(line)
    return "".join(out)


def team_names(n: int) -> list[str]:
    return [f"Team {k:02d}" for k in range(1, n + 1)]


def drill_session(folder: Path, teams: int, months: int, minutes: float = 10) -> Path:
    """A session file for the drill (the first ``SESSION_TEAMS`` teams; others join live)."""
    scenario = long_scenario(folder, max(months, 12))
    names = ", ".join(team_names(min(teams, SESSION_TEAMS)))
    path = folder / "drill.yaml"
    path.write_text(f"format: partnership-session/1\ntitle: Live drill\n"
                    f"scenario: {scenario.name}\nseed: 11\nmonths: {months}\n"
                    f"teams: [{names}]\nminutes_per_round: {minutes}\n"
                    "injectable_events: [agency-rates]\n", encoding="utf-8")
    return path


def policy_log(k: int, months: int) -> DecisionLog:
    """Team ``k``'s decisions: one of four steady policies, each decision's reason tagged."""
    months_out = []
    for m in range(1, months + 1):
        tag = f"team {k} month {m}"
        decisions: list[dict[str, Any]] = []
        if k % 4 == 0:
            decisions = [{"type": "set_drawings", "per_partner_month_gbp": 8000 + 10 * m}]
        elif k % 4 == 1 and m % 3 == 0:
            decisions = [{"type": "consult_team", "topic": "costs"}]
        elif k % 4 == 2:
            decisions = [{"type": "set_drawings", "per_partner_month_gbp": 8500}]
            if m % 4 == 1:
                decisions.insert(0, {"type": "invest", "item": "staff_wellbeing"})
        months_out.append({"month": m, "decisions": [{**d, "reason": tag} for d in decisions]})
    return DecisionLog.model_validate({"months": [e for e in months_out if e["decisions"]]})


@dataclass
class DrillReport:
    """Round trips of hand-ins and of the facilitator's commands, and what each team did."""

    submit_ms: list[float] = field(default_factory=list)
    control_ms: list[float] = field(default_factory=list)
    desk_ms: list[float] = field(default_factory=list)  # the page teams' previews
    plays: dict[str, TeamPlay] = field(default_factory=dict)
    rounds: int = 0
    seconds: float = 0.0


async def facilitate(f: FacilitatorClient, months: int, report: DrillReport,
                     timeout: float = 120.0) -> None:
    """Open, wait for every hand-in, lock and advance, ``months`` times."""
    for _ in range(months):
        for action in ("open", "lock", "advance"):
            if action == "lock":
                await f.wait_state(lambda r: r["type"] == "room" and r["phase"] == "open"
                                   and not r["waiting_for"], timeout)
            start = time.perf_counter()
            reply = await f.control(action, timeout)
            report.control_ms.append((time.perf_counter() - start) * 1000)
            if not reply["ok"]:
                raise RuntimeError(f"{action} refused: {reply['error']}")
        report.rounds += 1


async def run_drill(address: str, code: str, token: str, teams: int, months: int,
                    timeout: float = 120.0, page_teams: int = 0) -> DrillReport:
    """Every team joins and plays its policy while the facilitator runs ``months`` rounds;
    the last ``page_teams`` of them play it as the browser page does (``team.play_page``)."""
    report = DrillReport()
    start = time.perf_counter()
    f = FacilitatorClient(address, token)
    clients: list[LiveClient] = []
    try:
        await f.connect()
        for name in team_names(teams)[SESSION_TEAMS:]:
            await f.control("add_team", team=name)
        for name in team_names(teams):
            clients.append(LiveClient(address, code=code, team=name))
        await asyncio.gather(*(c.connect() for c in clients))
        tasks = [asyncio.create_task(
                 (play_page if k > teams - page_teams else play_log)(
                     c, policy_log(k, months), idle_timeout_s=timeout))
                 for k, c in enumerate(clients, 1)]
        await facilitate(f, months, report, timeout)
        for name, play in zip(team_names(teams), await asyncio.gather(*tasks), strict=True):
            report.plays[name] = play
            report.submit_ms += play.round_trips_ms
            report.desk_ms += play.desk_ms
    finally:
        await asyncio.gather(*(c.close() for c in [f, *clients]), return_exceptions=True)
    report.seconds = time.perf_counter() - start
    return report


def nothing_lost(logs: dict[str, DecisionLog], teams: int, months: int) -> list[str]:
    """Every decision of every team's policy is in the host's logs, once and in order."""
    problems = []
    for k, name in enumerate(team_names(teams), 1):
        want = policy_log(k, months)
        got = logs.get(name)
        for m in range(1, months + 1):
            w, g = _decisions(want, m), _decisions(got, m)
            if w != g:
                problems.append(f"{name} month {m}: sent {len(w)} decisions, host has {len(g)}")
    return problems


def _decisions(log: DecisionLog | None, month: int) -> list[dict[str, Any]]:
    entry = log.month(month) if log else None
    return [d.model_dump() for d in entry.decisions] if entry else []


def spawn_host(session: Path, journal: Path, ready: Path, port: int = 0,
               timeout: float = 30.0, lan: bool = False) -> subprocess.Popen[bytes]:
    """``partnership host --no-console`` as its own process, on loopback (or the local
    network, with ``lan``); returns once it listens (its address, code and token are then in
    ``ready``)."""
    ready.unlink(missing_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "host", str(session), "--port", str(port),
         "--no-console", "--journal", str(journal), "--ready-file", str(ready),
         *(["--lan"] if lan else [])],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + timeout
    while not ready.exists() or not ready.read_text():
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_process(proc)
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise RuntimeError("host did not start: " + err[-2000:])
        time.sleep(0.05)
    return proc


def stop_process(proc: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """Terminate, then kill if it will not go."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)
    for stream in (proc.stdout, proc.stderr):
        if stream:
            stream.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]
