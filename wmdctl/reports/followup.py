"""Who to write to after the event: attendees (thanks and the recording), absentees (the recording), one panel's.

Built from the attendance report, so "attended" means what it means there:
people in the attendee role who joined; "present in panel N" means at least
the panel threshold in its window. Someone Zoom has no e-mail for is still
listed (with the count said), never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from wmdctl.errors import UsageError
from wmdctl.reports.attendance import AttendanceReport
from wmdctl.reports.model import PersonRow
from wmdctl.zoom.errors import ZoomError

COLUMNS = ("name", "email", "organisation", "minutes", "panels_attended", "recording_url")
AUDIENCES_HINT = "use --to attendees, --to absentees or --to panel-N (N a panel number from the event file)"
_PANEL = re.compile(r"^panel-?(\d+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Audience:
    kind: str  # attendees | absentees | panel
    panel: int | None = None

    @property
    def label(self) -> str:
        return f"panel-{self.panel}" if self.kind == "panel" else self.kind


@dataclass
class FollowUpList:
    audience: Audience
    rows: list[dict[str, Any]]
    share_url: str
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "audience": self.audience.label,
            "recording_url": self.share_url,
            "count": len(self.rows),
            "warnings": self.warnings,
            "people": self.rows,
        }


def parse_audience(text: str, panel_numbers: list[int]) -> Audience:
    value = text.strip().lower()
    if value in ("attendees", "absentees"):
        return Audience(value)
    found = _PANEL.match(value)
    if not found:
        raise UsageError(f"unknown audience {text!r}", hint=AUDIENCES_HINT)
    number = int(found.group(1))
    if number not in panel_numbers:
        known = ", ".join(f"panel-{n}" for n in panel_numbers) or "none"
        raise UsageError(f"the event has no panel {number}", hint=f"the event's panels are: {known}")
    return Audience("panel", number)


def follow_up_list(report: AttendanceReport, audience: Audience, share_url: str) -> FollowUpList:
    """The rows for ``audience``, most minutes first (the report's order)."""
    chosen = [row for row in report.rows if _belongs(row, audience)]
    titles = {p.number: f"Panel {p.number}: {p.title}" for p in report.panels}
    rows = [
        {
            "name": row.name,
            "email": row.email,
            "organisation": row.organisation,
            "minutes": row.total_minutes,
            "panels_attended": "; ".join(titles[n] for n in sorted(row.panel_present) if row.panel_present[n]),
            "recording_url": share_url,
        }
        for row in chosen
    ]
    warnings = []
    no_email = [str(r["name"] or "(no name)") for r in rows if not r["email"]]
    if no_email:
        shown = ", ".join(no_email)
        warnings.append(f"{len(no_email)} of them have no e-mail address in Zoom (kept in the list): {shown}")
    if not share_url:
        warnings.append("no cloud recording share link was found: the recording_url column is empty")
    return FollowUpList(audience, rows, share_url, warnings)


def _belongs(row: PersonRow, audience: Audience) -> bool:
    if row.role != "attendee":
        return False  # the host and the panelists are thanked in person, not by this list
    if audience.kind == "attendees":
        return row.attended
    if audience.kind == "absentees":
        return row.registered and not row.attended and row.registration_status == "approved"
    return bool(audience.panel is not None and row.panel_present.get(audience.panel))


def share_link(client: Any, webinar_id: str, on_warning: Any = None) -> str:
    """The latest instance's recording share link; "" (with a warning) when Zoom will not give one."""
    from wmdctl.reports.recordings import list_recordings

    try:
        return list_recordings(client, webinar_id).share_url
    except ZoomError as error:
        if on_warning:
            on_warning(f"could not read the cloud recordings ({error.message}); the list has no recording link")
        return ""
