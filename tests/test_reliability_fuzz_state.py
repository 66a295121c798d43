"""Fuzzing the loaders of saved state: game saves, facilitator snapshots and live journals.

Each starts from a real file the program wrote (a game played for three months and saved; the
scripted group session, saved after every change; a live room with joins, hand-ins, controls and
an inject, journalled), then mutates it the two ways the scenario loader is fuzzed:

* byte-level: bytes deleted, duplicated, flipped or replaced with hostile JSON fragments
  (``NaN``, ``1e999``, deep brackets, a NUL escape, a lone surrogate), the text truncated;
* schema-level: the file parsed, then one value somewhere in it replaced with a hostile value
  of another type or size (a negative, huge or non-finite number, an empty, long or
  control-character string, a deep list, ``null``), a key deleted or an unknown key added.

Each mutated file goes through the path the game takes: the load screen's list of saves and
Continue (``list_saves`` then ``restore``), ``facilitate SESSION --resume`` (``resume``) and
``host SESSION`` on an existing journal (``open_room``). The only outcomes allowed: the state
restored, or the loader's own error (``SaveError``, ``SessionError``, ``JournalError``) whose
message names the file. Anything else, or an input taking more than ``HANG_SECONDS``, fails.
"""

from __future__ import annotations

import copy
import json
import math
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game import saves
from game.live import drill
from game.live.journal import JournalError
from game.live.protocol import ControlMessage, HelloMessage, SubmitMessage
from game.live.resume import open_room
from game.live.team import hand_in
from game.model.decisions import SetDrawingsDecision
from game.play.game_session import GameSession
from game.scenario.library import load_scenario
from game.session.engine import GroupSession
from game.session.rounds import SessionError
from game.session.script import SESSION_YAML, play_script
from game.session.snapshot import SnapshotWriter, file_sha256, resume
from game.session.spec import load_session
from tests.test_reliability_fuzz import time_limit

TRIED: Counter[str] = Counter()
FUZZ = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))

HOSTILE_FRAGMENTS = [
    b"NaN", b"Infinity", b"-1", b"1e999", b"-1e999", b"1e-999", b"0e0", b"9" * 400, b"null",
    b"[" * 200, b"{" * 200, b'"\\u0000"', b'"\\ud800"', b'"\\u001b[31m"', b'"\xff\xfe"',
    b'{"a":', b"\x00", b'"' + b"x" * 5000 + b'"', b",", b":", b"}", b"]", b"true",
]
HOSTILE_VALUES: list[Any] = [
    None, True, -1, 0, 2**63, -(2**63), 1e308, -1e308, 1e-308, 0.5, "", "x" * 10_000,
    "\x00", "\x1b[2J", "\u202e", "\ud800", "../../etc/passwd", [], {}, [[[[[[[[[[1]]]]]]]]]],
    {"format": "partnership-save/1"}, ["a", 1, None], "1e+28",
]


def _paths(node: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside a parsed JSON document."""
    yield at
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*at, key))
    elif isinstance(node, list):
        for k, value in enumerate(node):
            yield from _paths(value, (*at, k))


def _at(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def _strings(doc: Any) -> set[str]:
    return {v for p in _paths(doc) if isinstance(v := _at(doc, p), str)} or {""}


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


@st.composite
def byte_mutated(draw: st.DrawFn, texts: list[bytes]) -> bytes:
    raw = bytearray(draw(st.sampled_from(texts)))
    for _ in range(draw(st.integers(1, 4))):
        if not raw:
            break
        i = draw(st.integers(0, len(raw) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "flip", "hostile"]))
        if op == "delete":
            del raw[i:i + draw(st.integers(1, 40))]
        elif op == "duplicate":
            raw[i:i] = raw[i:i + draw(st.integers(1, 40))]
        elif op == "flip":
            raw[i] = draw(st.integers(0, 255))
        else:
            fragment = draw(st.sampled_from(HOSTILE_FRAGMENTS))
            raw[i:i + draw(st.integers(0, 8))] = fragment
    if draw(st.integers(0, 3)) == 0:
        raw = raw[: draw(st.integers(0, len(raw)))]
    return bytes(raw)


def _dump(doc: Any) -> bytes:
    # allow_nan: a NaN or infinity written as the bare words a careless tool would write
    return json.dumps(doc, allow_nan=True, ensure_ascii=False).encode("utf-8", "surrogatepass")


@st.composite
def schema_mutated(draw: st.DrawFn, docs: list[Any]) -> bytes:
    doc = json.loads(json.dumps(draw(st.sampled_from(docs))))  # a fresh copy
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(doc, path)
        op = draw(st.sampled_from(["replace", "replace", "perturb", "perturb", "perturb",
                                   "delete", "add", "nan"]))
        value = parent[path[-1]]
        if op == "perturb" and isinstance(value, bool | None):
            parent[path[-1]] = not value
        elif op == "perturb" and isinstance(value, int | float):
            # a value of the right type but another size: replays go further before failing
            parent[path[-1]] = draw(st.sampled_from([value + 1, value - 1, -value, 0,
                                                     value * 7, value * 10**6]))
        elif op == "perturb" and isinstance(value, str):
            # another string from the same file: a team, event, choice or month elsewhere
            parent[path[-1]] = draw(st.sampled_from(sorted(_strings(doc))))
        elif op == "perturb":
            parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(
                [v for p in paths if isinstance(v := _at(doc, p), type(value))])))
        elif op == "replace":
            parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(HOSTILE_VALUES)))
        elif op == "nan":
            parent[path[-1]] = draw(st.sampled_from([math.nan, math.inf, -math.inf]))
        elif op == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "", "\x00", "format"]))] = \
                copy.deepcopy(draw(st.sampled_from(HOSTILE_VALUES)))
        else:
            parent.insert(path[-1], copy.deepcopy(draw(st.sampled_from(HOSTILE_VALUES))))
    return _dump(doc)


def _jsonl_docs(text: bytes) -> list[Any]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@st.composite
def journal_schema_mutated(draw: st.DrawFn, journals: list[bytes]) -> bytes:
    """One entry (or the header) of a journal mutated as ``schema_mutated`` mutates a file."""
    lines = _jsonl_docs(draw(st.sampled_from(journals)))
    k = draw(st.integers(0, len(lines) - 1))
    lines[k] = json.loads(draw(schema_mutated([lines[k]])).decode("utf-8", "surrogatepass")
                          .replace("NaN", "null").replace("Infinity", "1e999"))
    return b"\n".join(_dump(line) for line in lines) + b"\n"


def contract(kind: str, path: Path, errors: tuple[type[Exception], ...],
             load: Callable[[], Any], must_name: str) -> None:
    """``load`` succeeds, or raises one of ``errors`` naming ``must_name``, within the limit."""
    try:
        with time_limit():
            load()
    except errors as exc:
        message = str(exc)
        assert message.strip() and must_name in message, message
        assert "Traceback" not in message
        TRIED[f"{kind}: refused with a message"] += 1
        return
    TRIED[f"{kind}: restored"] += 1


@pytest.fixture(scope="module", autouse=True)
def _report_counts() -> Iterator[None]:
    yield
    for key, count in sorted(TRIED.items()):
        print(f"fuzz {key}: {count}")


# --- game saves -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def save_texts(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    folder = tmp_path_factory.mktemp("saves-source")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PARTNERSHIP_DATA_DIR", str(folder))
        session = GameSession(load_scenario("first-year"), "first-year", 3)
        for _ in range(3):
            for event in session.pending_events():
                session.choose(event.id, event.choices[-1].id)
            session.decide(SetDrawingsDecision(9_000 - 500 * session.month))
            session.end_turn()
        path = saves.write_save(session, "fuzz")
        return [path.read_bytes()]


def fuzz_saves(strategy: Any, tmp_path: Path, examples: int) -> None:
    @settings(FUZZ, max_examples=examples)
    @given(strategy)
    def run(raw: bytes) -> None:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
            folder = saves.saves_dir()
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "mutated.json"
            path.write_bytes(raw)

            def load() -> None:
                slots = saves.list_saves()  # the load screen: never raises
                assert [s.path.name for s in slots] == ["mutated.json"]
                slot = slots[0]
                if slot.save is None:
                    assert slot.problem and "mutated.json" in slot.problem, slot.problem
                    raise saves.SaveError(slot.problem)
                try:
                    saves.restore(slot.save)  # Continue
                except saves.SaveError as exc:
                    raise saves.SaveError(f"mutated.json: {exc}") from None

            contract("save", path, (saves.SaveError,), load, "mutated.json")

    run()


def test_byte_mutated_saves_restore_or_are_named(save_texts: list[bytes], tmp_path: Path) -> None:
    fuzz_saves(byte_mutated(save_texts), tmp_path, 60)


def test_schema_mutated_saves_restore_or_are_named(save_texts: list[bytes],
                                                   tmp_path: Path) -> None:
    fuzz_saves(schema_mutated([json.loads(t) for t in save_texts]), tmp_path, 60)


@pytest.mark.slow
def test_mutated_saves_many(save_texts: list[bytes], tmp_path: Path) -> None:
    fuzz_saves(byte_mutated(save_texts), tmp_path, 250)
    fuzz_saves(schema_mutated([json.loads(t) for t in save_texts]), tmp_path, 250)


# --- facilitator snapshots --------------------------------------------------------------------


@pytest.fixture(scope="module")
def session_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("session") / "tuesday.yaml"
    path.write_text(SESSION_YAML, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def snapshot_texts(session_file: Path) -> list[bytes]:
    """The scripted session's snapshot at a few points: open, locked, rewound, finished."""
    session = GroupSession(load_session(session_file))
    path = session_file.with_name("source.save.json")
    kept: list[bytes] = []
    writer = SnapshotWriter(path, file_sha256(session_file))

    def keep(s: GroupSession) -> None:
        if len(s.journal) % 9 == 0:
            kept.append(path.read_bytes())

    session.listeners += [writer, keep]
    play_script(session)
    kept.append(path.read_bytes())
    return kept


def fuzz_snapshots(strategy: Any, session_file: Path, examples: int) -> None:
    path = session_file.with_name("mutated.save.json")

    @settings(FUZZ, max_examples=examples)
    @given(strategy)
    def run(raw: bytes) -> None:
        path.write_bytes(raw)
        contract("facilitator snapshot", path, (SessionError,),
                 lambda: resume(session_file, path), path.name)

    run()


def test_byte_mutated_snapshots_resume_or_are_named(snapshot_texts: list[bytes],
                                                    session_file: Path) -> None:
    fuzz_snapshots(byte_mutated(snapshot_texts), session_file, 60)


def test_schema_mutated_snapshots_resume_or_are_named(snapshot_texts: list[bytes],
                                                      session_file: Path) -> None:
    fuzz_snapshots(schema_mutated([json.loads(t) for t in snapshot_texts]), session_file, 60)


@pytest.mark.slow
def test_mutated_snapshots_many(snapshot_texts: list[bytes], session_file: Path) -> None:
    fuzz_snapshots(byte_mutated(snapshot_texts), session_file, 200)
    fuzz_snapshots(schema_mutated([json.loads(t) for t in snapshot_texts]), session_file, 200)


# --- live journals ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def live_session(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return drill.drill_session(tmp_path_factory.mktemp("live"), 3, 4)


@pytest.fixture(scope="module")
def journal_texts(live_session: Path) -> list[bytes]:
    """A journal with every kind of entry: joins, hand-ins, controls, an inject, a release."""
    room, _ = open_room(live_session)
    n = iter(range(1000))

    def control(action: str, **kw: Any) -> None:
        assert room.control(ControlMessage(id=f"c{next(n)}", action=action, **kw))["ok"]

    room.admit(HelloMessage(id="h", role="team", code=room.code, team="Team 01"))
    for month in (1, 2):
        control("open")
        for k, team in enumerate(room.session.teams, 1):
            msg = SubmitMessage.model_validate(
                {"id": f"t{k}-{month}", **hand_in(drill.policy_log(k, 4).month(month), month)})
            room.submit(team, msg)
        control("lock")
        control("advance")
    control("open")
    control("inject", event="agency-rates", team="Team 02")
    control("release", team="Team 01")
    room.journal.close()
    return [live_session.with_name("drill.live.jsonl").read_bytes()]


def fuzz_journals(strategy: Any, live_session: Path, examples: int) -> None:
    path = live_session.with_name("mutated.live.jsonl")

    @settings(FUZZ, max_examples=examples)
    @given(strategy)
    def run(raw: bytes) -> None:
        path.write_bytes(raw)

        def load() -> None:
            room, _ = open_room(live_session, path)
            room.journal.close()
            path.write_bytes(raw)  # the room may have appended; the next example starts clean

        contract("live journal", path, (JournalError,), load, path.name)

    run()


def test_byte_mutated_journals_resume_or_are_named(journal_texts: list[bytes],
                                                   live_session: Path) -> None:
    fuzz_journals(byte_mutated(journal_texts), live_session, 60)


def test_schema_mutated_journals_resume_or_are_named(journal_texts: list[bytes],
                                                     live_session: Path) -> None:
    fuzz_journals(journal_schema_mutated(journal_texts), live_session, 80)


@pytest.mark.slow
def test_mutated_journals_many(journal_texts: list[bytes], live_session: Path) -> None:
    fuzz_journals(byte_mutated(journal_texts), live_session, 200)
    fuzz_journals(journal_schema_mutated(journal_texts), live_session, 250)


def test_a_save_naming_a_file_that_is_not_a_scenario_is_refused_unread(
        save_texts: list[bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by the fuzz: a save's ``source`` opened any file and quoted its first line."""
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:do not show me\n", encoding="utf-8")
    doc = json.loads(save_texts[0])
    doc["source"] = str(secret)
    folder = saves.saves_dir()
    folder.mkdir(parents=True)
    (folder / "odd.json").write_text(json.dumps(doc), encoding="utf-8")
    [slot] = saves.list_saves()
    assert slot.save is None and "source" in slot.problem
    assert "do not show me" not in slot.problem
