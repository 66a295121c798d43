"""The decision panels' contents: decisions grouped as a practice manager thinks of them.

Each ``ActionSpec`` is one row of a panel: its parameters (a list of options or a number) and
how they make the model's decision object. Nothing here imports pygame; the panel scene draws
these, and ``preview`` shows what each would do before it is committed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..model.decisions import (
    INVESTMENTS,
    Bounds,
    ConsultTeamDecision,
    Decision,
    HireDecision,
    InvestDecision,
    ReleaseDecision,
    SetAccessChannelsDecision,
    SetAppointmentModelDecision,
    SetDrawingsDecision,
    SetEnhancedAccessDecision,
    SetLocumSessionsDecision,
    SetPayAwardDecision,
    SignificantEventAnalysisDecision,
    TakeLoanDecision,
    bounds,
)
from ..model.roles import ROLES
from ..model.state import APPOINTMENT_MODELS, PracticeState

Values = dict[str, Any]


@dataclass(frozen=True)
class ParamSpec:
    """A choice from ``options`` (label, value), or a number within ``bounds``.

    A number's bounds are the decision's own (``decisions.bounds``), so the panel's limits,
    its nudge step and the range shown beside the field are the ones the model checks. A
    choice opens on the practice's current setting where ``current`` reads one."""

    name: str
    label: str
    options: tuple[tuple[str, Any], ...] = ()
    default: Callable[[PracticeState], float] | float = 0.0
    bounds: Bounds | None = None
    current: Callable[[PracticeState], Any] | None = None
    #: words after the range where the title does not say them ("a partner a month")
    per: str = ""

    @classmethod
    def number(cls, name: str, decision: type[Decision], field: str,
               default: Callable[[PracticeState], float] | float | None = None,
               per: str = "") -> ParamSpec:
        """A number field with the bounds ``decision`` declares on ``field``."""
        b = bounds(decision, field)
        return cls(name, b.label, default=b.low if default is None else default, bounds=b,
                   per=per)

    @property
    def low(self) -> float:
        return self.bounds.low if self.bounds is not None else 0.0

    @property
    def high(self) -> float:
        return self.bounds.high if self.bounds is not None else 0.0

    @property
    def step(self) -> float:
        return self.bounds.step if self.bounds is not None else 1.0

    def range_text(self) -> str:
        """The allowed range as the player reads it: "0-200 sessions a month", "£0-£30,000"."""
        b = self.bounds
        if b is None:
            return ""
        if b.unit == "£":
            return f"£{b.low:,.0f}-£{b.high:,.0f}" + (f" {self.per}" if self.per else "")
        if b.unit == "%":
            return f"{b.low:g}-{b.high:g}%"
        return f"{b.low:,g}-{b.high:,g}" + (f" {b.unit}" if b.unit else "")

    def parse(self, text: str) -> float:
        """A typed number ("10,000", "£9,500", "30") as a value; ``ValueError`` names the
        range when it is not a number or falls outside it."""
        cleaned = text.replace(",", "").replace("£", "").replace("%", "").strip()
        try:
            value = float(cleaned)
        except ValueError:
            raise ValueError(f"{self.label}: type a number, {self.range_text()}.") from None
        if self.bounds is not None and not self.bounds.contains(value):
            whole = " (whole numbers)" if self.bounds.integer else ""
            raise ValueError(f"{self.label}: {self.range_text()}{whole}.")
        return value

    def initial(self, state: PracticeState) -> Any:
        if self.options:
            values = [v for _, v in self.options]
            now = self.current(state) if self.current is not None else None
            return now if now in values else values[0]
        return self.default(state) if callable(self.default) else self.default


@dataclass(frozen=True)
class ActionSpec:
    title: str
    params: tuple[ParamSpec, ...]
    build: Callable[[Values], Decision]


def _roles(arrs: bool, registrar: bool = True) -> tuple[tuple[str, str], ...]:
    return tuple((r.label, r.key) for r in ROLES
                 if (r.arrs_cap_gbp > 0) == arrs and (registrar or r.key != "gp_registrar"))


HIRE_COUNT = ParamSpec.number("count", HireDecision, "count", default=1)
RELEASE_COUNT = ParamSpec.number("count", ReleaseDecision, "count", default=1)
CHANNELS = (("Cloud phones and online consultation", (True, True)),
            ("Cloud phones only", (True, False)), ("Online consultation only", (False, True)),
            ("Neither", (False, False)))
ON_OFF = (("Take part", True), ("Stop", False))
#: The NHS pay benchmark the pay award field starts from when none has been given this year.
NHS_PAY_AWARD_PERCENT = 3.6


def _model_now(s: PracticeState) -> str:
    return APPOINTMENT_MODELS[int(s.appointment_model[0])]


def _channels_now(s: PracticeState) -> tuple[bool, bool]:
    return (bool(s.cloud_telephony[0]), bool(s.online_consultations[0]))


def _pay_award_now(s: PracticeState) -> float:
    """This year's award if one was given, else the NHS benchmark to start from."""
    given = round(float(s.pay_uplift[0]) * 100, 2)
    return given if given > 0 else NHS_PAY_AWARD_PERCENT


GROUPS: dict[str, tuple[str, tuple[ActionSpec, ...]]] = {
    "workforce": ("Workforce", (
        ActionSpec("Recruit", (ParamSpec("role", "Role", _roles(False, registrar=False)),
                               HIRE_COUNT),
                   lambda v: HireDecision(v["role"], int(v["count"]))),
        ActionSpec("Release", (ParamSpec("role", "Role", _roles(False)[1:]), RELEASE_COUNT),
                   lambda v: ReleaseDecision(v["role"], int(v["count"]))),
        ActionSpec("Locum sessions a month", (ParamSpec.number(
            "sessions", SetLocumSessionsDecision, "sessions_per_month",
            default=lambda s: float(s.locum_sessions[0])),),
            lambda v: SetLocumSessionsDecision(float(v["sessions"]))),
        ActionSpec("Take a GP registrar", (),
                   lambda v: HireDecision("gp_registrar", 1)),
    )),
    "operations": ("Operations", (
        ActionSpec("Appointment model", (ParamSpec("model", "Model", tuple(
            (m.replace("_", " ").capitalize(), m) for m in APPOINTMENT_MODELS),
            current=_model_now),), lambda v: SetAppointmentModelDecision(v["model"])),
        ActionSpec("Phones and online access", (ParamSpec(
            "channels", "Channels", CHANNELS, current=_channels_now),),
            lambda v: SetAccessChannelsDecision(*v["channels"])),
        ActionSpec("Consult the team", (ParamSpec("topic", "Topic", (
            ("Appointments", "appointments"), ("Staffing", "staffing"),
            ("Opening hours", "opening hours"))),), lambda v: ConsultTeamDecision(v["topic"])),
        ActionSpec("Refurbish the premises", (),
                   lambda v: InvestDecision("premises_refurbishment")),
        ActionSpec("Governance and systems", (),
                   lambda v: InvestDecision("governance_systems")),
        ActionSpec("Significant event analysis", (ParamSpec.number(
            "incidents", SignificantEventAnalysisDecision, "incidents",
            default=lambda s: float(np.clip(np.floor(s.incidents_unreviewed[0]), 1, 10))),),
            lambda v: SignificantEventAnalysisDecision(int(v["incidents"]))),
    )),
    "money": ("Money", (
        ActionSpec("Partner drawings", (ParamSpec.number(
            "gbp", SetDrawingsDecision, "per_partner_month_gbp",
            default=lambda s: float(s.drawings_per_partner[0]), per="a partner a month"),),
            lambda v: SetDrawingsDecision(float(v["gbp"]))),
        ActionSpec("Staff pay award", (ParamSpec.number(
            "percent", SetPayAwardDecision, "percent",
            default=_pay_award_now),),
            lambda v: SetPayAwardDecision(float(v["percent"]))),
        ActionSpec("Borrow from the bank", (
            ParamSpec.number("amount", TakeLoanDecision, "amount_gbp", default=50_000),
            ParamSpec("months", "Term", (("36 months", 36), ("24 months", 24),
                                         ("60 months", 60), ("12 months", 12)))),
            lambda v: TakeLoanDecision(float(v["amount"]), int(v["months"]))),
        ActionSpec("Invest", (ParamSpec("item", "Item", tuple(
            (f"{k.replace('_', ' ').capitalize()} (£{c:,.0f})", k)
            for k, (c, _) in INVESTMENTS.items())),), lambda v: InvestDecision(v["item"])),
    )),
    "pcn": ("PCN & system", (
        ActionSpec("Recruit an ARRS role", (ParamSpec("role", "Role", _roles(True)),
                                            HIRE_COUNT),
                   lambda v: HireDecision(v["role"], int(v["count"]))),
        ActionSpec("End an ARRS post", (ParamSpec("role", "Role", _roles(True)), RELEASE_COUNT),
                   lambda v: ReleaseDecision(v["role"], int(v["count"]))),
        ActionSpec("Evening and weekend appointments", (ParamSpec(
            "on", "", ON_OFF, current=lambda s: bool(s.enhanced_access[0])),),
            lambda v: SetEnhancedAccessDecision(bool(v["on"]))),
        ActionSpec("Case finding with the PCN", (), lambda v: InvestDecision("case_finding")),
    )),
}


def same_kind(a: Decision, b: Decision) -> bool:
    """Whether ``b`` replaces ``a`` in a month: the same decision, and for those that name
    something (a role to hire or release, an item to invest in, a topic) the same thing."""
    if type(a) is not type(b):
        return False
    for name in ("role", "item", "topic"):
        if getattr(a, name, None) != getattr(b, name, None):
            return False
    return True
