"""Time zones and wall-clock times in the event file.

The file holds local wall times (``2021-10-07T15:00:00``) plus one IANA zone
name. Zoom is sent the same pair (notes §12.1), so Zoom resolves CET/CEST
itself. A fixed-offset zone like "+02:00" is refused: it has no daylight-saving
rules and would silently be an hour off for half of the year.

A wall time the clocks skip (spring) or repeat (autumn) is an error naming both
UTC instants it could be. Writing the offset on the time itself
(``2021-10-31T02:30:00+01:00``) chooses one; only an offset the zone really has
at that wall time is accepted, so the zone stays the one source of truth.
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
    taken on ``base_date``: the webinar's day) or the same as a string. A wall time the
    clocks skip or repeat for daylight saving is refused, naming both UTC instants it could
    be; writing the UTC offset (``2021-10-31T02:30:00+01:00``) chooses one.
    """
    if isinstance(value, str):
        value = _parse_string(value)
        if value is None:
            return None, "expected a local date-time like 2021-10-07T15:00:00 or a time like 15:10"
    if isinstance(value, time) and not isinstance(value, datetime):
        if base_date is None:
            return None, "a time alone needs a date: write a full local date-time like 2021-10-07T15:00:00"
        value = datetime.combine(base_date, value)
    if not isinstance(value, datetime):
        return None, f"expected a local date-time like 2021-10-07T15:00:00, got {type(value).__name__}"
    if value.tzinfo is not None:
        return _with_offset(value, zone)
    return _wall_time(value, zone)


def _candidates(naive: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The wall time read with the offset before (fold=0) and after (fold=1) a transition; equal most of the year."""
    return naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)


def _wall_time(naive: datetime, zone: ZoneInfo) -> tuple[datetime | None, str | None]:
    first, second = _candidates(naive, zone)
    if first.utcoffset() == second.utcoffset():
        return first, None
    instants = f"{_utc(first)} (UTC{_offset(first)}) or {_utc(second)} (UTC{_offset(second)})"
    # zoneinfo quietly shifts a wall time in the spring-forward gap; the round trip shows it does not exist.
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        return None, (
            f"{naive.isoformat()} does not exist in {zone.key}: the clocks skip it for daylight saving. "
            f"It could mean {instants}; pick a time outside the gap, or write the offset to choose "
            f"(e.g. {naive.isoformat()}{_offset(first)})"
        )
    return None, (
        f"{naive.isoformat()} happens twice in {zone.key}: the clocks go back for daylight saving. "
        f"It is {instants}; write the offset to choose (e.g. {naive.isoformat()}{_offset(first)})"
    )


def _with_offset(value: datetime, zone: ZoneInfo) -> tuple[datetime | None, str | None]:
    """An explicit offset picks one instant, but only an offset ``zone`` really has at that wall time."""
    naive = value.replace(tzinfo=None)
    offsets = {c.utcoffset() for c in _candidates(naive, zone)}
    if value.utcoffset() in offsets:
        return value.astimezone(zone), None
    allowed = " or ".join(sorted({_offset(c) for c in _candidates(naive, zone)}))
    return None, (
        f"{value.isoformat()}: {zone.key} is at UTC{allowed} at that wall time. Write the local wall time "
        "without an offset (the zone comes from event.timezone); an offset only chooses between the two "
        "readings of a time the clocks repeat or skip"
    )


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _offset(moment: datetime) -> str:
    return moment.isoformat()[19:] or "+00:00"


def is_ambiguous(moment: datetime) -> bool:
    """True when ``moment``'s wall time in its own zone reads as two instants (or none)."""
    if not isinstance(moment.tzinfo, ZoneInfo):
        return False
    first, second = _candidates(moment.replace(tzinfo=None), moment.tzinfo)
    return first.utcoffset() != second.utcoffset()


def zoom_start_time(moment: datetime) -> str:
    """What to send Zoom as ``start_time``: the wall time (Zoom applies the zone's DST, notes §12.1), except
    for a wall time the clocks repeat, which Zoom could read either way: that one goes as UTC ("...Z")."""
    return _utc(moment) if is_ambiguous(moment) else wall_time(moment)


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
