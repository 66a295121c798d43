"""Named people are state like any other: they survive a save and its load, a group session's
rewind, a live room resumed from its journal, and the what-if, and a batch of runs follows
each person in each run."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from game import saves
from game.live.journal import read_journal  # noqa: F401 - the room writes it
from game.live.protocol import ControlMessage, SubmitMessage
from game.live.resume import open_room
from game.model.decisions import SetLocumSessionsDecision
from game.play.game_session import GameSession
from game.play.preview import preview
from game.scenario.library import load_scenario
from game.scenario.runtime import ScenarioRun
from game.session.engine import GroupSession
from game.session.rounds import Submission
from game.session.spec import load_session

SCENARIO = Path(__file__).parent / "people" / "speaking-up.yaml"
PEOPLE_FIELDS = ("person_in_post", "person_morale", "person_wellbeing", "person_trust",
                 "person_absence", "person_return_month", "person_notice",
                 "person_concerns_by", "person_concerns_about", "person_concerns_open")


def people_of(state) -> dict[str, list]:
    return {name: getattr(state, name).tolist() for name in PEOPLE_FIELDS}


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path / "data"))


def _played(months: int, answer: str = "dismiss") -> GameSession:
    session = GameSession(load_scenario(SCENARIO), str(SCENARIO), 4)
    for _ in range(months):
        for event in session.pending_events():
            choice = answer if event.id == "concern" else event.choices[0].id
            session.choose(event.id, choice)
        session.end_turn()
    return session


def test_people_survive_a_save_and_its_load():
    session = _played(4)
    state = session.run.world.state
    assert state.person_trust[0, 0] < 0.6  # the concern was dismissed
    restored = saves.load(saves.write_save(session, "people"))
    assert people_of(restored.run.world.state) == people_of(state)
    assert [r.row(0) for r in restored.run.history] == [r.row(0) for r in session.run.history]


def _session_file(folder: Path) -> Path:
    scenario = folder / "speaking-up.yaml"
    shutil.copy(SCENARIO, scenario)
    path = folder / "people-session.yaml"
    path.write_text("format: partnership-session/1\ntitle: People\nscenario: speaking-up.yaml\n"
                    "seed: 5\nmonths: 6\nteams: [Aire, Calder]\nminutes_per_round: 5\n",
                    encoding="utf-8")
    return path


def _round(session: GroupSession, answers: dict[str, str]) -> None:
    session.open_round()
    for team in session.teams:
        events = {e.id for e in session.events_for(team)}
        choices = {"concern": answers[team]} if "concern" in events else {}
        session.submit(team, Submission.make([SetLocumSessionsDecision(18)], choices))
    session.lock()
    session.advance()


def test_a_rewound_round_leaves_the_people_as_they_were(tmp_path):
    loaded = load_session(_session_file(tmp_path))
    answers = {"Aire": "listen", "Calder": "dismiss"}
    session = GroupSession(loaded)
    for _ in range(2):
        _round(session, answers)
    at_two = people_of(session.run.world.state)
    assert at_two["person_trust"][0][0] > at_two["person_trust"][1][0]  # teams differ
    _round(session, answers)
    session.rewind()
    assert people_of(session.run.world.state) == at_two


def test_a_live_room_resumed_from_its_journal_has_the_same_people(tmp_path):
    path = _session_file(tmp_path)
    room, _ = open_room(path)
    ids = iter(range(1000))
    for month in (1, 2, 3):
        room.control(ControlMessage(id=f"c{next(ids)}", action="open"))
        for team in room.session.teams:
            events = {e.id for e in room.session.events_for(team)}
            choices = ([{"event": "concern", "choice": "dismiss" if team == "Calder"
                         else "listen"}] if "concern" in events else [])
            room.submit(team, SubmitMessage.model_validate(
                {"id": f"s{next(ids)}", "month": month, "choices": choices,
                 "decisions": []}))
        room.control(ControlMessage(id=f"c{next(ids)}", action="lock"))
        room.control(ControlMessage(id=f"c{next(ids)}", action="advance"))
    before = people_of(room.session.run.world.state)
    room.journal.close()
    again, resumed = open_room(path)
    assert resumed and people_of(again.session.run.world.state) == before
    again.journal.close()


def test_the_what_if_plays_the_people_forward():
    session = _played(2)
    shown = preview(session.run, SetLocumSessionsDecision(40))
    assert shown.ok and shown.effects  # projected through the people's own streams


def test_a_batch_follows_each_person_in_each_run():
    # without its end condition, so that every run plays every month alone as in the batch
    scenario = load_scenario(SCENARIO).model_copy(update={"end_conditions": []})
    batch = ScenarioRun(scenario, 8, run_ids=list(range(6)))
    batch.play_default()
    for i in (0, 5):
        one = ScenarioRun(scenario, 8, run_ids=[i])
        one.play_default()
        for name in PEOPLE_FIELDS:
            assert np.array_equal(getattr(batch.world.state, name)[i],
                                  getattr(one.world.state, name)[0]), name
