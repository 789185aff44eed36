"""Wall times the clocks skip or repeat: refused, naming both UTC instants, and chosen by writing the offset."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from wmdctl.errors import ValidationProblem
from wmdctl.event.load import build_event
from wmdctl.event.payloads import webinar_body

CET, CEST = timezone(timedelta(hours=1)), timezone(timedelta(hours=2))


def where(problems: list[ValidationProblem]) -> dict[str, str]:
    return {p.where: p.reason for p in problems}


def _on_clocks_back_day(data: dict[str, Any], start: datetime) -> dict[str, Any]:
    """The issue's case: 02:30 on 2021-10-31 in Europe/Madrid, ending 17:30, panels in the afternoon."""
    day = date(2021, 10, 31)
    for panel in data["panels"]:
        for key in ("start", "end"):
            panel[key] = datetime.combine(day, panel[key].time())
    data["event"]["start"] = start
    data["event"]["end"] = datetime(2021, 10, 31, 17, 30)
    return data


def test_a_repeated_wall_time_names_both_instants(default_data: dict[str, Any], problems_of: Any) -> None:
    data = _on_clocks_back_day(default_data, datetime(2021, 10, 31, 2, 30))
    reason = where(problems_of(data))["event.start"]
    assert "happens twice in Europe/Madrid" in reason
    assert "2021-10-31T00:30:00Z (UTC+02:00) or 2021-10-31T01:30:00Z (UTC+01:00)" in reason
    assert "2021-10-31T02:30:00+02:00" in reason  # how to choose


def test_the_offset_chooses_the_instant(default_data: dict[str, Any]) -> None:
    later = build_event(_on_clocks_back_day(default_data, datetime(2021, 10, 31, 2, 30, tzinfo=CET)), "t")
    assert later.start_utc == datetime(2021, 10, 31, 1, 30, tzinfo=UTC)
    assert later.duration_minutes == 900
    # Zoom could read the repeated wall time either way, so the chosen instant goes as UTC.
    assert webinar_body(later)["start_time"] == "2021-10-31T01:30:00Z"


def test_the_earlier_reading_is_an_hour_longer(default_data: dict[str, Any]) -> None:
    earlier = build_event(_on_clocks_back_day(default_data, datetime(2021, 10, 31, 2, 30, tzinfo=CEST)), "t")
    assert earlier.start_utc == datetime(2021, 10, 31, 0, 30, tzinfo=UTC)
    assert earlier.duration_minutes == 960


def test_an_offset_string_chooses_too(default_data: dict[str, Any]) -> None:
    event = build_event(_on_clocks_back_day(default_data, "2021-10-31T02:30:00+01:00"), "t")  # type: ignore[arg-type]
    assert event.start_utc == datetime(2021, 10, 31, 1, 30, tzinfo=UTC)


def test_an_ordinary_time_is_still_sent_as_wall_time(default_data: dict[str, Any]) -> None:
    event = build_event(default_data, "t")
    assert webinar_body(event)["start_time"] == "2021-10-07T15:00:00"


def test_a_repeated_panel_time_alone_is_refused_too(default_data: dict[str, Any], problems_of: Any) -> None:
    data = _on_clocks_back_day(default_data, datetime(2021, 10, 31, 1, 0))
    data["panels"][0]["start"] = time(2, 15)  # a time alone, on the webinar's day
    reason = where(problems_of(data))["panels[0].start"]
    assert "happens twice" in reason and "2021-10-31T00:15:00Z" in reason and "2021-10-31T01:15:00Z" in reason


def test_a_skipped_wall_time_names_both_instants(default_data: dict[str, Any], problems_of: Any) -> None:
    default_data["event"]["start"] = datetime(2021, 3, 28, 2, 30)
    reason = where(problems_of(default_data))["event.start"]
    assert "does not exist in Europe/Madrid" in reason
    assert "2021-03-28T01:30:00Z (UTC+01:00) or 2021-03-28T00:30:00Z (UTC+02:00)" in reason


def test_an_offset_in_the_gap_names_an_instant_that_exists(default_data: dict[str, Any]) -> None:
    data = default_data
    day = date(2021, 3, 28)
    for panel in data["panels"]:
        for key in ("start", "end"):
            panel[key] = datetime.combine(day, panel[key].time())
    data["event"]["start"] = datetime(2021, 3, 28, 2, 30, tzinfo=CET)
    data["event"]["end"] = datetime(2021, 3, 28, 17, 0)
    event = build_event(data, "t")
    assert event.start_utc == datetime(2021, 3, 28, 1, 30, tzinfo=UTC)
    assert (event.start.hour, event.start.minute) == (3, 30)  # the same instant on the summer clock
