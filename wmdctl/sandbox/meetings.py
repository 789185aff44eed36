"""Meetings, for panel breakout sessions: settings.breakout_room pre-assignment (notes §7, §14.6)."""

from __future__ import annotations

import json
from typing import Any

from werkzeug.wrappers import Request, Response

from wmdctl.sandbox.core import Sandbox
from wmdctl.sandbox.defaults import MEETING_SETTINGS, MEETING_TOP, complete
from wmdctl.sandbox.limits import LIGHT, MEDIUM, charge_create_update
from wmdctl.sandbox.routing import Route, deep_merge, public
from wmdctl.sandbox.store import dumps, iso
from wmdctl.sandbox.timefmt import ACCOUNT_TIMEZONE, to_utc, zone
from wmdctl.sandbox.wire import (
    ApiError,
    int64_id,
    json_response,
    no_content,
    paginate,
    read_json,
    valid_email,
    validation_failed,
)

# Support-article limits (notes §14.6 #21; UNCONFIRMED in the SPEC): 100 rooms, 1000 pre-assigned people.
MAX_ROOMS = 100
MAX_PREASSIGNED = 1000
DEFAULT_SETTINGS: dict[str, Any] = {
    "host_video": False,
    "participant_video": False,
    "join_before_host": False,
    "mute_upon_entry": False,
    "approval_type": 2,
    "audio": "both",
    "auto_recording": "none",
    "waiting_room": False,
    "breakout_room": {"enable": False, "rooms": []},
}


def validate_breakout(settings: dict[str, Any]) -> None:
    breakout = settings.get("breakout_room")
    if breakout is None:
        return
    rooms = breakout.get("rooms", []) if isinstance(breakout, dict) else None
    if not isinstance(rooms, list) or not all(isinstance(r, dict) for r in rooms):
        raise validation_failed(("settings.breakout_room.rooms", "Invalid field."))
    if len(rooms) > MAX_ROOMS:
        raise ApiError(400, 300, f"The number of breakout rooms cannot exceed {MAX_ROOMS}.")
    people = [p for room in rooms for p in room.get("participants", [])]
    if len(people) > MAX_PREASSIGNED:
        raise ApiError(
            400, 300, f"The number of pre-assigned breakout room participants cannot exceed {MAX_PREASSIGNED}."
        )
    bad = [p for p in people if not valid_email(p)]
    if bad:
        raise validation_failed(("settings.breakout_room.rooms.participants", f"Invalid email: {bad[0]}."))


def find_meeting(sb: Sandbox, meeting_id: str) -> dict[str, Any]:
    row = None
    numeric = int64_id(meeting_id)
    if numeric is not None:
        row = sb.store.conn.execute("SELECT data FROM meetings WHERE id = ?", (numeric,)).fetchone()
    if row is None:
        raise ApiError(404, 3001, f"Meeting does not exist: {meeting_id}.")
    meeting: dict[str, Any] = json.loads(row[0])
    return meeting


def create_meeting(sb: Sandbox, request: Request, user_id: str) -> Response:
    host_id = sb.resolve_user(user_id)
    body = read_json(request)
    settings = body.get("settings", {})
    if not isinstance(settings, dict) or body.get("type", 2) not in (1, 2, 3, 8, 10):
        raise validation_failed(("settings" if not isinstance(settings, dict) else "type", "Invalid field."))
    validate_breakout(settings)
    timezone = body.get("timezone") or ACCOUNT_TIMEZONE
    zone(timezone)
    now = sb.now()
    charge_create_update(sb.store, now, host_id)  # meetings and webinars share the 100/day budget
    meeting_id = sb.ids.numeric_id()
    token = sb.ids.zoom_id()
    meeting = {
        "id": meeting_id,
        "uuid": sb.ids.uuid(),
        "host_id": host_id,
        "host_email": sb.credentials.host_email,
        "topic": body.get("topic", "Zoom Meeting"),
        "type": body.get("type", 2),
        "start_time": to_utc(body["start_time"], timezone) if "start_time" in body else iso(now),
        "duration": body.get("duration", 60),
        "timezone": timezone,
        "agenda": body.get("agenda", ""),
        "created_at": iso(now),
        "password": body.get("password") or sb.ids.passcode(),
        "join_url": sb.join_url("j", meeting_id, token[:12]),
        "start_url": sb.join_url("s", meeting_id, token),
        "pre_schedule": False,
        "settings": deep_merge(DEFAULT_SETTINGS, settings),
    }
    digits = "".join(str(sb.ids.rng.randrange(10)) for _ in range(6))
    meeting.update(h323_password=digits, pstn_password=digits, encrypted_password=sb.ids.zoom_id())
    sb.store.conn.execute(
        "INSERT INTO meetings (id, host_id, data) VALUES (?, ?, ?)", (meeting_id, host_id, dumps(meeting))
    )
    return json_response(meeting_view(meeting), 201)


# The fields "List meetings" returns per meeting (SPEC GET /users/{userId}/meetings).
LIST_FIELDS = ("uuid", "id", "host_id", "topic", "type", "start_time", "duration", "timezone", "created_at",
               "join_url", "agenda")  # fmt: skip


def list_meetings(sb: Sandbox, request: Request, user_id: str) -> Response:
    """The host's meetings, paginated. SANDBOX CHOICE: a meeting never ends, so every type lists them all."""
    host_id = sb.resolve_user(user_id)
    meetings = [
        json.loads(row[0])
        for row in sb.store.conn.execute("SELECT data FROM meetings WHERE host_id = ? ORDER BY seq", (host_id,))
    ]
    limit, offset, envelope = paginate(request, sb.tokens, f"meetings:{host_id}", sb.now(), len(meetings))
    items = []
    for meeting in meetings[offset : offset + limit]:
        item = {k: meeting[k] for k in LIST_FIELDS if k in meeting}
        item["agenda"] = item.get("agenda", "")[:250]  # SPEC: the list truncates agendas to 250 characters
        items.append(item)
    return json_response({**envelope, "meetings": items})


def meeting_view(meeting: dict[str, Any]) -> dict[str, Any]:
    """The GET/201 shape: complete (wmdctl.sandbox.defaults), without the sandbox's own keys."""
    return complete(public(meeting), MEETING_TOP, {**DEFAULT_SETTINGS, **MEETING_SETTINGS})


def get_meeting(sb: Sandbox, request: Request, meeting_id: str) -> Response:
    return json_response(meeting_view(find_meeting(sb, meeting_id)))


def update_meeting(sb: Sandbox, request: Request, meeting_id: str) -> Response:
    meeting = find_meeting(sb, meeting_id)
    body = read_json(request)
    settings = body.get("settings", {})
    if not isinstance(settings, dict):
        raise validation_failed(("settings", "Invalid field."))
    validate_breakout(settings)
    timezone = body.get("timezone", meeting["timezone"])
    zone(timezone)
    charge_create_update(sb.store, sb.now(), meeting["host_id"])
    for key in ("topic", "type", "duration", "agenda", "password", "timezone"):
        if key in body:
            meeting[key] = body[key]
    if "start_time" in body:
        meeting["start_time"] = to_utc(body["start_time"], timezone)
    if "breakout_room" in settings:  # the room list is replaced as a whole, not merged room by room
        meeting["settings"]["breakout_room"] = {}
    meeting["settings"] = deep_merge(meeting["settings"], settings)
    sb.store.conn.execute("UPDATE meetings SET data = ? WHERE id = ?", (dumps(meeting), meeting["id"]))
    return no_content()


def delete_meeting(sb: Sandbox, request: Request, meeting_id: str) -> Response:
    meeting = find_meeting(sb, meeting_id)
    sb.store.conn.execute("DELETE FROM meetings WHERE id = ?", (meeting["id"],))
    return no_content()


ROUTES = [
    Route("POST", "/users/<user_id>/meetings", create_meeting, LIGHT),
    Route("GET", "/users/<user_id>/meetings", list_meetings, MEDIUM),
    Route("GET", "/meetings/<meeting_id>", get_meeting, LIGHT),
    Route("PATCH", "/meetings/<meeting_id>", update_meeting, LIGHT),
    Route("DELETE", "/meetings/<meeting_id>", delete_meeting, LIGHT),
]
