"""zoom/times.parse_zoom_time: the one reader of Zoom's timestamps, an aware UTC datetime or None."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from wmdctl.zoom.times import parse_zoom_time

ONE_PM_UTC = datetime(2021, 10, 7, 13, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "zone"),
    [
        ("2021-10-07T13:00:00Z", None),  # what Zoom answers
        ("2021-10-07T13:00:00Z", "Europe/Madrid"),  # a Z wins over the object's zone
        ("2021-10-07T15:00:00+02:00", None),
        ("2021-10-07T15:00:00", "Europe/Madrid"),  # wall time in the object's zone (CEST)
        ("2021-10-07T13:00:00", None),  # a report's bare time is UTC
        (" 2021-10-07T13:00:00Z ", None),
    ],
)
def test_every_spelling_of_one_instant_is_that_instant_in_utc(value: str, zone: str | None) -> None:
    moment = parse_zoom_time(value, zone)
    assert moment == ONE_PM_UTC
    assert moment is not None and moment.tzinfo is UTC


@pytest.mark.parametrize("value", [None, "", "  ", 1633611600, "yesterday", "2021-13-40T99:00:00Z"])
def test_anything_that_is_not_a_zoom_time_is_none(value: object) -> None:
    assert parse_zoom_time(value) is None


def test_a_wall_time_in_a_zone_that_does_not_exist_is_none() -> None:
    assert parse_zoom_time("2021-10-07T15:00:00", "Mars/Olympus_Mons") is None
    assert parse_zoom_time("2021-10-07T13:00:00Z", "Mars/Olympus_Mons") == ONE_PM_UTC  # the Z needs no zone
