"""The scenario format: pydantic specs for scenario YAML files.

Every field has a description: it becomes the JSON Schema's hover text in an editor and the
field reference in ``docs/authoring.md``. Unknown keys, unknown names, dangling references and
out-of-range values are errors, reported with the file, line and column.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from ..content.errors import LocatedValueError
from ..model.params import Params
from ..model.record import metric_names
from ..model.roles import ROLE_KEYS
from ..model.state import APPOINTMENT_MODELS, PracticeProfile
from .calls import Condition, ConditionSpec, Effect, EffectSpec, Spec
from .language import (
    BriefingText,
    CounterSpec,
    FeedbackText,
    OutcomeSpec,
    Slug,
    VariantSpec,
)
from .people import PersonSpec, reference_problems, staffing_problem

DIMENSIONS: tuple[str, ...] = (
    "inspiring_shared_purpose", "leading_with_care", "evaluating_information",
    "connecting_our_service", "sharing_the_vision", "engaging_the_team",
    "holding_to_account", "developing_capability", "influencing_for_results",
)
PILLARS: tuple[str, ...] = ("finance", "access", "quality", "team", "system", "equity")
Dimension = Literal[DIMENSIONS]  # type: ignore[valid-type]
Pillar = Literal[PILLARS]  # type: ignore[valid-type]
#: The largest weight a pillar may have in the overall score (weights count by their ratios).
MAX_WEIGHT = 100.0
RoleKey = Literal[ROLE_KEYS]  # type: ignore[valid-type]
RcgpCapability = Literal[
    "knowing_yourself_and_relating_to_others", "applying_clinical_knowledge_and_skill",
    "managing_complex_and_long_term_care", "working_well_in_organisations_and_systems_of_care",
    "caring_for_the_whole_person_and_the_wider_community",
]
METRICS = metric_names()


Share = Annotated[float, Field(ge=0, le=1)]


class ChoiceSpec(Spec):
    id: Slug = Field(description="Identifier of the choice, unique within its event.")
    label: str = Field(min_length=1, max_length=120, description="What the player sees on the "
                       "button: the choice in a few words.")
    detail: str = Field("", max_length=600, description="A sentence on what the choice means.")
    effects: list[Effect] = Field(default_factory=list, description="What the choice does.")
    leadership: dict[Dimension, int] = Field(
        default_factory=dict, description="Healthcare Leadership Model dimensions the choice "
        "shows: +1 or +2 for good practice, -1 or -2 for poor practice.")
    feedback: FeedbackText = Field(  # type: ignore[valid-type]
        "", description="Feedback for the debrief when the player takes this choice: what it "
        "showed and what it cost. A text, or variants chosen by what had happened when it was "
        "taken.")
    shown_if: list[Condition] = Field(
        default_factory=list, description="Conditions that must all hold, when the card "
        "arrives, for the choice to be on it (checked per run, like a trigger's); left out, "
        "the choice is always shown. An answer naming a choice that is not shown is refused.")
    outcomes: list[OutcomeSpec] = Field(
        default_factory=list, description="Ways the choice can turn out by chance (two to "
        "six), each with a weight, its own effects and feedback; left out, the choice always "
        "turns out the same way.")

    @model_validator(mode="after")
    def _tag_range(self) -> ChoiceSpec:
        for dim, value in self.leadership.items():
            if value not in (-2, -1, 1, 2):
                raise ValueError(f"leadership tag {dim} must be -2, -1, 1 or 2 (got {value})")
        if len(self.outcomes) == 1 or len(self.outcomes) > 6:
            raise LocatedValueError(f"a choice has two to six outcomes, not "
                                    f"{len(self.outcomes)} (one sure outcome belongs in the "
                                    "choice's own effects)", ("outcomes",))
        ids = [o.id for o in self.outcomes]
        for i, oid in enumerate(ids):
            if oid in ids[:i]:
                raise LocatedValueError(f"duplicate outcome id '{oid}'", ("outcomes", i, "id"))
        return self

    def chances(self) -> list[float]:
        """Each outcome's chance (0-1), in order."""
        total = sum(o.weight for o in self.outcomes)
        return [o.weight / total for o in self.outcomes]


class InactionSpec(Spec):
    """What happens when an event's card lapses: nobody in the practice decides by the end of
    the month. Without it, a lapsed card does nothing: none of its choices happens."""

    summary: str = Field("", max_length=300, description="What letting the card lapse means, "
                         "in a sentence the player can read on the card.")
    effects: list[Effect] = Field(default_factory=list, description="What happens when nobody "
                                  "decides.")
    leadership: dict[Dimension, int] = Field(
        default_factory=dict, description="Healthcare Leadership Model dimensions that letting "
        "the card lapse shows: -1 or -2 where inaction is poor practice, +1 or +2 where "
        "waiting is the wise course.")
    feedback: str = Field("", max_length=1200, description="Feedback for the debrief when the "
                          "card lapses: what the inaction showed and what it cost.")

    @model_validator(mode="after")
    def _tag_range(self) -> InactionSpec:
        for dim, value in self.leadership.items():
            if value not in (-2, -1, 1, 2):
                raise ValueError(f"leadership tag {dim} must be -2, -1, 1 or 2 (got {value})")
        return self


class AnyMonthSpec(Spec):
    """The card's words for any month, for an event whose own words set it in a season."""

    title: str | None = Field(None, min_length=1, max_length=80, description="The headline "
                              "outside the season (left out, the event's own title).")
    briefing: str = Field(min_length=1, max_length=2000, description="What has happened, in "
                          "words true in any month of the year.")


class TriggerSpec(Spec):
    month: int | None = Field(None, ge=1, le=36, description="Fire in exactly this month.")
    months: tuple[int, int] | None = Field(None, description="Fire in a month within this "
                                           "inclusive range [first, last].")
    when: list[Condition] = Field(default_factory=list, description="Conditions that must all "
                                  "hold at the start of the month.")
    probability: float = Field(1.0, ge=0.0, le=1.0, description="Chance of firing in a month "
                               "when everything else holds.")
    repeat: bool = Field(False, description="Whether it may fire again after it has fired.")
    cooldown_months: int = Field(3, ge=1, le=24, description="Months between repeats.")

    @model_validator(mode="after")
    def _one_timing(self) -> TriggerSpec:
        if self.month is not None and self.months is not None:
            raise ValueError("give 'month' or 'months', not both")
        if self.months is not None and self.months[0] > self.months[1]:
            raise ValueError("'months' must be [first, last] with first <= last")
        return self


class EventSpec(Spec):
    id: Slug = Field(description="Identifier of the event, unique in the scenario.")
    title: str = Field(min_length=1, max_length=80, description="The card's headline.")
    briefing: BriefingText = Field(  # type: ignore[valid-type]
        description="What has happened, as the player reads it on the card: a text, or "
        "variants chosen by what holds when the card arrives.")
    trigger: TriggerSpec = Field(description="When the event happens.")
    image: str | None = Field(None, max_length=200, description="A picture for the card: a "
                              "PNG or JPEG file in the scenario's folder or a folder inside it, "
                              "e.g. images/reception.png.")
    person: str | None = Field(None, max_length=64, description="The named person (an id "
                               "under `people`) the card is about or with: a one-to-one "
                               "conversation shows their portrait, and the Team view lists "
                               "the card in the history of your dealings with them.")
    choices: list[ChoiceSpec] = Field(min_length=2, max_length=4, description="Two to four "
                                      "choices.")
    if_no_decision: InactionSpec | None = Field(
        None, description="What happens if nobody decides by the end of the month: its own "
        "effects, feedback and leadership evidence. Left out, a lapsed card does nothing (none "
        "of its choices happens); the validator warns, since every card should say.")
    any_month: AnyMonthSpec | None = Field(
        None, description="For an event whose title or briefing names a season (winter, a cold "
        "snap, a heatwave...): the card's words for any month. A facilitator may then inject "
        "it in any month, and outside its season the card shows these words; left out, it "
        "can be injected only in its season.")

    @model_validator(mode="after")
    def _unique_choices(self) -> EventSpec:
        ids = [c.id for c in self.choices]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate choice id(s): {', '.join(dupes)}")
        return self


class LearningObjectiveSpec(Spec):
    text: str = Field(min_length=1, max_length=300, description="What the trainee will learn.")
    leadership: list[Dimension] = Field(default_factory=list, description="Healthcare "
                                        "Leadership Model dimensions this objective develops.")
    rcgp: list[RcgpCapability] = Field(default_factory=list, description="RCGP curriculum "
                                       "capabilities this objective evidences.")


class KnowledgeQuestionSpec(Spec):
    """One multiple-choice question of the scenario's knowledge check, asked before and after
    play so that a scheme can see what a session taught."""

    id: Slug = Field(description="Identifier of the question, unique in the check.")
    question: str = Field(min_length=1, max_length=400, description="The question as the "
                          "trainee reads it.")
    options: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        min_length=2, max_length=5, description="Two to five answers to choose from.")
    answer: int = Field(ge=1, le=5, description="The number of the right option, counting "
                        "from 1.")
    explanation: str = Field(min_length=1, max_length=800, description="Why that answer is "
                             "right, for the debrief.")
    source: str = Field(min_length=1, max_length=400, description="Where the fact comes from: "
                        "the publication, its year, and a web address where there is one.")

    @model_validator(mode="after")
    def _answer_is_an_option(self) -> KnowledgeQuestionSpec:
        if self.answer > len(self.options):
            raise LocatedValueError(f"answer {self.answer} is not one of the "
                                    f"{len(self.options)} options", ("answer",))
        if len(set(self.options)) < len(self.options):
            raise LocatedValueError("two options are the same", ("options",))
        return self


class GoalSpec(Spec):
    id: Slug = Field(description="Identifier of the goal.")
    text: str = Field(min_length=1, max_length=200, description="The goal as the briefing "
                      "states it.")
    metric: str = Field(description="A monthly figure (see the month record fields), e.g. "
                        "cash_gbp, wait_days, staff_wellbeing.")
    at_least: float | None = Field(None, description="Met when the figure is at least this.")
    at_most: float | None = Field(None, description="Met when the figure is at most this.")
    judged: Literal["end", "every_month", "average"] = Field(
        "end", description="Judged on the last month, on every month, or on the average.")
    pillar: Pillar = Field(description="The outcome pillar this goal belongs to.")

    @model_validator(mode="after")
    def _check(self) -> GoalSpec:
        if self.metric not in METRICS:
            raise ValueError(f"unknown metric '{self.metric}' (e.g. cash_gbp, wait_days, "
                             "staff_wellbeing, patient_satisfaction, dna_rate)")
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("give exactly one of 'at_least' or 'at_most'")
        return self


class EndConditionSpec(Spec):
    id: Slug = Field(description="Identifier of the end condition.")
    title: str = Field(min_length=1, max_length=80, description="Headline shown when it ends.")
    message: str = Field(min_length=1, max_length=600, description="What happened and why.")
    when: list[Condition] = Field(min_length=1, description="Conditions that must all hold.")


class PracticeSpec(Spec):
    """The practice at the start. Anything left out takes the national-average default."""

    name: str = Field("The practice", max_length=80, description="The practice's name.")
    list_size: int = Field(10_000, ge=1_000, le=80_000, description="Registered patients.")
    age_mix: tuple[Share, Share, Share, Share, Share, Share, Share] | None = Field(
        None, description="Share of the list aged 0-4, 5-14, 15-44, 45-64, 65-74, 75-84, 85+, "
        "adding up to 1.")
    deprivation: float = Field(0.5, ge=0, le=1, description="0 least to 1 most deprived.")
    staff: dict[RoleKey, Annotated[float, Field(ge=0, le=300)]] | None = Field(
        None, description="People in post by role (fractions for shared PCN staff), up to 300 "
        "each.")
    locum_sessions_per_month: float = Field(20, ge=0, le=200, description="Locum GP sessions.")
    cash_gbp: float = Field(60_000, ge=-500_000, le=2_000_000, description="Cash at the start.")
    overdraft_limit_gbp: float = Field(100_000, ge=0, le=1_000_000, description="Overdraft.")
    loan_balance_gbp: float = Field(0, ge=0, le=2_000_000, description="Loans outstanding.")
    loan_months_left: int = Field(0, ge=0, le=240, description="Months to repay them.")
    drawings_per_partner_month_gbp: float = Field(10_500, ge=0, le=30_000,
                                                  description="Each partner's monthly drawings.")
    pcn_relationship: float = Field(0.6, ge=0, le=1, description="Relations with the PCN.")
    morale: dict[Literal["gp", "nursing", "arrs", "admin"], float] = Field(
        default_factory=dict, description="Starting morale by staff group (0-1).")
    recording_quality: float = Field(0.85, ge=0, le=1, description="Coding quality (0-1).")
    prevalence_recording: float = Field(1.0, ge=0.5, le=1.1, description="Recorded against "
                                        "true prevalence.")
    governance: float = Field(0.75, ge=0, le=1, description="Governance and systems (0-1).")
    cqc_rating: Literal["inadequate", "requires_improvement", "good", "outstanding"] = Field(
        "good", description="The CQC rating at the start.")
    qof_previous_achievement: float = Field(0.95, ge=0, le=1, description="Last year's QOF.")
    appointment_model: Literal[APPOINTMENT_MODELS] = Field(  # type: ignore[valid-type]
        "traditional", description="How appointments are offered at the start: traditional "
        "booking, triage_first or total_triage.")
    cloud_telephony: bool = Field(True, description="Cloud telephony with call-back and "
                                  "queueing (with online consultations, needed for the CAIP).")
    online_consultations: bool = Field(True, description="An online consultation tool.")
    enhanced_access: bool = Field(True, description="Taking part in the PCN's evening and "
                                  "Saturday enhanced access rota.")
    training_practice: bool = Field(False, description="Approved to train GP registrars.")
    clinical_rooms: int | None = Field(None, ge=1, le=100, description="Consulting and "
                                       "treatment rooms. Clinicians can only be hired into free "
                                       "rooms; left out, the practice has enough for its starting "
                                       "clinical staff with about 15% to spare.")

    @model_validator(mode="after")
    def _age_mix_adds_up(self) -> PracticeSpec:
        if self.age_mix is not None and not 0.95 <= sum(self.age_mix) <= 1.05:
            raise LocatedValueError(f"the age shares add up to {sum(self.age_mix):g}, not 1",
                                    ("age_mix",))
        return self

    def profile(self, start_calendar_month: int) -> PracticeProfile:
        data = self.model_dump(exclude={"name", "age_mix", "staff"})
        extra: dict[str, Any] = {"start_calendar_month": start_calendar_month}
        if self.age_mix is not None:
            extra["age_mix"] = self.age_mix
        if self.staff is not None:
            extra["staff"] = dict(self.staff)
        return PracticeProfile(**data, **extra)


class ScenarioSpec(Spec):
    """A Partnership scenario."""

    id: Slug = Field(description="Identifier, used on the command line.")
    title: str = Field(min_length=1, max_length=80, description="Title in the chooser.")
    summary: str = Field(min_length=1, max_length=600, description="A paragraph for the "
                         "chooser.")
    difficulty: Literal["introductory", "intermediate", "advanced"] = Field(
        "intermediate", description="How hard the scenario is, shown in the chooser.")
    length_months: int = Field(ge=3, le=36, description="Months to play.")
    start_month: int = Field(4, ge=1, le=12, description="Calendar month of the first turn "
                             "(4 = April, the start of the financial year).")
    tutorial: bool = Field(False, description="Show the guided first month.")
    learning_objectives: list[LearningObjectiveSpec] = Field(
        min_length=1, description="What a trainee will learn, mapped to the leadership "
        "dimensions and RCGP capabilities.")
    briefing: str = Field(min_length=1, max_length=4000, description="The situation as the "
                          "player reads it before the first month.")
    goals: list[GoalSpec] = Field(default_factory=list, description="Every goal, shown in the "
                                  "briefing with how it is judged.")
    practice: PracticeSpec = Field(  # type: ignore[arg-type]
        default_factory=PracticeSpec, description="The practice at the start: list, staff, "
        "money, relationships.")
    parameters: dict[str, float] = Field(default_factory=dict, description="Model parameter "
                                         "overrides by name (see docs/calibration.md).")
    recruitment_market: float = Field(1.0, gt=0, le=3, description="Below 1, posts are "
                                      "harder to fill; above 1, easier.")
    people: list[PersonSpec] = Field(default_factory=list, max_length=30, description="Named "
                                     "members of staff, each one of their role's heads in "
                                     "practice.staff, with their own morale, wellbeing, trust "
                                     "in the player, absence and notice.")
    events: list[EventSpec] = Field(default_factory=list, description="The event cards: "
                                    "when each arrives, what it says, and its choices.")
    scoring: dict[Pillar, Annotated[float, Field(ge=0, le=MAX_WEIGHT)]] = Field(
        default_factory=lambda: dict.fromkeys(PILLARS, 1.0),
        description=f"Weight of each outcome pillar in the overall score, 0 to {MAX_WEIGHT:g} "
        "(only their ratios count); at least one above 0.")
    end_conditions: list[EndConditionSpec] = Field(default_factory=list, description=
                                                   "What ends the scenario early.")
    counters: list[CounterSpec] = Field(default_factory=list, description="Numbers the "
                                        "scenario keeps (see `counter_add`, "
                                        "`counter_at_least`), each with its start value.")
    reflection_questions: list[str] = Field(default_factory=list, description="Questions for "
                                            "the debrief.")
    balance_notes: dict[Slug, Annotated[str, Field(min_length=1, max_length=600)]] = Field(
        default_factory=dict, description="Why a strategy that `partnership balance` treats as "
        "reckless (an adversarial policy, by name: strip-the-staff, zero-locums, max-drawings, "
        "hire-everything, wellbeing-every-month, leave-every-scheme) is right in this "
        "scenario when it beats a practice left alone. Without a note, balance warns.")
    knowledge_check: list[KnowledgeQuestionSpec] = Field(
        default_factory=list, max_length=12, description="A short multiple-choice check taken "
        "before and after play (six to ten questions is usual), so that the change measures "
        "what the session taught.")

    @model_validator(mode="after")
    def _cross_references(self) -> ScenarioSpec:
        if not any(w > 0 for w in self.scoring.values()):
            raise LocatedValueError("at least one pillar must weigh more than 0, or the "
                                    "overall score means nothing", ("scoring",))
        for name, value in self.parameters.items():
            try:
                Params().with_overrides({name: value})
            except (KeyError, ValueError) as exc:
                raise LocatedValueError(str(exc.args[0]), ("parameters", name)) from None
        params = Params().with_overrides(self.parameters)
        if params.unsafe_contacts_per_gp_day <= params.safe_contacts_per_gp_day:
            raise LocatedValueError("unsafe_contacts_per_gp_day must be above "
                                    "safe_contacts_per_gp_day", ("parameters",))
        ids = [e.id for e in self.events]
        for i, event_id in enumerate(ids):
            if event_id in ids[:i]:
                raise LocatedValueError(f"duplicate event id '{event_id}'", ("events", i, "id"))
        asked = [q.id for q in self.knowledge_check]
        for i, qid in enumerate(asked):
            if qid in asked[:i]:
                raise LocatedValueError(f"duplicate question id '{qid}'",
                                        ("knowledge_check", i, "id"))
        staffing = staffing_problem(self.people, self.practice.staff)
        if staffing:
            raise LocatedValueError(*staffing)
        for message, loc in reference_problems(self, self.people):
            raise LocatedValueError(message, loc)
        self._check_references()
        for i, e in enumerate(self.events):
            timed = e.trigger.month or (e.trigger.months[1] if e.trigger.months else None)
            if timed is not None and timed > self.length_months:
                key = "month" if e.trigger.month else "months"
                raise LocatedValueError(
                    f"event '{e.id}' is timed for month {timed}, after the scenario ends "
                    f"(month {self.length_months})", ("events", i, "trigger", key))
        return self

    def _check_references(self) -> None:
        counted = [c.id for c in self.counters]
        for i, name in enumerate(counted):
            if name in counted[:i]:
                raise LocatedValueError(f"duplicate counter id '{name}'", ("counters", i, "id"))
        choices = {e.id: {c.id for c in e.choices} for e in self.events}
        outcomes = {(e.id, c.id): {o.id for o in c.outcomes} for e in self.events
                    for c in e.choices}
        effects = self.all_effects()
        flags = {str(x.args["name"]) for _, x in effects if x.name == "set_flag"}
        for loc, eff in effects:
            if eff.name.startswith("counter_") and eff.args["name"] not in counted:
                raise LocatedValueError(_unknown_counter(eff.name, eff.args["name"], counted),
                                        loc)
        for loc, cond in self.all_conditions():
            problem = _reference_problem(cond, choices, flags, counted)
            if problem is None and cond.name == "outcome_was":
                key = (str(cond.args["event"]), str(cond.args["choice"]))
                if cond.args["outcome"] not in outcomes[key]:
                    known = ", ".join(sorted(outcomes[key])) or "none: it has no outcomes"
                    problem = (f"choice '{key[1]}' of event '{key[0]}' has no outcome "
                               f"'{cond.args['outcome']}' (outcomes: {known})")
            if problem:
                raise LocatedValueError(problem, loc)

    def all_conditions(self) -> list[tuple[tuple[str | int, ...], ConditionSpec]]:
        """Every plain condition in the scenario with where it is written (those inside
        ``any_of``, ``all_of`` and ``not`` included)."""
        lists: list[tuple[tuple[str | int, ...], list[ConditionSpec]]] = [
            (("events", i, "trigger", "when"), e.trigger.when) for i, e in enumerate(self.events)]
        lists += [(("end_conditions", i, "when"), x.when)
                  for i, x in enumerate(self.end_conditions)]
        lists += [(("events", i, "choices", j, "shown_if"), c.shown_if)
                  for i, e in enumerate(self.events) for j, c in enumerate(e.choices)]
        lists += [((*loc, k, "when"), v.when) for loc, text in self._texts()
                  if isinstance(text, list) for k, v in enumerate(text)]
        return [((*loc, j, *inner), leaf) for loc, conds in lists
                for j, c in enumerate(conds) for inner, leaf in c.leaves()]

    def _texts(self) -> list[tuple[tuple[str | int, ...], str | list[VariantSpec]]]:
        """Every text that may have variants, with where it is written."""
        out: list[tuple[tuple[str | int, ...], str | list[VariantSpec]]] = []
        for i, e in enumerate(self.events):
            out.append((("events", i, "briefing"), e.briefing))
            for j, c in enumerate(e.choices):
                out.append((("events", i, "choices", j, "feedback"), c.feedback))
                out += [(("events", i, "choices", j, "outcomes", n, "feedback"), o.feedback)
                        for n, o in enumerate(c.outcomes)]
        return out

    def all_effects(self) -> list[tuple[tuple[str | int, ...], EffectSpec]]:
        """Every effect in the scenario with where it is written."""
        out: list[tuple[tuple[str | int, ...], EffectSpec]] = []
        for i, e in enumerate(self.events):
            for j, c in enumerate(e.choices):
                out += [(("events", i, "choices", j, "effects", k), x)
                        for k, x in enumerate(c.effects)]
                out += [(("events", i, "choices", j, "outcomes", n, "effects", k), x)
                        for n, o in enumerate(c.outcomes) for k, x in enumerate(o.effects)]
            if e.if_no_decision is not None:
                out += [(("events", i, "if_no_decision", "effects", k), x)
                        for k, x in enumerate(e.if_no_decision.effects)]
        return out

    def event(self, event_id: str) -> EventSpec:
        return next(e for e in self.events if e.id == event_id)


def _unknown_counter(what: str, name: object, counted: list[str]) -> str:
    known = ", ".join(counted) if counted else "none: declare it under 'counters'"
    return f"'{what}' names unknown counter '{name}' (counters: {known})"


def _reference_problem(cond: ConditionSpec, choices: dict[str, set[str]],
                       flags: set[str], counted: list[str]) -> str | None:
    event = cond.args.get("event")
    if event is not None and event not in choices:
        return f"condition '{cond.name}' names unknown event '{event}'"
    choice = cond.args.get("choice")
    if choice is not None and choice not in choices.get(str(event), set()):
        return f"event '{event}' has no choice '{choice}'"
    if cond.name in ("flag_set", "flag_not_set") and cond.args["name"] not in flags:
        return f"no choice ever sets flag '{cond.args['name']}'"
    if cond.name.startswith("counter_") and cond.args["name"] not in counted:
        return _unknown_counter(cond.name, cond.args["name"], counted)
    return None
