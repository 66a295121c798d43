"""The scenario's knowledge check, one question at a time, before play or after it.

The scene only shows and asks: the answers go to ``record`` (the game's
``GameSession.record_knowledge``, or a team's in a group session), and ``then`` says where
to go once the check is done or skipped. Keys: 1-5 choose an option, Enter goes on (and
finishes on the last question), Left goes back a question, Esc skips the whole check.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ...scenario.spec import KnowledgeQuestionSpec
from .base import Scene, Transition, escape

OPTION_KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5)
INTRO = {"before": "Before you start: a short check of what you know now. Take it again at the "
                   "end to see what the scenario taught you.",
         "after": "Now that the scenario is over: the same questions again, to see what you "
                  "learnt. The debrief shows both scores and explains each question missed."}


class KnowledgeCheckScene(Scene):
    """``questions`` asked at ``stage`` ('before' or 'after' play); ``who`` names the player
    or team in the heading when someone else holds the keyboard (a facilitator)."""

    name = "knowledge-check"

    def __init__(self, questions: list[KnowledgeQuestionSpec], stage: str,
                 record: Callable[[dict[str, int]], None], then: Callable[[], Transition],
                 who: str = "") -> None:
        super().__init__()
        self.questions, self.stage, self.who = questions, stage, who
        self.record, self.then = record, then
        self.index = 0
        self.answers: dict[str, int] = {}
        self.problem = ""

    @property
    def question(self) -> KnowledgeQuestionSpec:
        return self.questions[self.index]

    def compose(self) -> None:
        w, h = self.inner
        row, gap, margin = self.m("row"), self.m("gap"), self.m("margin")
        who = f" · {self.who}" if self.who else ""
        self.label(pygame.Rect(margin, margin, w - 2 * margin, row + 8),
                   f"Knowledge check, {self.stage} play{who}: question {self.index + 1} of "
                   f"{len(self.questions)}", "#heading")
        bh = int(row * 1.3)
        top = margin + row + 2 * gap
        opt_h = int(row * 1.3)
        text_h = h - top - margin - bh - opt_h - 2 * gap
        self.text_box(pygame.Rect(margin, top, w - 2 * margin, text_h), self._html())
        n = len(self.question.options)
        ow = (w - 2 * margin - (n - 1) * gap) // n
        chosen = self.answers.get(self.question.id)
        for k in range(1, n + 1):
            b = self.button(pygame.Rect(margin + (k - 1) * (ow + gap), top + text_h + gap, ow,
                                        opt_h), f"Option {k}", lambda k=k: self.choose(k),
                            tooltip=self.question.options[k - 1])
            self.keys[OPTION_KEYS[k - 1]] = lambda k=k: self.choose(k)
            if chosen == k:
                b.select()
        self._footer(w, h - margin - bh, bh)

    def _html(self) -> str:
        """The question and its options (the chosen one marked), wrapped to the width."""
        intro = f"<i>{escape(INTRO[self.stage])}</i><br><br>" if self.index == 0 else ""
        chosen = self.answers.get(self.question.id)
        options = "".join(
            f"<br>{'<b>&gt; ' if chosen == k else '&nbsp;&nbsp;&nbsp;'}{k}. {escape(o)}"
            f"{' (your answer)</b>' if chosen == k else ''}"
            for k, o in enumerate(self.question.options, start=1))
        hint = ("<br><br><i>Choose an option (keys 1-" f"{len(self.question.options)}), then "
                "Enter to go on.</i>")
        problem = f"<br><br><b>{escape(self.problem)}</b>" if self.problem else ""
        return (f"{intro}<b>{escape(self.question.question)}</b><br>"
                f"{options}{hint}{problem}")

    def _footer(self, w: int, y: int, bh: int) -> None:
        margin, gap = self.m("margin"), self.m("gap")
        last = self.index == len(self.questions) - 1
        go = "Finish the check" if last else "Next question"
        bw = max(w // 5, self.button_width("Skip the check", pygame.K_ESCAPE),
                 self.button_width(go, pygame.K_RETURN, "#primary"),
                 self.button_width("Previous", pygame.K_LEFT))
        self.button(pygame.Rect(margin, y, bw, bh), "Skip the check", self.skip,
                    pygame.K_ESCAPE, tooltip="Go on without answering; nothing is recorded.")
        back = self.button(pygame.Rect(margin + bw + gap, y, bw, bh), "Previous",
                           self.previous, pygame.K_LEFT)
        if self.index == 0:
            back.disable()
            self.keys.pop(pygame.K_LEFT, None)
        self.button(pygame.Rect(w - margin - bw, y, bw, bh), go, self.next,
                    pygame.K_RETURN, object_id="#primary")

    # -- acting -----------------------------------------------------------------------------
    def choose(self, option: int) -> None:
        self.answers[self.question.id] = option
        self.build()

    def previous(self) -> None:
        self.index = max(0, self.index - 1)
        self.build()

    def next(self) -> Transition | None:
        """The next question, or (on the last) the answers recorded and the check done; a
        question not answered is left out, as the command line's blank answer is."""
        if self.index < len(self.questions) - 1:
            self.index += 1
            self.build()
            return None
        try:
            self.record(dict(self.answers))
        except ValueError as exc:
            self.problem = f"The answers could not be recorded: {exc}"
            self.build()
            return None
        return self.then()

    def skip(self) -> Transition:
        return self.then()
