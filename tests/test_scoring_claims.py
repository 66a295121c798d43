"""True evidence (issue 20, item 3): every condition an evidence line states about the figures
is checked against the month's record before the line is scored or shown."""

from __future__ import annotations

import re

import numpy as np

from game.authoring.policies import Turn, act_random
from game.model.decisions import SetLocumSessionsDecision
from game.scenario.library import load_scenario
from game.scenario.runtime import ScenarioRun
from game.scoring import score_run
from game.scoring.claims import CLAIMS
from game.scoring.leadership import Finding, PatternInput, findings, seen_records, verified


def _record(**values: float) -> dict[str, np.ndarray]:
    base = {"drawings_gbp": 48_000.0, "profit_gbp": 40_000.0, "cash_gbp": 85_000.0,
            "wait_days": 8.0, "unmet_demand": 0.0, "appointments_offered": 5_000.0,
            "staff_wellbeing": 0.7, "qof_month_achievement": 0.95,
            "prevalence_recording": 1.0, "cqc_risk": 0.1, "arrs_unused_gbp": 0.0}
    base.update(values)
    return {k: np.array([v]) for k, v in base.items()}


def test_a_cut_while_cash_is_healthy_is_never_called_losing_money() -> None:
    # the case: "Cut locums ... when the practice was losing money" with £85k in the
    # bank. The practice made £40,000 and the partners drew £48,000: say that, with the figures
    scenario = load_scenario("first-year")
    run = ScenarioRun(scenario, 5, months=3)
    for month in range(3):
        run.begin_month()
        if month == 2:
            run.decide(SetLocumSessionsDecision(10))
        run.end_month()
    seen = seen_records(run)[2]
    lines = [e for e in score_run(run)["evidence"] if e["source"] == "acted_on_the_figures"]
    assert lines
    for e in lines:
        if "losing money" in e["what"]:
            assert seen["profit_gbp"][0] < 0
        if "drawing more than the practice made" in e["what"]:
            assert seen["drawings_gbp"][0] > seen["profit_gbp"][0]
            assert f"£{seen['drawings_gbp'][0]:,.0f} drawn" in e["what"]


def test_a_line_whose_claim_does_not_hold_is_dropped() -> None:
    rec = _record(profit_gbp=12_000.0)
    data = PatternInput([], [rec], [rec])
    untrue = Finding(1, "evaluating_information", np.array([1.0]), "Cut locums", "x",
                     claims=("losing_money",))
    true = Finding(1, "evaluating_information", np.array([1.0]), "Cut locums", "x",
                   claims=("drawing_over_profit",))
    assert [f.claims for f in verified([untrue, true], data)] == [("drawing_over_profit",)]


def test_every_claim_quotes_figures_its_words_use() -> None:
    rec = _record()
    for name, claim in CLAIMS.items():
        fields = set(re.findall(r"\{(\w+)", claim.words))
        assert fields == set(claim.figures(rec)), name
        claim.words.format(**{k: float(v[0]) for k, v in claim.figures(rec).items()})


def test_under_random_play_every_line_is_true_of_the_figures_on_the_table() -> None:
    scenario = load_scenario("first-year")
    run = ScenarioRun(scenario, 11, run_ids=list(range(24)))
    turn = Turn(run, np.random.default_rng(4))
    while not run.finished:
        run.begin_month()
        turn.begin()
        act_random(turn)
        run.end_month()
    seen = seen_records(run)
    checked = 0
    for f in findings(run):
        if not f.claims:
            continue
        rec = seen[f.month - 1]
        for i in np.flatnonzero(f.points):
            for name in f.claims:
                assert CLAIMS[name].holds(rec)[i], (f.text, name, i)
                for k, v in CLAIMS[name].figures(rec).items():
                    assert f.figures[k][i] == v[i]
            f.line(int(i))  # formats with the run's own figures
            checked += 1
    assert checked >= 10
