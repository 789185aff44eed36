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


def render_plan_words(plan: WebinarPlan) -> list[str]:
    lines: list[str] = []
    if not plan.compared:
        lines.append("(not compared with Zoom: no credentials configured; showing the full create plan)")
    where = f"webinar {plan.webinar_id}" if plan.webinar_id else "webinar (new)"
    lines.append(f"{where}: {plan.action}")
    for change in plan.changes:
        name = label(change.path)
        if plan.action == "create":
            lines.append(f"  + {name}: {in_words(change.path, change.new)}")
        else:
            lines.append(f"  ~ {name}: {in_words(change.path, change.old)} → {in_words(change.path, change.new)}")
    lines.extend(f"  + panelist {p['name']} <{p['email']}>" for p in plan.panelists_to_add)
    lines.extend(f"  - panelist {p.get('name', '')} <{p.get('email', '')}>" for p in plan.panelists_to_remove)
    if plan.panelists_kept:
        lines.append(
            f"  = {len(plan.panelists_kept)} panelist(s) in Zoom but not in the event file are kept "
            "(--prune-panelists removes them)"
        )
    if plan.questions_body is not None:
        body = plan.questions_body
        lines.append(
            f"  ~ registration questions: {len(body['questions'])} standard, {len(body['custom_questions'])} custom"
        )
        lines.extend(f"      {q['title']}" for q in body["custom_questions"])
    lines.extend(f"  + poll {poll['title']!r} ({len(poll['questions'])} question(s))" for poll in plan.polls_to_create)
    lines.extend(f"  ! {note}" for note in plan.notes)
    lines.append(f"Plan: {plan.summary()}.")
    return lines
