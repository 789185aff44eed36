"""The report jobs: attendance (fetch, aggregate, refuse unfinished data, optionally wait), Q&A and polls.

The library entry points the CLI, the demo and a campaign call take the job context (``collect_attendance``,
``export_attendance``, ``collect_qa``, ``collect_polls``): its client, its webinar and its event. What they
build the report from stays pure (``build_attendance``, ``webinar_window``), so an archive can be read back.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wmdctl.event.model import Event
from wmdctl.reports import fetch, lookup, segments
from wmdctl.reports.attendance import AttendanceBuilder, AttendanceReport
from wmdctl.reports.fetch import DataNotReady, NotEnded, ReportClient, Source
from wmdctl.reports.model import PanelWindow
from wmdctl.reports.segments import Interval
from wmdctl.reports.writers import ReportFormat, write_attendance

if TYPE_CHECKING:
    from wmdctl.jobs import JobContext

# Zoom can take many minutes to finish a large webinar's report; --wait polls
# with a growing delay and gives up after this much sleeping.
DEFAULT_MAX_WAIT_SECONDS = 30 * 60
_BACKOFF_SECONDS = (30.0, 60.0, 120.0, 240.0, 300.0)


@dataclass
class AttendanceOptions:
    instance: str | None = None  # an instance UUID; None = the latest ended instance
    threshold_minutes: float = 10
    wait: bool = False
    max_wait_seconds: float = DEFAULT_MAX_WAIT_SECONDS
    sleep: Callable[[float], None] = field(default=time.sleep)
    on_wait: Callable[[str], None] | None = None  # told why and how long before each sleep


def collect_attendance(job: JobContext, options: AttendanceOptions | None = None) -> AttendanceReport:
    """The attendance report, or DataNotReady when Zoom's data is not complete (after waiting, with ``wait``).

    NotFoundError (exit 4) when ``options.instance`` is not one of the ended
    instances, or when the webinar and its reports are both unknown to Zoom.
    """
    client: ReportClient = job.client()  # first: the in-process sandbox sets its URLs when it starts
    webinar_id = job.webinar_id()
    return _collect_attendance(client, webinar_id, job.event(), options or AttendanceOptions())


def _collect_attendance(
    client: ReportClient, webinar_id: str, event: Event, options: AttendanceOptions
) -> AttendanceReport:
    target = options.instance or webinar_id
    webinar = lookup.get_webinar(client, webinar_id)
    if options.instance:
        lookup.check_instance(client, webinar_id, options.instance)
    slept = 0.0
    attempt = 0
    while True:
        try:
            report = _attempt(client, webinar_id, webinar.details, event, options)
            if not report.incomplete:
                if webinar.missing:
                    report.problems.insert(0, webinar.warning)
                return report
            reasons = report.incomplete
        except NotEnded as error:
            if webinar.missing:  # 3001 for the webinar and for its reports: it is not there
                raise lookup.not_found(webinar_id, target) from error
            reasons = error.reasons
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
    client: ReportClient, webinar_id: str, webinar: dict[str, Any], event: Event, options: AttendanceOptions
) -> AttendanceReport:
    target = options.instance or webinar_id
    participants = fetch.fetch_participants(client, target)
    details = fetch.fetch_report_details(client, target, participants.source)
    report = build_attendance(
        AttendanceInputs(
            rows=participants.rows,
            registrants=fetch.fetch_registrants(client, webinar_id),
            absentees=lambda: fetch.fetch_absentees(client, target),
            details=details,
            host_email=str(webinar.get("host_email") or details.get("user_email") or ""),
        ),
        event,
        options.threshold_minutes,
    )
    report.source = participants.source
    return report


@dataclass
class AttendanceInputs:
    """What an attendance report is built from, fetched live or read back from an archive."""

    rows: Iterable[dict[str, Any]]  # participant segments, consumed once
    registrants: list[dict[str, Any]]  # every status, each with its "status"
    absentees: Callable[[], Iterable[dict[str, Any]]]  # asked for after the rows, as Zoom wants
    details: dict[str, Any]  # the report's start and end; {} when unknown
    host_email: str = ""


def build_attendance(inputs: AttendanceInputs, event: Event, threshold_minutes: float) -> AttendanceReport:
    builder = AttendanceBuilder(
        inputs.registrants,
        host_emails=[inputs.host_email],
        panelist_emails=[p.email for p in event.panelists],
    )
    for row in inputs.rows:
        builder.add(row)
    for absentee in inputs.absentees():
        builder.add_absentee(absentee)
    return builder.build(
        panels=[PanelWindow.of(p) for p in event.panels],
        webinar_window=webinar_window(inputs.details, event),
        timezone=event.timezone,
        threshold_minutes=threshold_minutes,
        answer_titles=[q.title for q in event.registration.custom_questions],
    )


def webinar_window(details: dict[str, Any], event: Event) -> Interval:
    """When the instance actually ran (from the report), else when the event was scheduled."""
    start = segments.parse_zoom_time(details.get("start_time"))
    end = segments.parse_zoom_time(details.get("end_time"))
    if start is not None and end is not None and end > start:
        return start, end
    return segments.to_epoch(event.start), segments.to_epoch(event.end)


def source_label(source: Source | str) -> str:
    return fetch.SOURCE_LABELS.get(source, source)


def export_attendance(
    job: JobContext, out_path: Path, fmt: ReportFormat = "csv", options: AttendanceOptions | None = None
) -> AttendanceReport:
    """Collect the report and write it to ``out_path`` (csv, json or xlsx): the demo's one call."""
    report = collect_attendance(job, options)
    write_attendance(report, fmt, out_path)
    return report


def collect_qa(
    job: JobContext, instance: str | None = None, on_warning: Callable[[str], None] | None = None
) -> tuple[Source, list[dict[str, Any]]]:
    """Q&A rows (question, asker, time, status, answers), in the event's timezone, and the source they came from."""
    from wmdctl.reports.interactions import qa_rows

    client: ReportClient = job.client()
    source, payload = _interaction(client, job.webinar_id(), instance, fetch.fetch_qa, on_warning)
    return source, qa_rows(payload, job.event().timezone)


def collect_polls(
    job: JobContext, instance: str | None = None, on_warning: Callable[[str], None] | None = None
) -> tuple[Source, list[dict[str, Any]]]:
    """Answer counts per poll question, with the poll's title, and the source they came from.

    The event's own polls name the answers nobody chose, and title a poll Zoom no longer lists.
    """
    from wmdctl.reports.interactions import known_poll_answers, poll_rows, poll_titles

    client: ReportClient = job.client()
    webinar_id, event_polls = job.webinar_id(), job.event().polls
    source, payload = _interaction(client, webinar_id, instance, fetch.fetch_polls, on_warning)
    definitions, warning = lookup.poll_definitions(client, webinar_id)
    if warning and on_warning:
        on_warning(warning)
    return source, poll_rows(payload, known_poll_answers(event_polls), poll_titles(definitions, event_polls))


def _interaction(
    client: ReportClient,
    webinar_id: str,
    instance: str | None,
    fetcher: Callable[[ReportClient, str], tuple[Source, dict[str, Any]]],
    on_warning: Callable[[str], None] | None,
) -> tuple[Source, dict[str, Any]]:
    """Q&A or polls: a 3001 is "too early" unless the webinar is unknown too, then "not found"."""
    webinar = lookup.get_webinar(client, webinar_id)
    if instance:
        lookup.check_instance(client, webinar_id, instance)
    target = instance or webinar_id
    try:
        result = fetcher(client, target)
    except NotEnded as error:
        if webinar.missing:
            raise lookup.not_found(webinar_id, target) from error
        raise
    if webinar.missing and on_warning:
        on_warning(webinar.warning)
    return result
