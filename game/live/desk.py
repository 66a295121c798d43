"""A team's desk, worked out by the host for a team that has no copy of the game (a browser).

The team's window replays its own practice (``replica.LiveGame``) and shows the dashboard, the
event cards, the decision panels with their projections and the month's summary. A browser has
no model, so it sends a ``preview`` message with its hand-in so far (event answers, decisions)
and, optionally, one decision to look at before taking it; the host answers with a ``desk``:
the same things the window shows, worked out the same way, on a ``LiveGame`` kept per team and
built from the very ``state`` the host sends that team. Nothing here changes the session.

The decisions a browser offers are the panels' own (``play.actions.GROUPS``): each number with
the bounds its decision declares, each choice by its position in the list (so no value has to
survive JSON), and the projected effect from ``play.preview``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import math
import multiprocessing
import os
from collections import OrderedDict
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from ..model.decisions import DecisionError
from ..model.roles import GROUPS as STAFF_GROUPS
from ..model.roles import ROLES
from ..model.state import APPOINTMENT_MODELS
from ..play.actions import GROUPS, ActionSpec, ParamSpec
from ..play.explain import explain_sections
from ..play.indicators import INDICATORS, MIN_SPAN, with_derived
from ..play.preview import METHOD, preview, preview_choice
from ..play.wording import count, money, month_name
from ..scenario.decision_log import DECISION_SPECS, to_command, to_entry
from ..scenario.spec import ScenarioSpec
from .protocol import PreviewMessage
from .replica import LiveGame, LiveStateError

#: The bands in words, so no figure's state is told by colour alone.
BAND_WORDS = {"green": "OK", "amber": "Watch", "red": "Act", "none": ""}
#: Desks kept per team (a browser asks again for the same draft after a reconnect).
KEPT_DESKS = 8


class _Ignore:
    """The desk's replica never hands in: the browser does, over its own connection."""

    def hand_in(self, month: int, entry: dict[str, Any]) -> str:
        return ""


def action_id(group: str, index: int) -> str:
    return f"{group}.{index}"


def _action(action: str) -> ActionSpec:
    group, _, index = action.partition(".")
    try:
        return GROUPS[group][1][int(index)]
    except (KeyError, ValueError, IndexError):
        raise LookupError(f"There is no decision '{action}'.") from None


def _param(p: ParamSpec, state: Any) -> dict[str, Any]:
    """One field of a decision: a choice (labels, by position) or a number within bounds."""
    initial = p.initial(state)
    if p.options:
        values = [v for _, v in p.options]
        return {"name": p.name, "label": p.label or "Setting", "kind": "choice",
                "options": [label for label, _ in p.options],
                "initial": values.index(initial) if initial in values else 0}
    b = p.bounds
    assert b is not None
    return {"name": p.name, "label": p.label, "kind": "number", "low": b.low, "high": b.high,
            "step": b.step, "integer": b.integer, "unit": b.unit, "range": p.range_text(),
            "initial": _number(float(initial))}


def catalogue(state: Any) -> list[dict[str, Any]]:
    """Every decision the panels offer, grouped, with fields opening on the practice's
    current settings."""
    return [{"group": group, "title": title,
             "actions": [{"id": action_id(group, i), "title": a.title,
                          "params": [_param(p, state) for p in a.params]}
                         for i, a in enumerate(actions)]}
            for group, (title, actions) in GROUPS.items()]


def build_decision(action: str, values: dict[str, Any]) -> Any:
    """The model's decision for a browser's fields; ``ValueError`` names a field that is out
    of its bounds or not one of its options."""
    spec = _action(action)
    chosen: dict[str, Any] = {}
    for p in spec.params:
        raw = values.get(p.name)
        if p.options:
            if not isinstance(raw, int) or isinstance(raw, bool) \
                    or not 0 <= raw < len(p.options):
                raise ValueError(f"{p.label or spec.title}: pick one of the options.")
            chosen[p.name] = p.options[raw][1]
        else:
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                raise ValueError(f"{p.label}: type a number, {p.range_text()}.")
            chosen[p.name] = p.parse(str(raw))
    return spec.build(chosen)


def _number(x: Any) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


@dataclass(frozen=True)
class DeskSession:
    """What a desk needs of the host's session: its scenario, seed, rounds and title."""

    scenario: ScenarioSpec
    seed: int
    months: int
    title: str


class Desks:
    """Each browser team's replica, kept between its requests, and the desks it answered."""

    def __init__(self, session: DeskSession) -> None:
        self.session = session
        self.games: dict[str, LiveGame] = {}
        self.kept: dict[str, OrderedDict[str, dict[str, Any]]] = {}
        self.cards: dict[str, tuple[str, list[dict[str, Any]]]] = {}  # team -> (round, cards)

    def desk(self, team: str, state: dict[str, Any], request: Any) -> dict[str, Any]:
        """The ``desk`` message answering ``request`` (a ``PreviewMessage``) for ``team``,
        whose ``state`` is what the host sends it now."""
        key = repr((state.get("month"), state.get("phase"), state.get("record"),
                    request.model_dump(mode="json", exclude={"id"})))
        kept = self.kept.setdefault(team, OrderedDict())
        if key in kept:
            return {**kept[key], "re": request.id}
        answer = self._work_out(team, state, request)
        kept[key] = answer
        while len(kept) > KEPT_DESKS:
            kept.popitem(last=False)
        return {**answer, "re": request.id}

    def _game(self, team: str, state: dict[str, Any]) -> LiveGame:
        game = self.games.get(team)
        if game is None:
            s = self.session
            welcome = {"type": "welcome", "v": 1, "re": "desk", "role": "team", "team": team,
                       "seat": None, "title": s.title, "scenario": s.scenario.id,
                       "months": s.months, "seed": s.seed}
            game = LiveGame(welcome, state, _Ignore(), scenario=s.scenario)
            self.games[team] = game
        else:
            game.sync(state)
        return game

    def _work_out(self, team: str, state: dict[str, Any], request: Any) -> dict[str, Any]:
        base = {"type": "desk", "v": 1, "re": request.id, "team": team,
                "month": state["month"], "months": state["months"]}
        if state.get("record") is None:
            return {**base, "ready": False, "problem": "This team is not playing."}
        try:
            game = self._game(team, state)
        except LiveStateError as exc:
            return {**base, "ready": False, "problem": f"The host cannot show this desk: {exc}"}
        live = state["phase"] == "open" and not state.get("ended")
        events = self._cards(team, game, state) if live else []
        if live and request.month == state["month"]:
            dropped = game.draft([c.model_dump(mode="json") for c in request.choices],
                                 [d.model_dump(mode="json") for d in request.decisions])
        else:  # a draft for another round, or none to make: the hand-in the host holds
            held = state.get("hand_in") or {}
            dropped = game.draft(held.get("choices", []), held.get("decisions", []))
        choices, decisions = game.this_month() if live else ([], [])
        return {**base, "ready": True, "calendar": month_name(game.calendar_month),
                "practice": game.scenario.practice.name, "title": game.scenario.title,
                "figures": self._figures(game), "staff": self._staff(game.latest),
                "settings": self._settings(game), "events": events,
                "actions": catalogue(game.run.world.state) if live else [],
                "draft": {"choices": choices, "decisions": decisions,
                          "moves": game.moves_this_month() if live else [],
                          "dropped": dropped if live else [],
                          "pending": [e.id for e in game.pending_events()] if live else []},
                "preview": self._preview(game, request) if live else None,
                "summary": self._summary(game), "method": METHOD}

    # -- the parts ------------------------------------------------------------------------
    @staticmethod
    def _figures(game: LiveGame) -> list[dict[str, Any]]:
        row = with_derived(game.latest)
        history = [with_derived(r) for r in [game.start_row, *game.rows]]
        figures = []
        for ind in INDICATORS:
            has = ind.key in row
            band = ind.state(row)
            figures.append({"key": ind.key, "label": ind.label,
                            "shown": ind.show(row) if has else "-",
                            "detail": ind.detail(row) if has else "figures after month 1",
                            "band": band, "band_words": BAND_WORDS.get(band, ""),
                            "rule": ind.rule(),
                            "trend": [_number(r.get(ind.key)) for r in history],
                            "min_span": MIN_SPAN.get(ind.key, 0.0),
                            "trend_words": _trend_words(ind, history)})
        return figures

    @staticmethod
    def _staff(row: dict[str, Any]) -> list[str]:
        morale = ", ".join(f"{g} {row.get(f'morale_{g}', 0):.2f}" for g in STAFF_GROUPS)
        lines = [f"Morale: {morale}"]
        for role in ROLES:
            heads = float(row.get(f"heads_{role.key}", 0.0))
            recruiting = float(row.get(f"recruiting_{role.key}", 0.0))
            if heads < 0.05 and recruiting < 0.05:
                continue
            extra = f", recruiting {recruiting:g}" if recruiting >= 0.05 else ""
            lines.append(f"{role.label}: {heads:g} ({float(row.get(f'fte_{role.key}', 0)):.1f}"
                         f" FTE){extra}")
        return lines

    @staticmethod
    def _settings(game: LiveGame) -> str:
        s = game.run.world.state
        model = APPOINTMENT_MODELS[int(s.appointment_model[0])].replace("_", " ")
        return (f"{model.capitalize()} appointments; "
                f"{count(float(s.locum_sessions[0]), 'locum session')} a month; drawings "
                f"{money(float(s.drawings_per_partner[0]))} a partner a month.")

    def _cards(self, team: str, game: LiveGame, state: dict[str, Any]) -> list[dict[str, Any]]:
        """The round's cards, worked out once a round (they do not depend on the draft)."""
        key = repr((state["month"], state.get("record"), state.get("events")))
        kept = self.cards.get(team)
        if kept is None or kept[0] != key:
            kept = (key, self._events(game, state))
            self.cards[team] = kept
        return kept[1]

    @staticmethod
    def _events(game: LiveGame, state: dict[str, Any]) -> list[dict[str, Any]]:
        """This round's event cards in full, each choice with what it would change (worked out
        on the month before any answer, as the window's card shows it)."""
        cards = []
        game.draft([], [])
        for sent in state.get("events", []):
            try:
                event = game.scenario.event(sent["id"])
            except StopIteration:
                continue
            inaction = event.if_no_decision.summary if event.if_no_decision else ""
            cards.append({"id": event.id, "title": event.title, "text": event.briefing.strip(),
                          "if_no_decision": inaction,
                          "choices": [{"id": c.id, "title": c.label, "detail": c.detail,
                                       "effects": preview_choice(game.run, event, c).effects}
                                      for c in event.choices]})
        return cards

    @staticmethod
    def _preview(game: LiveGame, request: Any) -> dict[str, Any] | None:
        """What the one decision the browser asks about would do, on top of its draft."""
        ask = request.action
        if ask is None:
            return None
        answer: dict[str, Any] = {"action": ask.action, "ok": False, "message": "",
                                  "effects": [], "entry": None}
        try:
            decision = build_decision(ask.action, dict(ask.values))
        except (LookupError, ValueError, DecisionError) as exc:
            return {**answer, "message": str(exc).strip("'\"")}
        if game.pending_events():
            return {**answer, "message": "Answer this month's events first."}
        shown = preview(game.run, decision)
        entry = to_entry(decision, ask.reason) if shown.ok else None
        if entry is not None:  # the entry as the log checks it, so a hand-in takes it
            entry = DECISION_SPECS[entry["type"]].model_validate(entry).model_dump(mode="json")
            to_command(DECISION_SPECS[entry["type"]].model_validate(entry))
        return {**answer, "ok": shown.ok, "message": shown.message, "effects": shown.effects,
                "entry": entry}

    @staticmethod
    def _summary(game: LiveGame) -> dict[str, Any] | None:
        """The last month played: what changed and why, as the window's summary says it."""
        rows = game.rows
        if not rows:
            return None
        before = rows[-2] if len(rows) > 1 else game.start_row
        after = rows[-1]
        played = int(after.get("month", len(rows)))
        sections = [{"title": t, "lines": lines} for t, lines in
                    explain_sections(before, after, None)]
        decided = [e for e in game.months if e.month == played]
        if decided:
            moves = [_choice_words(game, c.event, c.choice) for c in decided[0].choices]
            moves += [to_command(d).describe() for d in decided[0].decisions]
            sections.insert(0, {"title": "What you decided", "lines": moves})
        return {"month": played, "calendar": month_name(int(after.get("calendar_month", 1))),
                "sections": sections}


def _trend_words(ind: Any, history: list[dict[str, Any]]) -> str:
    """The trend in words, for those who cannot see the chart: last month and the start."""
    if len(history) < 2:
        return "No months played yet."
    try:
        before, first = ind.show(history[-2]), ind.show(history[0])
    except (KeyError, TypeError, ValueError):
        return ""
    return f"The month before: {before}. At the start: {first}."


def _choice_words(game: LiveGame, event_id: str, choice_id: str) -> str:
    try:
        event = game.scenario.event(event_id)
    except StopIteration:
        return f"{event_id}: {choice_id}"
    label = next((c.label for c in event.choices if c.id == choice_id), choice_id)
    return f"{event.title}: {label}"


# -- the desks' own process ----------------------------------------------------------------------
_DESKS: Desks | None = None  # in the worker process only


#: How much lower the desk process's CPU priority is than the host's (Unix ``nice``): on a
#: busy laptop, hand-ins and the facilitator's commands go first and desks wait.
DESK_NICENESS = 10


def _begin(session: DeskSession) -> None:
    global _DESKS
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(DESK_NICENESS)
    _DESKS = Desks(session)


def _work(team: str, state: dict[str, Any], request: dict[str, Any]) -> dict[str, Any]:
    """In the worker: the request comes as JSON (the log's decision classes are built at run
    time and do not pickle) and is checked again."""
    assert _DESKS is not None, "the desk process was not started"
    return _DESKS.desk(team, state, PreviewMessage.model_validate(request))


class DeskWorker:
    """Desks worked out in a process of its own, started at the first preview.

    A desk replays a team's practice and plays futures of it: tens of milliseconds of Python.
    On a thread of the host's process that work would take the interpreter's lock in turn with
    the event loop and hold up every other team's hand-in; in a process of its own, at a lower
    CPU priority (``DESK_NICENESS``), it does not. One process, so each team's replica stays
    in it between requests."""

    def __init__(self, session: DeskSession) -> None:
        self.session = session
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None

    async def desk(self, team: str, state: dict[str, Any], request: Any) -> dict[str, Any]:
        """The desk, from the worker; a worker that died is started again once."""
        loop = asyncio.get_running_loop()
        for attempt in (1, 2):
            try:
                return await loop.run_in_executor(self._start(), _work, team, state,
                                                  request.model_dump(mode="json"))
            except BrokenProcessPool:
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _start(self) -> concurrent.futures.ProcessPoolExecutor:
        if self._pool is None:
            self._pool = concurrent.futures.ProcessPoolExecutor(
                1, mp_context=multiprocessing.get_context("spawn"), initializer=_begin,
                initargs=(self.session,))
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
