"""The live protocol: versioned JSON messages between the host and its teams and facilitator.

Every message is one WebSocket text frame of at most ``MAX_MESSAGE_BYTES``, a JSON object with
``v`` (the protocol version) and ``type``. Client messages carry an ``id`` chosen by the
sender; the host answers each with a ``reply`` naming it (``re``). Sending the same ``id``
again (after a dropped connection, say) gets the first answer back, marked ``duplicate``, and
changes nothing: that is what makes a repeated submission count once.

A team's first message is ``hello`` with the join code and its name; the host answers
``welcome`` with a *seat key*, a secret that binds the name to that laptop. Rejoining needs
the same seat key, so a team cannot act for another. The facilitator's ``hello`` carries the
token the host printed; only it may send ``control`` messages.

A team with no copy of the game (the browser page the host serves on the same port) sends
``preview`` with its hand-in so far; the host answers with a ``desk``: what the team's window
works out on its own laptop (figures and trend, event cards in full, every decision with its
bounds and projected effect, last month's summary).

``partnership live-schema`` (see ``game.cli.commands_live``) prints the JSON Schema.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, model_validator

from ..content import check_name, check_text, text_problem
from ..scenario.decision_log import ChoiceEntry, DecisionEntry

VERSION = 1
PROTOCOL = f"partnership-live/{VERSION}"
MAX_MESSAGE_BYTES = 16 * 1024
MessageId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$",
                                 description="Chosen by the sender; unique per sender.")]
Secret = Annotated[str, Field(min_length=4, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")]
TeamName = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[^,\n\r\t]+$"),
                     AfterValidator(check_name)]
#: Text from a client (a reason, an event id): the content loader's characters only, so
#: nothing unreadable reaches the journal, the facilitator's terminal or a results file.
Text = Annotated[str, AfterValidator(check_text)]
#: A WebSocket close reason is at most 123 bytes of UTF-8 (RFC 6455, 5.5.1).
MAX_CLOSE_REASON_BYTES = 123

ControlAction = Literal["open", "lock", "advance", "pause", "resume", "inject", "rewind",
                        "reveal", "hide", "add_team", "drop_team", "release", "sync"]
CONTROL_ACTIONS: tuple[str, ...] = ControlAction.__args__  # type: ignore[attr-defined]


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    v: Literal[1] = Field(VERSION, description="Protocol version.")


# -- from a client ---------------------------------------------------------------------------
class HelloMessage(_Message):
    """The first message on a connection: who is joining, and their proof."""

    type: Literal["hello"] = "hello"
    id: MessageId
    role: Literal["team", "facilitator"] = Field(description="A team plays; the facilitator "
                                                 "runs the session.")
    code: Secret | None = Field(None, description="The session's join code (teams).")
    team: TeamName | None = Field(None, description="The team's name, as in the session.")
    seat: Secret | None = Field(None, description="The seat key from an earlier welcome, "
                                "needed to rejoin a team that has joined before.")
    token: Secret | None = Field(None, description="The facilitator's token.")


def check_hand_in_text(decisions: list[Any], choices: list[ChoiceEntry]) -> None:
    """The text rule on a hand-in's reasons and answers (a hand-in or a preview of one)."""
    for k, entry in enumerate(decisions):
        problem = text_problem(entry.reason)
        if problem is not None:
            raise ValueError(f"decisions.{k}.reason: {problem}")
    for k, choice in enumerate(choices):
        for text in (choice.event, choice.choice, choice.reason):
            problem = text_problem(text)
            if problem is not None:
                raise ValueError(f"choices.{k}: {problem}")


class SubmitMessage(_Message):
    """A team's hand-in for the round of ``month`` (replaces an earlier one that round)."""

    type: Literal["submit"] = "submit"
    id: MessageId
    month: int = Field(ge=1, le=36, description="The round (scenario month) it is for; a "
                       "hand-in for any other round is refused as late or early.")
    decisions: list[DecisionEntry] = Field(default_factory=list, max_length=24,
                                           description="The team's decisions, in order.")
    choices: list[ChoiceEntry] = Field(default_factory=list, max_length=24,
                                       description="Answers to this month's events.")

    @model_validator(mode="after")
    def _readable_text(self) -> SubmitMessage:
        check_hand_in_text(self.decisions, self.choices)
        return self


class ControlMessage(_Message):
    """A facilitator's command (only on a connection that showed the token)."""

    type: Literal["control"] = "control"
    id: MessageId
    action: ControlAction = Field(description="What to do: 'release' frees a team's seat (its "
                                 "laptop lost its seat key); 'sync' only asks for the room.")
    event: Text | None = Field(None, max_length=80, description="The event to inject.")
    team: TeamName | None = Field(None, description="The team an inject, add or drop is for.")


class PreviewAction(BaseModel):
    """One decision to look at before taking it, as a browser's decision form holds it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    action: str = Field(max_length=40, pattern=r"^[a-z]+\.[0-9]+$", description="The "
                        "decision's id in the desk's 'actions' (group.position).")
    values: dict[Annotated[str, Field(max_length=40)], int | float] = Field(
        default_factory=dict, max_length=8, description="Its fields by name: a number, or for "
        "a choice the position of the option picked (from 0).")
    reason: Text = Field("", max_length=1000, description="Why, in the team's words.")


class PreviewMessage(_Message):
    """A team with no copy of the game (a browser) asks for its desk: its figures and trend,
    the round's event cards in full, every decision with its bounds, this month's hand-in so
    far applied as the host would apply it, and the projected effect of ``action``. Nothing
    changes; the host answers with a ``desk`` (or a ``reply`` refusing)."""

    type: Literal["preview"] = "preview"
    id: MessageId
    month: int = Field(ge=1, le=36, description="The round the draft is for.")
    decisions: list[DecisionEntry] = Field(default_factory=list, max_length=24,
                                           description="The hand-in's decisions so far.")
    choices: list[ChoiceEntry] = Field(default_factory=list, max_length=24,
                                       description="Its answers to this month's events.")
    action: PreviewAction | None = Field(None, description="A decision to project.")

    @model_validator(mode="after")
    def _readable_text(self) -> PreviewMessage:
        check_hand_in_text(self.decisions, self.choices)
        return self


class SyncMessage(_Message):
    """Ask the host to send this client's current state again."""

    type: Literal["sync"] = "sync"
    id: MessageId


ClientMessage = Annotated[HelloMessage | SubmitMessage | ControlMessage | SyncMessage
                          | PreviewMessage, Field(discriminator="type")]
CLIENT_MESSAGE: TypeAdapter[Any] = TypeAdapter(ClientMessage)


# -- from the host ---------------------------------------------------------------------------
class WelcomeMessage(_Message):
    """The host admits a team or the facilitator."""

    type: Literal["welcome"] = "welcome"
    re: str = Field(description="The hello's id.")
    role: Literal["team", "facilitator"]
    team: str | None = Field(None, description="The team admitted.")
    seat: str | None = Field(None, description="The team's seat key: keep it to rejoin.")
    title: str = Field(description="The session's title.")
    scenario: str = Field(description="The scenario's id.")
    months: int = Field(description="Rounds in the session.")
    seed: int | None = Field(None, description="The session's seed (teams): a team's laptop "
                             "replays its own practice with it.")
    scenario_sha256: str | None = Field(None, description="SHA-256 of the scenario's checked "
                                        "content (teams).")
    scenario_spec: dict[str, Any] | None = Field(None, description="The scenario itself, as "
                                                 "checked JSON (teams), for a laptop that does "
                                                 "not have it.")


class ReplyMessage(_Message):
    """The answer to a submit, control or sync."""

    type: Literal["reply"] = "reply"
    re: str = Field(description="The id of the message answered.")
    ok: bool = Field(description="Whether it was accepted.")
    error: str = Field("", description="Why not, in words for the team or facilitator.")
    duplicate: bool = Field(False, description="It was a repeat of a message already "
                            "handled; this is the first answer again.")
    data: dict[str, Any] = Field(default_factory=dict, description="Any result.")


class TeamStateMessage(_Message):
    """What a team sees: the round, its events to answer and its latest figures."""

    type: Literal["state"] = "state"
    team: str
    month: int = Field(description="The round (scenario month) now.")
    months: int = Field(description="Rounds in the session.")
    phase: Literal["waiting", "open", "locked", "finished"]
    paused: bool
    seconds_left: float = Field(description="On the round's timer when this was sent.")
    events: list[dict[str, Any]] = Field(description="Events to answer: id, title, text and "
                                         "choices (id, title).")
    submitted: str | None = Field(description="The id of this round's hand-in, if any.")
    latest: dict[str, Any] | None = Field(description="Figures of the last month played.")
    league: list[dict[str, Any]] | None = Field(description="Scores, if teams may see them.")
    ended: str = Field(description="The end the practice reached, '' while it plays on.")
    record: dict[str, Any] | None = Field(None, description="The team's decision log as the "
                                          "host holds it: joined_month and months (month, "
                                          "injected, choices, decisions), from which the "
                                          "team's laptop replays its practice exactly.")
    hand_in: dict[str, Any] | None = Field(None, description="This round's hand-in as the "
                                           "host holds it (a decision-log month), if any.")


class RoomStateMessage(_Message):
    """What the facilitator sees: every team, who has handed in, the timer, the league."""

    type: Literal["room"] = "room"
    month: int
    months: int
    phase: Literal["waiting", "open", "locked", "finished"]
    paused: bool
    seconds_left: float
    teams: list[dict[str, Any]] = Field(description="name, joined (connected now), "
                                        "submitted, ended; in batch order.")
    waiting_for: list[str] = Field(description="Playing teams not handed in this round.")
    league_visible: bool
    league: list[dict[str, Any]]
    injectable: list[str]
    log: list[str] = Field(description="The facilitator's latest actions, newest last.")


class DeskMessage(_Message):
    """The host's answer to a ``preview``: a team's desk, worked out on the host's model."""

    type: Literal["desk"] = "desk"
    re: str = Field(description="The preview's id.")
    team: str
    month: int = Field(description="The round (scenario month) now.")
    months: int = Field(description="Rounds in the session.")
    ready: bool = Field(description="False when there is no desk to show (see 'problem').")
    problem: str = Field("", description="Why there is no desk, in words for the team.")
    calendar: str = Field("", description="The calendar month of the round.")
    practice: str = Field("", description="The practice's name.")
    title: str = Field("", description="The scenario's title.")
    figures: list[dict[str, Any]] = Field(default_factory=list, description="The dashboard's "
                                          "figures: key, label, shown, detail, band (green, "
                                          "amber, red, none), band_words, rule, trend (the "
                                          "figure at the start and after each month played), "
                                          "trend_words and min_span (the least change a "
                                          "chart of it spreads over its height).")
    staff: list[str] = Field(default_factory=list, description="The staff, in lines.")
    settings: str = Field("", description="The practice's settings with the draft applied.")
    events: list[dict[str, Any]] = Field(default_factory=list, description="This round's "
                                         "event cards: id, title, text, if_no_decision and "
                                         "choices (id, title, detail, effects).")
    actions: list[dict[str, Any]] = Field(default_factory=list, description="Every decision, "
                                          "grouped: group, title and actions (id, title and "
                                          "params: name, label, kind 'choice' with options or "
                                          "'number' with low, high, step, integer, unit and "
                                          "range; initial).")
    draft: dict[str, Any] = Field(default_factory=dict, description="The hand-in so far as "
                                  "the host applied it: choices and decisions (send these to "
                                  "hand in), moves (what each did), dropped (what the "
                                  "practice refused) and pending (events not answered).")
    preview: dict[str, Any] | None = Field(None, description="The decision asked about: "
                                           "action, ok, message, effects (its projection) "
                                           "and entry (the decision to add to the hand-in).")
    summary: dict[str, Any] | None = Field(None, description="The last month played: month, "
                                           "calendar and sections (title, lines).")
    method: str = Field("", description="How the projections are made.")


class ErrorMessage(_Message):
    """A message the host could not take (malformed, unauthorised); ``fatal`` closes."""

    type: Literal["error"] = "error"
    message: str
    fatal: bool = False


HostMessage = Annotated[WelcomeMessage | ReplyMessage | TeamStateMessage | RoomStateMessage
                        | DeskMessage | ErrorMessage, Field(discriminator="type")]
HOST_MESSAGE: TypeAdapter[Any] = TypeAdapter(HostMessage)


class ProtocolError(ValueError):
    """A message that is not valid JSON, too large, or not one of the protocol's."""


def parse_client(raw: str | bytes) -> BaseModel:
    """A client message, checked; raises ``ProtocolError`` with a short reason."""
    if isinstance(raw, bytes):
        raise ProtocolError("messages are JSON text, not binary")
    if len(raw.encode("utf-8", "replace")) > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"message larger than {MAX_MESSAGE_BYTES} bytes")
    try:
        return CLIENT_MESSAGE.validate_json(raw)
    except ValueError as exc:
        raise ProtocolError(_first_error(exc)) from None


#: What a client checks of the host's messages beyond their schema: the seed a practice is
#: replayed with, the rounds, the clock.
MAX_SEED = 2**63 - 1
MAX_HOST_NODES = 200_000


def host_problem(message: Any) -> str | None:
    """Why a message from the host cannot be used by a team's window or a client, or None.

    The schema first (``HostMessage``), then what a broken or hostile host could still send:
    text that breaks the text rule anywhere in the message (a NUL in a title, say), a seed a
    practice cannot be replayed with, a round or a timer out of range."""
    if not isinstance(message, dict):
        return f"not a JSON object but {type(message).__name__}"
    kind = message.get("type")
    try:
        HOST_MESSAGE.validate_python(message)
    except ValueError as exc:
        return f"a '{kind}' message that breaks the protocol ({_first_error(exc)})"
    problem = _text_anywhere(message)
    if problem is not None:
        return f"a '{kind}' message with unreadable text ({problem})"
    if kind == "welcome":
        seed, months = message.get("seed"), message["months"]
        if seed is not None and not 0 <= seed <= MAX_SEED:
            return f"a welcome with seed {seed}, outside 0 to 2^63-1"
        if not 1 <= months <= 36:
            return f"a welcome with {months} rounds (1 to 36 are possible)"
    if kind in ("state", "room"):
        month, months, left = message["month"], message["months"], message["seconds_left"]
        if not 1 <= months <= 36 or not 1 <= month <= months + 1:
            return f"a '{kind}' message for month {month} of {months}"
        if not math.isfinite(left) or left < 0:
            return f"a '{kind}' message with {left} seconds left"
    return None


def _text_anywhere(message: dict[str, Any]) -> str | None:
    """The first string (key or value) anywhere in ``message`` that breaks the text rule."""
    stack: list[tuple[str, Any]] = [("", message)]
    seen = 0
    while stack:
        where, value = stack.pop()
        seen += 1
        if seen > MAX_HOST_NODES:
            return f"more than {MAX_HOST_NODES} values"
        if isinstance(value, str):
            problem = text_problem(value)
            if problem is not None:
                return f"{where or 'message'}: {problem}"
        elif isinstance(value, dict):
            for key, item in value.items():
                stack.append((f"{where}.{key}" if where else str(key), item))
                stack.append((f"{where} key", key))
        elif isinstance(value, list):
            stack.extend((f"{where}.{k}", item) for k, item in enumerate(value))
    return None


def close_reason(text: str) -> str:
    """``text`` cut to fit a WebSocket close frame (123 bytes of UTF-8), on a character."""
    raw = text.encode("utf-8", "replace")
    if len(raw) <= MAX_CLOSE_REASON_BYTES:
        return text
    return raw[:MAX_CLOSE_REASON_BYTES - 3].decode("utf-8", "ignore") + "..."


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "message"
        return f"{where}: {first.get('msg', 'invalid')}"[:300]
    return str(exc)[:300]


def json_schema() -> dict[str, Any]:
    """The JSON Schema of every message in both directions, for client writers and editors."""
    every = Annotated[HelloMessage | SubmitMessage | ControlMessage | SyncMessage
                      | PreviewMessage | WelcomeMessage | ReplyMessage | TeamStateMessage
                      | RoomStateMessage | DeskMessage | ErrorMessage,
                      Field(discriminator="type")]
    schema = TypeAdapter(every).json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": PROTOCOL,
            "description": (__doc__ or "").strip(), **schema}
