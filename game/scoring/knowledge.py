"""The knowledge check: what a trainee knew before play and after it.

A scenario may carry a short multiple-choice check (``ScenarioSpec.knowledge_check``); the
decision log keeps the answers given before the first month and after the last
(``DecisionLog.knowledge_check``). ``knowledge_results`` marks them: the number right before
and after, the change, and for each question whether it was right each time. ``room_summary``
does the same for a room of trainees or teams, with the questions most often missed after
play, which is where a scheme's teaching has not landed yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..scenario.decision_log import KnowledgeAnswers
from ..scenario.spec import ScenarioSpec

STAGES: tuple[str, ...] = ("before", "after")


def answer_problems(scenario: ScenarioSpec, answers: KnowledgeAnswers
                    ) -> list[tuple[tuple[str, str], str]]:
    """Answers the scenario cannot mark: ((stage, question id), message) for each."""
    asked = {q.id: q for q in scenario.knowledge_check}
    out = []
    for stage in STAGES:
        for qid, chosen in getattr(answers, stage).items():
            q = asked.get(qid)
            if q is None:
                known = ", ".join(asked) or "none: the scenario has no knowledge check"
                out.append(((stage, qid), f"the scenario has no question '{qid}' "
                                          f"(questions: {known})"))
            elif chosen > len(q.options):
                out.append(((stage, qid), f"question '{qid}' has {len(q.options)} options, "
                                          f"so there is no option {chosen}"))
    return out


def knowledge_results(scenario: ScenarioSpec, answers: KnowledgeAnswers | None
                      ) -> dict[str, Any] | None:
    """The marked check, or None if the scenario has no check or nothing was answered:
    ``questions`` (how many), ``before`` and ``after`` (number right, None if that stage was
    not taken), ``change`` (after less before, None unless both were taken) and ``marks``
    (per question id: right before, right after; None where not answered)."""
    if not scenario.knowledge_check or answers is None or not (answers.before or answers.after):
        return None
    marks: dict[str, dict[str, bool | None]] = {}
    for q in scenario.knowledge_check:
        marks[q.id] = {stage: (None if q.id not in getattr(answers, stage)
                               else getattr(answers, stage)[q.id] == q.answer)
                       for stage in STAGES}
    right = {stage: (sum(bool(m[stage]) for m in marks.values())
                     if getattr(answers, stage) else None) for stage in STAGES}
    change = (right["after"] - right["before"]
              if right["before"] is not None and right["after"] is not None else None)
    return {"questions": len(scenario.knowledge_check), "before": right["before"],
            "after": right["after"], "change": change, "marks": marks}


def room_summary(scenario: ScenarioSpec, results: Sequence[dict[str, Any] | None],
                 most_missed: int = 3) -> dict[str, Any] | None:
    """A room's check: how many took each stage, the mean number right before and after, the
    mean change among those who took both, and the questions most often missed after play
    (id, question, how many missed it, of how many answered)."""
    taken = [r for r in results if r]
    if not taken or not scenario.knowledge_check:
        return None
    means: dict[str, float | None] = {}
    for stage in STAGES:
        scores = [r[stage] for r in taken if r[stage] is not None]
        means[stage] = sum(scores) / len(scores) if scores else None
    changes = [r["change"] for r in taken if r["change"] is not None]
    missed: list[dict[str, Any]] = []
    for q in scenario.knowledge_check:
        after = [r["marks"][q.id]["after"] for r in taken if q.id in r["marks"]]
        answered = [a for a in after if a is not None]
        wrong = sum(1 for a in answered if not a)
        if wrong:
            missed.append({"id": q.id, "question": q.question, "missed": wrong,
                           "of": len(answered)})
    missed.sort(key=lambda m: (-int(m["missed"]) / int(m["of"]), -int(m["missed"])))
    return {"questions": len(scenario.knowledge_check), "took": len(taken),
            "before": means["before"], "after": means["after"],
            "change": sum(changes) / len(changes) if changes else None,
            "most_missed": missed[:most_missed]}
