"""The attendance job: fetch, aggregate, refuse unfinished data, optionally wait.

This is the library entry point the CLI and the demo call
(``collect_attendance`` and ``export_attendance``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from wmdctl.reports import fetch, segments
from wmdctl.reports.attendance import AttendanceBuilder, AttendanceReport, PanelLike, PanelWindow
from wmdctl.reports.fetch import DataNotReady, ReportClient, Source
from wmdctl.reports.segments import Interval
from wmdctl.reports.writers import ReportFormat, write_attendance

# Zoom can take many minutes to finish a large webinar's report; --wait polls
# with a growing delay and gives up after this much sleeping.
DEFAULT_MAX_WAIT_SECONDS = 30 * 60
_BACKOFF_SECONDS = (30.0, 60.0, 120.0, 240.0, 300.0)


class PanelistLike(Protocol):
    @property
    def email(self) -> str: ...


class QuestionLike(Protocol):
    @property
    def title(self) -> str: ...


class RegistrationLike(Protocol):
    @property
    def custom_questions(self) -> Sequence[QuestionLike]: ...


class EventLike(Protocol):
    """The slice of ``wmdctl.event.model.Event`` the reports use."""

    @property
    def timezone(self) -> str: ...
    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime: ...
    @property
    def panels(self) -> Sequence[PanelLike]: ...
    @property
    def panelists(self) -> Sequence[PanelistLike]: ...
    @property
    def registration(self) -> RegistrationLike: ...


@dataclass
class AttendanceOptions:
    instance: str | None = None  # an instance UUID; None = the latest ended instance
    threshold_minutes: float = 10
    wait: bool = False
    max_wait_seconds: float = DEFAULT_MAX_WAIT_SECONDS
    sleep: Callable[[float], None] = field(default=time.sleep)
    on_wait: Callable[[str], None] | None = None  # told why and how long before each sleep


def collect_attendance(
    client: ReportClient, webinar_id: str, event: EventLike, options: AttendanceOptions | None = None
) -> AttendanceReport:
    """The attendance report, or DataNotReady when Zoom's data is not complete (after waiting, with ``wait``)."""
    options = options or AttendanceOptions()
    # Raises ZoomNotFoundError (exit 4) for a wrong id, so a later 3001 can only mean "not ended".
    webinar = client.get_webinar(webinar_id)
    slept = 0.0
    attempt = 0
    while True:
        try:
            report = _attempt(client, webinar_id, webinar, event, options)
            if not report.incomplete:
                return report
            reasons = report.incomplete
        except DataNotReady as error:
            reasons = error.reasons
        delay = _BACKOFF_SECONDS[min(attempt, len(_BACKOFF_SECONDS) - 1)]
        if not options.wait or slept + delay > options.max_wait_seconds:
            raise DataNotReady(reasons)
        if options.on_wait:
            options.on_wait(f"Zoom's data is not complete yet ({'; '.join(reasons)}); checking again in {delay:g}s")
        options.sleep(delay)
        slept += delay
        attempt += 1


def _attempt(
    client: ReportClient, webinar_id: str, webinar: dict[str, Any], event: EventLike, options: AttendanceOptions
) -> AttendanceReport:
    target = options.instance or webinar_id
    participants = fetch.fetch_participants(client, target)
    registrants = fetch.fetch_registrants(client, webinar_id)
    builder = AttendanceBuilder(
        registrants,
        host_emails=[str(webinar.get("host_email") or "")],
        panelist_emails=[p.email for p in event.panelists],
    )
    for row in participants.rows:
        builder.add(row)
    for absentee in fetch.fetch_absentees(client, target):
        builder.add_absentee(absentee)
    details = fetch.fetch_report_details(client, target, participants.source)
    report = builder.build(
        panels=[PanelWindow.of(p) for p in event.panels],
        webinar_window=webinar_window(details, event),
        timezone=event.timezone,
        threshold_minutes=options.threshold_minutes,
        answer_titles=[q.title for q in event.registration.custom_questions],
    )
    report.source = participants.source
    return report


def webinar_window(details: dict[str, Any], event: EventLike) -> Interval:
    """When the instance actually ran (from the report), else when the event was scheduled."""
    start = segments.parse_zoom_time(details.get("start_time"))
    end = segments.parse_zoom_time(details.get("end_time"))
    if start is not None and end is not None and end > start:
        return start, end
    return segments.to_epoch(event.start), segments.to_epoch(event.end)


def source_label(source: Source | str) -> str:
    return fetch.SOURCE_LABELS.get(source, source)


def export_attendance(
    client: ReportClient,
    webinar_id: str,
    event: EventLike,
    out_path: Path,
    fmt: ReportFormat = "csv",
    options: AttendanceOptions | None = None,
) -> AttendanceReport:
    """Collect the report and write it to ``out_path`` (csv, json or xlsx): the demo's one call."""
    report = collect_attendance(client, webinar_id, event, options)
    write_attendance(report, fmt, out_path)
    return report


def collect_qa(
    client: ReportClient, webinar_id: str, timezone: str, instance: str | None = None
) -> tuple[Source, list[dict[str, Any]]]:
    """Q&A rows (question, asker, time, status, answers) and the source they came from."""
    from wmdctl.reports.interactions import qa_rows

    client.get_webinar(webinar_id)  # a wrong id is "not found" (exit 4), so a 3001 after it means "not ended"
    source, payload = fetch.fetch_qa(client, instance or webinar_id)
    return source, qa_rows(payload, timezone)


def collect_polls(
    client: ReportClient, webinar_id: str, known_answers: Mapping[str, Sequence[str]], instance: str | None = None
) -> tuple[Source, list[dict[str, Any]]]:
    """Answer counts per poll question and the source they came from."""
    from wmdctl.reports.interactions import poll_rows

    client.get_webinar(webinar_id)
    source, payload = fetch.fetch_polls(client, instance or webinar_id)
    return source, poll_rows(payload, known_answers)
