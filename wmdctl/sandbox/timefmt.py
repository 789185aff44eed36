"""Zoom's time rules (notes §2): 'Z' means UTC, no 'Z' means wall time in the `timezone` field."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from wmdctl.sandbox.store import iso
from wmdctl.sandbox.wire import validation_failed

# SANDBOX CHOICE: the sandbox host user's timezone, used when a body has a local start_time and no timezone.
ACCOUNT_TIMEZONE = "UTC"


def zone(name: object) -> ZoneInfo:
    if not isinstance(name, str) or not name or "\x00" in name:
        raise validation_failed(("timezone", f"Invalid timezone: {name}."))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise validation_failed(("timezone", f"Invalid timezone: {name}.")) from None


def to_utc(start_time: object, timezone: str | None) -> str:
    """The UTC 'Z' form of a body start_time."""
    if not isinstance(start_time, str):
        raise validation_failed(("start_time", "Invalid field."))
    try:
        moment = datetime.fromisoformat(start_time.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone(timezone or ACCOUNT_TIMEZONE))
        return iso(moment.astimezone(UTC))
    except (ValueError, OverflowError):  # not a date-time, or one that leaves the calendar in UTC (year 1 +05:00)
        raise validation_failed(("start_time", "Invalid field.")) from None
