"""Plans and webinars as text for people (the CLI prints these lines to stdout)."""

from __future__ import annotations

import json
from typing import Any

from wmdctl.webinar.plan import WebinarPlan


def _value(value: Any) -> str:
    if isinstance(value, str):
        one_line = value.replace("\n", " ⏎ ")
        return repr(one_line if len(one_line) <= 70 else one_line[:67] + "...")
    return json.dumps(value, ensure_ascii=False)


def render_plan(plan: WebinarPlan) -> list[str]:
    lines: list[str] = []
    if not plan.compared:
        lines.append("(not compared with Zoom: no credentials configured; showing the full create plan)")
    where = f"webinar {plan.webinar_id}" if plan.webinar_id else "webinar (new)"
    lines.append(f"{where}: {plan.action}")
    for change in plan.changes:
        if plan.action == "create":
            lines.append(f"  + {change.path} = {_value(change.new)}")
        else:
            lines.append(f"  ~ {change.path}: {_value(change.old)} → {_value(change.new)}")
    for panelist in plan.panelists_to_add:
        lines.append(f"  + panelist {panelist['name']} <{panelist['email']}>")
    for panelist in plan.panelists_to_remove:
        lines.append(f"  - panelist {panelist.get('name', '')} <{panelist.get('email', '')}>")
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
    for poll in plan.polls_to_create:
        lines.append(f"  + poll {poll['title']!r} ({len(poll['questions'])} question(s))")
    survey = plan.attachments.survey_body
    if survey is not None:
        lines.append(
            f"  ~ survey {survey['custom_survey']['title']!r}: {len(survey['custom_survey']['questions'])} question(s)"
        )
    if plan.attachments.livestream_body is not None:
        shown = plan.attachments.livestream_shown() or {}
        lines.append(f"  ~ live stream to {shown['stream_url']} ({', '.join(plan.attachments.livestream_changes)})")
    if plan.auto_approve_domains:
        lines.append(f"  = auto-approve pending registrants from {', '.join(plan.auto_approve_domains)} and their "
                     "subdomains (by `wmdctl webhooks serve` and `registrants sync --approve-rules`)")  # fmt: skip
    lines.extend(f"  ! {note}" for note in plan.notes)
    lines.append(f"Plan: {plan.summary()}.")
    return lines


def render_details(details: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, value) rows for a two-column table."""
    rows = [
        ("id", details["id"]),
        ("topic", details.get("topic") or ""),
        ("start", f"{details.get('start_time_local')} {details.get('timezone')} ({details.get('start_time_utc')})"),
        ("duration", f"{details.get('duration')} min"),
        ("join URL", details.get("join_url") or ""),
        ("registration URL", details.get("registration_url") or "(registration off)"),
    ]
    if "start_url" in details:
        rows.append(("start URL (host only)", details.get("start_url") or ""))
    rows.extend((f"setting: {k}", str(v)) for k, v in details["settings"].items())
    rows.extend(("panelist", f"{p['name']} <{p['email']}>") for p in details["panelists"])
    questions = details.get("registration_questions") or {}
    rows.extend(
        ("standard question", f"{q.get('field_name')}{' *' if q.get('required') else ''}")
        for q in questions.get("questions") or []
    )
    rows.extend(
        ("custom question", f"{q.get('title')}{' *' if q.get('required') else ''}")
        for q in questions.get("custom_questions") or []
    )
    rows.extend(("poll", str(title)) for title in details["polls"])
    return rows
