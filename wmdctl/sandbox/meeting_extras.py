"""Meeting status, invitation, registrants and (ended) participant lists (SPEC "Meetings").

SANDBOX CHOICE: the sandbox simulates webinars only. A meeting ends by PUT status {"action":"end"};
its past/report participant lists are then empty rather than invented, and before the end they
are Zoom's 404 3001 "not end".
"""

from __future__ import annotations

import json
from typing import Any

from werkzeug.wrappers import Request, Response

from wmdctl.sandbox.core import Sandbox
from wmdctl.sandbox.defaults import REGISTRANT_PROFILE
from wmdctl.sandbox.limits import HEAVY, LIGHT, MEDIUM, charge_registrant_add
from wmdctl.sandbox.meetings import find_meeting
from wmdctl.sandbox.routing import Route
from wmdctl.sandbox.store import dumps, iso
from wmdctl.sandbox.wire import ApiError, json_response, no_content, paginate, read_json

PROFILE_FIELDS = ("first_name", "last_name", "address", "city", "state", "zip", "country", "phone", "comments",
                  "industry", "org", "job_title", "no_of_employees", "purchasing_time_frame",
                  "role_in_purchase_process", "custom_questions")  # fmt: skip


def _save(sb: Sandbox, meeting: dict[str, Any]) -> None:
    sb.store.conn.execute("UPDATE meetings SET data = ? WHERE id = ?", (dumps(meeting), meeting["id"]))


def update_status(sb: Sandbox, request: Request, meeting_id: str) -> Response:
    """end: the meeting's session is over (its past lists become available); recover: nothing was deleted."""
    meeting = find_meeting(sb, meeting_id)
    if read_json(request).get("action") == "end":
        meeting["status"] = "waiting"
        meeting["_ended"] = True
        _save(sb, meeting)
    return no_content()


def invitation(sb: Sandbox, request: Request, meeting_id: str) -> Response:
    meeting = find_meeting(sb, meeting_id)
    number = str(meeting["id"])
    spaced = f"{number[:3]} {number[3:7]} {number[7:]}"
    creds = sb.credentials
    text = (
        f"{creds.host_first_name} {creds.host_last_name} is inviting you to a scheduled Zoom meeting.\r\n\r\n"
        f"Topic: {meeting['topic']}\r\nTime: {meeting['start_time']} {meeting['timezone']}\r\n\r\n"
        f"Join Zoom Meeting\r\n{meeting['join_url']}\r\n\r\nMeeting ID: {spaced}\r\nPasscode: {meeting['password']}\r\n"
    )
    return json_response({"invitation": text, "sip_links": []})


def _registrant_row(row: dict[str, Any]) -> dict[str, Any]:
    data = json.loads(row["data"])
    return {"id": row["id"], **REGISTRANT_PROFILE, "custom_questions": [], **data, "status": row["status"],
            "create_time": row["create_time"]}  # fmt: skip


def add_registrant(sb: Sandbox, request: Request, meeting_id: str) -> Response:
    meeting = find_meeting(sb, meeting_id)
    body = read_json(request)
    approval = meeting["settings"].get("approval_type", 2)
    if approval not in (0, 1):
        raise ApiError(400, 3000, f"This meeting does not have registration as required: {meeting['id']}.")
    email = body["email"]
    charge_registrant_add(sb.store, sb.now(), meeting["id"], email, batch=False)
    rows = sb.store.rows(
        "SELECT id, status, create_time, data FROM meeting_registrants WHERE meeting_id = ? AND email_key = ?",
        (meeting["id"], email.lower()),
    )
    if rows:
        registrant = _registrant_row(rows[0])
    else:
        registrant_id = sb.ids.zoom_id()
        data = {"email": email, **{k: body[k] for k in PROFILE_FIELDS if k in body}}
        data["join_url"] = sb.join_url("w", meeting["id"], registrant_id)
        status = "approved" if approval == 0 else "pending"
        sb.store.conn.execute(
            "INSERT INTO meeting_registrants (meeting_id, id, email_key, status, create_time, data) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (meeting["id"], registrant_id, email.lower(), status, iso(sb.now()), dumps(data)),
        )
        registrant = {"id": registrant_id, **data, "status": status}
    answer = {"id": meeting["id"], "registrant_id": registrant["id"], "topic": meeting["topic"],
              "start_time": meeting["start_time"], "occurrences": []}  # fmt: skip
    if registrant["status"] == "approved":  # SPEC: no join_url while the registration awaits approval
        answer["join_url"] = registrant["join_url"]
    return json_response(answer, 201)


def list_registrants(sb: Sandbox, request: Request, meeting_id: str) -> Response:
    meeting = find_meeting(sb, meeting_id)
    status = request.args.get("status", "approved")
    where = "FROM meeting_registrants WHERE meeting_id = ? AND status = ?"
    (total,) = sb.store.conn.execute(f"SELECT COUNT(*) {where}", (meeting["id"], status)).fetchone()
    limit, offset, envelope = paginate(request, sb.tokens, f"mregistrants:{meeting['id']}:{status}", sb.now(), total)
    rows = sb.store.rows(
        f"SELECT id, status, create_time, data {where} ORDER BY seq LIMIT ? OFFSET ?",
        (meeting["id"], status, limit, offset),
    )
    return json_response(
        {**envelope, "page_number": 1 + offset // limit, "registrants": [_registrant_row(r) for r in rows]}
    )


def _ended(sb: Sandbox, meeting_id: str) -> dict[str, Any]:
    meeting = find_meeting(sb, meeting_id)
    if not meeting.get("_ended"):
        raise ApiError(404, 3001, "Meeting ID is invalid or not end.")
    return meeting


def _no_participants(sb: Sandbox, request: Request, meeting: dict[str, Any], kind: str) -> Response:
    _limit, _offset, envelope = paginate(request, sb.tokens, f"{kind}:{meeting['id']}", sb.now(), 0)
    return json_response({**envelope, "participants": []})


def past_participants(sb: Sandbox, request: Request, meeting_id: str) -> Response:
    return _no_participants(sb, request, _ended(sb, meeting_id), "mpast")


def report_participants(sb: Sandbox, request: Request, meeting_id: str) -> Response:
    return _no_participants(sb, request, _ended(sb, meeting_id), "mreport")


ROUTES = [
    Route("PUT", "/meetings/<meeting_id>/status", update_status, LIGHT),
    Route("GET", "/meetings/<meeting_id>/invitation", invitation, LIGHT),
    Route("POST", "/meetings/<meeting_id>/registrants", add_registrant, LIGHT),
    Route("GET", "/meetings/<meeting_id>/registrants", list_registrants, MEDIUM),
    Route("GET", "/past_meetings/<meeting_id>/participants", past_participants, MEDIUM),
    Route("GET", "/report/meetings/<meeting_id>/participants", report_participants, HEAVY),
]
