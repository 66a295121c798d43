"""A sweep of the command line (issue 16, item 6).

Every command gets each class of bad argument: a file that is missing, a folder, a device,
a path under a file, a place that cannot be written, and numbers that are negative, NaN or
huge. Each must end with exit code 1 or 2 and a message on standard error, never "internal
error" and never a traceback. Everything runs in this process through ``main`` (argparse's
own usage errors are its ``SystemExit(2)``), and no case opens a window or a socket: the
arguments are checked before either.
"""

from __future__ import annotations

import os
import signal

import pytest

from game.cli import main
from game.session.script import SESSION_YAML

#: The classes of bad path: what each becomes under the test's folder.
BAD_INPUTS = ("missing", "folder", "device", "under-file", "fifo")
BAD_OUTPUTS = ("folder", "device", "under-file", "unwritable", "fifo")
NEGATIVE, NAN, HUGE = "-1", "nan", "1" + "0" * 30


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("sweep")
    (root / "folder").mkdir()
    (root / "note.txt").write_text("a file\n")
    os.mkfifo(root / "fifo")
    # a link to the device, never the device itself: code that replaced its output (as
    # write_atomic once did) would replace the link, not /dev/null, when run as root
    (root / "null-link").symlink_to("/dev/null")
    session = root / "session.yaml"
    session.write_text(SESSION_YAML)
    from game.play.replay import play
    from game.results import write_results
    from game.scenario.library import load_scenario

    results = write_results(play(load_scenario("first-year"), 1, None, None, 2), None,
                            root / "results.json", player="Aire")
    return {"missing": str(root / "missing.yaml"), "folder": str(root / "folder"),
            "device": "/dev/zero", "out-device": str(root / "null-link"),
            "under-file": str(root / "note.txt" / "x.json"),
            "unwritable": "/proc/self/cannot-write-here.json", "fifo": str(root / "fifo"),
            "session": str(session), "results": str(results), "root": str(root)}


def _inputs(template: list[str]) -> list[tuple[str, list[str]]]:
    return [(f"in:{kind}", [a.replace("IN", f"<{kind}>") for a in template])
            for kind in BAD_INPUTS]


def _outputs(template: list[str]) -> list[tuple[str, list[str]]]:
    return [(f"out:{kind}", [a.replace("OUT", f"<{kind}>") for a in template])
            for kind in BAD_OUTPUTS]


def _numbers(template: list[str], values: tuple[str, ...] = (NEGATIVE, NAN, HUGE)
             ) -> list[tuple[str, list[str]]]:
    return [(f"number:{v[:6]}", [a.replace("NUM", v) for a in template]) for v in values]


S, R = "<session>", "<results>"
CASES: list[tuple[str, list[str]]] = [
    ("missing", ["validate"]),
    *_inputs(["validate", "IN"]),
    *_outputs(["schema", "-o", "OUT"]),
    *_inputs(["run", "IN"]),
    *_inputs(["run", "first-year", "--decisions", "IN"]),
    *_outputs(["run", "first-year", "--months", "1", "--results", "OUT"]),
    *_numbers(["run", "first-year", "--seed", "NUM"]),
    *_numbers(["run", "first-year", "--months", "NUM"]),
    ("missing", ["run"]),
    *_inputs(["new", "my-case", "--from", "IN", "-o", "<root>/new.yaml"]),
    *_outputs(["new", "my-case", "-o", "OUT", "--force"]),
    *_inputs(["map", "IN", "-o", "<root>/m.png"]),
    *_outputs(["map", "first-year", "-o", "OUT"]),
    ("map without .png", ["map", "first-year", "-o", "<folder>"]),
    *_inputs(["balance", "IN", "--runs", "1"]),
    *_numbers(["balance", "first-year", "--runs", "NUM"]),
    *_numbers(["balance", "first-year", "--runs", "1", "--months", "NUM"]),
    *_numbers(["balance", "first-year", "--runs", "1", "--seed", "NUM"]),
    *[(f"plots:{kind}", ["balance", "first-year", "--runs", "1", "--plots", f"<{kind}>"])
      for kind in ("under-file", "device", "fifo")],
    *_inputs(["replay", "IN"]),
    *_inputs(["replay", R, "--scenario", "IN"]),
    *_inputs(["report", "IN", "--runs", "0"]),
    *_outputs(["report", R, "--runs", "0", "--html", "OUT"]),
    *_numbers(["report", R, "--runs", "NUM"]),
    *_numbers(["report", R, "--runs", "0", "--moments", "NUM"]),
    *_outputs(["session", "new", "-o", "OUT", "--force"]),
    *_inputs(["session", "new", "-o", "<root>/n.yaml", "--scenario", "IN"]),
    *_numbers(["session", "new", "-o", "<root>/n.yaml", "--force", "--seed", "NUM"]),
    *_numbers(["session", "new", "-o", "<root>/n.yaml", "--force", "--minutes", "NUM"]),
    ("teams", ["session", "new", "-o", "<root>/n.yaml", "--force", "--teams", ",,,"]),
    *_inputs(["session", "check", "IN"]),
    *_outputs(["session", "schema", "-o", "OUT"]),
    *_inputs(["session", "play", "IN", "--team", "Aire", "--results", "<root>/p.json"]),
    *_inputs(["session", "play", S, "--team", "Aire", "--decisions", "IN", "--results",
              "<root>/p.json"]),
    *_outputs(["session", "play", S, "--team", "Aire", "--results", "OUT"]),
    *_numbers(["session", "play", S, "--team", "Aire", "--months", "NUM", "--results",
               "<root>/p.json"]),
    ("team", ["session", "play", S, "--team", "  ", "--results", "<root>/p.json"]),
    *_inputs(["facilitate", "IN"]),
    *_outputs(["facilitate", S, "--save", "OUT"]),
    *[(f"results:{kind}", ["facilitate", S, "--results", f"<{kind}>"])
      for kind in ("under-file", "device", "fifo")],
    ("size", ["facilitate", S, "--size", "99999999x1"]),
    ("neither", ["facilitate"]),
    *_inputs(["debrief", "IN"]),
    *_inputs(["debrief", R, "--session", "IN"]),
    *_outputs(["debrief", R, "--csv", "OUT"]),
    *_outputs(["debrief", R, "--html", "OUT"]),
    *_inputs(["host", "IN", "--no-console"]),
    *_outputs(["host", S, "--no-console", "--journal", "OUT"]),
    *_outputs(["host", S, "--no-console", "--ready-file", "OUT"]),
    *[(f"results:{kind}", ["host", S, "--no-console", "--results", f"<{kind}>"])
      for kind in ("under-file", "device", "fifo")],
    *_numbers(["host", S, "--no-console", "--port", "NUM"]),
    ("size", ["host", S, "--window", "--size", "huge"]),
    ("address", ["join", "not a host::", "--code", "ABCD", "--team", "Aire", "--no-window",
                 "--timeout", "1"]),
    ("address", ["join", "127.0.0.1:99999999", "--code", "ABCD", "--team", "Aire",
                 "--no-window", "--timeout", "1"]),
    *_numbers(["join", "127.0.0.1:9", "--code", "ABCD", "--team", "Aire", "--no-window",
               "--timeout", "NUM"]),
    *_inputs(["join", "127.0.0.1:9", "--code", "ABCD", "--team", "Aire", "--decisions",
              "IN", "--timeout", "1"]),
    *_outputs(["join", "127.0.0.1:9", "--code", "ABCD", "--team", "Aire", "--no-window",
               "--seat-file", "OUT", "--timeout", "1"]),
    ("code", ["join", "127.0.0.1:9", "--code", "no", "--team", "Aire", "--no-window"]),
    *_outputs(["live-schema", "-o", "OUT"]),
    *_inputs(["play", "IN", "--demo"]),
    *_numbers(["play", "first-year", "--demo", "--seed", "NUM"]),
    *_numbers(["play", "--demo", "--months", "NUM"]),
    ("size", ["play", "--size", "1x1"]),
    *_inputs(["play", "--session", "IN", "--team", "Aire", "--demo"]),
    *[(f"shots:{kind}", ["play", "--demo", "--screenshots", f"<{kind}>"])
      for kind in ("under-file", "device", "fifo")],
]


def _resolve(argv: list[str], place: dict[str, str]) -> list[str]:
    out = []
    for arg in argv:
        for key, value in place.items():
            arg = arg.replace(f"<{key}>", value)
        out.append(arg)
    return out


def _run(argv: list[str], seconds: int = 60) -> int:
    """``main(argv)``; a command still running after ``seconds`` is stopped by an alarm,
    which ``main`` reports as an internal error, so the case fails rather than hangs."""
    def expired(*_: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        return main(argv)
    except SystemExit as exc:  # argparse's usage errors
        return int(exc.code or 0)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize(("kind", "argv"), CASES, ids=[f"{a[0]}:{k}" for k, a in CASES])
def test_a_bad_argument_ends_with_a_message(kind, argv, place, capsys, monkeypatch) -> None:
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", place["root"])
    monkeypatch.chdir(place["root"])
    resolved = _resolve(argv, {**place, "device": place["out-device"]}
                        if kind.startswith("out:") else place)
    code = _run(resolved)
    err = capsys.readouterr().err
    assert code in (1, 2), (resolved, code, err)
    assert err.strip(), resolved
    assert "internal error" not in err and "Traceback" not in err, err
