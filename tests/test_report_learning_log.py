"""Evidence the trainee can use (issue 20, item 6): the portfolio page carries the trainee's
reasons and a learning-log entry under the RCGP portfolio headings, as plain text to paste."""

from __future__ import annotations

import html
import json
import re

import pytest

from game.cli import main
from game.report.learning_log import HEADINGS, WRITE_HERE, learning_log
from game.scenario.library import load_scenario

LOG = """\
scenario: first-year
seed: 3
months:
  - month: 1
    choices:
      - {event: the-accounts, choice: recovery-plan, reason: "Partners own the plan together"}
    decisions:
      - {type: consult_team, topic: the accounts, reason: "Hear the team before changing"}
  - month: 2
    decisions:
      - {type: set_locum_sessions, sessions_per_month: 30, reason: "Locums cost more"}
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[str, dict]:
    folder = tmp_path_factory.mktemp("log")
    (folder / "log.yaml").write_text(LOG)
    results, out = folder / "results.json", folder / "report.html"
    assert main(["run", "first-year", "--decisions", str(folder / "log.yaml"), "--results",
                 str(results), "--player", "A trainee"]) == 0
    assert main(["report", str(results), "--html", str(out)]) == 0
    return out.read_text(), json.loads(results.read_text())


def _entry(page: str) -> str:
    found = re.search(r'<pre class="paste" id="learning-log">(.*?)</pre>', page, re.S)
    assert found, "the evidence page carries the learning-log entry"
    return html.unescape(found.group(1))


def test_the_portfolio_page_has_the_four_rcgp_headings_in_order(report) -> None:
    page, _ = report
    evidence = page[page.index('id="evidence"'):]
    text = _entry(evidence)
    at = [text.index(f"\n{h}\n") for h in HEADINGS]
    assert at == sorted(at)
    assert "<" not in text and ">" not in text  # plain text: it pastes as it stands
    assert text.count(WRITE_HERE) == 2  # the trainee's own words go under two headings


def test_the_entry_quotes_the_trainee_s_reasons(report) -> None:
    page, _ = report
    text = _entry(page)
    for reason in ("Partners own the plan together", "Hear the team before changing",
                   "Locums cost more"):
        assert f'My reason: "{reason}"' in text
    assert "Cards I let lapse" in text and "The locum agency puts up its rates" in text


def test_capabilities_shown_follow_the_objectives_dimensions_at_strong() -> None:
    scenario = load_scenario("first-year")
    levels = dict.fromkeys(("inspiring_shared_purpose", "leading_with_care",
                            "evaluating_information", "connecting_our_service",
                            "sharing_the_vision", "engaging_the_team", "holding_to_account",
                            "developing_capability", "influencing_for_results"), "proficient")
    levels["engaging_the_team"] = "strong"
    results = {"months": 12, "decisions": {"months": []}, "scores": {
        "overall": 60.0, "pillars": {"finance": 50.0}, "goals": [], "levels": levels,
        "evidence": [], "lapsed": []}}
    text = learning_log(scenario, results)
    caps = text[text.index("Capabilities shown"):]
    assert "- Knowing yourself and relating to others: shown through Engaging the team " \
        "(strong)" in caps
    assert "Working well in organisations" not in caps  # its dimensions stayed proficient

