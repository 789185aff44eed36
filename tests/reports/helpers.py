"""Hand-built Zoom rows and the real event (from the factory) for the report tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from factories import EventData, edits, make_event, make_job, person

from wmdctl.event.model import Event
from wmdctl.jobs import JobContext

MADRID = ZoneInfo("Europe/Madrid")
# World Metropolitan Day 2021: 15:00-16:30 Madrid (CEST) = 13:00-14:30 UTC.
START = datetime(2021, 10, 7, 13, 0, tzinfo=UTC)
END = START + timedelta(minutes=90)
MODERATOR = "moderator@example.org"


def at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def zoom_time(minutes: float) -> str:
    return at(minutes).strftime("%Y-%m-%dT%H:%M:%SZ")


def segment(
    join: float,
    leave: float,
    *,
    name: str = "Ana García",
    email: str = "",
    registrant_id: str = "",
    user_id: str = "",
    participant_user_id: str = "",
    status: str | None = None,
    duration: int | None = None,
) -> dict[str, Any]:
    """One participant row, as Zoom's report returns it (minutes from the webinar start)."""
    row: dict[str, Any] = {
        "id": participant_user_id,
        "user_id": user_id or f"u-{name}-{join}",
        "participant_user_id": participant_user_id,
        "name": name,
        "user_email": email,
        "join_time": zoom_time(join),
        "leave_time": zoom_time(leave),
        "duration": int((leave - join) * 60) if duration is None else duration,
        "registrant_id": registrant_id,
    }
    if status is not None:
        row["status"] = status
    return row


def registrant(
    rid: str, first: str, last: str, email: str, *, status: str = "approved", **extra: Any
) -> dict[str, Any]:
    return {"id": rid, "first_name": first, "last_name": last, "email": email, "status": status, **extra}


def _known_moderator(data: EventData) -> None:
    # A known panelist, so tests can join as them and see the "panelist" role.
    data["panels"][0]["moderator"] = person("Moderator", MODERATOR, "Metropolis")


def report_event(edit: Callable[[EventData], None] | None = None) -> Event:
    """The embedded WMD 2021 event (a real, validated Event) with panel 1's moderator at MODERATOR.

    Panel 1 runs minutes 10-45 of the webinar, panel 2 minutes 45-80; both polls ask PRIORITY
    (with the panel's discussion questions as options) and RATING.
    """
    return make_event(edits(_known_moderator, edit) if edit else _known_moderator)


def report_job(client: Any, webinar_id: str, event: Event | None = None) -> JobContext:
    """The job context a report job gets: this client (a fake, or a real one over HTTP), webinar and event."""
    return make_job(client, event or report_event(), webinar_id=webinar_id)


EVENT = report_event()
PRIORITY = EVENT.polls[0].questions[0].name  # "Which of these questions matters most for your metropolis?"
RATING = EVENT.polls[0].questions[1].name  # "How useful was this panel for your work?"
POLL_TITLES = {poll.panel: poll.title for poll in EVENT.polls}  # 1: "Panel 1: Creating caring metropolises"
PANEL_OPTIONS = {panel.number: panel.questions for panel in EVENT.panels}  # each poll's PRIORITY options


def priority_asked_in_panel_poll(panel: int) -> Event:
    """The event with the other panel down to one discussion question, so only ``panel``'s poll asks PRIORITY.

    (The WMD event asks the same two questions in both polls: no question names its poll.)
    """

    def edit(data: EventData) -> None:
        other = data["panels"][2 - panel]
        other["questions"] = other["questions"][:1]

    return report_event(edit)
