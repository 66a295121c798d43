"""Named random streams: adding an event that never fires, or a new staff role, to a copy of a
scenario leaves every other draw, and so the history of ``partnership run --json``, unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import yaml

from game.model.noise import MODEL_STREAMS, draw_streams, event_stream

ROOT = Path(__file__).parents[1]
SCENARIO = ROOT / "scenarios" / "first-year.yaml"

#: Runs ``partnership`` with one more staff role inserted in the middle of the roles table,
#: with no staff in post, so any position-dependent code or draw shows up as a difference.
_EXTRA_ROLE = r'''
import importlib.abc, importlib.util, sys
ROLES_PATH = sys.argv[1]
ANCHOR = '    RoleSpec("clinical_pharmacist",'
EXTRA = ('    RoleSpec("advanced_nurse_practitioner", "Advanced nurse practitioner", "nursing", '
         '52_000.0, True, 300.0, {"same_day": 1.0}, 1.0),\n')

class Patched(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        if name == "game.model.roles":
            return importlib.util.spec_from_loader(name, self, origin=ROLES_PATH)
        return None
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        src = open(ROLES_PATH).read()
        assert ANCHOR in src
        module.__file__ = ROLES_PATH
        exec(compile(src.replace(ANCHOR, EXTRA + ANCHOR, 1), ROLES_PATH, "exec"),
             module.__dict__)

if sys.argv[2] == "patch":
    sys.meta_path.insert(0, Patched())
from game.cli import main
sys.exit(main(sys.argv[3:]))
'''


def _run(args: list[str], patch: bool = False) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _EXTRA_ROLE, str(ROOT / "game" / "model" / "roles.py"),
         "patch" if patch else "plain", "run", *args, "--seed", "7", "--json"],
        capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _same_history(a: dict, b: dict) -> None:
    assert len(a["history"]) == len(b["history"])
    for m, (x, y) in enumerate(zip(a["history"], b["history"], strict=True), start=1):
        common = sorted(set(x) & set(y))
        assert len(common) > 50
        diff = {k: (x[k], y[k]) for k in common if x[k] != y[k]}
        assert not diff, f"month {m} differs: {dict(list(diff.items())[:5])}"


def test_streams_are_keyed_by_name_not_position():
    names = list(MODEL_STREAMS)
    shuffled = names[::-1] + [event_stream("never"), "leavers:a_new_role"]
    a = draw_streams(7, [0, 5, 9], 6, names)
    b = draw_streams(7, [0, 5, 9], 6, shuffled)
    for j, name in enumerate(names):
        assert np.array_equal(a[:, :, j], b[:, :, shuffled.index(name)]), name
    assert not np.array_equal(a[:, :, 0], a[:, :, 1])  # distinct names, distinct draws


def test_an_event_that_never_fires_changes_nothing(tmp_path):
    data = yaml.safe_load(SCENARIO.read_text())
    never = {
        "id": "a-quiet-month", "title": "A quiet month",
        "briefing": "Nothing happens this month.",
        "trigger": {"probability": 0.0},
        "choices": [{"id": "carry-on", "label": "Carry on", "effects": [],
                     "feedback": "Nothing changed."},
                    {"id": "rest", "label": "Rest", "effects": [],
                     "feedback": "Nothing changed."}],
    }
    data["events"].insert(0, never)  # first, so any positional draw would shift
    copy = tmp_path / "first-year-copy.yaml"
    copy.write_text(yaml.safe_dump(data, sort_keys=False))
    _same_history(_run([str(SCENARIO)]), _run([str(copy)]))


def test_a_new_role_changes_nothing(tmp_path):
    plain = _run(["first-year"])
    patched = _run(["first-year"], patch=True)
    assert "heads_advanced_nurse_practitioner" in patched["history"][0]
    _same_history(plain, patched)
