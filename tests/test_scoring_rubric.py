"""The leadership rubric: breadth and consistency across situations (issue 20, item 1).

Each case below failed on the old points-only scale: one answered card made two dimensions
strong and the other seven proficient; three +1 tags made a dimension exemplary; two -2 tags
among many good ones still read exemplary; a lapsed card showed nothing even where its author
said inaction was poor practice. The worked example in docs/scoring.md is checked here against
the code.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from game.scenario.library import load_scenario
from game.scenario.runtime import ScenarioRun
from game.scenario.spec import DIMENSIONS, InactionSpec
from game.scoring import leadership_profile, score_arrays, score_run
from game.scoring.leadership import BAND_TOP, NOT_SHOWN, Finding, Profile, findings, score

DOCS = Path(__file__).resolve().parents[1] / "docs" / "scoring.md"


def _profile(points_by_situation: list[float], dim: str = "leading_with_care") -> Profile:
    found = [Finding(1 + k, dim, np.array([float(p)]), "evidence", "choice", f"s{k}")
             for k, p in enumerate(points_by_situation)]
    return Profile.of(found, 1)


def _level(points: list[float], dim: str = "leading_with_care") -> str:
    return _profile(points, dim).levels()[0][DIMENSIONS.index(dim)]


def test_a_dimension_nothing_touched_is_not_yet_shown_never_a_level() -> None:
    p = _profile([1.0], "engaging_the_team")
    levels = p.levels()[0]
    assert [lv for d, lv in zip(DIMENSIONS, levels, strict=True) if d != "engaging_the_team"] \
        == [NOT_SHOWN] * 8
    assert np.all(np.delete(p.scores()[0], DIMENSIONS.index("engaging_the_team")) == 50.0)


def test_one_card_makes_a_dimension_proficient_at_most() -> None:
    assert _level([2.0]) == "proficient"
    assert _profile([2.0]).scores()[0][1] == BAND_TOP["proficient"]


def test_three_plus_one_tags_are_strong_not_exemplary() -> None:
    assert _level([1, 1, 1]) == "strong"
    assert _level([1, 1, 1, 1]) == "strong"
    assert _level([1, 1, 1, 1, 1]) == "exemplary"


def test_two_poor_situations_rule_out_exemplary_however_many_good_ones() -> None:
    # the case: a quiet cover-up and "leave it to the senior partner" (-2 each) among
    # good play used to read exemplary for holding to account
    assert _level([2, 2, 2, 1, -2, -2], "holding_to_account") == "strong"
    assert _level([2, 2, 2, -2, -2], "holding_to_account") == "proficient"
    assert _level([1, -2, -2], "holding_to_account") == "essential"


def test_points_within_one_situation_add_up_before_counting() -> None:
    found = [Finding(4, "engaging_the_team", np.array([p]), "t", "consulted_before_change",
                     "consulted_before_change@4") for p in (1.0, -1.0)]
    p = Profile.of(found, 1)
    d = DIMENSIONS.index("engaging_the_team")
    assert (p.good[0, d], p.poor[0, d], p.net[0, d]) == (0, 0, 0.0)
    assert p.levels()[0][d] == NOT_SHOWN


def test_scores_never_read_as_a_higher_level_than_the_rubric_gives() -> None:
    rng = np.random.default_rng(3)
    for _ in range(300):
        pts = rng.choice([-2, -1, 1, 2], size=rng.integers(1, 9)).astype(float)
        p = _profile(list(pts))
        s, lv = p.scores()[0][1], p.levels()[0][1]
        band = {"essential": (0, 40), "proficient": (40, 60), "strong": (60, 80),
                "exemplary": (80, 100.01)}[lv]
        assert band[0] <= s < band[1], (pts, s, lv)


def _worked_examples() -> list[tuple[list[tuple[str, float]], dict]]:
    text = DOCS.read_text()
    section = text[text.index("### Worked example"):text.index("## The debrief")]
    out = []
    for table, result in re.findall(r"((?:^\|.*\|\n)+)\n\*\*Result:\*\* (.*)", section, re.M):
        rows = [r.split("|")[1:-1] for r in table.strip().splitlines()[2:]]
        m = re.match(r"net ([+-]?\d+), (\d+) good situations?, (\d+) poor: \*\*([\w ]+)\*\*, "
                     r"score \*\*(\d+)\*\*", result)
        assert m, result
        out.append(([(r[1].strip(), float(r[3])) for r in rows],
                    {"net": int(m[1]), "good": int(m[2]), "poor": int(m[3]), "level": m[4],
                     "score": int(m[5])}))
    return out


def test_docs_worked_example_matches_the_code() -> None:
    examples = _worked_examples()
    assert len(examples) == 2
    d = DIMENSIONS.index("leading_with_care")
    for rows, want in examples:
        found = [Finding(k, "leading_with_care", np.array([p]), "x", "choice", situation)
                 for k, (situation, p) in enumerate(rows)]
        p = Profile.of(found, 1)
        got = {"net": int(p.net[0, d]), "good": int(p.good[0, d]), "poor": int(p.poor[0, d]),
               "level": p.levels()[0][d], "score": round(float(p.scores()[0, d]))}
        assert got == want


def test_docs_state_the_thresholds_the_code_uses() -> None:
    from game.scoring import leadership as lead
    text = DOCS.read_text()
    assert f"at least **{lead.EXEMPLARY_GOOD}** situations showed it well and **none**" in text
    assert f"at least **{lead.STRONG_GOOD}** situations showed it well, the net points are " \
        f"at least **+{lead.STRONG_NET:g}**" in text
    for name in ("essential", "proficient", "strong"):
        assert f"**{lead.BAND_TOP[name]:g}** for {name}" in text
    assert score(np.array([1.0]))[0] == pytest.approx(62.2, abs=0.05)


def test_a_lapsed_card_counts_where_its_author_says_inaction_shows_something() -> None:
    base = load_scenario("first-year")
    events = []
    for e in base.events:
        if e.id == "the-accounts":
            e = e.model_copy(update={"if_no_decision": InactionSpec(
                leadership={"holding_to_account": -2}, feedback="Nobody acted.")})
        events.append(e)
    scenario = base.model_copy(update={"events": events})
    run = ScenarioRun(scenario, 5, months=1)
    run.end_month()
    ev = [f for f in findings(run) if f.dimension == "holding_to_account"]
    assert [(f.source, float(f.points[0])) for f in ev] == [("no_decision", -2.0)]
    scores = score_run(run)
    assert scores["levels"]["holding_to_account"] == "essential"
    assert scores["levels"]["engaging_the_team"] == NOT_SHOWN


def test_one_answered_card_in_a_real_run_leaves_the_rest_not_yet_shown() -> None:
    run = ScenarioRun(load_scenario("first-year"), 5, months=2)
    run.begin_month()
    run.choose("the-accounts", "recovery-plan")
    run.end_month()
    run.end_month()
    levels = score_run(run)["levels"]
    assert levels["evaluating_information"] == "proficient"  # +2 on one card: no more
    shown = {d for d, lv in levels.items() if lv != NOT_SHOWN}
    assert shown <= {"evaluating_information", "engaging_the_team", "sharing_the_vision"}
    assert leadership_profile(run).level_index().shape == (1, 9)
    assert score_arrays(run)["leadership"].shape == (1, 9)
