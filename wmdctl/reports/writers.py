"""Reports as flat records, and writing them as CSV, XLSX, JSON or a table.

The spreadsheet writers come from ``wmdctl.tabular``, which neutralises
formulas (a registrant named ``=HYPERLINK(...)`` stays text in Excel).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, Literal

from wmdctl.reports.attendance import AttendanceReport
from wmdctl.reports.model import PersonRow
from wmdctl.reports.timefmt import local_clock, local_iso, utc_iso
from wmdctl.tabular import write_rows

ReportFormat = Literal["table", "csv", "json", "xlsx"]
FORMATS: tuple[str, ...] = ("table", "csv", "json", "xlsx")


def format_for(fmt: str | None, out: Path | None) -> ReportFormat:
    """The format asked for, else the one ``--out``'s suffix names, else a table."""
    from wmdctl.errors import UsageError

    chosen = fmt or (out.suffix.lstrip(".").lower() if out is not None else "") or "table"
    if chosen not in FORMATS:
        raise UsageError(f"unknown report format {chosen!r}", hint=f"use --format {'|'.join(FORMATS)}")
    if chosen == "xlsx" and out is None:
        raise UsageError("an XLSX report needs a file", hint="pass --out report.xlsx")
    if chosen == "table" and out is not None:
        raise UsageError("a table is for the terminal, not a file", hint="use --format csv, json or xlsx with --out")
    return chosen  # type: ignore[return-value]


def attendance_columns(report: AttendanceReport) -> list[str]:
    columns = ["name", "email", "organisation", "role", "registered", "registration_status"]
    columns += report.answer_titles
    columns += [
        "first_join_local",
        "first_join_utc",
        "last_leave_local",
        "last_leave_utc",
        "total_minutes",
        "sessions",
        "attended_pct",
    ]
    for panel in report.panels:
        columns += [f"panel_{panel.number}_minutes", f"present_panel_{panel.number}"]
    columns.append("matched_by")
    return columns


def attendance_record(row: PersonRow, report: AttendanceReport) -> dict[str, Any]:
    tz = report.timezone
    record: dict[str, Any] = {
        "name": row.name,
        "email": row.email,
        "organisation": row.organisation,
        "role": row.role,
        "registered": row.registered,
        "registration_status": row.registration_status,
    }
    for title in report.answer_titles:
        record[title] = row.answers.get(title, "")
    record |= {
        "first_join_local": local_iso(row.first_join, tz),
        "first_join_utc": utc_iso(row.first_join),
        "last_leave_local": local_iso(row.last_leave, tz),
        "last_leave_utc": utc_iso(row.last_leave),
        "total_minutes": row.total_minutes,
        "sessions": row.sessions,
        "attended_pct": row.attended_pct,
    }
    for panel in report.panels:
        record[f"panel_{panel.number}_minutes"] = round(row.panel_seconds.get(panel.number, 0) / 60, 1)
        record[f"present_panel_{panel.number}"] = row.panel_present.get(panel.number, False)
    record["matched_by"] = row.identity
    return record


def attendance_to_dict(report: AttendanceReport) -> dict[str, Any]:
    """The ``--json`` document: source, summary and rows (a stable contract)."""
    return {
        "source": report.source,
        "timezone": report.timezone,
        "webinar_start_utc": utc_iso(report.webinar_window[0]),
        "webinar_end_utc": utc_iso(report.webinar_window[1]),
        "panel_threshold_minutes": report.threshold_minutes,
        "summary": report.summary.to_dict(report.timezone),
        "problems": report.problems,
        "people": [attendance_record(r, report) for r in report.rows],
    }


def write_attendance(
    report: AttendanceReport, fmt: ReportFormat, destination: Path | IO[str], *, private: bool = False
) -> int:
    """Write the per-person rows (JSON: the whole document); returns how many people.

    A file is written atomically (a full disk leaves no partial report) and follows the umask unless ``private``.
    """
    if isinstance(destination, Path):
        return _to_file(fmt, destination, private, lambda target: _attendance(report, fmt, target, bom=True))
    # A BOM lets Excel open accented names in a CSV file correctly; a pipe does not want one.
    return _attendance(report, fmt, destination, bom=False)


def _attendance(report: AttendanceReport, fmt: ReportFormat, target: Path | IO[str], *, bom: bool) -> int:
    if fmt == "json":
        import json

        assert not isinstance(target, Path)  # files go through _to_file's stream
        target.write(json.dumps(attendance_to_dict(report), indent=2, ensure_ascii=False) + "\n")
        return len(report.rows)
    if fmt not in ("csv", "xlsx"):
        raise ValueError(f"write_attendance cannot write {fmt!r}")
    columns = attendance_columns(report)
    records = (attendance_record(r, report) for r in report.rows)
    return write_rows(fmt, target, columns, records, bom=bom, sheet_title="Attendance")


def _to_file(fmt: ReportFormat, path: Path, private: bool, write: Callable[[Any], int]) -> int:
    """Through the one atomic writer: XLSX via a temp path (openpyxl wants a path), CSV and JSON via a stream."""
    from wmdctl.state.files import atomic_writer, write_with

    if fmt == "xlsx":
        counts: list[int] = []
        write_with(path, lambda temp: counts.append(write(temp)), private=private)
        return counts[0]
    with atomic_writer(path, private=private, newline="") as stream:
        return write(stream)


def attendance_table(report: AttendanceReport) -> tuple[list[str], list[list[Any]]]:
    """A narrower view for the terminal: who, how long, which panels."""
    columns = ["Name", "Email", "Role", "Registered", f"First join ({report.timezone})", "Minutes", "Sessions", "%"]
    columns += [f"P{p.number} min" for p in report.panels]
    rows: list[list[Any]] = []
    for row in report.rows:
        line: list[Any] = [
            row.name,
            row.email,
            row.role,
            "yes" if row.registered else "no",
            local_clock(row.first_join, report.timezone),
            f"{row.total_minutes:g}",
            row.sessions,
            f"{row.attended_pct:g}",
        ]
        for panel in report.panels:
            minutes = round(row.panel_seconds.get(panel.number, 0) / 60, 1)
            line.append(f"{minutes:g}{' ✓' if row.panel_present.get(panel.number) else ''}")
        rows.append(line)
    return columns, rows


def write_records(
    fmt: ReportFormat,
    destination: Path | IO[str],
    columns: Sequence[str],
    records: Sequence[dict[str, Any]],
    title: str,
    *,
    private: bool = False,
) -> int:
    """Q&A and poll rows: CSV, XLSX or JSON (a JSON array of objects)."""

    def write(target: Path | IO[str], bom: bool) -> int:
        return write_rows(fmt, target, columns, records, bom=bom, sheet_title=title)  # type: ignore[arg-type]

    if isinstance(destination, Path):
        return _to_file(fmt, destination, private, lambda target: write(target, True))
    return write(destination, False)
