"""The webinar's polls, built from the panels' discussion questions.

One poll per panel, titled like the panel ("Panel 1: Creating caring
metropolises"): which of the panel's questions matters most to the attendee's
city, and optionally how useful the panel was. The ``[polls]`` section only
words these questions; the panels supply the content.
"""

from __future__ import annotations

from wmdctl.event import limits
from wmdctl.event.model import Panel, Poll, PollQuestion
from wmdctl.event.reader import Table

DEFAULT_PRIORITY_QUESTION = "Which of these questions matters most for your metropolis?"
DEFAULT_RATING_QUESTION = "How useful was this panel for your work?"


def read_polls(t: Table, panels: tuple[Panel, ...]) -> tuple[Poll, ...]:
    if not t.flag("from_panels", True):
        # Read the other keys anyway, so a typo is still reported.
        _wording(t)
        return ()
    anonymous, priority, rating, low, high = _wording(t)
    polls = []
    for panel in panels:
        where = f"panels[{panel.number - 1}]"
        if len(panel.label) > limits.POLL_TITLE_MAX:
            t.reader.add(
                f"{where}.title",
                f"makes the poll title {panel.label!r} {len(panel.label)} characters "
                f"long; Zoom allows at most {limits.POLL_TITLE_MAX}: shorten the title",
            )
        if len(panel.questions) > limits.POLL_ANSWERS_MAX:
            t.reader.add(
                f"{where}.questions",
                f"has {len(panel.questions)} questions, which become the answers "
                f"of the panel's poll; Zoom allows at most {limits.POLL_ANSWERS_MAX}",
            )
        questions: list[PollQuestion] = []
        if len(panel.questions) >= limits.POLL_ANSWERS_MIN:
            questions.append(PollQuestion(priority, "single", panel.questions))
        if rating:
            questions.append(PollQuestion(rating, "rating_scale", rating_min_label=low, rating_max_label=high))
        if questions:
            polls.append(Poll(panel.label, tuple(questions), anonymous, panel.number))
    return tuple(polls)


def _wording(t: Table) -> tuple[bool, str, str, str, str]:
    return (
        t.flag("anonymous", False),
        t.text("priority_question", required=False, default=DEFAULT_PRIORITY_QUESTION, max_len=limits.POLL_QUESTION_MAX)
        or DEFAULT_PRIORITY_QUESTION,
        # An empty rating_question turns the rating off.
        t.text("rating_question", required=False, default=DEFAULT_RATING_QUESTION, max_len=limits.POLL_QUESTION_MAX),
        t.text("rating_min_label", required=False, default="Not useful"),
        t.text("rating_max_label", required=False, default="Very useful"),
    )
