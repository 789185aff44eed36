"""Past webinars and reports (notes §8, §9): only once the webinar has ended.

Every path takes the numeric id (the latest instance) or an instance UUID; the app
decodes double-encoded UUIDs before they get here.
"""

from __future__ import annotations

import json
from typing import Any

from werkzeug.wrappers import Request, Response

from wmdctl.sandbox.core import Sandbox
from wmdctl.sandbox.instances import instance_by_uuid, latest_instance, list_instances
from wmdctl.sandbox.limits import HEAVY, LIGHT, MEDIUM
from wmdctl.sandbox.registrants import registrant_view
from wmdctl.sandbox.routing import Route
from wmdctl.sandbox.store import parse_iso
from wmdctl.sandbox.wire import ApiError, int64_id, json_response, paginate, webinar_not_found

PAST_FIELDS = (
    "id",
    "user_id",
    "name",
    "user_email",
    "join_time",
    "leave_time",
    "duration",
    "failover",
    "status",
    "internal_user",
)
REPORT_FIELDS = (
    "id",
    "user_id",
    "participant_user_id",
    "name",
    "user_email",
    "join_time",
    "leave_time",
    "duration",
    "failover",
    "status",
    "customer_key",
    "bo_mtg_id",
)


def ended_instance(sb: Sandbox, raw_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(webinar, instance) or the 404 Zoom gives before the end.

    A numeric id stands for the latest instance; a UUID for that instance. The webinar's current
    UUID names the instance still to come, so it is "not end" like a webinar that never ended.
    """
    found = sb.find_webinar(raw_id)
    if found is None:
        raise webinar_not_found(raw_id)
    webinar = found[0]
    if int64_id(raw_id) == webinar["id"]:
        instance = latest_instance(sb, webinar["id"])
    else:
        instance = instance_by_uuid(sb, webinar["id"], raw_id)
    if instance is None:
        raise ApiError(404, 3001, "Webinar ID is invalid or not end.")
    return webinar, instance


def _participants(sb: Sandbox, request: Request, raw_id: str, fields: tuple[str, ...], kind: str) -> Response:
    webinar, instance = ended_instance(sb, raw_id)
    key = (webinar["id"], instance["uuid"])
    where = "FROM participants WHERE webinar_id = ? AND instance_uuid = ?"
    (total,) = sb.store.conn.execute(f"SELECT COUNT(*) {where}", key).fetchone()
    limit, offset, envelope = paginate(request, sb.tokens, f"{kind}:{key[0]}:{key[1]}", sb.now(), total)
    rows = sb.store.conn.execute(f"SELECT data {where} ORDER BY seq LIMIT ? OFFSET ?", (*key, limit, offset))
    participants = []
    for (data,) in rows:
        segment = json.loads(data)
        participants.append({k: segment[k] for k in fields if k in segment})
    return json_response({**envelope, "participants": participants})


def past_instances(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    """Every ended instance, oldest first (each end gives the webinar a new UUID, notes §2)."""
    webinar, _latest = ended_instance(sb, webinar_id)
    instances = list_instances(sb, webinar["id"])
    return json_response({"webinars": [{"uuid": i["uuid"], "start_time": i["start_time"]} for i in instances]})


def _with_registrant_id(request: Request, fields: tuple[str, ...]) -> tuple[str, ...]:
    """registrant_id only when asked for, on both participant lists (SPEC include_fields; notes §14.5 #17)."""
    wanted = request.args.get("include_fields", "").split(",")
    return (*fields, "registrant_id") if "registrant_id" in wanted else fields


def past_participants(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    return _participants(sb, request, webinar_id, _with_registrant_id(request, PAST_FIELDS), "past")


def report_participants(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    return _participants(sb, request, webinar_id, _with_registrant_id(request, REPORT_FIELDS), "report")


def absentees(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    webinar, instance = ended_instance(sb, webinar_id)
    if not sb.registration_enabled(webinar):
        raise ApiError(400, 3000, f"This webinar doesn't have registration required: {instance['uuid']}.")
    wid, uuid = webinar["id"], instance["uuid"]
    where = (
        "FROM registrants WHERE webinar_id = ? AND status = 'approved' AND id NOT IN "
        "(SELECT registrant_id FROM participants WHERE webinar_id = ? AND instance_uuid = ?)"
    )
    key = (wid, wid, uuid)
    (total,) = sb.store.conn.execute(f"SELECT COUNT(*) {where}", key).fetchone()
    limit, offset, envelope = paginate(request, sb.tokens, f"absentees:{wid}:{uuid}", sb.now(), total)
    rows = sb.store.rows(
        f"SELECT id, status, create_time, data {where} ORDER BY seq LIMIT ? OFFSET ?", (*key, limit, offset)
    )
    return json_response({**envelope, "registrants": [registrant_view(r) for r in rows]})


def _header(webinar: dict[str, Any], instance: dict[str, Any]) -> dict[str, Any]:
    return {"id": webinar["id"], "uuid": instance["uuid"], "start_time": instance["start_time"]}


def past_qa(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    webinar, instance = ended_instance(sb, webinar_id)
    questions = [
        {
            "name": q["name"],
            "email": q["email"],
            "question_details": [{"question": d["question"], "answer": d["answer"]} for d in q["question_details"]],
        }
        for q in instance["qa"]
    ]
    return json_response({**_header(webinar, instance), "questions": questions})


def past_polls(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    webinar, instance = ended_instance(sb, webinar_id)
    questions = [
        {"name": a["name"], "email": a["email"], "question_details": a["question_details"]}
        for a in instance["poll_answers"]
    ]
    return json_response({**_header(webinar, instance), "questions": questions})


def report_details(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    webinar, instance = ended_instance(sb, webinar_id)
    (count, seconds) = sb.store.conn.execute(
        "SELECT COUNT(*), COALESCE(SUM(json_extract(data, '$.duration')), 0) FROM participants "
        "WHERE webinar_id = ? AND instance_uuid = ?",
        (webinar["id"], instance["uuid"]),
    ).fetchone()
    minutes = int((parse_iso(instance["end_time"]) - parse_iso(instance["start_time"])).total_seconds() // 60)
    creds = sb.credentials
    return json_response(
        {
            **_header(webinar, instance),
            "type": webinar["type"],
            "topic": webinar["topic"],
            "user_name": f"{creds.host_first_name} {creds.host_last_name}",
            "user_email": creds.host_email,
            "dept": "",
            "end_time": instance["end_time"],
            "duration": minutes,
            "total_minutes": int(seconds) // 60,
            "participants_count": count,
            "tracking_fields": webinar.get("tracking_fields", []),
            "custom_keys": [],
        }
    )


def report_qa(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    webinar, instance = ended_instance(sb, webinar_id)
    return json_response({**_header(webinar, instance), "questions": instance["qa"]})


def report_polls(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    webinar, instance = ended_instance(sb, webinar_id)
    return json_response({**_header(webinar, instance), "questions": instance["poll_answers"]})


ROUTES = [
    Route("GET", "/past_webinars/<webinar_id>/instances", past_instances, LIGHT),
    Route("GET", "/past_webinars/<webinar_id>/participants", past_participants, MEDIUM),
    Route("GET", "/past_webinars/<webinar_id>/absentees", absentees, HEAVY),
    Route("GET", "/past_webinars/<webinar_id>/qa", past_qa, MEDIUM),
    Route("GET", "/past_webinars/<webinar_id>/polls", past_polls, MEDIUM),
    Route("GET", "/report/webinars/<webinar_id>", report_details, HEAVY),
    Route("GET", "/report/webinars/<webinar_id>/participants", report_participants, HEAVY),
    Route("GET", "/report/webinars/<webinar_id>/qa", report_qa, HEAVY),
    Route("GET", "/report/webinars/<webinar_id>/polls", report_polls, HEAVY),
]
