"""The multi-team engine: rounds, hand-ins, interventions, and exactness against replays."""

import numpy as np
import pytest

from game.content import ContentError, load_text, validate
from game.model.decisions import HireDecision, SetDrawingsDecision, SetLocumSessionsDecision
from game.play.replay import play
from game.session.engine import GroupSession
from game.session.rounds import Phase, SessionError, Submission
from game.session.script import SESSION_YAML, play_script
from game.session.spec import SessionSpec, check_session


def make_session(text: str = SESSION_YAML, name: str = "session.yaml") -> GroupSession:
    document = load_text(text, name)
    return GroupSession(check_session(validate(document, SessionSpec), document))


def replayed(session: GroupSession, team: str):
    """The team's practice replayed alone from its decision log (what another laptop does)."""
    log = session.logs()[team]
    return play(session.scenario, session.seed, log, months=session.months_played(team)
                or None)


@pytest.fixture(scope="module")
def scripted():
    session = make_session()
    play_script(session)
    return session


def test_the_scripted_four_team_session_plays_to_the_end(scripted):
    assert scripted.phase is Phase.FINISHED
    assert scripted.teams == ["Aire", "Calder", "Nidd", "Ure"]
    assert scripted.records["Wharfe"].left_month == 6
    assert len(scripted.run.history) == 8
    assert {r["name"] for r in scripted.league()} == set(scripted.teams)


@pytest.mark.parametrize("team", ["Aire", "Calder", "Nidd", "Ure", "Wharfe"])
def test_every_team_equals_its_own_replay(scripted, team):
    alone = replayed(scripted, team)
    played = scripted.months_played(team)
    assert len(alone.history) == played
    if team in scripted.teams:
        i = scripted.teams.index(team)
        for batch, single in zip(scripted.run.history, alone.history, strict=True):
            assert batch.row(i) == single.row(0)


def test_teams_that_decide_differently_end_differently(scripted):
    final = {t: scripted.latest(t)["cash_gbp"] for t in scripted.teams}
    assert len(set(final.values())) == len(final)


def test_a_team_that_misses_rounds_keeps_the_practice_as_it_was(scripted):
    wharfe = replayed(scripted, "Wharfe")
    fresh = play(scripted.scenario, scripted.seed, months=5)
    assert [r.row(0) for r in wharfe.history] == [r.row(0) for r in fresh.history]
    assert scripted.logs()["Wharfe"].months == []


def test_rewind_restores_the_hand_in_and_replays_exactly(scripted):
    nidd = scripted.logs()["Nidd"].month(5)
    assert nidd is not None and nidd.decisions[0].per_partner_month_gbp == 9_000


def test_rewind_is_exact():
    session = make_session()
    session.open_round()
    session.submit("Aire", Submission.make([SetLocumSessionsDecision(5)]))
    session.lock()
    session.advance()
    before = [session.run.history[0].row(i) for i in range(4)]
    session.open_round()
    session.submit("Aire", Submission.make([SetDrawingsDecision(0)]))
    session.lock()
    session.advance()
    assert session.rewind() == 2
    assert session.phase is Phase.OPEN and "Aire" in session.submissions
    assert [session.run.history[0].row(i) for i in range(4)] == before
    assert len(session.run.history) == 1
    session.lock()
    session.advance()
    assert session.month == 3


def test_inject_reaches_one_team_and_is_logged():
    session = make_session()
    with pytest.raises(SessionError, match="round is waiting"):
        session.inject("reception-abuse")
    session.open_round()
    with pytest.raises(SessionError, match="not one of this session's"):
        session.inject("the-accounts")
    assert session.inject("reception-abuse", "Nidd") == ["Nidd"]
    assert [e.id for e in session.events_for("Nidd")] == ["the-accounts", "reception-abuse"]
    assert [e.id for e in session.events_for("Aire")] == ["the-accounts"]
    with pytest.raises(SessionError, match="already happened"):
        session.inject("reception-abuse", "Nidd")
    session.submit("Nidd", Submission.make([], {"reception-abuse": "support-team"}))
    session.lock()
    session.advance()
    assert session.logs()["Nidd"].months[0].injected == ["reception-abuse"]
    alone = replayed(session, "Nidd")
    assert alone.history[0].row(0) == session.run.history[0].row(session.index("Nidd"))


def test_refused_decisions_are_reported_and_leave_the_earlier_hand_in():
    session = make_session()
    session.open_round()
    first = Submission.make([SetLocumSessionsDecision(10)])
    session.submit("Aire", first)
    with pytest.raises(SessionError, match="between 0 and 200"):
        session.submit("Aire", Submission.make([SetLocumSessionsDecision(500)]))
    with pytest.raises(SessionError, match="Only an approved training practice"):
        session.submit("Aire", Submission.make([HireDecision("gp_registrar")]))
    assert session.submissions["Aire"] is first


def test_observers_see_but_do_not_decide():
    session = make_session()
    session.open_round()
    with pytest.raises(SessionError, match="observing"):
        session.submit("Practice manager (observing)", Submission())
    session.add_observer("Dr Shah")
    with pytest.raises(SessionError, match="observing"):
        session.submit("Dr Shah", Submission())


def test_pause_freezes_the_timer_and_hand_ins():
    session = make_session()
    session.open_round()
    session.tick(60)
    assert session.timer.text() == "7:00"
    session.pause()
    session.tick(120)
    assert session.timer.text() == "7:00"
    with pytest.raises(SessionError, match="paused"):
        session.submit("Aire", Submission())
    session.resume()
    session.tick(420.5)
    assert session.timer.expired and session.timer.text() == "0:00"


def test_rounds_go_in_order():
    session = make_session()
    with pytest.raises(SessionError, match="lock the round"):
        session.lock()
    with pytest.raises(SessionError, match="no round to rewind"):
        session.rewind()
    session.open_round()
    with pytest.raises(SessionError, match="advance"):
        session.advance()


def test_add_and_drop_keep_the_others_exact():
    session = make_session()
    session.open_round()
    session.submit("Calder", Submission.make([SetLocumSessionsDecision(0)]))
    session.lock()
    session.advance()
    calder = session.latest("Calder")
    session.add_team("Swale")
    with pytest.raises(SessionError, match="already in the session"):
        session.add_team("swale")
    session.drop_team("Aire")
    assert session.teams == ["Calder", "Wharfe", "Nidd", "Swale"]
    assert session.latest("Calder") == calder
    assert session.latest("Swale") == session.latest("Wharfe")
    assert session.months_played("Aire") == 1
    with pytest.raises(SessionError, match="no team called 'Aire'"):
        session.submit("Aire", Submission())


def test_a_bad_session_file_is_located():
    text = SESSION_YAML.replace("reception-abuse]", "nope]").replace("Nidd]", "aire]")
    with pytest.raises(ContentError) as err:
        make_session(text)
    assert "duplicate team name" in err.value.format()
    with pytest.raises(ContentError) as err:
        make_session(SESSION_YAML.replace("reception-abuse,", "nope,"))
    message = err.value.format()
    assert "session.yaml:9:" in message and "has no event 'nope'" in message


def test_a_team_name_with_nothing_to_show_is_refused():
    """Found by fuzzing session files: a team called U+202E (a right-to-left override, and
    nothing else) loaded, then crashed the facilitator's debrief ("Text has zero width")."""
    for name, words in (("\u202e", "made only of invisible characters (U+202E)"),
                        ("\u200b\u00ad", "made only of invisible characters (U+200B, U+00AD)"),
                        (" ", "needs a letter, digit or symbol that can be seen"),
                        (" \u200b ", "needs a letter, digit or symbol that can be seen")):
        text = SESSION_YAML.replace("Nidd]", f"'{name}']")
        with pytest.raises(ContentError) as err:
            make_session(text)
        assert "session.yaml:6:" in err.value.format() and words in err.value.format()
    session = make_session(SESSION_YAML.replace("Nidd]", "'\u202eNidd']"))
    assert session.teams[-1] == "\u202eNidd"
    for name in ("\u202e", "\ufeff  \u00ad"):
        with pytest.raises(SessionError, match="1 to 40 characters"):
            session.add_team(name)


def test_league_is_sorted_and_shows_every_pillar(scripted):
    rows = scripted.league()
    assert [r["overall"] for r in rows] == sorted((r["overall"] for r in rows), reverse=True)
    assert all({"finance", "access", "quality", "team", "system", "equity"} <= set(r)
               for r in rows)
    assert np.isfinite([r["overall"] for r in rows]).all()
