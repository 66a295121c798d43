"""The briefing: the situation, then every goal and how it is judged, before the first month."""

from __future__ import annotations

import pygame

from ...authoring.watch import ScenarioWatcher
from ...play.game_session import GameSession
from ...play.goals import goal_rule, judged_at, short_note
from ...scenario.spec import ScenarioSpec
from ...scoring import GOALS_SHARE
from ...scoring.pillars import PILLARS
from .base import Pop, Reset, Scene, Transition, escape


def briefing_html(spec: ScenarioSpec, months: int | None = None) -> str:
    """The situation, the goals and the scoring; with ``months`` shorter than the scenario,
    the month play ends and each goal is judged at."""
    paragraphs = "<br><br>".join(escape(p.strip()).replace("\n", " ")
                                 for p in spec.briefing.split("\n\n") if p.strip())
    note = short_note(spec, months)
    if note:
        paragraphs += f"<br><br><b>{escape(note)}</b>"
    goals = "".join(f"<br>{i}. <b>{escape(g.text)}</b>"
                    + (f" {escape(judged_at(g, spec, months))}" if judged_at(g, spec, months)
                       else "")
                    + f"<br>&nbsp;&nbsp;&nbsp;<i>{escape(goal_rule(g))}</i>"
                    for i, g in enumerate(spec.goals, 1))
    return (f"{paragraphs}<br><br><font size=5><b>Your goals</b></font>"
            f"{goals or '<br>None: play as you judge best.'}<br><br>"
            f"<font size=5><b>How you are scored</b></font><br>{scoring_html(spec)}")


def scoring_html(spec: ScenarioSpec) -> str:
    """Every pillar's weight, and how the goals and the leadership profile count."""
    total = sum(float(spec.scoring.get(p, 0.0)) for p in PILLARS) or 1.0
    rows = "".join(
        f"<br>• {p.capitalize()}: weight {float(spec.scoring.get(p, 0.0)):g} "
        f"({float(spec.scoring.get(p, 0.0)) / total:.0%} of the pillar score)" for p in PILLARS)
    goals = (f" The goals met make up {GOALS_SHARE:.0%} of the overall score, each goal weighted "
             "as its pillar is." if spec.goals else "")
    return (f"Each month the six outcome pillars are scored 0-100; a pillar's score is the mean "
            f"of its months, and the overall score is their weighted mean.{goals}{rows}<br>"
            "Your leadership is shown apart, on the nine dimensions of the Healthcare "
            "Leadership Model, never folded into the overall score.")


class BriefingScene(Scene):
    name = "briefing"

    def __init__(self, spec: ScenarioSpec, source: str, seed: int | None = None,
                 watcher: ScenarioWatcher | None = None, months: int | None = None,
                 team: str = "") -> None:
        super().__init__()
        self.spec, self.source, self.seed = spec, source, seed
        self.watcher = watcher
        self.months, self.team = months, team

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        title = f"Briefing: {self.spec.title}" + (f" · team {self.team}" if self.team else "")
        self.label(pygame.Rect(margin, margin, w - 2 * margin, row + 8), title, "#heading")
        top = margin + row + 2 * gap
        bh = int(row * 1.3)
        self.text_box(pygame.Rect(margin, top, w - 2 * margin, h - top - bh - margin - gap),
                      briefing_html(self.spec, self.months))
        bw = max(260, w // 5)
        self.button(pygame.Rect(margin, h - margin - bh, bw, bh), "Back", lambda: Pop(),
                    pygame.K_ESCAPE)
        self.button(pygame.Rect(w - margin - bw, h - margin - bh, bw, bh), "Start month 1",
                    self.start, pygame.K_RETURN, object_id="#primary")

    def start(self) -> Transition:
        from .dashboard import DashboardScene
        session = GameSession(self.spec, self.source, 1 if self.seed is None else self.seed,
                              self.months, self.team)
        first = Reset(DashboardScene(session, self.watcher))
        if not session.knowledge_due("before"):
            return first
        from .knowledge_check import KnowledgeCheckScene
        return Reset(KnowledgeCheckScene(
            self.spec.knowledge_check, "before",
            lambda answers: session.record_knowledge("before", answers), lambda: first))
