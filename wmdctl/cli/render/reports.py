"""The attendance summary as lines for stderr."""

from __future__ import annotations

from wmdctl.output import Output
from wmdctl.reports.attendance import AttendanceReport
from wmdctl.reports.fetch import SOURCE_LABELS
from wmdctl.reports.timefmt import local_clock, utc_iso


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
