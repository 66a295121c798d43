"""Grammar wherever a number meets a word: no "after about 1 months", no "-0.0 days" (a change
that rounds to nothing says "no change"), singular and plural right. Sweeps the previews of every
decision in the catalogue and every event choice of every bundled scenario, and the month-by-month
story of each scenario, and checks the wording helpers at the edges the sweep may not reach."""

from __future__ import annotations

import itertools
import re

import pytest

from game.model.decisions import DecisionError
from game.play import accounts, changes
from game.play.actions import GROUPS, ActionSpec
from game.play.preview import Spread, preview, preview_choice
from game.play.story import month_stories, story_text
from game.scenario.library import bundled, load_scenario
from game.scenario.runtime import ScenarioRun

NOT_A_DIGIT = r"(?<![\d.,£])"
COUNTED = ("months", "days", "posts", "sessions", "points", "patients", "partners")
BAD = [
    (re.compile(NOT_A_DIGIT + r"1 (?:[A-Za-z]+ ){0,3}(" + "|".join(COUNTED) + r")\b"),
     "a plural after 1"),
    (re.compile(NOT_A_DIGIT + r"-£?0(\.0+)?(?![\d.,])"), "a signed zero"),
    (re.compile(r"\+£?0(\.0+)?(?![\d.,])"), "a signed zero"),
    (re.compile(r"There are not 1\b"), "a plural after 1"),
]


def problems(text: str) -> list[str]:
    return [f"{why}: {m.group(0)!r} in {text!r}" for rx, why in BAD for m in rx.finditer(text)]


def test_the_patterns_catch_what_they_should():
    for bad in ("after about 1 months", "Book 1 locum sessions a month", "cash -£0",
                "routine wait -0.0 days", "1 more sessions",
                "satisfaction up 1 points", "There are not 1 Salaried GP posts", "+0.00"):
        assert problems(bad), bad
    for good in ("after about 1 month", "11 months", "-0.5 days", "2.1 days", "£1 a month",
                 "wait -1.5 days, likely -2.5 to -0.5", "1,000 patients", "-0.05"):
        assert not problems(good), good


def _values(action: ActionSpec, state) -> list[dict]:
    """Every option of every choice field, and for a number its low, high, one, current and a
    step either side of the current (a change that rounds to nothing)."""
    axes = []
    for p in action.params:
        if p.options:
            axes.append([(p.name, v) for _, v in p.options])
        else:
            now = p.initial(state)
            picks = {p.low, p.high, now, min(p.high, now + p.step), max(p.low, now - p.step),
                     min(p.high, max(p.low, 1.0))}
            axes.append([(p.name, v) for v in sorted(picks)])
    return [dict(combo) for combo in itertools.product(*axes)]


@pytest.mark.parametrize("month", [1, 11])
def test_decision_previews_read_right(month):
    run = ScenarioRun(load_scenario("first-year"), 3)
    while run.month < month:
        run.end_month()
    seen = 0
    for _, actions in GROUPS.values():
        for action in actions:
            for values in _values(action, run.world.state):
                try:
                    decision = action.build(values)
                except (DecisionError, ValueError):
                    continue
                p = preview(run, decision)
                text = " ".join([p.message, *p.effects])
                assert not problems(text), problems(text)
                seen += 1
    assert seen > 40


@pytest.mark.parametrize("name", sorted(bundled()))
def test_event_choice_previews_read_right(name):
    scenario = load_scenario(name)
    run = ScenarioRun(scenario, 7)
    for event in scenario.events:
        for choice in event.choices:
            p = preview_choice(run, event, choice)
            text = " ".join([p.message, *p.effects])
            assert not problems(text), problems(text)
        if event.if_no_decision is not None:
            assert not problems(event.if_no_decision.summary)


@pytest.mark.parametrize("name", ["first-year", "winter-pressures"])
def test_the_month_by_month_story_reads_right(name):
    scenario = load_scenario(name)
    text = story_text(scenario, 4, month_stories(scenario, name, 4, None))
    found = [p for line in text.splitlines() for p in problems(line)]
    assert not found, found[:5]


# -- the edges --------------------------------------------------------------------------------
def test_a_projected_change_that_rounds_to_nothing_says_no_change():
    tiny = Spread(-0.01, -0.04, 0.02)
    assert tiny.words(".1f", " days") == "no change"
    assert Spread(-0.3, -0.4, -0.2).words("money", close=100.0) == "no change"
    wide = Spread(-0.02, -0.9, 0.7)
    assert wide.words(".1f", " days") == "no change, likely -0.9 to +0.7 days"
    assert Spread(-1.5, -2.5, -0.5).words(".1f", " days") == "-1.5 days, likely -2.5 to -0.5"
    assert "-0.0" not in Spread(-1.5, -2.5, -0.01).words(".1f", " days")


def _settings(**kw: float) -> dict[str, float]:
    run = ScenarioRun(load_scenario("first-year"), 1)
    base = changes.settings(run.world)
    return {**base, **kw}


def test_settings_words_count_one_as_one():
    a = _settings()
    words = changes.describe(a, {**a, "satisfaction": a["satisfaction"] + 0.01,
                                 "recurring_cost": a["recurring_cost"] + 500,
                                 "recurring_cost_months": 1,
                                 "demand_shift": 0.1, "demand_shift_months": 1,
                                 "locum_sessions": a["locum_sessions"] + 1}, 357.0)
    text = "; ".join(words)
    assert not problems(text), text
    assert "up 1 point" in text and "for 1 month " in text and "for 1 month" in text


def test_account_causes_count_one_as_one():
    move = changes.Move("Locum sessions", ("x",), {"locum_sessions": 10.0},
                        {"locum_sessions": 11.0})
    causes = accounts._expense_causes("locums", 357.0, {}, {}, [move])
    assert causes and not problems(" ".join(causes)), causes
    assert accounts.locum_words({"locum_sessions": 1.0, "expense_locums_gbp": 357.0}) == \
        "1 session at £357 a session"


def test_money_never_reads_minus_nothing():
    from game.play.wording import money
    assert money(-0.3) == "£0"
    assert money(-1.0) == "-£1"
