"""What goes into an archive folder: Zoom's raw documents and the reports built from them.

The built reports (attendance, Q&A, polls; CSV and JSON each) are made from
the very pages being archived, with no second fetch, so they always agree
with the raw data beside them, and stay readable after Zoom has deleted it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wmdctl.event.model import Event
from wmdctl.reports.attendance import AttendanceReport
from wmdctl.reports.fetch import DataNotReady, Source
from wmdctl.reports.interactions import POLL_COLUMNS, QA_COLUMNS, known_poll_answers, poll_rows, poll_titles, qa_rows
from wmdctl.reports.job import AttendanceInputs, build_attendance
from wmdctl.reports.writers import ReportFormat, write_attendance, write_records

REPORTS_DIR = "reports"
# The archive's reports use the CLI's default panel threshold.
ARCHIVE_PANEL_THRESHOLD_MINUTES = 10.0
_FORMATS: tuple[ReportFormat, ...] = ("csv", "json")
BUILT_REPORTS = ("attendance", "qa", "polls")


@dataclass
class RawArchive:
    """Zoom's documents for one instance, as returned (the webinar without its host-only keys)."""

    source: Source
    webinar: dict[str, Any]  # {} when Zoom would not give it (see ``webinar_warning``)
    details: dict[str, Any] = field(default_factory=dict)
    participant_pages: list[dict[str, Any]] = field(default_factory=list)
    registrant_pages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    absentee_pages: list[dict[str, Any]] = field(default_factory=list)
    qa: dict[str, Any] = field(default_factory=dict)
    polls: dict[str, Any] = field(default_factory=dict)
    poll_definitions: list[dict[str, Any]] = field(default_factory=list)
    webinar_warning: str = ""
    polls_warning: str = ""

    @property
    def warnings(self) -> list[str]:
        return [w for w in (self.webinar_warning, self.polls_warning) if w]

    def documents(self) -> dict[str, Any]:
        """Every raw document, keyed by its path in the archive."""
        documents: dict[str, Any] = {}
        if self.webinar:
            documents["webinar.json"] = self.webinar
        if self.details:
            documents["report_details.json"] = self.details
        documents.update(_numbered("participants", self.participant_pages))
        for status, pages in self.registrant_pages.items():
            documents.update(_numbered(f"registrants/{status}", pages))
        documents.update(_numbered("absentees", self.absentee_pages))
        documents["qa.json"] = self.qa
        documents["polls.json"] = self.polls
        if self.poll_definitions:
            documents["poll_definitions.json"] = {"polls": self.poll_definitions}
        return documents

    def registrants(self) -> list[dict[str, Any]]:
        return [
            {**registrant, "status": registrant.get("status") or status}
            for status, pages in self.registrant_pages.items()
            for registrant in _items(pages, "registrants")
        ]


def write_built_reports(folder: Path, raw: RawArchive, event: Event) -> list[str]:
    """Write the attendance, Q&A and polls reports under ``reports/``; their paths relative to ``folder``."""
    (folder / REPORTS_DIR).mkdir(parents=True, exist_ok=True)
    report = attendance_report(raw, event)
    known = known_poll_answers(event.polls)
    polls = poll_rows(raw.polls, known, poll_titles(raw.poll_definitions, event.polls))
    qa = qa_rows(raw.qa, event.timezone)
    for fmt in _FORMATS:
        write_attendance(report, fmt, folder / REPORTS_DIR / f"attendance.{fmt}")
        write_records(fmt, folder / REPORTS_DIR / f"qa.{fmt}", QA_COLUMNS, qa, "Q&A")
        write_records(fmt, folder / REPORTS_DIR / f"polls.{fmt}", POLL_COLUMNS, polls, "Polls")
    return sorted(f"{REPORTS_DIR}/{name}.{fmt}" for name in BUILT_REPORTS for fmt in _FORMATS)


def attendance_report(raw: RawArchive, event: Event) -> AttendanceReport:
    """The attendance report, built from the archived pages alone."""
    report = build_attendance(
        AttendanceInputs(
            rows=_items(raw.participant_pages, "participants"),
            registrants=raw.registrants(),
            absentees=lambda: _items(raw.absentee_pages, "registrants"),
            details=raw.details,
            host_email=str(raw.webinar.get("host_email") or raw.details.get("user_email") or ""),
        ),
        event,
        ARCHIVE_PANEL_THRESHOLD_MINUTES,
    )
    if report.incomplete:
        raise DataNotReady(report.incomplete)
    report.source = raw.source
    if raw.webinar_warning:
        report.problems.insert(0, raw.webinar_warning)
    return report


def _items(pages: Iterable[dict[str, Any]], key: str) -> Iterator[dict[str, Any]]:
    for page in pages:
        yield from page.get(key) or []


def _numbered(prefix: str, pages: Iterable[dict[str, Any]]) -> dict[str, Any]:
    return {f"{prefix}/page-{n:04d}.json": page for n, page in enumerate(pages, start=1)}
