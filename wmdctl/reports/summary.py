"""The attendance summary: registered, attended, peak, averages, per panel.

"Attendees" here means people in the attendee role: the host and the
panelists are on stage for the whole webinar and would flatter every number.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from wmdctl.reports import segments
from wmdctl.reports.model import PanelWindow, PersonRow
from wmdctl.reports.segments import Interval
from wmdctl.reports.timefmt import local_iso, utc_iso

TIMELINE_BUCKET_SECONDS = 5 * 60


@dataclass(frozen=True)
class PanelSummary:
    number: int
    title: str
    start: int
    end: int
    present: int  # attendees at or above the threshold
    average_minutes: float  # over attendees who spent any time in the panel


@dataclass
class Summary:
    registered: int  # approved registrants (the people who could come)
    registered_attended: int
    attendance_rate: float  # registered_attended / registered, 0..1
    attendees: int  # everyone in the attendee role who joined, registered or not
    unregistered_attendees: int
    peak_attendees: int
    peak_at: int | None
    average_minutes: float
    panels: list[PanelSummary]
    timeline: list[tuple[int, int]]  # (bucket start, most attendees present in it)
    registrants_by_status: dict[str, int] = field(default_factory=dict)
    steps: list[segments.Step] = field(default_factory=list)  # the full concurrency curve, for --chart

    def to_dict(self, timezone: str) -> dict[str, Any]:
        return {
            "registered": self.registered,
            "registered_attended": self.registered_attended,
            "attendance_rate": round(self.attendance_rate, 4),
            "attendees": self.attendees,
            "unregistered_attendees": self.unregistered_attendees,
            "peak_attendees": self.peak_attendees,
            "peak_at_utc": utc_iso(self.peak_at),
            "peak_at_local": local_iso(self.peak_at, timezone),
            "average_minutes": self.average_minutes,
            "registrants_by_status": self.registrants_by_status,
            "panels": [
                {
                    "number": p.number,
                    "title": p.title,
                    "start_local": local_iso(p.start, timezone),
                    "end_local": local_iso(p.end, timezone),
                    "present": p.present,
                    "average_minutes": p.average_minutes,
                }
                for p in self.panels
            ],
            "timeline": [{"at_utc": utc_iso(at), "attendees": count} for at, count in self.timeline],
        }


def summarise(
    rows: Sequence[PersonRow],
    merged_attendees: Sequence[Sequence[Interval]],
    registrant_statuses: Sequence[str],
    panels: Sequence[PanelWindow],
    webinar_window: Interval,
    timezone: str,
) -> Summary:
    attendee_rows = [r for r in rows if r.role == "attendee" and r.attended]
    by_status = Counter(registrant_statuses)
    registered = by_status.get("approved", 0)
    registered_attended = sum(1 for r in attendee_rows if r.registered)
    steps = segments.concurrency(merged_attendees)
    top = segments.peak(steps)
    start, end = _timeline_span(webinar_window, merged_attendees)
    return Summary(
        registered=registered,
        registered_attended=registered_attended,
        attendance_rate=registered_attended / registered if registered else 0.0,
        attendees=len(attendee_rows),
        unregistered_attendees=sum(1 for r in attendee_rows if not r.registered),
        peak_attendees=top.count if top else 0,
        peak_at=top.at if top else None,
        average_minutes=_average(r.total_seconds for r in attendee_rows),
        panels=[_panel_summary(p, attendee_rows) for p in panels],
        timeline=segments.bucket_peaks(steps, start, end, TIMELINE_BUCKET_SECONDS),
        registrants_by_status=dict(sorted(by_status.items())),
        steps=steps,
    )


def _panel_summary(panel: PanelWindow, attendee_rows: Sequence[PersonRow]) -> PanelSummary:
    seconds = [r.panel_seconds.get(panel.number, 0) for r in attendee_rows]
    return PanelSummary(
        number=panel.number,
        title=panel.title,
        start=panel.window[0],
        end=panel.window[1],
        present=sum(1 for r in attendee_rows if r.panel_present.get(panel.number)),
        average_minutes=_average(s for s in seconds if s > 0),
    )


def _average(seconds: Any) -> float:
    values = list(seconds)
    return round(sum(values) / len(values) / 60, 1) if values else 0.0


def _timeline_span(window: Interval, merged: Sequence[Sequence[Interval]]) -> Interval:
    """The webinar window, widened to cover early joiners and late leavers."""
    start, end = window
    for intervals in merged:
        if intervals:
            start = min(start, intervals[0][0])
            end = max(end, intervals[-1][1])
    return start, end
