"""The decision log: per month, the player's decisions and event choices.

It is the save, the replay and the facilitator's audit trail, in one format that the game writes
and ``partnership run --decisions FILE`` reads::

    format: partnership-decisions/1
    months:
      - month: 1
        decisions:
          - {type: set_locum_sessions, sessions_per_month: 30, reason: "cover the vacancy"}
        choices:
          - {event: locum_agency, choice: negotiate}

The decision specs are generated from the model's decision classes, so the two cannot drift.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from ..model.decisions import DECISION_TYPES, Bounds, Decision, Options, Text

FORMAT: Final = "partnership-decisions/1"


def _field(f: dataclasses.Field[Any]) -> tuple[Any, Any]:
    """A decision field as a pydantic field, its bounds from the decision's one declaration."""
    default = ... if f.default is dataclasses.MISSING else f.default
    kind = f.type if not isinstance(f.type, str) else eval(f.type)  # noqa: S307
    rule = f.metadata.get("rule")
    if isinstance(rule, Bounds):
        number = int if rule.integer else float
        return number, Field(default, ge=rule.low, le=rule.high, allow_inf_nan=False,
                             description=rule.message())
    if isinstance(rule, Options) and kind is str:
        return Literal[rule.values], Field(default, description=rule.message())  # type: ignore[valid-type]
    if isinstance(rule, Text):
        return str, Field(default, max_length=rule.max_length, description=rule.message())
    return kind, Field(default)


def _decision_model(kind: str, cls: type[Decision]) -> type[BaseModel]:
    fields: dict[str, Any] = {
        "type": (Literal[kind], Field(description=cls.__doc__ or kind)),
        "reason": (str, Field("", max_length=1000, description="Why, in the player's words.")),
    }
    for f in dataclasses.fields(cls):
        fields[f.name] = _field(f)
    model: type[BaseModel] = create_model(f"{cls.__name__}Spec",
                                          __config__=ConfigDict(extra="forbid"),
                                          __doc__=cls.__doc__, **fields)
    return model


DECISION_SPECS: dict[str, type[BaseModel]] = {k: _decision_model(k, c)
                                               for k, c in DECISION_TYPES.items()}
if TYPE_CHECKING:  # built at run time from the model's decision classes
    DecisionEntry = BaseModel
else:
    DecisionEntry = Annotated[Union[tuple(DECISION_SPECS.values())],  # noqa: UP007
                              Field(discriminator="type")]


def to_command(entry: BaseModel) -> Decision:
    """The model's command object for a logged decision."""
    data = entry.model_dump(exclude={"type", "reason"})
    return DECISION_TYPES[entry.type](**data)  # type: ignore[attr-defined]


def to_entry(decision: Decision, reason: str = "") -> dict[str, Any]:
    """A logged decision (plain data) for a command object."""
    return {"type": decision.kind, **dataclasses.asdict(decision),
            **({"reason": reason} if reason else {})}


class ChoiceEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event: str = Field(description="The event's id.")
    choice: str = Field(description="The id of the choice taken.")
    reason: str = Field("", max_length=1000, description="Why, in the player's words.")


class MonthEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    month: int = Field(ge=1, le=36, description="Scenario month, 1 for the first.")
    injected: list[str] = Field(default_factory=list, description="Events a facilitator "
                                "fired this month (ids), before the choices were made.")
    decisions: list[DecisionEntry] = Field(default_factory=list)
    choices: list[ChoiceEntry] = Field(default_factory=list)


class KnowledgeAnswers(BaseModel):
    """The player's answers to the scenario's knowledge check: question id -> the number of
    the option chosen (counting from 1), before play and after it. A question left out was not
    answered."""

    model_config = ConfigDict(extra="forbid")
    before: dict[str, Annotated[int, Field(ge=1, le=5)]] = Field(
        default_factory=dict, description="Answers given before the first month.")
    after: dict[str, Annotated[int, Field(ge=1, le=5)]] = Field(
        default_factory=dict, description="Answers given after the last month.")


class DecisionLog(BaseModel):
    """A whole decision log."""

    model_config = ConfigDict(extra="forbid")
    format: Literal["partnership-decisions/1"] = FORMAT
    scenario: str | None = Field(None, description="The scenario it was made for.")
    seed: int | None = Field(None, description="The seed it was played with.")
    months: list[MonthEntry] = Field(default_factory=list)
    knowledge_check: KnowledgeAnswers | None = Field(
        None, description="Answers to the scenario's knowledge check, before and after play.")

    @model_validator(mode="after")
    def _months_once(self) -> DecisionLog:
        seen = [e.month for e in self.months]
        dupes = sorted({m for m in seen if seen.count(m) > 1})
        if dupes:
            raise ValueError(f"month(s) {', '.join(map(str, dupes))} appear more than once")
        return self

    def month(self, m: int) -> MonthEntry | None:
        return next((e for e in self.months if e.month == m), None)
