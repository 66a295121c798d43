"""The scenario language beyond flags, as a scenario writes it: counters, chance outcomes and
text with variants.

``CounterSpec`` declares a number the scenario keeps per run; ``OutcomeSpec`` is one way a
choice can turn out by chance; a briefing or a feedback is a text written once, or a list of
``VariantSpec`` wordings chosen by conditions, the last (without ``when``) the default.
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import AfterValidator, Discriminator, Field, Tag

from ..content.errors import LocatedValueError
from .calls import Condition, Effect, Spec

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]{0,63}$")]


class VariantSpec(Spec):
    """One wording of a text that changes with what has happened: shown when its ``when``
    conditions all hold. In a list of variants the first whose conditions hold is shown, and
    the last, without ``when``, is the default."""

    when: list[Condition] = Field(default_factory=list, description="Conditions that must all "
                                  "hold for this wording (left out only on the last, the "
                                  "default).")
    text: str = Field(min_length=1, max_length=2000, description="The wording.")


def _one_default(variants: Any) -> Any:
    if isinstance(variants, list):
        if not variants:
            raise ValueError("a list of text variants needs at least the default (a last "
                             "variant without 'when')")
        for i, v in enumerate(variants[:-1]):
            if not v.when:
                raise LocatedValueError("only the last variant may leave out 'when' (it is "
                                        "the default; any after it would never show)", (i,))
        if variants[-1].when:
            raise LocatedValueError("the last variant must leave out 'when': it is the "
                                    "default, shown when no other variant's conditions hold",
                                    (len(variants) - 1, "when"))
    return variants


def _text(shortest: int, longest: int) -> Any:
    """A text written once (``shortest`` to ``longest`` characters), or as variants chosen by
    flags, counters or any other condition; a mistake is reported for the form written."""
    return Annotated[Union[  # noqa: UP007 (a tagged union)
        Annotated[str, Tag("text"), Field(min_length=shortest, max_length=longest)],
        Annotated[list[VariantSpec], Tag("variants")]],
        Discriminator(lambda v: "text" if isinstance(v, str) else "variants"),
        AfterValidator(_one_default)]


BriefingText = _text(1, 2000)
FeedbackText = _text(0, 1200)


def default_text(text: str | list[VariantSpec]) -> str:
    """The text as written, or its default variant (where no run is in view: the validator,
    a facilitator's list of events)."""
    return text if isinstance(text, str) else text[-1].text


class OutcomeSpec(Spec):
    """One way a choice can turn out, drawn by chance each time the choice is taken (what a
    regulator decides, whether a conversation lands). Its chance is its weight over the sum of
    its choice's weights; the draw comes from the named stream ``outcome:<event>:<choice>``, so
    the same seed and run always turn out the same way whatever else the scenario changes."""

    id: Slug = Field(description="Identifier of the outcome, unique within its choice.")
    weight: float = Field(gt=0, le=1000, description="How likely it is, against the other "
                          "outcomes' weights: 3 and 1 mean a 3 in 4 and a 1 in 4 chance.")
    label: str = Field(min_length=1, max_length=120, description="What happened, in a few "
                       "words, as the card's preview and the month summary say it.")
    effects: list[Effect] = Field(default_factory=list, description="What this outcome does, "
                                  "beside the choice's own effects.")
    feedback: FeedbackText = Field(  # type: ignore[valid-type]
        "", description="Feedback for the debrief when the choice turned out this way (a text, "
        "or variants).")


class CounterSpec(Spec):
    """A number the scenario keeps for itself, per run: how many concerns were raised, how
    often a promise was broken. Effects ``counter_add`` and ``counter_set`` move it; conditions
    ``counter_at_least`` and ``counter_below`` read it."""

    id: Slug = Field(description="The counter's name, as effects and conditions give it.")
    start: float = Field(0.0, ge=-1_000_000, le=1_000_000, description="Its value before the "
                         "first month.")
    about: str = Field("", max_length=300, description="What it counts, for the authors.")
