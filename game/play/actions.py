"""The decision panels' contents: decisions grouped as a practice manager thinks of them.

Each ``ActionSpec`` is one row of a panel: its parameters (a list of options or a number) and
how they make the model's decision object. Nothing here imports pygame; the panel scene draws
these, and ``preview`` shows what each would do before it is committed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model.decisions import (
    INVESTMENTS,
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
    TakeLoanDecision,
)
from ..model.roles import ROLES
from ..model.state import APPOINTMENT_MODELS, PracticeState

Values = dict[str, Any]


@dataclass(frozen=True)
class ParamSpec:
    """A choice from ``options`` (label, value), or a number with a default and a step."""

    name: str
    label: str
    options: tuple[tuple[str, Any], ...] = ()
    default: Callable[[PracticeState], float] | float = 0.0
    step: float = 1.0
    low: float = 0.0
    high: float = 1e9

    def initial(self, state: PracticeState) -> Any:
        if self.options:
            return self.options[0][1]
        return self.default(state) if callable(self.default) else self.default


@dataclass(frozen=True)
class ActionSpec:
    title: str
    params: tuple[ParamSpec, ...]
    build: Callable[[Values], Decision]


def _roles(arrs: bool, registrar: bool = True) -> tuple[tuple[str, str], ...]:
    return tuple((r.label, r.key) for r in ROLES
                 if (r.arrs_cap_gbp > 0) == arrs and (registrar or r.key != "gp_registrar"))


COUNT = ParamSpec("count", "Posts", default=1, step=1, low=1, high=10)
CHANNELS = (("Cloud phones and online consultation", (True, True)),
            ("Cloud phones only", (True, False)), ("Online consultation only", (False, True)),
            ("Neither", (False, False)))
ON_OFF = (("Take part", True), ("Stop", False))

GROUPS: dict[str, tuple[str, tuple[ActionSpec, ...]]] = {
    "workforce": ("Workforce", (
        ActionSpec("Recruit", (ParamSpec("role", "Role", _roles(False, registrar=False)), COUNT),
                   lambda v: HireDecision(v["role"], int(v["count"]))),
        ActionSpec("Release", (ParamSpec("role", "Role", _roles(False)[1:]), COUNT),
                   lambda v: ReleaseDecision(v["role"], int(v["count"]))),
        ActionSpec("Locum sessions a month", (ParamSpec(
            "sessions", "Sessions", default=lambda s: float(s.locum_sessions[0]), step=4,
            high=200),), lambda v: SetLocumSessionsDecision(float(v["sessions"]))),
        ActionSpec("Take a GP registrar (training practices)", (),
                   lambda v: HireDecision("gp_registrar", 1)),
    )),
    "operations": ("Operations", (
        ActionSpec("Appointment model", (ParamSpec("model", "Model", tuple(
            (m.replace("_", " ").capitalize(), m) for m in APPOINTMENT_MODELS)),),
            lambda v: SetAppointmentModelDecision(v["model"])),
        ActionSpec("Telephony and online access", (ParamSpec("channels", "Channels", CHANNELS),),
                   lambda v: SetAccessChannelsDecision(*v["channels"])),
        ActionSpec("Consult the team before a change", (ParamSpec("topic", "Topic", (
            ("Appointments", "appointments"), ("Staffing", "staffing"),
            ("Opening hours", "opening hours"))),), lambda v: ConsultTeamDecision(v["topic"])),
        ActionSpec("Refurbish the premises", (),
                   lambda v: InvestDecision("premises_refurbishment")),
        ActionSpec("Governance and systems", (),
                   lambda v: InvestDecision("governance_systems")),
    )),
    "money": ("Money", (
        ActionSpec("Partner drawings (a partner a month)", (ParamSpec(
            "gbp", "£", default=lambda s: float(s.drawings_per_partner[0]), step=500,
            high=30_000),), lambda v: SetDrawingsDecision(float(v["gbp"]))),
        ActionSpec("Staff pay award (%)", (ParamSpec("percent", "%", default=3.6, step=0.5,
                                                     high=15),),
                   lambda v: SetPayAwardDecision(float(v["percent"]))),
        ActionSpec("Borrow from the bank", (
            ParamSpec("amount", "£", default=50_000, step=5_000, low=1_000, high=500_000),
            ParamSpec("months", "Term", (("36 months", 36), ("24 months", 24),
                                         ("60 months", 60), ("12 months", 12)))),
            lambda v: TakeLoanDecision(float(v["amount"]), int(v["months"]))),
        ActionSpec("Invest", (ParamSpec("item", "Item", tuple(
            (f"{k.replace('_', ' ').capitalize()} (£{c:,.0f})", k)
            for k, (c, _) in INVESTMENTS.items())),), lambda v: InvestDecision(v["item"])),
    )),
    "pcn": ("PCN & system", (
        ActionSpec("Recruit an ARRS role", (ParamSpec("role", "Role", _roles(True)), COUNT),
                   lambda v: HireDecision(v["role"], int(v["count"]))),
        ActionSpec("End an ARRS post", (ParamSpec("role", "Role", _roles(True)), COUNT),
                   lambda v: ReleaseDecision(v["role"], int(v["count"]))),
        ActionSpec("PCN evening and Saturday rota", (ParamSpec("on", "", ON_OFF),),
                   lambda v: SetEnhancedAccessDecision(bool(v["on"]))),
        ActionSpec("Case finding with the PCN", (), lambda v: InvestDecision("case_finding")),
    )),
}
