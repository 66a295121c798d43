"""The named people in words: how each is doing and the player's dealings with them.

``team_views(session)`` gives, for each person the scenario names, what the Team view shows:
their role, a line such as "tired, trusts you less since March", where they are (off sick and
back in June, working their notice, left in May) and the history of the player's dealings with
them: each event card that was with them or whose answer touched them, what was chosen and
what it did to them, and what happened to them by itself (going off sick, resigning, leaving).
Everything is read from the month records and the actions the run keeps; nothing here draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model.people import LEAVE, PRESENT, SICKNESS
from ..model.roles import ROLES, role_index
from ..scenario.people import PERSON_ARGS, PersonSpec
from ..scenario.spec import EffectSpec, EventSpec, ScenarioSpec
from .wording import count, month_name

if TYPE_CHECKING:
    from ..scenario.runtime import ActionRecord
    from .game_session import GameSession

Row = dict[str, Any]
#: A change in trust smaller than this is not worth a word.
NOTICEABLE = 0.05
WELLBEING_WORDS = ((0.75, "well"), (0.55, "coping"), (0.4, "tired"), (0.0, "struggling"))
MORALE_WORDS = ((0.7, "in good spirits"), (0.5, ""), (0.35, "low in spirits"),
                (0.0, "very low in spirits"))


@dataclass(frozen=True)
class Now:
    """A person's figures as things stand (this month's answers included)."""

    in_post: bool
    morale: float
    wellbeing: float
    trust: float
    absence: int
    return_month: int
    notice: int
    concerns_by: int
    concerns_open: int


@dataclass(frozen=True)
class PersonView:
    """What the Team view shows of one person."""

    id: str
    name: str
    role: str
    portrait: str | None
    about: str
    doing: str  # "tired, trusts you less since March"
    where: str  # "Off sick, back in June" ("" at work)
    dealings: tuple[str, ...]  # oldest first


def team_views(session: GameSession) -> list[PersonView]:
    """Every named person of the session's scenario, in the order the scenario lists them."""
    state = session.run.world.state
    rows = [session.start_row, *session.rows]
    views = []
    for p, person in enumerate(session.scenario.people):
        now = Now(*(_at(state, figure, p) for figure in (
            "in_post", "morale", "wellbeing", "trust", "absence", "return_month", "notice",
            "concerns_by", "concerns_open")))
        views.append(person_view(session.scenario, person, now, rows, session.run.actions,
                                 session.month))
    return views


def _at(state: Any, figure: str, p: int) -> Any:
    value = getattr(state, f"person_{figure}")[0, p]
    return bool(value) if figure == "in_post" else (
        float(value) if figure in ("morale", "wellbeing", "trust") else int(value))


def person_view(scenario: ScenarioSpec, person: PersonSpec, now: Now, rows: list[Row],
                actions: list[ActionRecord], month: int) -> PersonView:
    """One person's view from their figures now, the month rows (month 0 first) and the
    run's actions (run 0's), in month ``month`` of the game."""
    return PersonView(
        person.id, person.name, ROLES[role_index(person.role)].label, person.portrait,
        person.about, doing_words(scenario, person.id, now, rows, month),
        where_words(scenario, person.id, now, rows, month),
        tuple(dealings(scenario, person.id, rows, actions)))


def calendar_name(scenario: ScenarioSpec, month: int) -> str:
    """The calendar month of scenario month ``month`` (1 is the first), e.g. "March"."""
    return month_name((scenario.start_month - 1 + month - 1) % 12 + 1)


def _word(value: float, words: tuple[tuple[float, str], ...]) -> str:
    return next(word for floor, word in words if value >= floor)


def doing_words(scenario: ScenarioSpec, pid: str, now: Now, rows: list[Row],
                month: int) -> str:
    """How they are doing: wellbeing, spirits, trust in the player and its trend, concerns."""
    if not now.in_post:
        return "no longer with the practice"
    parts = [_word(now.wellbeing, WELLBEING_WORDS), _word(now.morale, MORALE_WORDS),
             trust_words(scenario, pid, now.trust, rows, month)]
    if now.concerns_by:
        parts.append(f"has raised {count(now.concerns_by, 'concern')}")
    if now.concerns_open:
        parts.append(f"{count(now.concerns_open, 'concern')} about them not yet dealt with")
    return ", ".join(p for p in parts if p)


def trust_words(scenario: ScenarioSpec, pid: str, trust: float, rows: list[Row],
                month: int) -> str:
    """'trusts you less since March', 'trusts you more since June', or their trust's level."""
    series = [float(r.get(f"person_{pid}_trust", trust)) for r in rows] + [trust]
    start = series[0]
    if abs(trust - start) >= NOTICEABLE:
        sign = -1.0 if trust < start else 1.0
        # series[k] is month k's end (series[0] the start, the last one now, this month)
        steps = [k for k in range(1, len(series))
                 if sign * (series[k] - series[k - 1]) >= NOTICEABLE]
        since = steps[-1] if steps else next(
            k for k in range(1, len(series)) if sign * (series[k] - start) >= NOTICEABLE)
        when = calendar_name(scenario, min(since, month))
        return f"trusts you {'less' if sign < 0 else 'more'} since {when}"
    if trust >= 0.7:
        return "trusts you"
    return "wary of you" if trust < 0.45 else ""


def where_words(scenario: ScenarioSpec, pid: str, now: Now, rows: list[Row],
                month: int) -> str:
    """Where they are: left (and when), working their notice, off sick or on leave (and when
    they are back); '' when they are at work as usual."""
    if not now.in_post:
        gone = next((int(r["month"]) for r in rows[1:]
                     if not r.get(f"person_{pid}_in_post", True)), month)
        return f"Left the practice in {calendar_name(scenario, gone)}."
    if now.notice < 0:
        return "Has resigned this month and will work their notice."
    if now.notice > 0:
        return (f"Working their notice: {count(now.notice - 1, 'month')} after this one "
                "before they leave.")
    if now.absence != PRESENT:
        kind = "Off sick" if now.absence == SICKNESS else "On leave"
        return f"{kind}, back in {calendar_name(scenario, now.return_month)}."
    return ""


# -- the history of dealings ---------------------------------------------------------------------
def names_person(effect: EffectSpec, pid: str) -> bool:
    return any(effect.args.get(key) == pid for key in PERSON_ARGS)


EFFECT_WORDS = {
    "start_sick_leave": lambda a: f"off sick for {count(a['months'], 'month')}",
    "start_leave": lambda a: f"on leave for {count(a['months'], 'month')}",
    "return_to_work": lambda a: "back at work",
    "give_notice": lambda a: "resigned",
    "address_concerns": lambda a: "the concerns about them dealt with",
    "person_trust": lambda a: f"trust {a['delta']:+.2f}",
    "person_morale": lambda a: f"morale {a['delta']:+.2f}",
    "person_wellbeing": lambda a: f"wellbeing {a['delta']:+.2f}",
}


def effect_words(effect: EffectSpec, pid: str) -> str:
    """What an effect did to the person, in a few words."""
    if effect.name == "raise_concern":
        return "raised a concern" if effect.args.get("by") == pid else \
            "a concern raised about them"
    words = EFFECT_WORDS.get(effect.name)
    return words(effect.args) if words else effect.name.replace("_", " ")


def _answer(event: EventSpec, action: ActionRecord) -> tuple[str, list[EffectSpec]]:
    """What was done at the card (in words) and the effects that followed."""
    index = -1 if action.choice is None else int(action.choice[0])
    if action.settled or index < 0:
        lapse = event.if_no_decision
        return "nobody decided", list(lapse.effects) if lapse else []
    choice = event.choices[index]
    return f"you chose \u201c{choice.label}\u201d", list(choice.effects)


def dealings(scenario: ScenarioSpec, pid: str, rows: list[Row],
             actions: list[ActionRecord]) -> list[str]:
    """Each card with or about them and what it did to them, and what happened to them by
    itself, month by month."""
    out: list[tuple[int, str]] = []
    touched: set[int] = set()
    for action in actions:
        if not action.event or not action.mask[0]:
            continue
        event = scenario.event(action.event)
        said, effects = _answer(event, action)
        mine = [e for e in effects if names_person(e, pid)]
        if event.person != pid and not mine:
            continue
        what = "; ".join(effect_words(e, pid) for e in mine)
        out.append((action.month, f"{calendar_name(scenario, action.month)}: "
                    f"{event.title}: {said}" + (f" ({what})" if what else "") + "."))
        touched.add(action.month)
    out += [(m, line) for m, line in _by_itself(scenario, pid, rows) if m not in touched]
    return [line for _, line in sorted(out, key=lambda x: x[0])]


def _by_itself(scenario: ScenarioSpec, pid: str, rows: list[Row]) -> list[tuple[int, str]]:
    """What the month records show happening to them: going off sick, resigning, leaving."""
    out = []
    for before, after in zip(rows, rows[1:], strict=False):
        m = int(after["month"])
        when = calendar_name(scenario, m)
        if before.get(f"person_{pid}_in_post", True) and not after.get(
                f"person_{pid}_in_post", True):
            out.append((m, f"{when}: left the practice."))
        elif not before.get(f"person_{pid}_notice", 0) and after.get(f"person_{pid}_notice", 0):
            out.append((m, f"{when}: handed in their notice."))
        elif before.get(f"person_{pid}_absence", PRESENT) == PRESENT:
            kind = after.get(f"person_{pid}_absence", PRESENT)
            if kind in (SICKNESS, LEAVE):
                went = "went off sick" if kind == SICKNESS else "went on leave"
                out.append((m, f"{when}: {went}."))
    return out
