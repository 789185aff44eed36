"""Registrants one at a time: list, add, get, delete, and the registration questions (notes §5, §14.3).

Statuses kept in the `status` column: pending, approved, denied, cancelled. Cancelled
registrants are not listed under any status (notes §14.3 #11); denied ones are listed as
denied. Deny and cancel are sticky: the email cannot register again (§14.3 #10). The 30-at-a-time
operations (status changes, batch registration) are in ``registrant_batches``.
"""

from __future__ import annotations

import json
from typing import Any

from werkzeug.wrappers import Request, Response

from wmdctl.sandbox.core import Sandbox
from wmdctl.sandbox.defaults import REGISTRANT_PROFILE
from wmdctl.sandbox.limits import (
    LIGHT,
    MEDIUM,
    charge_registrant_add,
)
from wmdctl.sandbox.routing import Route
from wmdctl.sandbox.store import dumps, iso
from wmdctl.sandbox.webhook_payloads import announce_registration
from wmdctl.sandbox.wire import ApiError, json_response, no_content, paginate, read_json, valid_email, validation_failed

LISTABLE = ("pending", "approved", "denied")
STICKY = ("denied", "cancelled")
MAX_PER_REQUEST = 30
PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "address",
    "city",
    "state",
    "zip",
    "country",
    "phone",
    "comments",
    "industry",
    "org",
    "job_title",
    "no_of_employees",
    "purchasing_time_frame",
    "role_in_purchase_process",
    "language",
)
QUESTION_FIELDS = (
    "last_name",
    "address",
    "city",
    "country",
    "zip",
    "state",
    "phone",
    "industry",
    "org",
    "job_title",
    "purchasing_time_frame",
    "role_in_purchase_process",
    "no_of_employees",
    "comments",
)
DEFAULT_QUESTIONS = {"questions": [{"field_name": "last_name", "required": False}], "custom_questions": []}


def registrant_view(row: dict[str, Any]) -> dict[str, Any]:
    data = json.loads(row["data"])
    return {"id": row["id"], **REGISTRANT_PROFILE, **data, "status": row["status"], "create_time": row["create_time"]}


def find_registrant(sb: Sandbox, wid: int, *, registrant_id: str = "", email: str = "") -> dict[str, Any] | None:
    """The registrant with this id, else the one with this email (case-insensitive)."""
    # Two indexed lookups, not one `id = ? OR email_key = ?`: SQLite answers the OR by scanning every
    # registrant of the webinar, which made each batch of 30 cost O(registrants) (340 ms at 6,000).
    for column, value in (("id", registrant_id), ("email_key", email.lower())):
        if not value:
            continue
        rows = sb.store.rows(
            "SELECT seq, id, email_key, status, create_time, data FROM registrants "
            f"WHERE webinar_id = ? AND {column} = ? LIMIT 1",
            (wid, value),
        )
        if rows:
            return rows[0]
    return None


def validate_registrant(entry: Any, prefix: str = "") -> list[tuple[str, str]]:
    if not isinstance(entry, dict):
        return [(prefix.rstrip(".") or "body", "Invalid field.")]
    problems = []
    first_name = entry.get("first_name")
    if not isinstance(first_name, str) or not first_name.strip() or len(first_name) > 64:
        problems.append((f"{prefix}first_name", "Invalid field."))
    if not valid_email(entry.get("email")):
        problems.append((f"{prefix}email", "Invalid field."))
    if "last_name" in entry and (not isinstance(entry["last_name"], str) or len(entry["last_name"]) > 64):
        problems.append((f"{prefix}last_name", "Invalid field."))
    for i, answer in enumerate(entry.get("custom_questions") or []):
        if not isinstance(answer, dict) or len(str(answer.get("value", ""))) > 128:
            problems.append((f"{prefix}custom_questions[{i}].value", "Invalid field."))
    return problems


def check_open(sb: Sandbox, webinar: dict[str, Any], over_message: str) -> None:
    if sb.webinar_ended(webinar["id"]):
        raise ApiError(400, 3038, over_message)


def check_capacity(sb: Sandbox, webinar: dict[str, Any], adding: int) -> None:
    cap = webinar["settings"].get("registrants_restrict_number", 0)
    if not cap:
        return
    (count,) = sb.store.conn.execute(
        "SELECT COUNT(*) FROM registrants WHERE webinar_id = ? AND status IN ('pending', 'approved')", (webinar["id"],)
    ).fetchone()
    if count + adding > cap:
        raise ApiError(
            400,
            3000,
            "You have reached the limit for the number of attendees you can add. "
            "Contact Zoom Support for more information.",
        )


def insert_registrant(sb: Sandbox, wid: int, entry: dict[str, Any], status: str) -> dict[str, Any]:
    registrant_id = sb.ids.zoom_id()
    data = {k: entry[k] for k in PROFILE_FIELDS if k in entry}
    data = {
        "email": entry["email"],
        **data,
        "custom_questions": entry.get("custom_questions") or [],
        "join_url": sb.join_url("w", wid, registrant_id),
    }
    create_time = iso(sb.now())
    sb.store.conn.execute(
        "INSERT INTO registrants (webinar_id, id, email_key, status, create_time, data) VALUES (?, ?, ?, ?, ?, ?)",
        (wid, registrant_id, entry["email"].lower(), status, create_time, dumps(data)),
    )
    return {"id": registrant_id, **data, "status": status, "create_time": create_time}


def list_registrants(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    wid = sb.webinar(webinar_id)["id"]
    status = request.args.get("status", "approved")  # no "all": each status is its own list (notes §12 #3)
    if status not in LISTABLE:
        raise validation_failed(("status", "Invalid field."))
    (total,) = sb.store.conn.execute(
        "SELECT COUNT(*) FROM registrants WHERE webinar_id = ? AND status = ?", (wid, status)
    ).fetchone()
    limit, offset, envelope = paginate(request, sb.tokens, f"registrants:{wid}:{status}", sb.now(), total)
    rows = sb.store.rows(
        "SELECT id, status, create_time, data FROM registrants WHERE webinar_id = ? AND status = ? "
        "ORDER BY seq LIMIT ? OFFSET ?",
        (wid, status, limit, offset),
    )
    return json_response({**envelope, "registrants": [registrant_view(r) for r in rows]})


def add_registrant(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    webinar = sb.webinar(webinar_id)
    wid = webinar["id"]
    body = read_json(request)
    problems = validate_registrant(body)
    if problems:
        raise validation_failed(*problems)
    sb.require_registration(webinar, "This webinar does not have registration as required: {id}.")
    check_open(
        sb, webinar, "Webinar is over, you cannot register now. If you have any questions, contact the webinar host."
    )
    email = body["email"]
    if email.lower() == sb.credentials.host_email.lower():
        raise ApiError(400, 3027, "Host cannot register.")
    # Every attempt counts toward the 3/day cap, duplicates and refusals included (notes §14.3 #9).
    charge_registrant_add(sb.store, sb.now(), wid, email, batch=False)
    existing = find_registrant(sb, wid, email=email)
    if existing and existing["status"] in STICKY:
        raise ApiError(400, 3000, f"The e-mail address {email} cannot be used to register for this webinar")
    if existing:
        registrant = registrant_view(existing)  # a duplicate returns the existing registrant
    else:
        check_capacity(sb, webinar, 1)
        status = "approved" if webinar["settings"]["approval_type"] == 0 else "pending"
        registrant = insert_registrant(sb, wid, body, status)
        announce_registration(sb, webinar, "created", registrant)
    return json_response(
        {
            "id": wid,
            "registrant_id": registrant["id"],
            "join_url": registrant["join_url"],
            "topic": webinar["topic"],
            "start_time": webinar.get("start_time", ""),
        },
        201,
    )


def get_registrant(sb: Sandbox, request: Request, webinar_id: str, registrant_id: str) -> Response:
    webinar = sb.webinar(webinar_id)
    sb.require_registration(webinar)
    row = find_registrant(sb, webinar["id"], registrant_id=registrant_id)
    # A cancelled registrant is invisible through the API (notes §14.3 #11), so it reads as "does not exist".
    if row is None or row["id"] != registrant_id or row["status"] == "cancelled":
        raise ApiError(400, 3079, f"This registrant does not exist: {registrant_id}.")
    return json_response(registrant_view(row))


def delete_registrant(sb: Sandbox, request: Request, webinar_id: str, registrant_id: str) -> Response:
    """UNCONFIRMED whether a deleted email may register again; the sandbox deletes the row outright."""
    webinar = sb.webinar(webinar_id)
    sb.require_registration(webinar)
    cursor = sb.store.conn.execute(
        "DELETE FROM registrants WHERE webinar_id = ? AND id = ?", (webinar["id"], registrant_id)
    )
    if cursor.rowcount == 0:
        raise ApiError(400, 3000, f"Registrant {registrant_id} was not found.")
    return no_content()


def get_questions(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    webinar = sb.webinar(webinar_id)
    sb.require_registration(webinar)
    row = sb.store.conn.execute("SELECT data FROM questions WHERE webinar_id = ?", (webinar["id"],)).fetchone()
    return json_response(json.loads(row[0]) if row else DEFAULT_QUESTIONS)


def update_questions(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    webinar = sb.webinar(webinar_id)
    body = read_json(request)
    problems = [
        (f"questions[{i}].field_name", "Invalid field.")
        for i, q in enumerate(body.get("questions") or [])
        if not isinstance(q, dict) or q.get("field_name") not in QUESTION_FIELDS
    ]
    problems += [
        (f"custom_questions[{i}]", "Invalid field.")
        for i, q in enumerate(body.get("custom_questions") or [])
        if not isinstance(q, dict)
        or not isinstance(q.get("title"), str)
        or q.get("type", "short") not in ("short", "single_radio", "single_dropdown", "multiple")
    ]
    if problems:
        raise validation_failed(*problems)
    sb.require_registration(webinar)
    row = sb.store.conn.execute("SELECT data FROM questions WHERE webinar_id = ?", (webinar["id"],)).fetchone()
    current = json.loads(row[0]) if row else dict(DEFAULT_QUESTIONS)
    for key in ("questions", "custom_questions"):
        if key in body:
            current[key] = body[key]
    sb.store.conn.execute(
        "INSERT OR REPLACE INTO questions (webinar_id, data) VALUES (?, ?)", (webinar["id"], dumps(current))
    )
    return no_content()


ROUTES = [
    Route("GET", "/webinars/<webinar_id>/registrants", list_registrants, MEDIUM),
    Route("POST", "/webinars/<webinar_id>/registrants", add_registrant, LIGHT),
    Route("GET", "/webinars/<webinar_id>/registrants/questions", get_questions, LIGHT),
    Route("PATCH", "/webinars/<webinar_id>/registrants/questions", update_questions, LIGHT),
    Route("GET", "/webinars/<webinar_id>/registrants/<registrant_id>", get_registrant, LIGHT),
    Route("DELETE", "/webinars/<webinar_id>/registrants/<registrant_id>", delete_registrant, LIGHT),
]
