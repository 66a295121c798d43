"""A facilitated session saved after every change and resumed exactly (``--resume``)."""

import json

import pytest

from game.cli import main
from game.session.engine import GroupSession
from game.session.rounds import Phase, SessionError
from game.session.script import SESSION_YAML, play_script
from game.session.snapshot import (
    SnapshotWriter,
    default_path,
    file_sha256,
    read_snapshot,
    restore,
    resume,
)
from game.session.spec import load_session


@pytest.fixture
def session_file(tmp_path):
    path = tmp_path / "tuesday.yaml"
    path.write_text(SESSION_YAML)
    return path


def fingerprint(s: GroupSession) -> dict:
    """Everything a restored session must match: the round, the logs, the practices."""
    return {
        "phase": s.phase, "month": s.month, "teams": s.teams, "paused": s.paused,
        "league": s.league_visible, "timer": (s.timer.seconds_left, s.timer.running),
        "observers": s.observers, "journal": s.journal,
        "logs": {n: log.model_dump() for n, log in s.logs().items()},
        "left": {n: r.left_month for n, r in s.records.items()},
        "submissions": dict(s.submissions),
        "history": [[rec.row(i) for i in range(len(s.teams))] for rec in s.run.history],
        "fired": [(f.event.id, f.mask.tolist()) for f in s.run.fired_now]
        if s.phase in (Phase.OPEN, Phase.LOCKED) else [],
        "ended": s.run.ended.tolist(),
        "cash": s.run.world.state.cash_pence.tolist(),
    }


def test_every_change_is_saved_and_restores_exactly(session_file, tmp_path):
    """The scripted session (hand-ins, inject, rewind, a team added and one dropped), with
    the saved file restored and compared after every single change."""
    loaded = load_session(session_file)
    session = GroupSession(loaded)
    save = tmp_path / "save.json"
    writer = SnapshotWriter(save, file_sha256(session_file))
    checked = []

    def check(s: GroupSession) -> None:
        restored = restore(loaded, read_snapshot(save))
        assert fingerprint(restored) == fingerprint(s), s.journal[-1:]
        checked.append(s.phase)

    session.listeners += [writer, check]
    play_script(session)
    assert writer.writes == len(checked) > 40 and not writer.problem
    assert {Phase.OPEN, Phase.LOCKED, Phase.WAITING, Phase.FINISHED} <= set(checked)


def test_a_restored_session_plays_on_like_the_original(session_file, tmp_path):
    loaded = load_session(session_file)
    original = GroupSession(loaded)
    writer = SnapshotWriter(tmp_path / "save.json", file_sha256(session_file))
    original.listeners.append(writer)
    original.open_round()
    original.inject("reception-abuse", "Calder")
    original.tick(100.0)
    original.pause()
    restored = restore(loaded, read_snapshot(tmp_path / "save.json"))
    assert restored.timer.seconds_left == original.timer.seconds_left
    for s in (original, restored):
        s.resume()
        s.lock()
        s.advance()
        s.open_round()
    assert fingerprint(restored) == fingerprint(original)


def test_resume_refuses_a_changed_session_file_or_no_save(session_file):
    with pytest.raises(SessionError, match="no saved session"):
        resume(session_file)
    session = GroupSession(load_session(session_file))
    session.listeners.append(SnapshotWriter(default_path(session_file),
                                            file_sha256(session_file)))
    session.open_round()
    assert resume(session_file).phase is Phase.OPEN
    session_file.write_text(SESSION_YAML.replace("minutes_per_round: 8", "minutes_per_round: 9"))
    with pytest.raises(SessionError, match="different version"):
        resume(session_file)


def test_a_damaged_save_is_named(session_file):
    path = default_path(session_file)
    path.write_text('{"format": "partnership-facilitate-save/1", "phase": "open"')
    with pytest.raises(SessionError, match=str(path.name)):
        resume(session_file)


def test_a_failed_write_is_reported_not_raised(session_file, tmp_path):
    session = GroupSession(load_session(session_file))
    writer = SnapshotWriter(tmp_path / "no-such-folder" / "x" / "save.json", "0")
    (tmp_path / "no-such-folder").write_text("a file, not a folder")
    session.listeners.append(writer)
    session.open_round()
    assert "could not be saved" in writer.problem and session.phase is Phase.OPEN


def test_facilitate_refuses_to_start_over_a_saved_session(session_file, capsys):
    default_path(session_file).write_text(json.dumps({"format": "x"}))
    assert main(["facilitate", str(session_file)]) == 1
    assert "--resume" in capsys.readouterr().err


def test_the_facilitators_screen_saves_and_resume_restores_it(session_file, tmp_path):
    """Through the screen: open, a hand-in, an injected event, lock; the window is lost;
    ``--resume`` comes back at the locked round with the hand-in and the event."""
    import argparse

    import pygame

    from game.ui.facilitate_modals import HandInScene
    from game.ui.facilitate_run import facilitator_app, key, open_session

    args = argparse.Namespace(session=str(session_file), save=None, resume=False, fresh=False)
    session, writer = open_session(args)
    app = facilitator_app(session, (1280, 720), tmp_path / "results", saver=writer)
    for k in (pygame.K_o, pygame.K_1, pygame.K_RETURN):
        app.step(key(k))
        app.step()
    assert not isinstance(app.top, HandInScene) and "Aire" in session.submissions
    session.inject("reception-abuse", "Calder")
    app.step(key(pygame.K_l) + key(pygame.K_y))  # teams still to hand in: it asks first
    app.step()
    assert session.phase is Phase.LOCKED and writer.path == default_path(session_file)
    with pytest.raises(SessionError, match="--resume"):
        open_session(args)
    back, _ = open_session(argparse.Namespace(**{**vars(args), "resume": True}))
    assert fingerprint(back) == fingerprint(session)
    fresh, _ = open_session(argparse.Namespace(**{**vars(args), "fresh": True}))
    assert fresh.phase is Phase.WAITING and default_path(session_file).with_name(
        "tuesday.facilitate.json.old").exists()
