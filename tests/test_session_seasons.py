"""Content against the session (issue 18): a session shorter than its scenario says the month
its goals are judged at, and an event whose words set it in a season is injected only in it,
unless its author gave it words for any month."""

from pathlib import Path

import pytest

from game.authoring.lint import lint
from game.cli import main
from game.content import load_document
from game.play.goals import goal_text, short_note
from game.scenario.library import load_scenario
from game.scenario.seasons import named_season
from game.scenario.spec import ScenarioSpec
from game.session.engine import GroupSession
from game.session.rounds import SessionError
from game.session.script import play_round
from game.session.spec import load_session
from game.ui.scenes.briefing import briefing_html

SCENARIOS = Path(__file__).parents[1] / "scenarios"
SESSION = """\
format: partnership-session/1
title: Short session
scenario: first-year
seed: 4
months: 5
teams: [Aire, Calder]
minutes_per_round: 6
injectable_events: [winter-vaccines, boiler, agency-rates]
"""


@pytest.fixture
def session_file(tmp_path):
    path = tmp_path / "short.yaml"
    path.write_text(SESSION)
    return path


def test_a_winter_card_is_not_injected_in_summer(session_file):
    """An injected winter event in June said 'in the middle of a cold snap'."""
    s = GroupSession(load_session(session_file))
    for month in (1, 2):
        play_round(s, month)
    s.open_round()  # month 3: June
    with pytest.raises(SessionError, match="only from October to March, not in June"):
        s.inject("winter-vaccines", "Aire")
    assert "winter-vaccines" not in [e.id for e in s.events_for("Aire")]


def test_a_card_with_words_for_any_month_reads_them_out_of_season(session_file):
    s = GroupSession(load_session(session_file))
    s.open_round()  # April
    s.inject("boiler")
    [card] = [e for e in s.events_for("Calder") if e.id == "boiler"]
    assert "cold snap" not in card.briefing and "boiler has failed" in card.briefing
    assert s.logs()["Calder"].month(1).injected == ["boiler"]
    s.lock()
    s.advance()
    s.rewind()  # replayed from the log: the same card, the same words
    [again] = [e for e in s.events_for("Calder") if e.id == "boiler"]
    assert again.briefing == card.briefing


def test_the_same_card_in_its_season_keeps_its_own_words():
    scenario = load_scenario("first-year")
    from game.scenario.runtime import ScenarioRun

    run = ScenarioRun(scenario, 1, run_ids=[0], months=12)
    for _ in range(7):  # month 8: November
        run.begin_month()
        run.end_month()
    run.inject("boiler")
    [card] = [f.event for f in run.fired_now if f.event.id == "boiler"]
    assert "cold snap" in card.briefing


def test_session_check_says_which_months_a_seasonal_event_can_be_injected(session_file,
                                                                         capsys):
    assert main(["session", "check", str(session_file)]) == 0
    out = capsys.readouterr().out
    assert ("short.yaml:8:21: warning: event 'winter-vaccines' says 'winter', so it can be "
            "injected in none of this session's months") in out
    assert "'boiler'" not in out and "'agency-rates'" not in out  # any month: no warning


def test_the_validator_warns_of_a_seasonal_card_timed_out_of_season(tmp_path):
    text = (SCENARIOS / "first-year.yaml").read_text()
    at = text.index("id: winter-vaccines")  # moved from October to May
    moved = text[:at] + text[at:].replace("trigger: {month: 7}", "trigger: {month: 2}", 1)
    assert moved != text
    path = tmp_path / "first-year.yaml"
    path.write_text(moved)
    document = load_document(path)
    found = [p for p in lint(document, ScenarioSpec.model_validate(document.data))
             if "winter" in p.message]
    assert len(found) == 1 and "can fire in month 2, which is May" in found[0].message


def test_words_that_look_ahead_set_no_season():
    scenario = load_scenario("senior-partner-retires")
    assert named_season(scenario.event("trainer-status")) is None  # "finishes in the spring"
    assert named_season(load_scenario("first-year").event("boiler")) == ("winter", "cold snap")


def test_goals_and_the_briefing_say_the_month_a_short_session_judges(session_file):
    """'by March' was judged at month 5 without a word."""
    loaded = load_session(session_file)
    sc = loaded.scenario
    locums = next(g for g in sc.goals if "by March" in g.text)
    said = goal_text(locums, sc, loaded.months)
    assert said.startswith(locums.text)
    assert "judged at month 5 (August), the last month played" in said
    assert goal_text(locums, sc, sc.length_months) == locums.text
    page = briefing_html(sc, loaded.months)
    assert short_note(sc, 5) in page.replace("&#x27;", "'")
    assert "judged at month 5 (August)" in page
    assert "judged at month" not in briefing_html(sc)


def test_the_debrief_report_says_the_month_goals_were_judged(session_file, tmp_path):
    from game.session.compare import compare
    from game.session.outcome import session_intake, write_debrief

    s = GroupSession(load_session(session_file))
    for _ in range(5):
        s.open_round()
        s.lock()
        s.advance()
    intake = session_intake(s)
    written = write_debrief(s, compare(intake), intake, tmp_path / "out")
    page = next(p for p in written if p.name == "debrief.html").read_text()
    assert "judged at month 5 (August)" in page
