"""A scenario using every new construct of issue 17 (tests/language/every-construct.yaml): named
people (a one-to-one card, conditions and effects on a person), counters, any_of / all_of /
not, shown_if choices, text variants and chance outcomes. It validates without a warning,
plays in the game's session and headless, survives a save, a results file's replay, the batch
player and a live team's copy of the scenario, balances (chance outcomes vary across runs) and
draws its links on the story map."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from game.cli import main
from game.play.game_session import GameSession
from game.play.replay import load_log, play
from game.scenario.library import load_scenario
from game.scenario.spec import ScenarioSpec
from game.scoring.policy import Policy, play_policies

ROOT = Path(__file__).resolve().parents[1]
PATH = ROOT / "tests" / "language" / "every-construct.yaml"

LOG = f"""\
format: partnership-decisions/1
scenario: {PATH}
seed: 4
months:
  - month: 1
    choices:
      - {{event: concern-raised, choice: refer}}
  - month: 2
    choices:
      - {{event: audit, choice: full-audit}}
"""


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
    return tmp_path


def played(months: int, seed: int = 4) -> GameSession:
    """A game that takes, at every card, the first choice on it."""
    session = GameSession(load_scenario(PATH), str(PATH), seed)
    for _ in range(months):
        for event in session.pending_events():
            session.choose(event.id, session.card(event.id).choices[0].id)
        session.end_turn()
    return session


def test_it_validates_strictly_with_no_warning(capsys) -> None:
    assert main(["validate", "--strict", str(PATH)]) == 0
    assert "warning" not in capsys.readouterr().out


def test_the_game_shows_each_card_as_its_practice_sees_it() -> None:
    session = GameSession(load_scenario(PATH), str(PATH), 4)
    session.choose("concern-raised", "listen")
    session.end_turn()
    card = session.card("audit")
    assert card.briefing == "Having listened to the nurse, you can commission a prescribing audit."
    assert [c.id for c in card.choices] == ["full-audit", "quick-check", "involve-nurse"]
    refused = GameSession(load_scenario(PATH), str(PATH), 4)
    refused.choose("concern-raised", "refer")
    refused.end_turn()
    card = refused.card("audit")
    assert "involve-nurse" not in [c.id for c in card.choices]
    with pytest.raises(ValueError, match="not on the card"):
        refused.choose("audit", "involve-nurse")


def test_a_save_restores_counters_outcomes_and_flags() -> None:
    from game import saves
    from game.cli.commands_core import run_result
    session = played(5)
    restored = saves.load(saves.write_save(session, "Language"))
    assert run_result(restored.run) == run_result(session.run)
    w, again = session.run.world, restored.run.world
    for name in ("concerns_raised", "audits_done"):
        assert np.array_equal(w.counter(name), again.counter(name))
    assert w.flags.keys() == again.flags.keys()
    assert all(np.array_equal(w.outcome(e), again.outcome(e)) for e in w.choice_ids)


def test_headless_results_replay_identically(tmp_path: Path, capsys) -> None:
    log = tmp_path / "log.yaml"
    log.write_text(LOG, encoding="utf-8")
    out = tmp_path / "results.json"
    assert main(["run", str(PATH), "--decisions", str(log), "--results", str(out)]) == 0
    assert main(["replay", str(out)]) == 0
    assert "confirmed" in capsys.readouterr().out
    scenario = load_scenario(PATH)
    parsed, doc = load_log(log)
    run = play(scenario, 4, parsed, doc)
    batch = play_policies(scenario, 4, [0], [Policy.from_run(run), Policy.from_run(run)])
    for rec, again in zip(run.history, batch.run.history, strict=True):
        for key, value in rec.values.items():
            assert np.array_equal(np.repeat(value, 2), again[key]), key


def test_the_debrief_reads_the_feedback_and_outcome_of_this_practice(tmp_path: Path) -> None:
    from game.report.evidence import feedback_items
    log = tmp_path / "log.yaml"
    log.write_text(LOG, encoding="utf-8")
    out = tmp_path / "results.json"
    assert main(["run", str(PATH), "--decisions", str(log), "--results", str(out)]) == 0
    results = json.loads(out.read_text())
    run = play(load_scenario(PATH), 4, load_log(log)[0])
    upheld = int(run.world.outcome("concern-raised")[0]) == 0
    items = {title: (what, said) for _, title, what, _, said in
             feedback_items(load_scenario(PATH), results)}
    what, said = items["A nurse raises a concern"]
    turned = "the review upholds the concern" if upheld else "the review finds no problem"
    assert what == f"You chose: Refer it to the ICB's medicines team (as it turned out: {turned})"
    assert said.startswith("An outside review is fair but slow")
    assert ("second concern on record" in said) == upheld
    assert items["A prescribing audit"][1] == "A full audit puts the practice on firm ground."


def test_a_live_team_rebuilds_the_same_scenario_from_its_dump() -> None:
    from game.results import content_hash
    scenario = load_scenario(PATH)
    again = ScenarioSpec.model_validate(scenario.model_dump(mode="json"))
    assert again == scenario and content_hash(again) == content_hash(scenario)


def test_balance_shows_chance_outcomes_varying_across_runs(capsys) -> None:
    assert main(["balance", str(PATH), "--runs", "300", "--policy", "random", "balanced",
                 "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    shares = report["policies"]["random"]["outcomes"]["concern-raised.refer"]
    assert 0.6 < shares["upheld"] < 0.9 and 0.1 < shares["not-upheld"] < 0.4
    assert report["policies"]["balanced"]["choices"]["second-concern"]["policy"] > 0


def test_the_story_map_draws_the_new_links(tmp_path: Path) -> None:
    from game.authoring.reach import links
    found = {(x.source, x.target, x.how, x.required, x.shows) for x in
             links(load_scenario(PATH))}
    assert ("concern-raised", "audit", "flag_not_set", True, "") in found
    assert ("concern-raised", "audit", "flag_set", True, "involve-nurse") in found
    assert ("audit", "second-concern", "counter", False, "") in found
    assert ("audit", "second-concern", "choice_taken", False, "policy") in found
    assert ("concern-raised", "second-concern", "counter", False, "policy") in found
    assert main(["map", str(PATH), "-o", str(tmp_path / "map.png")]) == 0
    assert (tmp_path / "map.png").stat().st_size > 10_000


def test_its_named_people_act_and_survive_a_save() -> None:
    """The people constructs in the same file: the one-to-one card names the nurse, dismissing
    her concern sends her off sick with less trust, listening records a concern about the
    partner, and a save brings every person's figures back."""
    from game import saves

    dismissed = GameSession(load_scenario(PATH), str(PATH), 4)
    assert dismissed.scenario.event("concern-raised").person == "nurse"
    trust0 = float(dismissed.run.world.state.person_trust[0, 0])
    dismissed.choose("concern-raised", "dismiss")
    state = dismissed.run.world.state
    assert state.person_absence[0, 0] == 1 and state.person_trust[0, 0] < trust0 - 0.25
    listened = GameSession(load_scenario(PATH), str(PATH), 4)
    listened.choose("concern-raised", "listen")
    assert int(listened.run.world.state.person_concerns_about[0, 1]) == 1
    session = played(6)
    restored = saves.load(saves.write_save(session, "People"))
    for figure in ("trust", "morale", "wellbeing", "absence", "notice", "in_post",
                   "concerns_open"):
        assert np.array_equal(getattr(restored.run.world.state, f"person_{figure}"),
                              getattr(session.run.world.state, f"person_{figure}")), figure
