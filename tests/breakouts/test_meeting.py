"""The companion meeting payload and the difference with what Zoom holds."""

from __future__ import annotations

from wmdctl.breakouts.meeting import existing_assignment, meeting_body, meeting_changes
from wmdctl.breakouts.model import BreakoutPlan
from wmdctl.breakouts.planner import plan_breakouts

from .helpers import PANELS, attendee, breakout_event, facilitators


def _plan(count: int = 10) -> BreakoutPlan:
    return plan_breakouts(PANELS, facilitators(), [attendee(i, 1 + i % 2) for i in range(count)], capacity=50)


def test_body_is_a_scheduled_meeting_in_local_wall_time_with_rooms() -> None:
    body = meeting_body(breakout_event(), _plan())
    assert body["type"] == 2
    assert body["start_time"] == "2021-10-07T16:30:00"  # no "Z": Zoom applies Europe/Madrid (CEST)
    assert body["timezone"] == "Europe/Madrid"
    assert body["duration"] == 30
    setting = body["settings"]["breakout_room"]
    assert setting["enable"] is True
    assert [room["name"] for room in setting["rooms"]] == [
        "Panel 1: Creating caring metropolises",
        "Panel 2: Framing recovery for all",
    ]
    assert setting["rooms"][0]["participants"][0] == "mod1@example.org"


def test_what_zoom_returns_for_the_same_meeting_is_no_change() -> None:
    desired = meeting_body(breakout_event(), _plan())
    returned = {**desired, "id": 1, "start_time": "2021-10-07T14:30:00Z", "join_url": "https://zoom.example/j/1"}
    rooms = [
        {"id": "x", "name": r["name"], "participants": [e.upper() for e in reversed(r["participants"])]}
        for r in reversed(desired["settings"]["breakout_room"]["rooms"])
    ]
    returned["settings"] = {"host_video": False, "breakout_room": {"enable": True, "rooms": rooms}}
    assert meeting_changes(desired, returned) == ({}, [])


def test_only_the_differing_fields_are_patched() -> None:
    old = meeting_body(breakout_event(), _plan(10))
    new = meeting_body(breakout_event(), _plan(12))
    old["duration"] = 45
    patch, lines = meeting_changes(new, old)
    assert set(patch) == {"duration", "settings"}
    assert patch["settings"] == {"breakout_room": new["settings"]["breakout_room"]}
    assert "duration: 45 → 30" in lines
    assert "room 'Panel 1: Creating caring metropolises': +1 −0" in lines


def test_a_moved_start_is_patched_with_its_time_zone() -> None:
    desired = meeting_body(breakout_event(), _plan())
    current = {**desired, "start_time": "2021-10-07T15:30:00Z"}
    patch, _ = meeting_changes(desired, current)
    assert patch == {"start_time": "2021-10-07T16:30:00", "timezone": "Europe/Madrid"}


def test_existing_assignment_reads_rooms_back_normalised() -> None:
    meeting = {"settings": {"breakout_room": {"rooms": [{"name": "R", "participants": [" A@X.org"]}, {"name": "S"}]}}}
    assert existing_assignment(meeting) == {"R": ["a@x.org"], "S": []}
    assert existing_assignment({"settings": {}}) == {}
    assert existing_assignment(None) == {}
