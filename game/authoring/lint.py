"""Warnings for a scenario that loads but is probably not what its author meant.

``lint(document, scenario)`` returns ``Problem`` s with severity ``warning``, each located at
the line and column it is about and saying how to fix it: events whose trigger can never fire,
choices that change nothing, effects far outside what a practice sees, choices with no
feedback, events that do not say what happens if nobody decides (``if_no_decision``), events
whose words set them in a season their trigger can fire outside (``scenario.seasons``), goals
whose text does not state the target the game judges. ``partnership validate``
prints them and exits 0 unless ``--strict``.
"""

from __future__ import annotations

from typing import Any

from ..content import Document, Problem
from ..scenario.language import default_text
from ..scenario.seasons import MONTH_NAMES, calendar_month, in_season, named_season, season_span
from ..scenario.spec import EffectSpec, EventSpec, ScenarioSpec
from .reach import never_fires

#: Beyond these an effect is "far outside the plausible range" for a practice (per effect and
#: argument; a list size share for ``list_change``).
PLAUSIBLE: dict[tuple[str, str], float] = {
    ("cash", "gbp"): 100_000, ("recurring_cost", "gbp_per_month"): 15_000,
    ("recurring_income", "gbp_per_month"): 15_000, ("morale", "delta"): 0.25,
    ("burnout", "delta"): 0.25, ("satisfaction", "delta"): 0.15,
    ("governance", "delta"): 0.3, ("pcn_relationship", "delta"): 0.3,
    ("recording_quality", "delta"): 0.2, ("prevalence_recording", "delta"): 0.15,
    ("demand_shift", "percent"): 40, ("staff_leave", "count"): 3, ("staff_join", "count"): 4,
    ("start_recruitment", "count"): 4, ("locum_sessions", "delta"): 60,
    ("drawings", "delta_gbp"): 5_000, ("overdraft_limit", "gbp"): 400_000,
}
LIST_CHANGE_SHARE = 0.2
#: Arguments which, at this value, make an effect do nothing.
NO_OP_ARGS = ("delta", "percent", "patients", "delta_gbp", "gbp")


def lint(document: Document, scenario: ScenarioSpec) -> list[Problem]:
    """Every warning for ``scenario``, loaded from ``document``, in file order."""
    found: list[Problem] = []

    def warn(loc: tuple[str | int, ...], message: str) -> None:
        line, col = document.locate(loc)
        found.append(Problem(document.path, line, col, message, "warning"))

    for i, event in enumerate(scenario.events):
        reason = never_fires(scenario, event)
        if reason:
            warn(("events", i, "trigger"), f"event '{event.id}' can never fire: {reason}")
        _lint_choices(scenario, event, ("events", i), warn)
        _lint_inaction(scenario, event, ("events", i), warn)
        _lint_season(scenario, event, ("events", i), warn)
    _lint_goals(scenario, warn)
    _lint_counters(scenario, warn)
    return sorted(found, key=lambda p: (p.line, p.col))


def _lint_season(scenario: ScenarioSpec, event: EventSpec, at: tuple[str | int, ...],
                 warn: Any) -> None:
    """An event whose words set it in a season, timed to fire outside it."""
    named = named_season(event)
    t = event.trigger
    timed = (t.month, t.month) if t.month is not None else t.months
    if named is None or event.any_month is not None:
        return
    season, words = named
    span = range(timed[0], timed[1] + 1) if timed else range(1, scenario.length_months + 1)
    out = [m for m in span if not in_season(season, calendar_month(scenario.start_month, m))]
    if out:
        warn((*at, "trigger"), f"event '{event.id}' says '{words}' ({season}: "
             f"{season_span(season)}) but can fire in month {out[0]}, which is "
             f"{MONTH_NAMES[calendar_month(scenario.start_month, out[0]) - 1]}: time it in "
             "its season, or give it any_month words true in any month")


def _flags_read(scenario: ScenarioSpec) -> set[str]:
    return {str(c.args["name"]) for _, c in scenario.all_conditions()
            if c.name in ("flag_set", "flag_not_set")}


def _lint_choices(scenario: ScenarioSpec, event: EventSpec, at: tuple[str | int, ...],
                  warn: Any) -> None:
    read = _flags_read(scenario)
    answered_later = _choices_read(scenario)
    for j, choice in enumerate(event.choices):
        where = (*at, "choices", j)
        live = [e for e in choice.effects if not _no_op(e)
                and not (e.name in ("set_flag", "clear_flag") and e.args["name"] not in read)]
        read_later = (event.id, choice.id) in answered_later
        if not live and not read_later and not choice.leadership:
            warn(where, f"choice '{choice.id}' of event '{event.id}' has no effect: give it "
                 "'effects' (see docs/authoring.md), or leadership tags if its point is how "
                 "it is handled")
        for k, eff in enumerate(choice.effects):
            if _no_op(eff):
                warn((*where, "effects", k), f"effect '{eff.name}' changes nothing (its "
                     "amount is 0): remove it or give it an amount")
            elif eff.name in ("set_flag", "clear_flag") and eff.args["name"] not in read:
                warn((*where, "effects", k), f"flag '{eff.args['name']}' is set but no "
                     "trigger or end condition reads it: add a 'flag_set' condition that uses "
                     "it, or remove it")
            message = _implausible(scenario, eff)
            if message:
                warn((*where, "effects", k), message)
        if not default_text(choice.feedback).strip():
            warn(where, f"choice '{choice.id}' of event '{event.id}' has no feedback: add "
                 "'feedback:', a sentence or two for the debrief on what it showed and cost")
        for n, out in enumerate(choice.outcomes):
            for k, eff in enumerate(out.effects):
                message = _effect_problem(scenario, eff, read)
                if message:
                    warn((*where, "outcomes", n, "effects", k), message)
    if all(c.shown_if for c in event.choices):
        warn((*at, "choices"), f"every choice of event '{event.id}' has 'shown_if': where "
             "none of them holds the card has nothing to choose and lapses; leave one choice "
             "always shown")


def _effect_problem(scenario: ScenarioSpec, eff: EffectSpec, read: set[str]) -> str | None:
    """What is wrong with an effect of a chance outcome, if anything."""
    if _no_op(eff):
        return f"effect '{eff.name}' changes nothing (its amount is 0): remove it"
    if eff.name in ("set_flag", "clear_flag") and eff.args["name"] not in read:
        return (f"flag '{eff.args['name']}' is set but no trigger or end condition reads it: "
                "add a 'flag_set' condition that uses it, or remove it")
    return _implausible(scenario, eff)


def _lint_counters(scenario: ScenarioSpec, warn: Any) -> None:
    read = {str(c.args["name"]) for _, c in scenario.all_conditions()
            if c.name.startswith("counter_")}
    moved = {str(x.args["name"]) for _, x in scenario.all_effects()
             if x.name.startswith("counter_")}
    for i, counter in enumerate(scenario.counters):
        if counter.id not in read:
            warn(("counters", i), f"counter '{counter.id}' is never read: use it in a "
                 "'counter_at_least' or 'counter_below' condition, or remove it")
        elif counter.id not in moved:
            warn(("counters", i), f"counter '{counter.id}' never changes from its start: "
                 "move it with 'counter_add' or 'counter_set', or use a fixed condition")


def _lint_inaction(scenario: ScenarioSpec, event: EventSpec, at: tuple[str | int, ...],
                   warn: Any) -> None:
    lapse = event.if_no_decision
    if lapse is None:
        warn((*at, "id"), f"event '{event.id}' does not say what happens if nobody decides: "
             "add 'if_no_decision:' with its effects, feedback and any leadership tags (left "
             "out, a lapsed card does nothing at all, which is rarely true to practice)")
        return
    for k, eff in enumerate(lapse.effects):
        message = (f"effect '{eff.name}' changes nothing (its amount is 0): remove it"
                   if _no_op(eff) else _implausible(scenario, eff))
        if message:
            warn((*at, "if_no_decision", "effects", k), message)
    if not lapse.feedback.strip():
        warn((*at, "if_no_decision"), f"event '{event.id}' has no feedback for a lapsed card: "
             "add 'feedback:' under 'if_no_decision', a sentence for the debrief on what "
             "letting it go showed and cost")


def _choices_read(scenario: ScenarioSpec) -> set[tuple[str, str]]:
    return {(str(c.args["event"]), str(c.args["choice"])) for _, c in scenario.all_conditions()
            if c.name == "choice_taken"}


def _no_op(effect: EffectSpec) -> bool:
    return any(effect.args.get(a) == 0 for a in NO_OP_ARGS if a in effect.args) and \
        effect.name not in ("overdraft_limit",)


def _implausible(scenario: ScenarioSpec, eff: EffectSpec) -> str | None:
    if eff.name == "list_change":
        share = abs(eff.args["patients"]) / scenario.practice.list_size
        if share > LIST_CHANGE_SHARE:
            return (f"effect 'list_change: {eff.args['patients']}' is far outside the plausible "
                    f"range: {share:.0%} of a {scenario.practice.list_size:,}-patient list at "
                    f"once (above {LIST_CHANGE_SHARE:.0%}). Check for a typing slip, or spread "
                    "it over several events")
        return None
    for (name, arg), limit in PLAUSIBLE.items():
        if eff.name == name and abs(float(eff.args[arg])) > limit:
            return (f"effect '{name}' {arg} {eff.args[arg]:,g} is far outside the plausible "
                    f"range for a practice (within ±{limit:,g}). Check for a typing slip "
                    "(an extra 0?) or split it into smaller effects over several months")
    return None


def _lint_goals(scenario: ScenarioSpec, warn: Any) -> None:
    for g, goal in enumerate(scenario.goals):
        target = goal.at_least if goal.at_least is not None else goal.at_most
        if not any(form in goal.text.replace(" ", "") for form in _forms(float(target or 0))):
            warn(("goals", g, "text"), f"goal '{goal.id}' is judged on {goal.metric} "
                 f"{'at least' if goal.at_least is not None else 'at most'} {target:g}, but "
                 "its text, which the briefing shows, does not state that figure: put the "
                 "target in the text so players know what is judged")
        if scenario.scoring.get(goal.pillar, 0.0) <= 0:
            warn(("goals", g, "pillar"), f"goal '{goal.id}' belongs to the {goal.pillar} "
                 "pillar, which 'scoring' weighs 0, so it does not count: give the pillar a "
                 "weight or move the goal")


def _forms(value: float) -> set[str]:
    """Ways a target may be written in a goal's text: 80000, 80,000, £80k, 55%, 0.55."""
    forms = {f"{value:g}", f"{value:,.0f}", f"{value:.2f}".rstrip("0").rstrip(".")}
    if abs(value) >= 1000:
        forms |= {f"{value / 1000:g}k", f"{value / 1000:g},000", f"{abs(value):,.0f}"}
    if 0 < abs(value) <= 1:
        forms |= {f"{value * 100:g}%", f"{value * 100:.0f}%"}
    return {f.replace(" ", "") for f in forms}
