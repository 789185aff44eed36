"""Attendance over time as a text chart for the terminal (the PNG/SVG one is ``wmdctl.reports.chart``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from wmdctl.reports.timefmt import local_clock

if TYPE_CHECKING:
    from wmdctl.reports.attendance import AttendanceReport

BAR_WIDTH = 40


def text_chart(report: AttendanceReport) -> Table:
    """One line per 5-minute bucket: local time, the panel on stage, a bar of the most attendees present."""
    timeline = report.summary.timeline
    highest = max((count for _, count in timeline), default=0)
    table = Table(
        "Time",
        "Panel",
        "Attendees present",
        "",
        title=f"Concurrent attendees ({report.timezone})",
        box=None,
        header_style="bold",
        pad_edge=False,
    )
    for at, count in timeline:
        length = round(BAR_WIDTH * count / highest) if highest else 0
        bar = Text("█" * length, style="cyan")
        table.add_row(local_clock(at, report.timezone), _panel_at(report, at), bar, str(count))
    return table


def _panel_at(report: AttendanceReport, at: int) -> str:
    for panel in report.panels:
        if panel.window[0] <= at < panel.window[1]:
            return f"P{panel.number}"
    return ""
