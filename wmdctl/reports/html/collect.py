"""Fetch what the HTML report shows, lay it out, and write the one file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wmdctl.reports import fetch
from wmdctl.reports.html.page import PageInputs, render_page
from wmdctl.reports.job import AttendanceOptions, collect_attendance, collect_polls, collect_qa
from wmdctl.state.files import write_text_atomic
from wmdctl.zoom.errors import ZoomError

if TYPE_CHECKING:
    from wmdctl.jobs import JobContext


def collect_html_report(
    job: JobContext,
    out: Path,
    *,
    threshold_minutes: float = 10,
    on_warning: Callable[[str], None] | None = None,
    now: datetime | None = None,
) -> Path:
    """Attendance (refusing unfinished data, as the attendance report does), then Q&A and polls, then the page."""
    warnings: list[str] = []
    job = job.pinned()  # four parts, one webinar
    report = collect_attendance(job, AttendanceOptions(threshold_minutes=threshold_minutes))
    registrants = fetch.fetch_registrants(job.client(), job.webinar_id())
    qa = _optional(lambda: collect_qa(job, None, warnings.append)[1], "Q&A", warnings)
    polls = _optional(lambda: collect_polls(job, None, warnings.append)[1], "polls", warnings)
    for warning in warnings:
        if on_warning:
            on_warning(warning)
    page = render_page(PageInputs(job.event(), report, registrants, qa, polls, now or datetime.now(UTC), warnings))
    write_text_atomic(out, page, private=False)
    return out


def _optional(call: Callable[[], list[dict[str, Any]]], what: str, warnings: list[str]) -> list[dict[str, Any]]:
    """Q&A and polls are part of the picture, not a reason to have none: a refusal becomes a note on the page."""
    try:
        return call()
    except ZoomError as error:
        warnings.append(f"Zoom would not give the {what} ({error.message}); the report shows none")
        return []
