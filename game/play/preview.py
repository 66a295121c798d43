"""What a decision would do, shown before it is committed.

``preview(run, decision)`` asks the model itself: it applies the decision to a copy of the
state (so a refusal shows the model's own message before anything is committed) and plays the
next few months with and without it, with the same luck and no events, to show the difference.
Nothing here changes the run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..model import advance
from ..model.decisions import Decision, DecisionError, HireDecision
from ..model.noise import MODEL_WIDTH
from ..model.roles import LAG, ROLES, role_index
from ..scenario.runtime import ScenarioRun
from .explain import money

#: Months projected ahead (a hire starts after up to four months).
HORIZON = 4


@dataclass(frozen=True)
class Preview:
    ok: bool
    message: str
    effects: list[str] = field(default_factory=list)


def preview(run: ScenarioRun, decision: Decision) -> Preview:
    state = run.world.state
    try:
        changed = decision.apply(state, run.params, run.active)
    except DecisionError as exc:
        return Preview(False, str(exc))
    one_off = float(changed.pending_one_off_gbp[0] - state.pending_one_off_gbp[0])
    lines = [f"One-off cost this month: {money(one_off)}." if one_off >= 1
             else "No one-off cost."]
    if isinstance(decision, HireDecision):
        role = ROLES[role_index(decision.role)]
        lines.append(f"Starts after about {int(LAG[role_index(decision.role)])} months if the "
                     f"post is filled ({role.fill_probability_per_month:.0%} chance a month).")
        if role.salary_gbp:
            lines.append(f"Salary {money(role.salary_gbp)} a year per FTE, plus on-costs"
                         + (f"; ARRS reimburses up to {money(role.arrs_cap_gbp)}."
                            if role.arrs_cap_gbp else "."))
    lines.extend(_projection(run, changed))
    return Preview(True, decision.describe(), lines)


def _project(run: ScenarioRun, state: object, months: int) -> dict[str, float]:
    out: dict[str, float] = {}
    s = state
    for k in range(months):
        noise = run.noise[:, run.month - 1 + k, :MODEL_WIDTH]
        s, rec = advance(s, run.params, noise,  # type: ignore[arg-type]
                         recruitment_market=run.world.recruitment_market,
                         force_inspection=np.zeros(run.world.runs, bool))
        out = {key: float(rec[key][0]) for key in
               ("cash_gbp", "wait_days", "staff_wellbeing", "patient_satisfaction")}
        out["expenses_gbp"] = out.get("expenses_gbp", 0.0) + float(rec["expenses_gbp"][0])
    return out


def _projection(run: ScenarioRun, changed: object) -> list[str]:
    months = min(HORIZON, run.months - run.month + 1)
    if months < 1:
        return []
    base = _project(run, run.world.state, months)
    new = _project(run, changed, months)
    d = {k: new[k] - base[k] for k in base}
    if all(abs(v) < 1e-6 for v in d.values()):
        return ["Already in place: the practice is set this way now, so nothing would change."]
    return [f"In {months} month(s), all else equal: cash {_signed_money(d['cash_gbp'])}, "
            f"routine wait {d['wait_days']:+.1f} days, team wellbeing "
            f"{d['staff_wellbeing']:+.02f}, satisfaction {d['patient_satisfaction'] * 100:+.1f} "
            "points."]


def _signed_money(x: float) -> str:
    return ("+" if x >= 0 else "-") + money(abs(x))
