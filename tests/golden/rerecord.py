"""Re-record the golden decision logs after a deliberate change moves when events fire.

A golden log answers the events that fired in each month when it was recorded. When the model
or its random streams change on purpose, random events can fire in other months; this keeps
every decision where it was (dropping, with a note, one the practice can no longer
take) and answers each event in the month it now fires, with the answer
the log gave that event before (the same sensible playthrough), leaving it unanswered only if
the log never answered it. Run ``python tests/golden/rerecord.py`` from the repository root,
then ``PARTNERSHIP_UPDATE_GOLDEN=1 pytest tests/test_scenarios_golden.py``, and review both
diffs like any other change.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from game.model.decisions import DecisionError
from game.play.replay import load_log
from game.scenario.decision_log import DecisionLog, MonthEntry, to_command
from game.scenario.library import load_scenario
from game.scenario.runtime import ScenarioRun

GOLDEN = Path(__file__).parent


def rerecord(path: Path) -> bool:
    log, _ = load_log(path)
    assert log.scenario and log.seed is not None
    answers: dict[str, dict] = {}
    for entry in log.months:
        for choice in entry.choices:
            answers.setdefault(choice.event, choice.model_dump(exclude_defaults=True))
    run = ScenarioRun(load_scenario(log.scenario), log.seed)
    months = []
    while not run.finished:
        old = log.month(run.month)
        fired = [f.event.id for f in run.begin_month() if f.mask[0]]
        injected = old.injected if old else []
        for event_id in injected:
            run.inject(event_id)
            fired.append(event_id)
        choices = [answers[e] for e in dict.fromkeys(fired) if e in answers]
        entry = MonthEntry.model_validate({
            "month": run.month, "injected": injected,
            "decisions": [d.model_dump(exclude_defaults=True) for d in (old.decisions if old
                                                                         else [])],
            "choices": choices})
        for choice in entry.choices:
            run.choose(choice.event, choice.choice)
        kept = []
        for decision in entry.decisions:
            try:
                run.decide(to_command(decision))
                kept.append(decision)
            except DecisionError as exc:  # the practice can no longer take it: say so, drop it
                print(f"{path.name}: month {run.month}: dropped {decision.type}: {exc}")
        entry = entry.model_copy(update={"decisions": kept})
        if entry.decisions or entry.choices or entry.injected:
            months.append(entry)
        run.end_month()
    new = DecisionLog(scenario=log.scenario, seed=log.seed, months=months)
    header = "".join(line for line in path.read_text().splitlines(keepends=True)
                     if line.startswith("#"))
    data = new.model_dump(mode="json", exclude_defaults=True, exclude={"format"})
    body = yaml.safe_dump(_whole(data) | {"format": new.format}, sort_keys=False,
                          allow_unicode=True)
    text = header + _format_first(body)
    changed = text != path.read_text()
    path.write_text(text)
    return changed


def _whole(data):
    """Whole numbers written as 30, not 30.0, as a person writes them."""
    if isinstance(data, dict):
        return {k: _whole(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_whole(v) for v in data]
    if isinstance(data, float) and data.is_integer():
        return int(data)
    return data


def _format_first(body: str) -> str:
    lines = body.splitlines(keepends=True)
    fmt = [line for line in lines if line.startswith("format:")]
    return "".join(fmt + [line for line in lines if not line.startswith("format:")])


if __name__ == "__main__":
    for log_path in sorted(GOLDEN.glob("*.decisions.yaml")):
        print(f"{log_path.name}: {'re-recorded' if rerecord(log_path) else 'unchanged'}")
