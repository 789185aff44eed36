"""Webinars: create, list, get, update, delete, end (notes §3)."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

from werkzeug.wrappers import Request, Response

from wmdctl.sandbox.core import JOIN_BASE, Sandbox
from wmdctl.sandbox.defaults import WEBINAR_SETTINGS, WEBINAR_TOP, complete
from wmdctl.sandbox.instances import end_instance, next_start
from wmdctl.sandbox.limits import LIGHT, MEDIUM, charge_create_update
from wmdctl.sandbox.routing import Route, deep_merge, public
from wmdctl.sandbox.store import dumps, iso, parse_iso
from wmdctl.sandbox.timefmt import ACCOUNT_TIMEZONE, to_utc, zone
from wmdctl.sandbox.wire import json_response, no_content, paginate, read_json, validation_failed

PASSWORD_PATTERN = re.compile(r"^[a-zA-Z0-9@\-_*!]{1,10}$")
# Zoom's defaults for the settings a create body leaves out (SPEC defaults; booleans without one: Zoom UI defaults).
DEFAULT_SETTINGS: dict[str, Any] = {
    "approval_type": 2,
    "registration_type": 1,
    "audio": "both",
    "auto_recording": "none",
    "host_video": False,
    "panelists_video": False,
    "practice_session": False,
    "hd_video": False,
    "hd_video_for_attendees": False,
    "send_1080p_video_to_attendees": False,
    "on_demand": False,
    "registrants_restrict_number": 0,
    "registrants_email_notification": True,
    "registrants_confirmation_email": True,
    "close_registration": False,
    "show_share_button": True,
    "allow_multiple_devices": True,
    "panelists_invitation_email_notification": True,
    "meeting_authentication": False,
    "post_webinar_survey": False,
    "alternative_hosts": "",
    "request_permission_to_unmute_participants": False,
    "email_language": "en-US",
    "question_and_answer": {
        "enable": True,
        "allow_submit_questions": True,
        "allow_anonymous_questions": True,
        "answer_questions": "all",
        "attendees_can_comment": True,
        "attendees_can_upvote": True,
        "allow_auto_reply": False,
        "auto_reply_text": "",
    },
}
LIST_FIELDS = (
    "id",
    "uuid",
    "host_id",
    "topic",
    "type",
    "start_time",
    "duration",
    "timezone",
    "created_at",
    "join_url",
    "agenda",
    "is_simulive",
)


def validate_webinar_body(body: dict[str, Any], *, webinar_type: int) -> None:
    problems: list[tuple[str, str]] = []
    topic = body.get("topic")
    if topic is not None and (not isinstance(topic, str) or len(topic) > 200):
        problems.append(("topic", "Invalid field."))
    if "type" in body and body["type"] not in (5, 6, 9):
        problems.append(("type", "Invalid field."))
    if "duration" in body and (not isinstance(body["duration"], int) or body["duration"] < 0):
        problems.append(("duration", "Invalid field."))
    password = body.get("password")
    if password is not None and (not isinstance(password, str) or not PASSWORD_PATTERN.match(password)):
        problems.append(("password", "Invalid field."))
    settings = body.get("settings", {})
    if not isinstance(settings, dict):
        problems.append(("settings", "Invalid field."))
    else:
        if "approval_type" in settings and settings["approval_type"] not in (0, 1, 2):
            problems.append(("settings.approval_type", "Invalid field."))
        if settings.get("registration_type", 1) not in (1, 2, 3) or (
            settings.get("registration_type") == 3 and webinar_type != 9
        ):
            problems.append(("settings.registration_type", "Invalid field."))
    if problems:
        raise validation_failed(*problems)


def view(sb: Sandbox, webinar: dict[str, Any]) -> dict[str, Any]:
    """The GET/201 shape, complete (wmdctl.sandbox.defaults); registration_url only while registration is on
    (notes §12 #2)."""
    shown = complete(public(webinar), WEBINAR_TOP, {**DEFAULT_SETTINGS, **WEBINAR_SETTINGS})
    if sb.registration_enabled(webinar):
        shown["registration_url"] = webinar["_registration_url"]
    return shown


def create_webinar(sb: Sandbox, request: Request, user_id: str) -> Response:
    host_id = sb.resolve_user(user_id)
    body = read_json(request)
    webinar_type = body.get("type", 5)
    validate_webinar_body(body, webinar_type=webinar_type)
    timezone = body.get("timezone") or ACCOUNT_TIMEZONE
    zone(timezone)
    now = sb.now()
    charge_create_update(sb.store, now, host_id)
    webinar_id = sb.ids.numeric_id()
    while sb.find_webinar(str(webinar_id)) is not None:
        webinar_id = sb.ids.numeric_id()
    webinar: dict[str, Any] = {
        "id": webinar_id,
        "uuid": sb.ids.uuid(),
        "host_id": host_id,
        "host_email": sb.credentials.host_email,
        "topic": body.get("topic", "Zoom Webinar"),
        "type": webinar_type,
        "duration": body.get("duration", 60),
        "timezone": timezone,
        "agenda": body.get("agenda", ""),
        "created_at": iso(now),
        "password": body.get("password") or sb.ids.passcode(),
        "is_simulive": False,
        "creation_source": "open_api",
        "settings": deep_merge(DEFAULT_SETTINGS, body.get("settings", {})),
    }
    if webinar_type != 6:
        webinar["start_time"] = to_utc(body["start_time"], timezone) if "start_time" in body else iso(now)
    for optional in ("recurrence", "tracking_fields"):
        if optional in body:
            webinar[optional] = body[optional]
    webinar["h323_passcode"] = "".join(str(sb.ids.rng.randrange(10)) for _ in range(6))
    webinar["encrypted_passcode"] = sb.ids.zoom_id()
    token = sb.ids.zoom_id()
    webinar["join_url"] = sb.join_url("j", webinar_id, token[:12])
    webinar["start_url"] = sb.join_url("s", webinar_id, token)
    webinar["_registration_url"] = f"{JOIN_BASE}/webinar/register/WN_{sb.ids.zoom_id()}"
    sb.store.conn.execute(
        "INSERT INTO webinars (id, host_id, ended, data) VALUES (?, ?, 0, ?)", (webinar_id, host_id, dumps(webinar))
    )
    return json_response(view(sb, webinar), 201)


def list_webinars(sb: Sandbox, request: Request, user_id: str) -> Response:
    """type=scheduled (default): unexpired past, live and upcoming webinars (notes §3), ended ones included;
    type=upcoming: those that have neither ended (SANDBOX CHOICE: by PUT status or simulate) nor started."""
    host_id = sb.resolve_user(user_id)
    rows = sb.store.conn.execute("SELECT data, ended FROM webinars WHERE host_id = ? ORDER BY seq", (host_id,))
    now = sb.now()
    webinars = [json.loads(data) for data, ended in rows if not (ended and request.args.get("type") == "upcoming")]
    if request.args.get("type") == "upcoming":
        webinars = [w for w in webinars if "start_time" not in w or parse_iso(w["start_time"]) > now]
    limit, offset, envelope = paginate(request, sb.tokens, f"webinars:{host_id}", now, len(webinars))
    items = []
    for webinar in webinars[offset : offset + limit]:
        item = {k: webinar[k] for k in LIST_FIELDS if k in webinar}
        item["agenda"] = item.get("agenda", "")[:250]
        items.append(item)
    return json_response({**envelope, "webinars": items})


def get_webinar(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    return json_response(view(sb, sb.webinar(webinar_id)))


def update_webinar(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    webinar = sb.webinar(webinar_id)
    body = read_json(request)
    validate_webinar_body(body, webinar_type=body.get("type", webinar["type"]))
    timezone = body.get("timezone", webinar.get("timezone"))
    if timezone:
        zone(timezone)
    charge_create_update(sb.store, sb.now(), webinar["host_id"])
    for key in ("topic", "type", "duration", "agenda", "password", "recurrence", "tracking_fields", "timezone"):
        if key in body:
            webinar[key] = body[key]
    if "start_time" in body:
        webinar["start_time"] = to_utc(body["start_time"], timezone)
    if "settings" in body:
        settings = {k: v for k, v in body["settings"].items() if k != "notify_registrants"}
        webinar["settings"] = deep_merge(webinar["settings"], settings)
    sb.save_webinar(webinar)
    return no_content()


def delete_webinar(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    wid = sb.webinar(webinar_id)["id"]
    tables = ("webinars", "panelists", "registrants", "questions", "polls", "instances", "participants", "recordings",
              "extras")  # fmt: skip
    for table in tables:
        column = "id" if table == "webinars" else "webinar_id"
        sb.store.conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (wid,))
    return no_content()


def update_status(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    """End the webinar: its current UUID becomes a past instance and it gets a new one (notes §2)."""
    webinar = sb.webinar(webinar_id)
    if read_json(request).get("action") != "end":
        raise validation_failed(("action", "Invalid field."))
    start = next_start(sb, webinar)
    end_instance(sb, webinar, start=start, end=start + timedelta(minutes=webinar.get("duration") or 60))
    return no_content()


ROUTES = [
    Route("POST", "/users/<user_id>/webinars", create_webinar, LIGHT),
    Route("GET", "/users/<user_id>/webinars", list_webinars, MEDIUM),
    Route("GET", "/webinars/<webinar_id>", get_webinar, LIGHT),
    Route("PATCH", "/webinars/<webinar_id>", update_webinar, LIGHT),
    Route("DELETE", "/webinars/<webinar_id>", delete_webinar, LIGHT),
    Route("PUT", "/webinars/<webinar_id>/status", update_status, LIGHT),
]
