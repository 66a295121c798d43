"""The results file: what a player keeps from a scenario, and how it is checked.

A results file is JSON (format ``partnership-results/1``) holding the scenario's id, title and
content hash, the seed, the player's or team's name, the decision log (with reasons), the
history month by month and the scores. The game writes it at the end of a scenario
(``write_results``); ``partnership run ... --results FILE`` writes the same file headless.

``replay`` plays the decision log again with the same seed and compares everything the file
claims. Any difference, a hand-edited score included, is named by its place in the file
(``scores.pillars.finance``), with the value in the file and the value the replay gives.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from . import __version__
from .content import ContentError, Document, Problem, load_json, validate
from .files import WriteError, write_atomic
from .model.noise import MODEL_VERSION
from .play.replay import play
from .scenario.decision_log import DecisionLog
from .scenario.library import load_scenario
from .scenario.runtime import ScenarioRun
from .scenario.spec import ScenarioSpec
from .scoring import score_run
from .scoring.knowledge import knowledge_results

FORMAT = "partnership-results/1"
#: Numbers in the file may differ from the replay by this much (JSON rounding), no more.
TOLERANCE = 1e-6
#: Differences listed before the rest are counted.
MAX_LISTED = 20


class ScenarioRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(description="The scenario's id.")
    title: str = Field("", description="The scenario's title when the run was played.")
    content_sha256: str = Field(description="SHA-256 of the scenario's content (canonical "
                                "JSON of the checked scenario), to tell if it has changed.")
    source: str = Field("", description="Where the scenario was loaded from: a bundled id or "
                        "a path.")


class ResultsFile(BaseModel):
    """A whole results file."""

    model_config = ConfigDict(extra="forbid")
    format: Literal["partnership-results/1"] = Field(description="Format and version.")
    scenario: ScenarioRef
    seed: int = Field(ge=0, le=2**63 - 1, description="The seed the scenario was played "
                      "with.")
    player: str = Field("", max_length=200, description="Player's or team's name.")
    written_at: str = Field("", description="When the file was written (UTC, ISO 8601).")
    game_version: str = Field("", max_length=40, description="The version of Partnership "
                              "that wrote the file ('' in files from before it was recorded).")
    model_version: int = Field(1, ge=1, le=1_000, description="The version of the model and "
                               "its random streams that played the run (1 in files from "
                               "before it was recorded); another version may give other "
                               "figures from the same seed and decisions.")
    months_limit: int = Field(ge=1, le=36, description="Months the run was set to play.")
    months: int = Field(ge=0, le=36, description="Months actually played.")
    decisions: DecisionLog = Field(description="The decision log, with reasons.")
    history: list[dict[str, Any]] = Field(description="Each month's figures.")
    scores: dict[str, Any] = Field(description="The scores, as `partnership run --json`.")
    knowledge: dict[str, Any] | None = Field(None, description="The knowledge check marked, "
                                             "before and after play (None if not taken).")


def game_version() -> str:
    """This installation's version of Partnership (written once, in ``game/__init__.py``)."""
    return __version__


def content_hash(scenario: ScenarioSpec) -> str:
    """SHA-256 of the scenario's checked content, so comments and layout do not count."""
    return hashlib.sha256(scenario.model_dump_json().encode("utf-8")).hexdigest()


def _history(run: ScenarioRun, i: int) -> list[dict[str, Any]]:
    rows = [rec.row(i) for rec in run.history]
    for row in rows:
        row["ended"] = row["ended"] or None
    return rows


def _log_data(log: DecisionLog | dict[str, Any] | None, run: ScenarioRun) -> dict[str, Any]:
    if log is None:
        log = DecisionLog()
    elif isinstance(log, dict):
        log = DecisionLog.model_validate(log)
    data = log.model_dump(mode="json", exclude_defaults=False)
    data["scenario"], data["seed"] = run.scenario.id, run.seed
    return data


def build_results(run: ScenarioRun, log: DecisionLog | dict[str, Any] | None,
                  player: str = "", source: str = "", i: int = 0,
                  written_at: str | None = None) -> dict[str, Any]:
    """The results object for run ``i`` played from ``log``."""
    when = written_at if written_at is not None else datetime.now(UTC).isoformat(
        timespec="seconds")
    return {
        "format": FORMAT,
        "scenario": {"id": run.scenario.id, "title": run.scenario.title,
                     "content_sha256": content_hash(run.scenario),
                     "source": source or run.scenario.id},
        "seed": run.seed,
        "player": player,
        "written_at": when,
        "game_version": game_version(),
        "model_version": MODEL_VERSION,
        "months_limit": run.months,
        "months": len(run.history),
        "decisions": _log_data(log, run),
        "history": _history(run, i),
        "scores": score_run(run, i),
        "knowledge": knowledge_results(run.scenario, DecisionLog.model_validate(
            _log_data(log, run)).knowledge_check),
    }


def write_results(run: ScenarioRun, log: DecisionLog | dict[str, Any] | None,
                  path: str | Path, player: str = "", source: str = "", i: int = 0) -> Path:
    """Write the results file for run ``i`` (atomically). Raises ``files.WriteError``, also
    when a score is not a finite number or out of range (nothing is written then)."""
    data = build_results(run, log, player, source, i)
    problem = score_problem(data["scores"])
    if problem:
        raise WriteError(f"{path}: not written: {problem}")
    return write_atomic(path, json.dumps(data, indent=1, ensure_ascii=False,
                                         allow_nan=False) + "\n")


def score_problem(scores: dict[str, Any]) -> str:
    """What is wrong with a ``scores`` object (a number that is not finite, an overall or
    pillar score outside 0-100), or ''."""
    stack: list[tuple[str, Any]] = [("scores", scores)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            return f"{where} is {value}, not a finite number"
        if isinstance(value, dict):
            stack.extend((f"{where}.{k}", v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{where}[{k}]", v) for k, v in enumerate(value))
    ranged = [("scores.overall", scores.get("overall")),
              *((f"scores.pillars.{p}", v) for p, v in scores.get("pillars", {}).items())]
    for where, value in ranged:
        if isinstance(value, (int, float)) and not 0 <= value <= 100:
            return f"{where} is {value}, outside 0-100"
    return ""


@dataclass
class LoadedResults:
    results: ResultsFile
    document: Document


class _Nested(Document):
    """The decision log inside a results file: problems are located in the results file."""

    def locate(self, loc: tuple[str | int, ...]) -> tuple[int, int]:
        return super().locate(("decisions", *loc))


def load_results(path: str | Path) -> LoadedResults:
    """Load and check a results file; raises ``ContentError`` naming file, line and column."""
    document = load_json(path)
    data = document.data
    found = data.get("format") if isinstance(data, dict) else None
    if found != FORMAT:
        line, col = document.locate(("format",))
        what = (f"a newer version ({found}) than this game reads ({FORMAT})"
                if isinstance(found, str) and found.startswith("partnership-results/")
                else f"not a Partnership results file (format {found!r}, expected {FORMAT!r})")
        raise ContentError([Problem(document.path, line, col, what)])
    return LoadedResults(validate(document, ResultsFile), document)


def scenario_for(loaded: LoadedResults, override: str | None = None) -> ScenarioSpec:
    """The scenario the results were played on: ``override``, else the recorded source."""
    ref = loaded.results.scenario
    scenario = load_scenario(override or ref.source or ref.id)
    if scenario.id != ref.id:
        _fail(loaded, ("scenario", "id"), f"these results are for scenario '{ref.id}', not "
              f"'{scenario.id}'")
    if content_hash(scenario) != ref.content_sha256:
        _fail(loaded, ("scenario", "content_sha256"),
              f"scenario '{ref.id}' has changed since these results were written, so they "
              "cannot be confirmed (content hash differs)")
    return scenario


def _fail(loaded: LoadedResults, loc: tuple[str | int, ...], message: str) -> None:
    line, col = loaded.document.locate(loc)
    raise ContentError([Problem(loaded.document.path, line, col, message)])


def replay_run(loaded: LoadedResults, scenario: ScenarioSpec) -> ScenarioRun:
    """Play the file's decision log again with its seed."""
    r, doc = loaded.results, loaded.document
    nested = _Nested(doc.path, doc.data, doc.root, doc.source_text)
    return play(scenario, r.seed, r.decisions, nested, r.months_limit)


@dataclass
class ReplayCheck:
    """What a replay found: the differences (empty when everything is confirmed)."""

    run: ScenarioRun
    differences: list[str] = field(default_factory=list)
    total: int = 0

    @property
    def confirmed(self) -> bool:
        return self.total == 0


def check(loaded: LoadedResults, scenario: ScenarioSpec) -> ReplayCheck:
    """Replay and compare the months, history and scores with what the file says."""
    run = replay_run(loaded, scenario)
    r = loaded.results
    claimed = {"months": r.months, "history": r.history, "scores": r.scores}
    actual = {"months": len(run.history), "history": _history(run, 0),
              "scores": json.loads(json.dumps(score_run(run, 0)))}
    found: list[str] = []
    compare(claimed, actual, "", found)
    return ReplayCheck(run, found[:MAX_LISTED], len(found))


def compare(claimed: Any, actual: Any, where: str, out: list[str]) -> None:
    """Append a line for each place where ``claimed`` differs from ``actual``."""
    if isinstance(actual, dict) and isinstance(claimed, dict):
        for key in sorted(set(actual) | set(claimed), key=str):
            here = f"{where}.{key}" if where else str(key)
            if key not in claimed:
                out.append(f"{here}: missing from the file (replay gives {_show(actual[key])})")
            elif key not in actual:
                out.append(f"{here}: in the file but not produced by the replay")
            else:
                compare(claimed[key], actual[key], here, out)
    elif isinstance(actual, list) and isinstance(claimed, list):
        if len(actual) != len(claimed):
            out.append(f"{where}: the file has {len(claimed)} entries, the replay "
                       f"{len(actual)}")
        for k, (c, a) in enumerate(zip(claimed, actual, strict=False)):
            compare(c, a, f"{where}[{k}]", out)
    elif not _same(claimed, actual):
        out.append(f"{where}: the file says {_show(claimed)}, the replay gives {_show(actual)}")


def _same(a: Any, b: Any) -> bool:
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) \
            and not isinstance(b, bool):
        if math.isnan(float(a)) or math.isnan(float(b)):
            return math.isnan(float(a)) and math.isnan(float(b))
        return abs(float(a) - float(b)) <= TOLERANCE * max(1.0, abs(float(b)))
    return bool(a == b) and type(a) is type(b)


def _show(x: Any) -> str:
    text = json.dumps(x, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."
