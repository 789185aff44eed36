"""A webinar plan in words, for programme officers: "registration: manual approval", not `approval_type = 1`.

`--json` keeps Zoom's own field names and values; only this text view translates them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wmdctl.webinar.plan import WebinarPlan

# Zoom's codes (Zoom API: webinar create/update body), in words.
VALUE_WORDS: dict[str, dict[Any, str]] = {
    "type": {5: "a single webinar", 6: "recurring, no fixed time", 9: "recurring, fixed time"},
    "settings.approval_type": {0: "automatic approval", 1: "manual approval", 2: "no registration needed"},
    "settings.registration_type": {
        1: "register once, attend any occurrence",
        2: "register for each occurrence",
        3: "register once, choose occurrences",
    },
    "settings.auto_recording": {"cloud": "in the Zoom cloud", "local": "on the host's computer", "none": "off"},
    "settings.question_and_answer.answer_questions": {"all": "everyone sees all answers", "only": "asker only"},
}
LABELS = {
    "type": "webinar type",
    "start_time": "starts",
    "duration": "length",
    "settings.approval_type": "registration",
    "settings.registration_type": "recurring registration",
    "settings.registrants_email_notification": "e-mail registrants",
    "settings.registrants_confirmation_email": "confirmation e-mail",
    "settings.question_and_answer.enable": "Q&A",
    "settings.question_and_answer.answer_questions": "Q&A answers",
    "settings.practice_session": "practice session",
    "settings.hd_video": "HD video",
    "settings.on_demand": "on-demand recording",
    "settings.auto_recording": "recording",
    "settings.language_interpretation.enable": "language interpretation",
}


def label(path: str) -> str:
    if path in LABELS:
        return LABELS[path]
    words = path.removeprefix("settings.").replace("question_and_answer.", "Q&A: ").replace("_", " ")
    return words.replace(".", ": ")


def in_words(path: str, value: Any) -> str:
    known = VALUE_WORDS.get(path, {})
    if isinstance(value, (int, str)) and not isinstance(value, bool) and value in known:
        return known[value]
    if isinstance(value, bool):
        return "on" if value else "off"
    if path == "duration" and isinstance(value, int):
        return f"{value} minutes"
    if path.endswith("interpreters") and isinstance(value, list):
        return "; ".join(f"{i.get('email')} ({i.get('interpreter_languages')})" for i in value) or "none"
    if isinstance(value, str):
        one_line = value.replace("\n", " ⏎ ")
        return one_line if len(one_line) <= 70 else one_line[:67] + "..."
    return "(none)" if value is None else json.dumps(value, ensure_ascii=False)


def change_line(plan: WebinarPlan, path: str, old: Any, new: Any) -> str:
    if plan.action == "create":
        return f"  + {label(path)}: {in_words(path, new)}"
    return f"  ~ {label(path)}: {in_words(path, old)} → {in_words(path, new)}"


def render_plan_words(plan: WebinarPlan) -> list[str]:
    """wmdctl.cli.render.webinar's plan, with its field changes (right after the "webinar …: action" line) in words."""
    from wmdctl.cli.render.webinar import render_plan

    lines = render_plan(plan)
    start = 1 if plan.compared else 2  # after the optional "(not compared…)" line and the "webinar …" line
    assert lines[start - 1].endswith(f": {plan.action}"), "render_plan's layout changed"
    lines[start : start + len(plan.changes)] = [change_line(plan, c.path, c.old, c.new) for c in plan.changes]
    return lines
