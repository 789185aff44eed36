"""Epoch seconds as text, in UTC and in the event's time zone.

Every time in a report appears twice: organisers read the event's local
time, partner cities in other zones and spreadsheets want UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def utc_iso(seconds: int | None) -> str:
    """``2021-10-07T13:05:00Z``; empty for None."""
    if seconds is None:
        return ""
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_iso(seconds: int | None, timezone: str) -> str:
    """``2021-10-07T15:05:00+02:00`` in ``timezone``; empty for None."""
    if seconds is None:
        return ""
    return datetime.fromtimestamp(seconds, tz=_zone(timezone)).isoformat()


def local_clock(seconds: int | None, timezone: str) -> str:
    """``15:05`` in ``timezone``: for tables and charts."""
    if seconds is None:
        return ""
    return datetime.fromtimestamp(seconds, tz=_zone(timezone)).strftime("%H:%M")
