"""The end of the scenario: the outcome against the goals, and the debrief.

Entering the scene writes the results file (beside the saves) and starts the debrief (key
moments, what-if range, charts) on a worker thread, so the outcome shows at once and the rest
arrives about a second later. Four pages, keys 1-4: the outcome (goals, the six pillars, the
nine leadership dimensions with their levels), the run's charts, the key moments with the
what-if range, and the author's feedback with the reflection questions. H exports the HTML
report. Charts are turned into surfaces once, when the debrief arrives, never per frame.
"""

from __future__ import annotations

import io
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import pygame
from pygame_gui.elements import UIImage

from ...files import WriteError
from ...play.explain import money
from ...play.game_results import write_game_results
from ...play.game_session import GameSession
from ...play.goals import goal_rule, goal_text
from ...report import game_debrief as words
from ...scenario.spec import ScenarioSpec
from ...scoring import score_run
from ..preferences import load_preferences
from .base import Reset, Scene, Transition, escape

#: (title, charts shown, in order; the page's text takes this share of the width)
PAGES = (("Outcome", ("leadership",), 0.5), ("Charts", ("money", "access", "team", "quality",
                                                         "pillars"), 0.0),
         ("Key moments", ("moments", "whatif", "luck"), 0.45), ("Feedback", (), 1.0))
PAGE_KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4)
#: One worker for every end scene: at most one debrief at a time, and one thread's memory
#: reused rather than a new thread (and allocator arena) per game.
WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="debrief")


def to_the_end(session: GameSession) -> Transition:
    """The scenario is over: the knowledge check again if it has one not yet taken after
    play, then the outcome and debrief."""
    if not session.knowledge_due("after"):
        return Reset(EndScene(session))
    from .knowledge_check import KnowledgeCheckScene
    return Reset(KnowledgeCheckScene(
        session.scenario.knowledge_check, "after",
        lambda answers: session.record_knowledge("after", answers),
        lambda: Reset(EndScene(session))))


def knowledge_line(scenario: ScenarioSpec, marked: dict[str, Any] | None) -> str:
    """The knowledge check's scores in a line for the outcome page ('' without a check)."""
    if not scenario.knowledge_check or not marked:
        return ""
    n = marked["questions"]
    said = {stage: ("not taken" if marked[stage] is None else f"{marked[stage]} of {n}")
            for stage in ("before", "after")}
    change = "" if marked["change"] is None else f" (change {marked['change']:+d})"
    return (f"<b>Knowledge check: {said['before']} right before play, {said['after']} after"
            f"{change}.</b> The Feedback page [4] explains each question missed.<br>")


def knowledge_html(scenario: ScenarioSpec, marked: dict[str, Any] | None) -> str:
    """The knowledge check's scores before and after play, and each question missed after it
    (or before, if it was not taken after) with its right answer, explanation and source."""
    if not scenario.knowledge_check:
        return ""
    head = "<font size=5><b>Knowledge check</b></font><br>"
    if not marked:
        return head + "Not taken (it is offered before the first month and after the last)."
    n = marked["questions"]
    said = {stage: ("not taken" if marked[stage] is None else f"{marked[stage]} of {n} right")
            for stage in ("before", "after")}
    change = "" if marked["change"] is None else f" (change {marked['change']:+d})"
    parts = [head + f"Before play: {said['before']}; after play: {said['after']}{change}."]
    stage = "after" if marked["after"] is not None else "before"
    missed = [q for q in scenario.knowledge_check if marked["marks"][q.id][stage] is not True]
    if not missed:
        return parts[0] + f"<br>Every question right {stage} play."
    parts.append(f"<b>Missed {stage} play ({len(missed)}):</b>")
    for q in missed:
        right = q.options[q.answer - 1]
        parts.append(f"<b>{escape(q.question)}</b><br>&nbsp;&nbsp;&nbsp;Answer: "
                     f"{escape(right)}. {escape(q.explanation)}<br>&nbsp;&nbsp;&nbsp;"
                     f"<i>Source: {escape(q.source)}</i>")
    return "<br>".join(parts)


def team_label(name: str) -> str:
    """'Team Red' for a team called 'Red'; a name that says Team already is kept."""
    return name if name.casefold().startswith("team") else f"Team {name}"


def figure(metric: str, value: float) -> str:
    """A judged figure as the player reads it: pounds, or a number to sensible places."""
    if metric.endswith("_gbp"):
        return money(value)
    return f"{value:.2f}" if abs(value) < 2 else f"{value:,.1f}"


class EndScene(Scene):
    name = "end"

    def __init__(self, session: GameSession, runs: int = words.WHAT_IF_RUNS) -> None:
        super().__init__()
        self.session = session
        self.scores = score_run(session.run)
        # the player's own name from the settings (a team's game carries the team's)
        self.results = write_game_results(session, player=session.team
                                          or load_preferences().player_name)
        self.view: words.DebriefView | None = None
        self.surfaces: dict[str, pygame.Surface] = {}
        self.page, self.chart = 0, 0
        self.message = self.results.problem or self._saved_message()
        self._future: Future[words.DebriefView] | None = WORKER.submit(
            words.prepare, session, self.results.data, runs)

    def _saved_message(self) -> str:
        if self.results.path is None:
            return ""
        if self.session.team:
            return f"{team_label(self.session.team)}: results saved as {self.results.path.name}"
        return f"Results saved to {self.results.path}"

    def _team_html(self) -> str:
        """For a team's own copy of a group session: where its results file is."""
        if not self.session.team or self.results.path is None:
            return ""
        if not self.session.saves_locally:  # a live session: the host has the team's results
            who = escape(team_label(self.session.team))
            return (f"<b>{who}: the host has your results;</b> this copy is for your "
                    f"portfolio:<br>{escape(str(self.results.path))}<br>")
        return (f"<b>{escape(team_label(self.session.team))}: give this results file to your "
                f"facilitator</b> (a memory stick or a shared folder):<br>"
                f"{escape(str(self.results.path))}<br>")

    # -- the debrief arriving ---------------------------------------------------------------
    def update(self, dt: float) -> Transition | None:
        if self._future is not None and self._future.done():
            future, self._future = self._future, None
            try:
                self.view = future.result()
            except Exception as exc:  # noqa: BLE001 - the outcome stands without the debrief
                self.message = f"The debrief could not be worked out: {exc}"
            else:
                self.surfaces = {k: pygame.image.load(io.BytesIO(png), f"{k}.png").convert()
                                 for k, png in self.view.charts.items()}
            self.build()
        return None

    def wait(self, timeout: float | None = None) -> None:
        """Block until the debrief has arrived (tests and the demo)."""
        if self._future is not None:
            self._future.result(timeout)
            self.update(0.0)

    # -- the pages --------------------------------------------------------------------------
    def _outcome_html(self) -> str:
        s, scores = self.session, self.scores
        parts = [self._team_html()] if self._team_html() else []
        if s.ended:
            end = next(e for e in s.scenario.end_conditions if e.id == s.ended)
            parts.append(f"<b>{escape(end.title)}</b><br>{escape(end.message)}<br>")
        knowledge = knowledge_line(s.scenario, self.results.data.get("knowledge"))
        if knowledge:
            parts.append(knowledge)
        met = sum(g["met"] for g in scores["goals"])
        parts.append(f"<font size=5><b>Goals met: {met} of {len(scores['goals'])}</b></font>")
        goals = {g.id: g for g in s.scenario.goals}
        for result in scores["goals"]:
            goal = goals[result["id"]]
            mark = "MET" if result["met"] else "NOT MET"
            value = "-" if result["value"] is None else figure(goal.metric, result["value"])
            said = goal_text(goal, s.scenario, s.run.months)
            parts.append(f"<b>{mark}</b>: {escape(said)}<br>&nbsp;&nbsp;&nbsp;"
                         f"<i>{escape(goal_rule(goal))}; figure judged: {value}</i>")
        parts.append("<br>" + words.pillars_html(scores))
        parts.append("<br>" + words.leadership_html(scores))
        return "<br>".join(parts)

    def _page_html(self) -> str:
        if self.page == 0:
            return self._outcome_html()
        if self.view is None:
            return "<i>Working out the key moments and the what-if range...</i>"
        if self.page == 2:
            return words.moments_html(self.view.debrief)
        knowledge = knowledge_html(self.session.scenario, self.results.data.get("knowledge"))
        return (knowledge + "<br><br>" if knowledge else "") + words.feedback_html(
            self.session.scenario, self.results.data)

    def _charts(self) -> list[str]:
        return [c for c in PAGES[self.page][1] if c in self.surfaces]

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        self.label(pygame.Rect(margin, margin // 2, w - 2 * margin, row + 8),
                   f"Outcome and debrief: {self.session.scenario.title}", "#heading")
        y = margin // 2 + row + 8 + gap
        tab_w = (w - 2 * margin - 3 * gap) // 4
        for i, (title, _, _) in enumerate(PAGES):
            b = self.button(pygame.Rect(margin + i * (tab_w + gap), y, tab_w, row), title,
                            lambda i=i: self.show(i), PAGE_KEYS[i])
            if i == self.page:
                b.select()
        top = y + row + gap
        bh = int(row * 1.2)
        body = pygame.Rect(margin, top, w - 2 * margin, h - top - bh - margin // 2 - 2 * gap - row)
        self._body(body)
        charts = self._charts()
        hint = (f"Chart {self.chart % len(charts) + 1} of {len(charts)}: Left/Right for the next"
                if len(charts) > 1 else "")
        self.label(pygame.Rect(margin, body.bottom + gap, w - 2 * margin, row),
                   "  ·  ".join(t for t in (hint, self.message) if t) or " ", "#muted")
        bw = max(260, w // 5, self.button_width("Back to the title", pygame.K_RETURN,
                                                  "#primary"))
        fy = h - margin // 2 - bh
        self.button(pygame.Rect(margin, fy, bw, bh), "Export report", self.export, pygame.K_h,
                    tooltip="Write the HTML report (charts, evidence page) beside the results.")
        self.button(pygame.Rect(w - margin - bw, fy, bw, bh), "Back to the title", self.title,
                    pygame.K_RETURN, object_id="#primary")
        self.keys[pygame.K_ESCAPE] = self.title
        self.keys[pygame.K_LEFT] = lambda: self.cycle(-1)
        self.keys[pygame.K_RIGHT] = lambda: self.cycle(1)

    def _body(self, body: pygame.Rect) -> None:
        gap = self.m("gap")
        share = PAGES[self.page][2]
        charts = self._charts()
        if not charts and self.page != 1:
            share = 1.0
        text_w = int(body.width * share) if share else 0
        if text_w:
            self.text_box(pygame.Rect(body.x, body.y, text_w - (gap if share < 1 else 0),
                                      body.height), self._page_html())
        if share < 1:
            area = pygame.Rect(body.x + text_w, body.y, body.width - text_w, body.height)
            if charts:
                self._image(area, self.surfaces[charts[self.chart % len(charts)]])
            else:
                self.text_box(area, "<i>Drawing the charts...</i>")

    def _image(self, area: pygame.Rect, surface: pygame.Surface) -> None:
        """The chart scaled to fit ``area``, keeping its shape, centred."""
        sw, sh = surface.get_size()
        scale = min(area.width / sw, area.height / sh, 1.5)  # beyond 1.5 it blurs
        size = (max(1, int(sw * scale)), max(1, int(sh * scale)))
        rect = pygame.Rect((0, 0), size)
        rect.center = area.center
        UIImage(rect, pygame.transform.smoothscale(surface, size), manager=self.manager,
                container=self.root)

    # -- acting -----------------------------------------------------------------------------
    def show(self, page: int) -> None:
        self.page, self.chart = page, 0
        self.build()

    def cycle(self, step: int) -> None:
        self.chart += step
        self.build()

    def export(self) -> None:
        if self.view is None:
            self.message = "The debrief is still being worked out; try again in a moment."
        else:
            try:
                path = words.export_html(self.session.scenario, self.results.data, self.view)
                self.message = f"Report written to {path}"
            except WriteError as exc:
                self.message = f"The report could not be written: {exc}"
        self.build()

    def exit(self) -> None:
        if self._future is not None:
            self._future.cancel()  # not started yet: never run (running: finishes, dropped)
            self._future = None
        self.view, self.surfaces = None, {}
        super().exit()

    def title(self) -> Transition:
        from .title import TitleScene
        return Reset(TitleScene(self.session.seed))
