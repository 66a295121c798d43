"""Fuzzing the content loaders: a bad file is a located ContentError, never a crash or a hang.

Scenarios, decision logs and results files go through the same path as ``partnership validate``
and ``partnership run``: ``load_text`` then the file's checks (``check_document`` and ``lint``
for scenarios, ``validate`` and ``play`` for decision logs, ``load_results`` and the replay
check for results). The inputs are

* the bundled scenarios and golden decision logs, mutated (lines deleted, duplicated, swapped
  or replaced with hostile YAML, characters and bytes flipped, the text truncated);
* schema-valid parts generated from the exported JSON Schema with hypothesis-jsonschema and
  spliced into a small valid scenario (the whole schema is also fuzzed, in the slow tier); a
  valid one is played for three months, and an overflow or NaN on the way (numpy's warning)
  fails;
* session files: the bundled ones mutated, and documents generated from the session schema
  (a valid one is then played for a round on the facilitator's screen).

The only outcomes allowed: a checked object, or a ContentError whose every problem names the
file and a line inside it. Anything else, or an input taking more than ``HANG_SECONDS``, fails.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pygame
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.internal.conjecture import utils as conjecture_utils
from hypothesis_jsonschema import from_schema

from game.authoring.lint import lint
from game.content import ContentError, load_text, validate
from game.play.replay import play
from game.results import check, load_results, scenario_for, write_results
from game.scenario.decision_log import DecisionLog
from game.scenario.library import bundled, check_document, load_scenario
from game.scenario.schema import scenario_schema
from game.session import spec as session_spec
from game.session.engine import GroupSession
from game.session.outcome import write_team_results
from game.session.script import SESSION_YAML
from game.session.template import session_yaml
from game.ui import facilitate_run

ROOT = Path(__file__).parents[1]
GOLDEN = ROOT / "tests" / "golden"
HANG_SECONDS = 20
TRIED: Counter[str] = Counter()  # outcomes by kind, printed at the end (pytest -s)


def _legacy_more(self: Any) -> bool:
    """``many.more()`` as hypothesis-jsonschema 0.23 calls it, on top of the newer iterator API.

    Hypothesis 6.1xx replaced ``while elements.more():`` with ``with many(...) as elements:
    for _ in elements:``; hypothesis-jsonschema 0.23.1 (the latest) still calls ``more()``.
    """
    if self._depth is None:
        self.__enter__()
        self._legacy_iter = iter(self)
    try:
        next(self._legacy_iter)
        return True
    except StopIteration:
        self.__exit__(None)
        return False


if not hasattr(conjecture_utils.many, "more"):
    conjecture_utils.many.more = _legacy_more


# --- the contract ----------------------------------------------------------------------------


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: int = HANG_SECONDS) -> Iterator[None]:
    """Fail the input if it takes over ``seconds`` (SIGALRM: tests run on the main thread)."""

    def expired(signum: int, frame: Any) -> None:
        raise Hang(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def yaml_lines(text: str | bytes) -> int:
    """At most how many lines YAML sees: it also breaks lines at CR, NEL, U+2028 and U+2029."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return sum(text.count(c) for c in "\n\r\x85\u2028\u2029") + 1


def outcome(kind: str, label: str, text: str | bytes, check_file: Callable[[], Any],
            names_other_files: bool = False) -> str:
    """Run ``check_file``; it must succeed or raise a ContentError located in ``label``.

    With ``names_other_files`` (a session naming a scenario), problems after the first may be
    located in the files ``label`` names.
    """
    lines = yaml_lines(text)
    try:
        with time_limit():
            check_file()
    except ContentError as exc:
        assert exc.problems, "a ContentError must carry a problem"
        for k, problem in enumerate(exc.problems):
            if names_other_files and k > 0 and problem.path != label:
                assert problem.path and problem.line >= 1, problem.format()
                continue
            assert problem.path == label, problem.format()
            assert 1 <= problem.line <= lines and problem.col >= 1, problem.format()
            assert problem.message.strip(), problem.format()
            assert problem.severity == "error", problem.format()
        TRIED[f"{kind}: located error"] += 1
        return "error"
    TRIED[f"{kind}: valid"] += 1
    return "valid"


@pytest.fixture(scope="module", autouse=True)
def _report_counts() -> Iterator[None]:
    yield
    for key, count in sorted(TRIED.items()):
        print(f"fuzz {key}: {count}")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scenario folder outside the bundled library, holding one real image."""
    path = tmp_path_factory.mktemp("fuzz")
    (path / "images").mkdir()
    (path / "images" / "card.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return path


def check_scenario_text(text: str | bytes, label: str) -> None:
    """What ``partnership validate`` does with a scenario: load, check, lint."""
    document = load_text(text, label)
    scenario = check_document(document)
    for warning in lint(document, scenario):
        assert warning.path == label and warning.line >= 1, warning.format()


# --- mutations --------------------------------------------------------------------------------

SCENARIO_TEXTS = {name: path.read_text(encoding="utf-8") for name, path in bundled().items()}
LOG_TEXTS = {p.name.split(".")[0]: p.read_text(encoding="utf-8")
             for p in sorted(GOLDEN.glob("*.decisions.yaml"))}
HOSTILE_LINES = [
    "  - *nowhere\n", "x: !!python/object/apply:os.system ['true']\n", "budget: .nan\n",
    "<<: *base\n", "\tstaff: 1\n", "? [a, b]\n: c\n", "id: &a x\nid: &a y\n", "---\n",
    "month: 99999999999999999999999999\n", "- [[[[[[[[[[[[[[[[\n", "image: ../../etc/x.png\n",
    "'unterminated\n", "key: \"\\uD800\"\n", "count: -.inf\n", "months: [3, 1]\n",
    "cash_below: {gbp: 1e400}\n", "\ufeff\n", "\x85\n", "id: !!binary aGk=\n",
]
CHARS = st.sampled_from(list("{}[]:,-?&*!|>'\"#%@` \t\n.0e9éZ\u2028\x00\x7f") + ["\\u"])


@st.composite
def mutated(draw: st.DrawFn, texts: dict[str, str]) -> str | bytes:
    """One of ``texts`` with one to four random edits; sometimes as bytes with a byte flipped."""
    lines = texts[draw(st.sampled_from(sorted(texts)))].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "char", "hostile", "indent"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "char":
            k = draw(st.integers(0, max(len(lines[i]) - 1, 0)))
            lines[i] = lines[i][:k] + draw(CHARS) + lines[i][k + 1:]
        elif op == "hostile":
            lines.insert(i, draw(st.sampled_from(HOSTILE_LINES)))
        else:
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
    text = "".join(lines)
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    if draw(st.integers(0, 5)) == 0:
        raw = bytearray(text.encode("utf-8"))
        if raw:
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
        return bytes(raw)
    return text


FUZZ = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))


def fuzz_scenarios(folder: Path, examples: int) -> None:
    label = str(folder / "mutated.yaml")

    @settings(FUZZ, max_examples=examples)
    @given(mutated(SCENARIO_TEXTS))
    def run(text: str | bytes) -> None:
        outcome("mutated scenario", label, text, lambda: check_scenario_text(text, label))

    run()


def test_mutated_scenarios_give_valid_scenarios_or_located_errors(folder: Path) -> None:
    fuzz_scenarios(folder, 40)


@pytest.mark.slow
def test_mutated_scenarios_many(folder: Path) -> None:
    fuzz_scenarios(folder, 400)


def check_log_text(text: str | bytes, label: str) -> None:
    """What ``partnership run SCENARIO --decisions FILE`` does with a log."""
    document = load_text(text, label)
    log = validate(document, DecisionLog)
    scenario = SCENARIOS.get(str(log.scenario), SCENARIOS["first-year"])
    play(scenario, log.seed or 1, log, document)


SCENARIOS = {name: load_scenario(name) for name in bundled()}


def fuzz_logs(examples: int) -> None:
    label = "mutated.decisions.yaml"

    @settings(FUZZ, max_examples=examples)
    @given(mutated(LOG_TEXTS))
    def run(text: str | bytes) -> None:
        outcome("mutated decision log", label, text, lambda: check_log_text(text, label))

    run()


def test_mutated_decision_logs_give_runs_or_located_errors() -> None:
    fuzz_logs(40)


@pytest.mark.slow
def test_mutated_decision_logs_many() -> None:
    fuzz_logs(400)


# --- session files ----------------------------------------------------------------------------

SESSION_TEXTS = {"scripted": SESSION_YAML} | {
    name: session_yaml(name, SCENARIOS[name], ["Aire", "Calder", "Nidd"], 7)
    for name in ("first-year", "merger-talks")}


def fuzz_sessions(folder: Path, examples: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """What ``partnership session check FILE`` does. The scenario it names comes from memory:
    scenario loading is fuzzed above, and parsing one takes longer than the rest."""
    monkeypatch.setattr(session_spec, "load_scenario",
                        lambda source: SCENARIOS.get(str(source)) or load_scenario(source))
    label = str(folder / "mutated.session.yaml")

    def check_session_text(text: str | bytes) -> None:
        document = load_text(text, label)
        session_spec.check_session(validate(document, session_spec.SessionSpec), document)

    @settings(FUZZ, max_examples=examples)
    @given(mutated(SESSION_TEXTS))
    def run(text: str | bytes) -> None:
        outcome("mutated session file", label, text, lambda: check_session_text(text),
                names_other_files=True)

    run()


def test_mutated_session_files_give_sessions_or_located_errors(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fuzz_sessions(folder, 40, monkeypatch)


@pytest.mark.slow
def test_mutated_session_files_many(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fuzz_sessions(folder, 400, monkeypatch)


# --- schema-valid session files ---------------------------------------------------------------

SESSION_SCHEMA = session_spec.SessionSpec.model_json_schema()  # as `partnership session schema`


def yaml_printable(value: Any) -> Any:
    """``value`` with every string cut down to the characters YAML allows in a file (the
    loader refuses the rest, even escaped, and the schema's strings allow anything)."""
    if isinstance(value, str):
        return "".join(c for c in value if c in "\t\n\r\x85" or " " <= c <= "~"
                       or "\xa0" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd"
                       or c >= "\U00010000")
    if isinstance(value, list):
        return [yaml_printable(v) for v in value]
    if isinstance(value, dict):
        return {k: yaml_printable(v) for k, v in value.items()}
    return value


@st.composite
def session_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Session documents valid against the exported JSON Schema, most of them brought nearer
    to a session that loads, each step four times in five: strings cut down to what YAML
    allows (the schema's strings allow anything; the loader refuses control characters),
    team names made unique (the schema cannot say so), and a real scenario named (a bundled
    id or its file beside the session) with injectable events from its own (and half the
    time made-up ids) and no more months than it has."""
    doc = draw(from_schema(SESSION_SCHEMA))
    often = st.integers(0, 4).map(bool)
    if draw(often):
        name = draw(st.sampled_from(sorted(SCENARIOS)))
        doc["scenario"] = draw(st.sampled_from([name, name, f"{name}.yaml"]))
        known = [e.id for e in SCENARIOS[name].events]
        made_up = st.text(max_size=12) if draw(st.booleans()) else st.nothing()
        doc["injectable_events"] = draw(st.lists(st.sampled_from(known) | made_up, max_size=4))
        if doc.get("months") and draw(often):
            doc["months"] = min(doc["months"], SCENARIOS[name].length_months)
    if draw(often):
        doc = yaml_printable(doc)
    if draw(often):
        seen: set[str] = set()
        doc["teams"] = [t for t in doc["teams"] if not (t.strip().casefold() in seen
                                                        or seen.add(t.strip().casefold()))]
    return doc


def play_a_round(loaded: session_spec.LoadedSession, folder: Path) -> None:
    """A valid session is played on the facilitator's screen: a round opened, locked and
    played (each asks first: yes), the month's summaries closed, the league revealed and the
    debrief opened; then every team's results file is written, one file each."""
    session = GroupSession(loaded)
    app = facilitate_run.facilitator_app(session, (1280, 720), folder)
    for k in (pygame.K_o, pygame.K_l, pygame.K_y, pygame.K_a, pygame.K_y, pygame.K_RETURN,
              pygame.K_v, pygame.K_y, pygame.K_d, pygame.K_y):
        app.step(facilitate_run.key(k))
        app.step()
    assert session.run.history and app.top.name == "session_debrief", app.top.name
    written = write_team_results(session, folder)
    assert len(set(written)) == len(session.teams), (session.teams, written)
    TRIED["schema-valid session file: played a round"] += 1


def fuzz_session_schema(folder: Path, examples: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """What ``partnership session check FILE`` does, then one round of ``facilitate``."""
    monkeypatch.setattr(session_spec, "load_scenario",
                        lambda source: SCENARIOS.get(str(source)) or load_scenario(source))
    for name, path in bundled().items():  # the scenarios' files, for a session naming one
        (folder / f"{name}.yaml").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    label = str(folder / "generated.session.yaml")

    @settings(FUZZ, max_examples=examples)
    @given(session_documents())
    def run(doc: dict[str, Any]) -> None:
        text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
        loaded: list[session_spec.LoadedSession] = []

        def check_session_text() -> None:
            document = load_text(text, label)
            spec = validate(document, session_spec.SessionSpec)
            loaded.append(session_spec.check_session(spec, document))

        outcome("schema-valid session file", label, text, check_session_text,
                names_other_files=True)
        if loaded:
            with time_limit():
                play_a_round(loaded[0], folder / "results")

    run()


def test_schema_valid_session_files_give_sessions_or_located_errors(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fuzz_session_schema(folder, 40, monkeypatch)


@pytest.mark.slow
def test_schema_valid_session_files_many(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fuzz_session_schema(folder, 200, monkeypatch)


# --- results files ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def results_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A real results file: the golden first-year log played and written."""
    scenario = SCENARIOS["first-year"]
    document = load_text(LOG_TEXTS["first-year"], "first-year.decisions.yaml")
    log = validate(document, DecisionLog)
    run = play(scenario, log.seed or 1, log, document)
    path = tmp_path_factory.mktemp("results") / "results.json"
    write_results(run, log, path, player="Fuzz", source="first-year")
    return path.read_text(encoding="utf-8")


def fuzz_results(text: str, folder: Path, examples: int, replay: bool) -> None:
    path = folder / "mutated-results.json"

    def check_results() -> None:
        loaded = load_results(path)
        if replay:
            check(loaded, scenario_for(loaded))

    @settings(FUZZ, max_examples=examples)
    @given(mutated({"results": text}))
    def run(mutant: str | bytes) -> None:
        path.write_bytes(mutant if isinstance(mutant, bytes) else mutant.encode("utf-8"))
        outcome("mutated results file", str(path), mutant, check_results)

    run()


def test_mutated_results_files_give_results_or_located_errors(
    results_text: str, folder: Path
) -> None:
    fuzz_results(results_text, folder, 40, replay=False)


@pytest.mark.slow
def test_mutated_results_files_replayed(results_text: str, folder: Path) -> None:
    fuzz_results(results_text, folder, 200, replay=True)


# --- schema-valid documents -------------------------------------------------------------------

SCHEMA = scenario_schema()
DEFS = SCHEMA["$defs"]
FIRST_YEAR = yaml.safe_load(SCENARIO_TEXTS["first-year"])
#: A small valid scenario to splice generated parts into (loading 500 lines is slow).
BASE = {k: FIRST_YEAR[k] for k in SCHEMA["required"]} | {
    "goals": FIRST_YEAR["goals"][:1], "events": FIRST_YEAR["events"][:2],
    "end_conditions": FIRST_YEAR["end_conditions"][:1],
}


def part(name: str, nested: int | None = None) -> st.SearchStrategy[Any]:
    """Documents valid against one definition of the scenario schema. ``nested`` keeps only
    that many kinds of condition inside ``any_of`` / ``all_of`` / ``not`` (hypothesis-jsonschema
    takes about 2 s an example for a choice with every kind, ten times more than a trigger)."""
    defs = DEFS
    if nested is not None:
        defs = {**DEFS, "Condition1": {"anyOf": DEFS["Condition1"]["anyOf"][:nested]}}
    return from_schema({**defs[name], "$defs": defs})


def _splice(where: str, value: Any) -> dict[str, Any]:
    doc = json.loads(json.dumps(BASE))
    if where == "practice":
        doc["practice"] = value
    elif where == "goal":
        doc["goals"].append(value)
    elif where == "trigger":
        doc["events"][1]["trigger"] = value
    elif where == "choice":
        doc["events"][0]["choices"][0] = value
    elif where == "end_condition":
        doc["end_conditions"].append(value)
    elif where == "event":
        doc["events"].append(value)
    return doc


SPLICES = {"practice": "PracticeSpec", "goal": "GoalSpec", "trigger": "TriggerSpec",
           "choice": "ChoiceSpec", "end_condition": "EndConditionSpec", "event": "EventSpec"}


def spliced(names: list[str], nested: int | None = None) -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of([part(SPLICES[n], nested).map(lambda v, n=n: _splice(n, v))
                      for n in names])


def check_generated(doc: dict[str, Any], label: str, months: int) -> None:
    """Check a generated scenario like ``validate``; if it is valid, play its first months."""
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    outcome("schema-valid scenario", label, text, lambda: check_scenario_text(text, label))
    try:
        scenario = check_document(load_text(text, label))
    except ContentError:
        return
    with time_limit(), warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # numpy's overflow or NaN in the model
        run = play(scenario, 7, months=months)
    assert len(run.history) >= 1
    TRIED["schema-valid scenario: played"] += 1


def fuzz_schema(folder: Path, strategy: st.SearchStrategy[dict[str, Any]], examples: int) -> None:
    label = str(folder / "generated.yaml")

    @settings(FUZZ, max_examples=examples)
    @given(strategy)
    def run(doc: dict[str, Any]) -> None:
        check_generated(doc, label, months=3)

    run()


def test_schema_valid_parts_give_scenarios_or_located_errors(folder: Path) -> None:
    fuzz_schema(folder, spliced(["practice", "goal", "trigger"]), 40)
    # a choice (with its shown_if, outcomes and text variants) is slow to generate: a few here,
    # with three kinds of condition inside any_of / all_of / not; every kind in the slow tier
    fuzz_schema(folder, spliced(["choice"], nested=3), 6)


@pytest.mark.slow
def test_schema_valid_parts_many(folder: Path) -> None:
    fuzz_schema(folder, spliced(["practice", "goal", "trigger", "end_condition"]), 60)
    # choices and whole events are slow to generate (about 18 s a choice with every kind of
    # condition nested, 10 s an event with three): a few of each, every kind in the choices
    fuzz_schema(folder, spliced(["choice"]), 4)
    fuzz_schema(folder, spliced(["event"], nested=3), 6)


@pytest.mark.slow
def test_whole_schema_documents(folder: Path) -> None:
    fuzz_schema(folder, from_schema(SCHEMA), 3)


def test_the_bundled_scenarios_survive_a_yaml_round_trip(folder: Path) -> None:
    """The splicing above relies on safe_dump output loading back to the same scenario."""
    for name, text in SCENARIO_TEXTS.items():
        dumped = yaml.safe_dump(yaml.safe_load(text), sort_keys=False, allow_unicode=True)
        label = str(folder / f"{name}.yaml")
        assert check_document(load_text(dumped, label)) == SCENARIOS[name]


# --- the command line -------------------------------------------------------------------------


def test_validate_command_on_mutated_files_exits_1_without_a_traceback(tmp_path: Path) -> None:
    """One ``partnership validate`` over 30 mutated scenarios and logs: located errors only."""
    rng = np.random.default_rng(9)
    sources = [*SCENARIO_TEXTS.values(), *LOG_TEXTS.values()]
    paths = []
    for n in range(30):
        lines = sources[n % len(sources)].splitlines(keepends=True)
        for _ in range(3):
            i, j = rng.integers(0, len(lines), size=2)
            lines[i], lines[j] = lines[j], lines[i]
            lines.insert(int(rng.integers(0, len(lines))),
                         HOSTILE_LINES[int(rng.integers(0, len(HOSTILE_LINES)))])
        path = tmp_path / f"mutant-{n:02d}.yaml"
        path.write_text("".join(lines), encoding="utf-8")
        paths.append(str(path))
    result = subprocess.run([sys.executable, "-m", "game", "validate", *paths],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr
    errors = [ln for ln in result.stdout.splitlines() if ": error: " in ln]
    assert {ln.split(":")[0] for ln in errors} == set(paths)
    for line in result.stdout.splitlines():
        path, number, col, rest = line.split(":", 3)
        assert path in paths and int(number) >= 1 and int(col) >= 1, line
        assert rest.startswith((" error: ", " warning: ")), line
