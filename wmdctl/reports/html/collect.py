"""Fetch what the HTML report shows, lay it out, and write the one file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wmdctl.event.model import Event
from wmdctl.reports import fetch
from wmdctl.reports.html.page import PageInputs, render_page
from wmdctl.reports.interactions import known_poll_answers
from wmdctl.reports.job import AttendanceOptions, collect_attendance, collect_polls, collect_qa
from wmdctl.state.files import write_text_atomic
from wmdctl.zoom.errors import ZoomError


def collect_html_report(
    client: Any,
    webinar_id: str,
    event: Event,
    out: Path,
    *,
    threshold_minutes: float = 10,
    on_warning: Callable[[str], None] | None = None,
    now: datetime | None = None,
) -> Path:
    """Attendance (refusing unfinished data, as the attendance report does), then Q&A and polls, then the page."""
    warnings: list[str] = []
    report = collect_attendance(client, webinar_id, event, AttendanceOptions(threshold_minutes=threshold_minutes))
    registrants = fetch.fetch_registrants(client, webinar_id)
    qa = _optional(lambda: collect_qa(client, webinar_id, event.timezone, None, warnings.append)[1], "Q&A", warnings)
    known = known_poll_answers(event.polls)
    polls = _optional(
        lambda: collect_polls(client, webinar_id, known, None, warnings.append, event.polls)[1], "polls", warnings
    )
    for warning in warnings:
        if on_warning:
            on_warning(warning)
    page = render_page(PageInputs(event, report, registrants, qa, polls, now or datetime.now(UTC), warnings))
    write_text_atomic(out, page, private=False)
    return out


def _optional(call: Callable[[], list[dict[str, Any]]], what: str, warnings: list[str]) -> list[dict[str, Any]]:
    """Q&A and polls are part of the picture, not a reason to have none: a refusal becomes a note on the page."""
    try:
        return call()
    except ZoomError as error:
        warnings.append(f"Zoom would not give the {what} ({error.message}); the report shows none")
        return []
