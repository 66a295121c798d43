"""Every effect visible before and after (issue 15, items 2-4 and 8): event choices show their
cost and projection, the month's moves are listed with what they changed, the summary names
the move behind each change and every money line that moved, projections are ranges over a
horizon that does not shrink, month 0 is a real record, and ``run --explain`` prints it all."""

from __future__ import annotations

import re

import pytest

from game.cli import main
from game.model.decisions import HireDecision, SetLocumSessionsDecision
from game.model.record import FIELDS
from game.play.explain import explain_sections, qof_sentence, recruitment_sentences
from game.play.game_session import GameSession
from game.play.indicators import INDICATORS, with_derived
from game.play.preview import preview, preview_choice
from game.play.replay import play
from game.scenario.decision_log import DecisionLog
from game.scenario.library import load_scenario
from game.ui.app import App
from game.ui.preferences import Preferences
from game.ui.scenes.base import Push
from game.ui.scenes.dashboard import DashboardScene
from game.ui.scenes.event_card import EventCardScene

RECOVERY = "The management accounts: Agree a recovery plan with the partners"


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("first-year")


def _first_choices(session: GameSession, until: int) -> dict[int, tuple[dict, dict]]:
    """Play with every event's first choice until month ``until``: (before, after) rows."""
    rows = {}
    while session.month <= until and not session.finished:
        for event in session.pending_events():
            session.choose(event.id, event.choices[0].id)
        before = session.latest
        month = session.month
        session.end_turn()
        rows[month] = (before, session.latest)
    return rows


def _text(session: GameSession, month: int, rows: dict) -> str:
    before, after = rows[month]
    return "\n".join(s for _, lines in explain_sections(before, after, session.moves(month))
                     for s in lines)


# -- before: the event card ---------------------------------------------------------------
def test_the_boiler_card_shows_each_choices_cost_and_projection(scenario):
    session = GameSession(scenario, "first-year", 1)
    session.run.inject("boiler")
    event = scenario.event("boiler")
    shown = [" ".join(preview_choice(session.run, event, c).effects) for c in event.choices]
    assert "One-off cost of £9,000 this month." in shown[0]
    assert "One-off cost of £3,000 this month." in shown[1]
    assert all("In 4 months" in s and "cash -£" in s for s in shown)
    assert session.moves() == [] and not session.this_month()[0]  # nothing was chosen

    app = App((1280, 720), prefs=Preferences())
    app.start(DashboardScene(session))
    app.apply(Push(EventCardScene(session, event)))
    app.step()
    assert "£9,000" in app.top._choice_html(0) and "In 4 months" in app.top._choice_html(0)


def test_vaccination_and_nurse_pay_cards_show_their_money(scenario):
    session = GameSession(scenario, "first-year", 1)
    vaccines = scenario.event("winter-vaccines")
    words = " ".join(preview_choice(session.run, vaccines, vaccines.choices[0]).effects)
    assert "One-off income of £14,000 this month." in words
    locums = scenario.event("partner-exhausted")
    words = " ".join(preview_choice(session.run, locums, locums.choices[0]).effects)
    assert "locum sessions raised from 48 to 56 a month (+£3,120 a month at £390" in words.lower()
    late = " ".join(preview_choice(session.run, locums, locums.choices[2]).effects)
    assert "In 2 months: -1 GP partner in post" in late


# -- after: this month's decisions and the summary ----------------------------------------
def test_an_event_choice_is_listed_with_this_months_decisions(scenario):
    session = GameSession(scenario, "first-year", 1)
    session.choose("the-accounts", "recovery-plan")
    session.decide(SetLocumSessionsDecision(40))
    listed = session.moves_this_month()
    assert listed[0].startswith(RECOVERY)
    assert "drawings cut from £12,000 to £10,500 a partner a month" in listed[0]
    assert listed[1] == "Book 40 locum sessions a month"


def test_the_summary_names_the_move_behind_each_change(scenario):
    session = GameSession(scenario, "first-year", 1)
    rows = _first_choices(session, 7)
    month1 = _text(session, 1, rows)
    assert f"cut from £12,000 to £10,500 a partner by '{RECOVERY}'" in month1
    assert f"£1,500 one-off from '{RECOVERY}'" in month1
    june = _text(session, 3, rows)
    assert "QOF income rose" in june and "balancing payment" in june
    october = _text(session, 7, rows)
    assert ("£14,000 one-off from 'The winter vaccination campaign: Run Saturday mass "
            "clinics'") in october


def test_locum_spend_is_sessions_at_the_session_rate(scenario):
    session = GameSession(scenario, "first-year", 1)
    rows = _first_choices(session, 1)
    after = rows[1][1]
    assert after["expense_locums_gbp"] == pytest.approx(after["locum_sessions"] * 390)
    text = _text(session, 1, rows)
    assert f"locums £18,720 for {after['locum_sessions']:g} sessions at £390 a session" in text


def test_march_names_the_points_of_the_year_that_closed():
    before = {"qof_month_achievement": 0.9, "qof_points_ytd": 500.0}
    after = {"qof_month_achievement": 0.9, "qof_points_ytd": 0.0, "calendar_month": 3}
    text = qof_sentence(before, after)
    assert "0 points so far this year" not in text
    assert "the QOF year closed with about 542 of 564 points" in text


def test_a_post_filled_or_lapsed_is_said():
    assert recruitment_sentences({"lapsed_salaried_gp": 1.0}) == [
        "The Salaried GP post lapsed unfilled after shortlisting."]
    filled = recruitment_sentences({"joiners_salaried_gp": 1.0, "recruiting_salaried_gp": 1.0})
    assert filled == ["The Salaried GP post filled: the new starter is in post now; 1 still "
                      "being recruited."]


def test_the_record_says_when_a_post_lapses(scenario):
    session = GameSession(scenario, "first-year", 2)
    session.choose("the-accounts", "recovery-plan")
    session.decide(HireDecision("reception_admin", 10))
    _first_choices(session, 12)
    assert sum(r["lapsed_reception_admin"] for r in session.rows) >= 1


def test_an_arrs_hire_shows_its_net_cost(scenario):
    session = GameSession(scenario, "first-year", 1)
    session.choose("the-accounts", "recovery-plan")
    words = " ".join(preview(session.run, HireDecision("clinical_pharmacist")).effects)
    assert "Net cost to the practice about £" in words
    assert "ARRS reimburses up to" not in words


def test_the_first_accounts_card_adds_up_and_matches_month_zero(scenario):
    text = scenario.event("the-accounts").briefing.replace("\n", " ")

    def amount(after: str) -> float:
        m = re.search(after + r" (?:of )?(?:about )?£([\d.,]+)( million)?", text)
        assert m, after
        return float(m.group(1).replace(",", "")) * (1e6 if m.group(2) else 1)

    income, expenses, profit = amount("income"), amount("expenses"), amount("profit")
    assert income - expenses == pytest.approx(profit, abs=25_000)
    zero = GameSession(scenario, "first-year", 1).start_row
    assert income == pytest.approx(12 * zero["income_gbp"], rel=0.05)
    assert expenses == pytest.approx(12 * zero["expenses_gbp"], rel=0.05)
    assert amount("Locums cost") == pytest.approx(12 * zero["expense_locums_gbp"], rel=0.05)


# -- projections ------------------------------------------------------------------------------
def test_the_preview_is_a_range_over_a_horizon_that_does_not_shrink(scenario):
    session = GameSession(scenario, "first-year", 1)
    session.choose("the-accounts", "recovery-plan")
    words = " ".join(preview(session.run, SetLocumSessionsDecision(20)).effects)
    assert "In 4 months (to July)" in words and "likely" in words
    assert words == " ".join(preview(session.run, SetLocumSessionsDecision(20)).effects)
    _first_choices(session, 10)
    assert session.month == 11
    late = " ".join(preview(session.run, SetLocumSessionsDecision(20)).effects)
    assert "In 4 months" in late and "2 months past the scenario's end (month 12)" in late


# -- month 0 -------------------------------------------------------------------------------
def test_month_zero_is_a_real_record_with_every_tile(scenario):
    session = GameSession(scenario, "first-year", 1)
    start = session.start_row
    assert start["month"] == 0 and start["calendar_month"] == 3
    assert start["cash_gbp"] == 20_000 and start["locum_sessions"] == 48
    assert set(FIELDS) <= set(start)
    assert all(with_derived(start).get(i.key) is not None for i in INDICATORS)
    _first_choices(session, 1)
    assert set(session.rows[0]) == set(start)


# -- run --explain ---------------------------------------------------------------------------
def test_run_explain_prints_the_games_sentences(capsys, scenario):
    assert main(["run", "first-year", "--explain", "--months", "3", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("First year as a partner (seed 1): what changed and why")
    assert "Month 1: April" in out and "Month 3: June" in out and "Month 4" not in out
    assert "(nobody answered: the card lapsed" in out
    session = GameSession(scenario, "first-year", 1, months=3)  # nobody answers: cards lapse
    session.replay(DecisionLog(scenario="first-year", seed=1), 3)
    rows = [session.start_row, *session.rows]
    for month in (1, 2, 3):
        for _, lines in explain_sections(rows[month - 1], rows[month], session.moves(month)):
            assert all(f"    - {line}" in out for line in lines), lines


def test_run_explain_follows_the_log_like_run(scenario, capsys):
    from game.play.replay import load_log
    from game.play.story import month_stories

    log, _ = load_log("tests/golden/first-year.decisions.yaml")
    rows = [row for row, _ in month_stories(scenario, "first-year", log.seed, log)]
    played = play(scenario, log.seed, log)
    assert rows[-1]["cash_gbp"] == played.history[-1].row(0)["cash_gbp"]
    assert len(rows) == len(played.history)


def test_run_explain_and_json_together_are_refused(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["run", "first-year", "--explain", "--json"])
    assert exit_.value.code != 0
    assert "not allowed with" in capsys.readouterr().err
