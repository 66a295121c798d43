"""Who may do what in a live session, and the one place the host's session changes.

``LiveRoom`` wraps the authoritative ``GroupSession`` with the live rules: the join code
admits a team, a seat key binds it to one laptop, only the facilitator's token controls the
session, and every accepted action is journaled before it is answered. The answers to each
sender's latest ``KEPT_ANSWERS`` message ids are kept, so a repeat gets the first answer again
and changes nothing; a team's hand-ins are taken at most ``MAX_HAND_INS_PER_ROUND`` times a
round, so neither memory nor the journal grows without limit.

No sockets and no clock here: ``server`` feeds it parsed messages and the time that passed,
and ``resume`` rebuilds a room from its journal by feeding the same actions again.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import secrets
from collections import OrderedDict
from pathlib import Path
from typing import Any

from ..scenario.decision_log import to_command
from ..scenario.runtime import ScenarioRun
from ..session.engine import GroupSession
from ..session.rounds import Phase, SessionError, Submission
from ..session.spec import LoadedSession
from .journal import Journal, JournalError, JournalHeader
from .protocol import ControlMessage, HelloMessage, SubmitMessage

FACILITATOR = "@facilitator"  # the sender key of the facilitator's answers
#: Answers remembered per sender (its latest message ids): a client resends only the one
#: message it is waiting on, so this is far more than a repeat needs.
KEPT_ANSWERS = 64
#: Hand-ins taken (and journaled) from one team in one round; each replaces the last.
MAX_HAND_INS_PER_ROUND = 40


class LiveSession(GroupSession):
    """A ``GroupSession`` whose trial of a hand-in copies only what a decision can change.

    The engine checks a hand-in on a deep copy of the whole batch; with fifty teams and two
    years of history that copy dominated. The scenario, parameters, noise streams and history
    are only read while deciding, so the trial shares them."""

    def _trial_run(self) -> ScenarioRun:
        run = self.run
        memo: dict[int, Any] = {id(x): x for x in (run.scenario, run.params, run.noise,
                                                    run.history)}
        memo[id(run.actions)] = list(run.actions)
        return copy.deepcopy(run, memo)


class Refused(Exception):
    """A hello the room will not admit; the message is shown to whoever tried."""


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def make_code() -> str:
    """A join code to read out in a room: eight letters and digits without look-alikes."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class LiveRoom:
    """The session as the host serves it."""

    def __init__(self, loaded: LoadedSession, journal: Journal, header: JournalHeader) -> None:
        self.session = LiveSession(loaded)
        self.journal = journal
        self.code, self.token = header.code, header.token
        self.seats: dict[str, str] = {}  # team -> SHA-256 of its seat key
        self.answers: dict[str, OrderedDict[str, dict[str, Any]]] = {}  # sender -> id -> answer
        self.hand_in_ids: dict[str, str] = {}
        self.hand_ins_this_round: dict[str, int] = {}
        self.version = 0  # bumped by every change, so views can be cached
        self._replaying = False
        self._league: tuple[Any, list[dict[str, Any]]] = (None, [])

    @classmethod
    def resume(cls, loaded: LoadedSession, journal: Journal, header: JournalHeader,
               entries: list[dict[str, Any]]) -> LiveRoom:
        """The room as it was: every journaled action applied again, in order."""
        room = cls(loaded, journal, header)
        room._replaying = True
        for n, entry in enumerate(entries, 2):
            try:
                room._replay(entry)
            except (KeyError, TypeError, ValueError) as exc:  # pydantic's errors are ValueErrors
                line = getattr(entry, "line", n)
                why = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
                raise JournalError(f"{journal.path}:{line}: this entry does not replay ({why}); "
                                   "start again with --fresh, or name another journal with "
                                   "--journal") from None
        room._replaying = False
        return room

    # -- admission --------------------------------------------------------------------------
    def admit(self, hello: HelloMessage) -> tuple[str, str | None]:
        """Who the hello is from (a team name or ``FACILITATOR``) and, for a team joining
        for the first time, its new seat key. Raises ``Refused``."""
        if hello.role == "facilitator":
            if not hello.token or not hmac.compare_digest(hello.token, self.token):
                raise Refused("That is not the facilitator's token.")
            return FACILITATOR, None
        if not hello.code or not hmac.compare_digest(hello.code.upper(), self.code):
            raise Refused("That join code is not this session's.")
        team = self._team_named(hello.team or "")
        known = self.seats.get(team)
        if known is not None:
            if not hello.seat or not hmac.compare_digest(_sha(hello.seat), known):
                raise Refused(f"{team} has already joined from another laptop. Rejoin from "
                              "that laptop, or ask the facilitator to release the seat.")
            return team, hello.seat
        seat = secrets.token_urlsafe(18)
        self._record({"kind": "seat", "team": team, "seat_sha256": _sha(seat)})
        self.seats[team] = _sha(seat)
        return team, seat

    def _team_named(self, name: str) -> str:
        for team in self.session.teams:
            if team.casefold() == name.strip().casefold():
                return team
        if name.strip() in self.session.observers:
            raise Refused("Observers watch the facilitator's screen; they do not join.")
        raise Refused(f"There is no team called '{name}' in this session (teams: "
                      f"{', '.join(self.session.teams)}).")

    # -- actions ----------------------------------------------------------------------------
    def answered(self, sender: str, message_id: str) -> bool:
        """Whether the answer to this message is kept (a repeat gets it again)."""
        return message_id in self.answers.get(sender, {})

    def _kept(self, sender: str, message_id: str) -> dict[str, Any] | None:
        kept = self.answers.get(sender)
        answer = kept.get(message_id) if kept is not None else None
        return None if answer is None else {**answer, "duplicate": True}

    def _keep(self, sender: str, message_id: str, answer: dict[str, Any]) -> None:
        kept = self.answers.setdefault(sender, OrderedDict())
        kept[message_id] = answer
        while len(kept) > KEPT_ANSWERS:
            kept.popitem(last=False)

    def submit(self, team: str, msg: SubmitMessage) -> dict[str, Any]:
        """A team's hand-in, once: the answer to its id is kept and given again to repeats."""
        kept = self._kept(team, msg.id)
        if kept is not None:
            return kept
        answer = self._try_submit(team, msg)
        self._keep(team, msg.id, answer)
        return answer

    def _try_submit(self, team: str, msg: SubmitMessage) -> dict[str, Any]:
        s = self.session
        if msg.month != s.month or s.phase is not Phase.OPEN:
            when = "late" if msg.month < s.month or s.phase is not Phase.WAITING else "early"
            return _no(f"This hand-in for month {msg.month} came {when}: the round now is "
                       f"month {s.month} and it is {s.phase.value}.")
        if self.hand_ins_this_round.get(team, 0) >= MAX_HAND_INS_PER_ROUND:
            return _no(f"This team has handed in {MAX_HAND_INS_PER_ROUND} times this round, "
                       "the most the host takes: your last hand-in stands.")
        sub = Submission.make([to_command(d) for d in msg.decisions],
                              {c.event: c.choice for c in msg.choices},
                              [d.reason for d in msg.decisions])
        try:
            s.submit(team, sub)
        except SessionError as exc:
            return _no(str(exc))
        self._record({"kind": "submit", "team": team, **msg.model_dump(mode="json")})
        self.hand_in_ids[team] = msg.id
        self.hand_ins_this_round[team] = self.hand_ins_this_round.get(team, 0) + 1
        return {"ok": True, "data": {"month": msg.month}}

    def control(self, msg: ControlMessage) -> dict[str, Any]:
        """A facilitator's command, once per id."""
        kept = self._kept(FACILITATOR, msg.id)
        if kept is not None:
            return kept
        if msg.action == "sync":
            return {"ok": True}
        try:
            data = self._do(msg)
        except SessionError as exc:
            answer = _no(str(exc))
        else:
            self._record({"kind": "control", **msg.model_dump(mode="json")})
            answer = {"ok": True, "data": data}
        self._keep(FACILITATOR, msg.id, answer)
        return answer

    def _do(self, msg: ControlMessage) -> dict[str, Any]:
        s = self.session
        match msg.action:
            case "open":
                fired = s.open_round()
                self.hand_ins_this_round = {}
                return {"fired": fired}
            case "lock":
                s.lock()
            case "advance":
                s.advance()
                return {"played": s.month - 1}
            case "pause":
                s.pause()
            case "resume":
                s.resume()
            case "inject":
                return {"teams": s.inject(msg.event or "", msg.team)}
            case "rewind":
                return {"month": s.rewind()}
            case "reveal" | "hide":
                s.set_league_visible(msg.action == "reveal")
            case "add_team":
                s.add_team(msg.team or "")
            case "drop_team":
                s.drop_team(msg.team or "")
                self.seats.pop(msg.team or "", None)
            case "release":
                if (msg.team or "") not in self.seats:
                    raise SessionError(f"'{msg.team}' has no seat to release.")
                self.seats.pop(msg.team or "")
        self._forget_stale_ids()
        return {}

    def tick(self, seconds: float) -> None:
        self.session.tick(seconds)

    def note_timer(self) -> None:
        """Journal the round timer, so a restarted host does not give the room extra time."""
        self._record({"kind": "timer", "seconds_left": round(self.session.timer.seconds_left,
                                                             1)}, bump=False)

    # -- inside -----------------------------------------------------------------------------
    def _forget_stale_ids(self) -> None:
        self.hand_in_ids = {t: i for t, i in self.hand_in_ids.items()
                            if t in self.session.submissions}

    def _record(self, entry: dict[str, Any], bump: bool = True) -> None:
        if bump:
            self.version += 1
        if not self._replaying:
            self.journal.append(entry)

    def _replay(self, entry: dict[str, Any]) -> None:
        kind = entry.get("kind")
        body = {k: v for k, v in entry.items() if k not in ("kind", "team")}
        if kind == "seat":
            self.seats[entry["team"]] = entry["seat_sha256"]
        elif kind == "submit":
            self.submit(entry["team"], SubmitMessage.model_validate(body))
        elif kind == "control":
            self.control(ControlMessage.model_validate({**body, "team": entry.get("team")}))
        elif kind == "timer":
            self.session.timer.seconds_left = float(entry["seconds_left"])

    def league(self) -> list[dict[str, Any]]:
        """The session's league, worked out again only when a month is played or the teams
        change (not on every hand-in)."""
        run = self.session.run
        key = (id(run), len(run.history), tuple(self.session.teams))
        if self._league[0] != key:
            self._league = (key, self.session.league())
        return self._league[1]

    def debrief(self, folder: str | Path) -> str:
        """Write every team's results file, the HTML comparison (``debrief.html``) and the
        spreadsheet (``debrief.csv``) into ``folder``, as the one-screen debrief and the
        ``debrief`` command do; the comparison as text."""
        from ..session.compare import compare
        from ..session.outcome import session_intake, write_debrief
        from ..session.text import comparison_text

        if not self.session.run.history:
            return "no month played yet: nothing to debrief"
        Path(folder).mkdir(parents=True, exist_ok=True)
        intake = session_intake(self.session)
        comparison = compare(intake)
        written = write_debrief(self.session, comparison, intake, Path(folder))
        page, sheet = (p for p in written if p.name in ("debrief.html", "debrief.csv"))
        return comparison_text(comparison) + f"\nreport: {page}\nspreadsheet: {sheet}"


def _no(error: str) -> dict[str, Any]:
    return {"ok": False, "error": error}
