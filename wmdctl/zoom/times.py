"""The one reader of Zoom's timestamps, for the client and every job.

Zoom answers in UTC with a "Z" (``2021-10-07T13:00:00Z``); a time without an offset is a wall time in the
object's own ``timezone`` field (notes §2, §12.1), and a report's bare time is UTC. Comparing strings would
call one instant two times, so every caller compares what this returns: an aware datetime in UTC.

It lives in the client layer because the format is Zoom's wire format: the client needs it itself (finding
a webinar it may have created), and the layers above may import the client but not the other way round.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def parse_zoom_time(value: object, timezone: str | None = None) -> datetime | None:
    """An aware UTC datetime; a time without an offset is wall time in ``timezone`` (UTC when none is given).

    None for a blank, a non-string, text that is not an ISO time, or a wall time in a zone that does not
    exist (an instant that cannot be placed is not an instant).
    """
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        try:
            moment = moment.replace(tzinfo=ZoneInfo(timezone) if timezone else UTC)
        except (ZoneInfoNotFoundError, ValueError):
            return None
    return moment.astimezone(UTC)
