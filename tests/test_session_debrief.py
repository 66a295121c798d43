"""The comparison debrief: results from several laptops equal the session played on one;
tampered and mismatched files are named and left out; HTML and CSV exports."""

import csv
import io
import json

import pytest
import yaml

from game.cli import main
from game.play.replay import play
from game.results import write_results
from game.scenario.library import load_scenario
from game.session.compare import compare
from game.session.engine import GroupSession
from game.session.intake import take_in
from game.session.outcome import session_intake, write_team_results
from game.session.script import SESSION_YAML, play_script
from game.session.spec import load_session


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """The scripted session played on one machine, and its files on disk."""
    folder = tmp_path_factory.mktemp("room")
    session_file = folder / "session.yaml"
    session_file.write_text(SESSION_YAML)
    session = GroupSession(load_session(session_file))
    play_script(session)
    return session, session_file, folder


@pytest.fixture(scope="module")
def laptops(room):
    """Each team's log played on 'its own laptop' with `partnership session play`."""
    session, session_file, folder = room
    paths = []
    for team, log in session.logs().items():
        log_path = folder / f"{team}.decisions.yaml"
        log_path.write_text(yaml.safe_dump(log.model_dump(mode="json"), sort_keys=False))
        out = folder / "laptops" / f"{team}.json"
        argv = ["session", "play", str(session_file), "--team", team, "--decisions",
                str(log_path), "--results", str(out)]
        if not session.records[team].playing:
            argv += ["--months", str(session.months_played(team))]
        assert main(argv) == 0
        paths.append(str(out))
    return paths


def test_debrief_of_laptops_equals_debrief_of_the_room(room, laptops):
    session, session_file, _ = room
    on_one = compare(session_intake(session)).to_dict()
    intake = take_in(laptops, load_session(session_file))
    assert intake.rejected == []
    assert compare(intake).to_dict() == on_one


def test_facilitators_results_files_debrief_the_same(room, tmp_path):
    session, session_file, _ = room
    paths = [str(p) for p in write_team_results(session, tmp_path)]
    assert len(paths) == 5
    assert compare(take_in(paths)).to_dict() == compare(session_intake(session)).to_dict()


def test_teams_whose_names_differ_only_in_symbols_get_a_results_file_each(tmp_path):
    """Found by fuzzing session files: '0' and '0\ud7fc' were both written as 0.results.json,
    the second over the first, and so were two emoji or 'St Mary' and 'St-Mary'."""
    session_file = tmp_path / "session.yaml"
    teams = ["St Mary", "St-Mary", "\U0001f98a", "\U0001f43a", "team", "St-Mary-2"]
    session_file.write_text(SESSION_YAML.replace("teams: [Aire, Calder, Wharfe, Nidd]",
                                                 f"teams: {json.dumps(teams, ensure_ascii=False)}"),
                            encoding="utf-8")
    session = GroupSession(load_session(session_file))
    session.open_round()
    session.lock()
    session.advance()
    paths = write_team_results(session, tmp_path / "out")
    assert [p.name for p in paths] == [
        "st-mary.results.json", "st-mary-2.results.json", "team.results.json",
        "team-2.results.json", "team-3.results.json", "st-mary-2-2.results.json"]
    assert [json.loads(p.read_text())["player"] for p in paths] == teams


def test_the_comparison_shows_every_team_pillar_and_dimension(room):
    c = compare(session_intake(room[0]))
    assert [t.team for t in c.teams] == ["Aire", "Calder", "Wharfe", "Nidd", "Ure"]
    assert c.team("Wharfe").months == 5 and c.team("Aire").months == 8
    assert all(len(t.pillars) == 6 and len(t.leadership) == 9 for t in c.teams)
    assert c.splits and c.splits[0].month == 1
    assert "Aire" in c.splits[0].decided and "nothing handed in" in c.splits[0].decided["Wharfe"]
    assert any("facilitator sent Calder" in p for p in c.prompts)
    assert len(c.prompts) >= 5


def test_a_tampered_file_is_named_and_left_out(room, laptops, tmp_path):
    data = json.loads(open(laptops[0]).read())
    data["scores"]["pillars"]["finance"] += 7
    bad = tmp_path / "aire-edited.json"
    bad.write_text(json.dumps(data))
    intake = take_in([str(bad), *laptops[1:]])
    assert [r.source for r in intake.rejected] == [str(bad)]
    assert "does not match its own decision log" in intake.rejected[0].reason
    assert "scores.pillars.finance" in intake.rejected[0].reason
    assert [t.team for t in intake.teams] == ["Calder", "Wharfe", "Nidd", "Ure"]


def test_mismatched_seed_duplicate_team_and_broken_files_are_left_out(room, laptops,
                                                                      tmp_path):
    other = tmp_path / "other.json"
    write_results(play(load_scenario("first-year"), 7, months=3), None, other, "Swale")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    intake = take_in([*laptops, laptops[0], str(other), str(broken)])
    reasons = {r.source: r.reason for r in intake.rejected}
    assert "second file for team 'Aire'" in reasons[laptops[0]]
    assert "seed 7" in reasons[str(other)]
    assert str(broken) in reasons and len(intake.teams) == 5


def test_debrief_command_writes_html_and_csv(room, laptops, tmp_path, capsys):
    _, session_file, _ = room
    page, table = tmp_path / "debrief.html", tmp_path / "debrief.csv"
    assert main(["debrief", *laptops, "--session", str(session_file), "--html", str(page),
                 "--csv", str(table)]) == 0
    out = capsys.readouterr().out
    assert "Outcome pillars" in out and "Where the paths split" in out
    html = page.read_text()
    assert html.count("data:image/png;base64,") == 8 and "http" not in html.split("<body>")[1]
    assert "Inspiring shared purpose" in html and "For discussion" in html
    rows = list(csv.DictReader(io.StringIO(table.read_text())))
    assert len(rows) == 8 * 4 + 5
    aire1 = next(r for r in rows if r["team"] == "Aire" and r["month"] == "1")
    assert "locum" in aire1["decided"].lower() and aire1["cash_gbp"]
    calder3 = next(r for r in rows if r["team"] == "Calder" and r["month"] == "3")
    assert calder3["injected_events"] == "reception-abuse"


def test_debrief_with_nothing_confirmed_fails(tmp_path, capsys):
    broken = tmp_path / "x.json"
    broken.write_text("[]")
    assert main(["debrief", str(broken)]) == 1
    assert "left out" in capsys.readouterr().err


def test_session_new_and_check(tmp_path, capsys):
    out = tmp_path / "s.yaml"
    assert main(["session", "new", "-o", str(out), "--teams", "Aire, Calder,Nidd",
                 "--scenario", "winter-pressures", "--seed", "3"]) == 0
    loaded = load_session(out)
    assert loaded.spec.teams == ["Aire", "Calder", "Nidd"] and loaded.spec.seed == 3
    assert set(loaded.spec.injectable_events) == {e.id for e in loaded.scenario.events}
    assert main(["session", "new", "-o", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["session", "check", str(out)]) == 0


def test_team_names_that_look_like_mathtext_draw_as_typed(tmp_path):
    """Found by the session-file fuzz in CI: a team called '$$' crashed the charts (matplotlib
    read the legend entry as mathtext). Names are drawn as typed."""
    from game.session.charts import all_charts

    path = tmp_path / "s.yaml"
    path.write_text(SESSION_YAML.replace("Aire", "$$").replace("Calder", "$x^2$"),
                    encoding="utf-8")
    session = GroupSession(load_session(path))
    session.open_round()
    session.lock()
    session.advance()
    charts = all_charts(compare(session_intake(session)))
    assert charts and all(png.startswith(b"\x89PNG") for _, _, png in charts)
