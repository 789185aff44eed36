"""Time zones and wall-clock times in the event file.

The file holds local wall times (``2021-10-07T15:00:00``) plus one IANA zone
name. Zoom is sent the same pair (notes §12.1), so Zoom resolves CET/CEST
itself. A fixed offset like "+02:00" is refused: it has no daylight-saving
rules and would silently be an hour off for half of the year.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

# "+02:00", "-5", "UTC+2", "GMT-03:00", "Etc/GMT-2": offsets, not places.
_OFFSET_LIKE = re.compile(r"^(?:Etc/)?(?:UTC|GMT)?\s*[+-]\s*\d", re.IGNORECASE)


def resolve_zone(name: str) -> tuple[ZoneInfo | None, str | None]:
    """The zone, or None and the reason it is not an IANA zone name."""
    if _OFFSET_LIKE.match(name):
        return None, f"{name!r} is a fixed UTC offset; use an IANA zone name such as 'Europe/Madrid' so DST applies"
    try:
        return ZoneInfo(name), None
    except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError; odd paths raise the others
        pass
    return None, f"{name!r} is not an IANA time zone name (e.g. 'Europe/Madrid', 'America/Bogota', 'UTC')"


def to_local(value: object, zone: ZoneInfo, base_date: date | None) -> tuple[datetime | None, str | None]:
    """Turn a TOML value into an aware datetime in ``zone``, or None and the reason.

    Accepts a local date-time (``2021-10-07T15:00:00``), a local time (``15:10``,
    taken on ``base_date``: the webinar's day) or the same as a string.
    """
    naive: datetime | None = None
    if isinstance(value, str):
        value = _parse_string(value)
        if value is None:
            return None, "expected a local date-time like 2021-10-07T15:00:00 or a time like 15:10"
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return None, (
                "write the local wall time without an offset (e.g. 2021-10-07T15:00:00): "
                "the zone comes from event.timezone"
            )
        naive = value
    elif isinstance(value, time):
        if base_date is None:
            return None, "a time alone needs a date: write a full local date-time like 2021-10-07T15:00:00"
        naive = datetime.combine(base_date, value.replace(tzinfo=None))
    else:
        return None, f"expected a local date-time like 2021-10-07T15:00:00, got {type(value).__name__}"
    aware = naive.replace(tzinfo=zone)
    # A wall time inside the spring-forward gap does not exist; zoneinfo would quietly shift it.
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        return None, f"{naive.isoformat()} does not exist in {zone.key}: the clocks skip it for daylight saving"
    return aware, None


def _parse_string(text: str) -> datetime | time | None:
    for parse in (datetime.fromisoformat, time.fromisoformat):
        try:
            return parse(text.strip())
        except ValueError:
            continue
    return None


def wall_time(moment: datetime) -> str:
    """Zoom's local wall-time format: no offset, no Z (notes §12.1)."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def parse_zoom_time(text: str, zone_name: str | None = None) -> datetime | None:
    """A Zoom start_time as an aware UTC datetime: "...Z" is UTC, no Z is local in ``zone_name``."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    if moment.tzinfo is None:
        zone, _ = resolve_zone(zone_name) if zone_name else (None, None)
        moment = moment.replace(tzinfo=zone or UTC)
    return moment.astimezone(UTC)
