"""Meetings with breakout-room pre-assignment (notes §7, §14.6)."""

from __future__ import annotations

from .helpers import Zoom

ROOMS = [
    {"name": "Panel 1", "participants": ["a@example.org", "b@example.org"]},
    {"name": "Panel 2", "participants": ["c@example.org"]},
]


def test_meeting_keeps_breakout_rooms(zoom: Zoom) -> None:
    created = zoom.post(
        "/users/me/meetings",
        json={
            "topic": "Breakouts",
            "type": 2,
            "start_time": "2021-10-07T16:30:00",
            "timezone": "Europe/Madrid",
            "settings": {"breakout_room": {"enable": True, "rooms": ROOMS}},
        },
    )
    meeting = created.json()
    assert created.status_code == 201 and meeting["id"] > 2**31
    assert meeting["start_time"] == "2021-10-07T14:30:00Z"
    assert zoom.get(f"/meetings/{meeting['id']}").json()["settings"]["breakout_room"] == {
        "enable": True,
        "rooms": ROOMS,
    }
    patched = zoom.call(
        "PATCH",
        f"/meetings/{meeting['id']}",
        json={"settings": {"breakout_room": {"enable": True, "rooms": ROOMS[:1]}}},
    )
    assert patched.status_code == 204
    assert zoom.get(f"/meetings/{meeting['id']}").json()["settings"]["breakout_room"]["rooms"] == ROOMS[:1]
    assert zoom.call("DELETE", f"/meetings/{meeting['id']}").status_code == 204
    gone = zoom.get(f"/meetings/{meeting['id']}")
    assert gone.status_code == 404 and gone.json()["code"] == 3001


def test_room_and_participant_limits(zoom: Zoom) -> None:
    rooms = [{"name": f"R{n}", "participants": []} for n in range(101)]
    too_many_rooms = zoom.post("/users/me/meetings", json={"settings": {"breakout_room": {"rooms": rooms}}})
    assert too_many_rooms.status_code == 400 and too_many_rooms.json()["code"] == 300
    crowd = [{"name": "Big", "participants": [f"p{n}@example.org" for n in range(1001)]}]
    too_many_people = zoom.post("/users/me/meetings", json={"settings": {"breakout_room": {"rooms": crowd}}})
    assert too_many_people.status_code == 400 and "1000" in too_many_people.json()["message"]


def test_host_meetings_are_listed_and_paginated(zoom: Zoom) -> None:
    ids = []
    for n in range(3):
        body = {"topic": f"Breakouts {n}", "type": 2, "start_time": "2021-10-07T16:30:00", "timezone": "Europe/Madrid"}
        ids.append(zoom.post("/users/me/meetings", json=body).json()["id"])
    first = zoom.get("/users/me/meetings", params={"page_size": 2}).json()
    assert [m["id"] for m in first["meetings"]] == ids[:2] and first["total_records"] == 3
    rest = zoom.get("/users/me/meetings", params={"page_size": 2, "next_page_token": first["next_page_token"]}).json()
    assert [m["id"] for m in rest["meetings"]] == ids[2:] and rest["next_page_token"] == ""
    assert rest["meetings"][0]["topic"] == "Breakouts 2" and rest["meetings"][0]["join_url"]
    assert zoom.get("/users/nobody@example.org/meetings").json()["code"] == 1001
