"""``partnership knowledge-check``: take a scenario's knowledge check before or after play.

The answers go into the decision log (``knowledge_check.before`` or ``.after``), so
``partnership run --decisions LOG --results FILE`` keeps both in the results file, and the
report and the facilitator's comparison show the change.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

import yaml

from ..content import ContentError, Problem
from ..files import WriteError, write_atomic
from ..play.replay import load_log
from ..scenario.decision_log import DecisionLog, KnowledgeAnswers
from ..scenario.library import load_scenario
from ..scenario.spec import KnowledgeQuestionSpec


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("knowledge-check", help="take a scenario's knowledge check before or "
                       "after play; the answers go into the decision log")
    p.add_argument("scenario", metavar="SCENARIO", help="a bundled scenario id or a file")
    p.add_argument("--stage", choices=("before", "after"), required=True,
                   help="before the first month, or after the last")
    p.add_argument("--log", metavar="FILE", required=True, help="the decision log to write "
                   "the answers into (created if it does not exist)")
    p.add_argument("--answers", metavar="N,N,...", help="the option numbers in question "
                   "order, 0 or blank to skip one (otherwise asked one by one)")
    p.set_defaults(handler=cmd_knowledge_check)


def cmd_knowledge_check(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    questions = scenario.knowledge_check
    if not questions:
        print(f"'{scenario.id}' has no knowledge check.", file=sys.stderr)
        return 1
    path = Path(args.log)
    log = load_log(path)[0] if path.exists() else DecisionLog(scenario=scenario.id)
    if args.answers is not None:
        chosen = _parse(args.answers, questions)
    else:
        chosen = [ask(q, k, len(questions), sys.stdin, sys.stdout)
                  for k, q in enumerate(questions, start=1)]
    answered = {q.id: c for q, c in zip(questions, chosen, strict=True) if c}
    old = log.knowledge_check or KnowledgeAnswers()
    log = log.model_copy(update={"knowledge_check": old.model_copy(
        update={args.stage: answered})})
    try:
        write_atomic(path, _dump(log, path))
    except WriteError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1
    print(f"{len(answered)} of {len(questions)} answered ({args.stage} play), written to "
          f"{path}.")
    return 0


def ask(q: KnowledgeQuestionSpec, k: int, n: int, into: TextIO, out: TextIO) -> int:
    """Ask one question; the option number chosen, 0 if skipped."""
    out.write(f"\n{k}/{n}. {q.question}\n")
    for j, option in enumerate(q.options, start=1):
        out.write(f"   {j}. {option}\n")
    while True:
        out.write("Your answer (a number, or Enter to skip): ")
        out.flush()
        line = into.readline()
        text = line.strip()
        if not line or not text:
            return 0
        if text.isdigit() and 1 <= int(text) <= len(q.options):
            return int(text)
        out.write(f"Please give a number from 1 to {len(q.options)}.\n")


def _parse(text: str, questions: list[KnowledgeQuestionSpec]) -> list[int]:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != len(questions):
        _fail(f"--answers gives {len(parts)} answer(s) for {len(questions)} questions")
    out = []
    for k, (part, q) in enumerate(zip(parts, questions, strict=True), start=1):
        if part in ("", "0"):
            out.append(0)
        elif part.isdigit() and 1 <= int(part) <= len(q.options):
            out.append(int(part))
        else:
            _fail(f"--answers: answer {k} ('{part}') must be 1 to {len(q.options)}, or 0 to skip")
    return out


def _fail(message: str) -> None:
    raise ContentError([Problem("<command line>", 1, 1, message)])


def _dump(log: DecisionLog, path: Path) -> str:
    data = {"format": log.format, **log.model_dump(mode="json", exclude_defaults=True)}
    if path.suffix.lower() == ".json":
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
