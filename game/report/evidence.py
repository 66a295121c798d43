"""The one-page leadership evidence summary a trainee can put in their portfolio.

It states the scenario, its learning objectives (with the Healthcare Leadership Model
dimensions and RCGP capabilities they evidence), the decisions taken and the reasons given, the
nine-dimension profile with its levels, and space for the trainee's reflections. It is plain
HTML inside the report and starts on a new page when printed.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..content import ContentError
from ..play.replay import play
from ..scenario.cards import wording
from ..scenario.decision_log import DECISION_SPECS, DecisionLog, to_command
from ..scenario.language import default_text
from ..scenario.spec import DIMENSIONS, ScenarioSpec
from ..scoring import score_text


def pretty(name: str) -> str:
    """``engaging_the_team`` -> ``Engaging the team``."""
    return name.replace("_", " ").capitalize()


def decision_rows(scenario: ScenarioSpec, log: dict[str, Any]) -> list[tuple[int, str, str]]:
    """(month, what was decided or chosen, reason) for every logged entry, in month order."""
    events = {e.id: e for e in scenario.events}
    rows: list[tuple[int, str, str]] = []
    for entry in sorted(log.get("months", []), key=lambda e: e["month"]):
        m = entry["month"]
        for c in entry.get("choices", []):
            event = events.get(c["event"])
            label = next((x.label for x in event.choices if x.id == c["choice"]), c["choice"]) \
                if event else c["choice"]
            title = event.title if event else c["event"]
            rows.append((m, f"{title}: {label}", c.get("reason", "")))
        for d in entry.get("decisions", []):
            rows.append((m, _describe(d), d.get("reason", "")))
    return rows


def feedback_items(scenario: ScenarioSpec, results: dict[str, Any]
                   ) -> list[tuple[int, str, str, str, str]]:
    """(month, event title, what was done, the reason given, the author's feedback) for every
    card answered and every card let lapse, in month order."""
    events = {e.id: e for e in scenario.events}
    items: list[tuple[int, str, str, str, str]] = []
    said = _said(scenario, results)
    for month in results["decisions"].get("months", []):
        for c in month.get("choices", []):
            event = events.get(c["event"])
            choice = next((x for x in event.choices if x.id == c["choice"]), None) \
                if event else None
            if event is None or choice is None:
                continue
            turned, feedback = said.get((month["month"], event.id),
                                        ("", default_text(choice.feedback)))
            items.append((month["month"], event.title, f"You chose: {choice.label}{turned}",
                          c.get("reason", ""), feedback or "No feedback written."))
    for lapse in results["scores"].get("lapsed", []):
        event = events.get(lapse["event"])
        if event is None:
            continue
        said = event.if_no_decision
        what = "Nobody decided" + (f": {said.summary}" if said and said.summary else ".")
        items.append((lapse["month"], event.title, what, "",
                      (said.feedback if said else "") or "The card lapsed: none of its "
                      "choices happened."))
    return sorted(items, key=lambda x: x[0])


def _said(scenario: ScenarioSpec, results: dict[str, Any]
          ) -> dict[tuple[int, str], tuple[str, str]]:
    """How each answered card turned out and the feedback it reads in this practice, by
    (month, event), where the scenario has text variants or chance outcomes: the log is
    played again with its seed, as ``results.check`` does, and read off the run's record."""
    if not any(isinstance(c.feedback, list) or c.outcomes
               for e in scenario.events for c in e.choices):
        return {}
    try:
        log = DecisionLog.model_validate(results["decisions"])
        run = play(scenario, int(results["seed"]), log, None, results.get("months_limit"))
    except (ContentError, ValueError, KeyError):
        return {}  # a file the debrief can still show, in the default words
    out: dict[tuple[int, str], tuple[str, str]] = {}
    for act in run.actions:
        if not act.event or act.settled or act.choice is None or not act.mask[0]:
            continue
        choice = scenario.event(act.event).choices[int(act.choice[0])]
        text = wording(choice.feedback, int(act.feedback[0]) if act.feedback is not None else 0)
        turned = ""
        k = int(act.outcome[0]) if act.outcome is not None else -1
        if k >= 0:
            out_spec = choice.outcomes[k]
            turned = f" (as it turned out: {out_spec.label})"
            extra = wording(out_spec.feedback, int(act.outcome_feedback[0])
                            if act.outcome_feedback is not None else 0)
            text = " ".join(t for t in (text, extra) if t)
        out[(act.month, act.event)] = (turned, text)
    return out


def _describe(data: dict[str, Any]) -> str:
    spec = DECISION_SPECS.get(str(data.get("type")))
    if spec is None:
        return str(data.get("type"))
    command = to_command(spec.model_validate(data))
    text = command.describe()
    if text == command.kind.replace("_", " "):  # no wording of its own: name and details
        details = [str(v) for k, v in data.items() if k not in ("type", "reason") and v != ""]
        text = text.capitalize() + (f" ({', '.join(details)})" if details else "")
    return text


def evidence_summary(scenario: ScenarioSpec, results: dict[str, Any], log: str = "") -> str:
    """The evidence page (a ``<section>``), ending with ``log``, the learning-log entry
    (``learning_log.learning_log``) as plain text to paste into the portfolio."""
    s = results["scores"]
    objectives = "".join(
        f"<li>{escape(o.text)}"
        + (f'<br><span class="small">HLM: {", ".join(pretty(d) for d in o.leadership)}'
           + (f'; RCGP: {", ".join(pretty(c) for c in o.rcgp)}' if o.rcgp else "")
           + "</span>" if o.leadership or o.rcgp else "")
        + "</li>" for o in scenario.learning_objectives)
    rows = decision_rows(scenario, results["decisions"])
    decisions = "".join(f"<tr><td class=\"num\">{m}</td><td>{escape(what)}</td>"
                        f"<td>{escape(reason)}</td></tr>" for m, what, reason in rows)
    profile = "".join(f"<tr><td>{pretty(d)}</td><td class=\"num\">{score_text(s, d)}</td>"
                      f"<td>{s['levels'][d]}</td></tr>" for d in DIMENSIONS)
    who = escape(results.get("player") or "")
    when = escape(str(results.get("written_at", ""))[:10])
    return f"""<section class="evidence" id="evidence">
<h2>Leadership evidence summary</h2>
<p><b>Trainee / team:</b> {who or "&nbsp;" * 40} &nbsp; <b>Date:</b> {when}</p>
<p><b>Activity:</b> Partnership practice-management simulation, scenario
“{escape(scenario.title)}” ({results["months"]} months, seed {results["seed"]}). Overall
score {s["overall"]:.0f}/100. {escape(scenario.summary)}</p>
<h3>Learning objectives</h3><ul>{objectives}</ul>
<h3>Decisions and reasons</h3>
<table><tr><th>Month</th><th>Decision</th><th>Reason given</th></tr>{decisions or
'<tr><td colspan="3"><i>No decisions logged.</i></td></tr>'}</table>
<h3>Healthcare Leadership Model profile</h3>
<table><tr><th>Dimension</th><th>Score</th><th>Level</th></tr>{profile}</table>
<p class="small">Levels come from the situations behind each dimension: the cards answered
or let lapse and the patterns in the decisions (see docs/scoring.md). A dimension no
situation showed is "not yet shown".</p>
<h3>Learning log entry (RCGP portfolio headings, ready to paste)</h3>
<pre class="paste" id="learning-log">{escape(log)}</pre>
<p class="small">Results confirmed by replaying the decision log (partnership replay).
Scenario content hash {escape(results["scenario"]["content_sha256"][:16])}.</p>
</section>"""
