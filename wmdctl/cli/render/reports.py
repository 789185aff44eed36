"""The human form of the `wmdctl report` commands: tables or CSV on stdout, the summary and the chart on stderr."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from wmdctl.cli.columns import choose_columns
from wmdctl.output import Output
from wmdctl.reports.attendance import AttendanceReport
from wmdctl.reports.fetch import SOURCE_LABELS
from wmdctl.reports.timefmt import local_clock, utc_iso

if TYPE_CHECKING:
    from wmdctl.reports.recordings import RecordingListing
    from wmdctl.reports.writers import ReportFormat

# What a terminal table shows by default (it fits 80 columns); --columns picks others, files get them all.
ATTENDANCE_DEFAULT = ("name", "email", "minutes", "p1_min", "p2_min")
QA_DEFAULT = ("question", "asker_name", "asked_local", "status")
POLLS_DEFAULT = ("poll_title", "question", "answer", "count", "share_pct")
RECORDING_COLUMNS = ("Instance start", "Kind", "Type", "Size", "Auto-delete", "File")


def summary_lines(report: AttendanceReport) -> list[str]:
    summary = report.summary
    tz = report.timezone
    lines = [
        f"Source: {SOURCE_LABELS.get(report.source, report.source)}",
        f"Registered (approved): {summary.registered}; attended: {summary.registered_attended} "
        f"({summary.attendance_rate:.0%}); unregistered attendees: {summary.unregistered_attendees}",
    ]
    if summary.peak_at is not None:
        lines.append(
            f"Peak: {summary.peak_attendees} attendees at {local_clock(summary.peak_at, tz)} {tz} "
            f"({utc_iso(summary.peak_at)})"
        )
    lines.append(f"Average time per attendee: {summary.average_minutes:g} min over {summary.attendees} attendees")
    for panel in summary.panels:
        lines.append(
            f"Panel {panel.number} ({panel.title}, {local_clock(panel.start, tz)}–{local_clock(panel.end, tz)}): "
            f"{panel.present} present for ≥ {report.threshold_minutes:g} min, average {panel.average_minutes:g} min"
        )
    return lines


def render_summary(output: Output, report: AttendanceReport) -> None:
    """The demo's attendance step: the summary lines on stderr, indented under the step."""
    for line in summary_lines(report):
        output.info(f"  {line}")


def render_attendance(
    output: Output, report: AttendanceReport, chosen: ReportFormat, *, to_stdout: bool, fmt: str | None,
    columns: str | None,
) -> None:  # fmt: skip
    """The report on stdout (unless it went to a file), then the chart and the summary on stderr."""
    if to_stdout:
        _attendance_to_stdout(output, report, chosen, fmt, columns)
    _attendance_summary(output, report)


def _attendance_to_stdout(
    output: Output, report: AttendanceReport, chosen: ReportFormat, fmt: str | None, columns: str | None
) -> None:
    from wmdctl.reports.writers import attendance_table, write_attendance

    if chosen == "table" and (output.stdout_terminal or fmt == "table" or columns):
        names, rows = attendance_table(report)
        shown = _pick(names, rows, ATTENDANCE_DEFAULT, columns)
        output.table(*shown, title="Attendance")
    else:  # not a terminal: the whole report, as CSV, rather than a table for eyes
        write_attendance(report, "csv" if chosen == "table" else chosen, sys.stdout)


def _attendance_summary(output: Output, report: AttendanceReport) -> None:
    """After the table, so it is what stays on the screen (it goes to stderr; --quiet drops it)."""
    from wmdctl.cli.render.chart import text_chart

    if not output.quiet:
        output.err.print(text_chart(report))
    for line in summary_lines(report):  # last, so the figures are what stays on the screen
        output.info(line)


def _slug(column: str) -> str:
    """The --columns name of a table heading: "First join (Europe/Madrid)" -> first_join, "%" -> pct."""
    base = column.split(" (", 1)[0].replace("%", "pct")
    return re.sub(r"[^a-z0-9]+", "_", base.lower()).strip("_")


def _pick(
    names: list[str], rows: list[list[Any]], default: tuple[str, ...], requested: str | None
) -> tuple[list[str], list[list[Any]]]:
    slugs = [_slug(n) for n in names]
    chosen = choose_columns(slugs, default, requested)
    index = [slugs.index(c) for c in chosen]
    return [names[i] for i in index], [[row[i] for i in index] for row in rows]


def render_rows(
    output: Output, title: str, columns: tuple[str, ...], rows: list[dict[str, Any]], chosen: ReportFormat,
    *, fmt: str | None, shown: tuple[tuple[str, ...], str | None],
) -> None:  # fmt: skip
    """Q&A or polls on stdout: a table on a terminal (the ``shown`` default columns, or --columns), else CSV."""
    from wmdctl.reports.writers import write_records

    if chosen == "table" and (output.stdout_terminal or fmt == "table" or shown[1]):
        picked = choose_columns(columns, *shown)
        output.table([c.replace("_", " ") for c in picked], [[r.get(c) for c in picked] for r in rows], title=title)
    else:  # not a terminal: every column, as CSV
        write_records("csv" if chosen == "table" else chosen, sys.stdout, columns, rows, title)


def render_recordings(output: Output, listing: RecordingListing) -> None:
    """One row per file: its instance, kind, size and when Zoom deletes it."""
    from wmdctl.reports.recordings import human_size

    rows = [
        [i.start_time, f.kind, f.recording_type, human_size(f.size), i.auto_delete_date or "-", f.relative_path]
        for i, f in listing.files()
    ]
    output.table(list(RECORDING_COLUMNS), rows, title="Cloud recordings")


def render_follow_up(output: Output, chosen: ReportFormat, columns: Sequence[str], rows: list[dict[str, Any]]) -> None:
    """The follow-up list on stdout: a table when asked for, else the format chosen (CSV by default)."""
    from wmdctl.reports.writers import write_records

    if chosen == "table":
        output.table(list(columns), [[r[c] for c in columns] for r in rows], title="Follow-up")
    else:
        write_records(chosen, sys.stdout, columns, rows, "Follow-up")
