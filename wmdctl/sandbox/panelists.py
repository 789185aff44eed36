"""Panelists (notes §4) and polls (notes §6)."""

from __future__ import annotations

import json
from typing import Any

from werkzeug.wrappers import Request, Response

from wmdctl.sandbox.core import Sandbox
from wmdctl.sandbox.defaults import PANELIST_BRANDING
from wmdctl.sandbox.limits import LIGHT, MEDIUM
from wmdctl.sandbox.routing import Route
from wmdctl.sandbox.store import dumps, iso
from wmdctl.sandbox.wire import ApiError, json_response, no_content, read_json, valid_email, validation_failed

MAX_PER_REQUEST = 30
# UNCONFIRMED: the per-webinar panelist cap is plan-dependent; 100 is the common Webinar add-on figure.
MAX_PANELISTS = 100
PANELIST_FIELDS = (
    "name",
    "email",
    "virtual_background_id",
    "name_tag_id",
    "name_tag_name",
    "name_tag_pronouns",
    "name_tag_description",
)
POLL_QUESTION_TYPES = (
    "single",
    "multiple",
    "matching",
    "rank_order",
    "short_answer",
    "long_answer",
    "fill_in_the_blank",
    "rating_scale",
)


def list_panelists(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    wid = sb.webinar(webinar_id)["id"]
    rows = sb.store.conn.execute("SELECT data FROM panelists WHERE webinar_id = ? ORDER BY seq", (wid,))
    panelists = [{**PANELIST_BRANDING, **json.loads(r[0])} for r in rows]
    return json_response({"total_records": len(panelists), "panelists": panelists})


def add_panelists(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    wid = sb.webinar(webinar_id)["id"]
    entries = read_json(request).get("panelists")
    if not isinstance(entries, list) or not entries:
        raise validation_failed(("panelists", "Invalid field."))
    if len(entries) > MAX_PER_REQUEST:
        raise validation_failed(("panelists", f"The number of panelists per request cannot exceed {MAX_PER_REQUEST}."))
    problems = [
        (f"panelists[{i}].email", "Invalid field.")
        for i, p in enumerate(entries)
        if not isinstance(p, dict) or not valid_email(p.get("email"))
    ]
    problems += [
        (f"panelists[{i}].name", "Invalid field.")
        for i, p in enumerate(entries)
        if isinstance(p, dict) and not (isinstance(p.get("name"), str) and p["name"].strip())
    ]
    if problems:
        raise validation_failed(*problems)
    conn = sb.store.conn
    existing = {
        r[0]: (r[1], json.loads(r[2]))
        for r in conn.execute("SELECT email_key, seq, data FROM panelists WHERE webinar_id = ?", (wid,))
    }
    new_keys = {p["email"].lower() for p in entries} - existing.keys()
    if len(existing) + len(new_keys) > MAX_PANELISTS:
        raise ApiError(
            400,
            3000,
            "You have reached the limit for the number of panelists you can add. "
            "Contact Zoom Support for more information.",
        )
    for entry in entries:
        key = entry["email"].lower()
        fields = {k: entry[k] for k in PANELIST_FIELDS if k in entry}
        if key in existing:  # same email: update in place, never a duplicate
            seq, panelist = existing[key]
            panelist.update(fields)
            conn.execute("UPDATE panelists SET data = ? WHERE seq = ?", (dumps(panelist), seq))
            continue
        panelist_id = sb.ids.zoom_id()
        panelist = {"id": panelist_id, **fields, "join_url": sb.join_url("w", wid, panelist_id)}
        cursor = conn.execute(
            "INSERT INTO panelists (webinar_id, id, email_key, data) VALUES (?, ?, ?, ?)",
            (wid, panelist_id, key, dumps(panelist)),
        )
        existing[key] = (cursor.lastrowid or 0, panelist)
    return json_response({"id": str(wid), "updated_at": iso(sb.now())}, 201)


def delete_panelists(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    wid = sb.webinar(webinar_id)["id"]
    sb.store.conn.execute("DELETE FROM panelists WHERE webinar_id = ?", (wid,))
    return no_content()


def delete_panelist(sb: Sandbox, request: Request, webinar_id: str, panelist_id: str) -> Response:
    """By id or email. UNCONFIRMED: the SPEC lists no 'panelist not found' error, so an unknown one is a no-op."""
    wid = sb.webinar(webinar_id)["id"]
    sb.store.conn.execute(
        "DELETE FROM panelists WHERE webinar_id = ? AND (id = ? OR email_key = ?)",
        (wid, panelist_id, panelist_id.lower()),
    )
    return no_content()


# -- polls -----------------------------------------------------------------------------


def _require_polls(sb: Sandbox) -> None:
    # The SPEC ties 4400 to the account's "Webinar Polls/Quizzes" portal setting, not to a webinar setting,
    # so the sandbox models it as an account flag (on by default; admin POST /_sandbox/account to turn off).
    if not sb.polls_enabled():
        raise ApiError(
            400,
            4400,
            "Webinar polls disabled. To enable this feature, enable the "
            "Webinar Polls/Quizzes setting in the Zoom web portal's Settings interface.",
        )


def _validate_poll(body: dict[str, Any]) -> None:
    problems: list[tuple[str, str]] = []
    title = body.get("title")
    if not isinstance(title, str) or not title or len(title) > 64:
        problems.append(("title", "Invalid field."))
    questions = body.get("questions")
    if not isinstance(questions, list) or not questions:
        problems.append(("questions", "Invalid field."))
        questions = []
    for i, question in enumerate(questions):
        if not isinstance(question, dict) or not isinstance(question.get("name"), str):
            problems.append((f"questions[{i}].name", "Invalid field."))
            continue
        kind = question.get("type", "single")
        if kind not in POLL_QUESTION_TYPES:
            problems.append((f"questions[{i}].type", "Invalid field."))
        answers = question.get("answers", [])
        if kind in ("single", "multiple") and not (isinstance(answers, list) and 2 <= len(answers) <= 10):
            problems.append((f"questions[{i}].answers", "Invalid field."))
    if problems:
        raise validation_failed(*problems)


def create_poll(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    wid = sb.webinar(webinar_id)["id"]
    _require_polls(sb)
    body = read_json(request)
    _validate_poll(body)
    poll = {
        "id": sb.ids.zoom_id(),
        "status": "notstart",
        "title": body["title"],
        "anonymous": bool(body.get("anonymous", False)),
        "poll_type": body.get("poll_type", 1),
        "questions": [{"type": "single", **q} for q in body["questions"]],
    }
    sb.store.conn.execute("INSERT INTO polls (webinar_id, id, data) VALUES (?, ?, ?)", (wid, poll["id"], dumps(poll)))
    return json_response(poll, 201)


def list_polls(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    wid = sb.webinar(webinar_id)["id"]
    _require_polls(sb)
    polls = [
        json.loads(r[0])
        for r in sb.store.conn.execute("SELECT data FROM polls WHERE webinar_id = ? ORDER BY seq", (wid,))
    ]
    return json_response({"total_records": len(polls), "polls": polls})


def _poll(sb: Sandbox, webinar_id: str, poll_id: str) -> tuple[int, dict[str, Any]]:
    wid = sb.webinar(webinar_id)["id"]
    _require_polls(sb)
    row = sb.store.conn.execute("SELECT data FROM polls WHERE webinar_id = ? AND id = ?", (wid, poll_id)).fetchone()
    if row is None:
        raise ApiError(400, 4400, f"Invalid poll ID: {poll_id}.")
    return wid, json.loads(row[0])


def get_poll(sb: Sandbox, request: Request, webinar_id: str, poll_id: str) -> Response:
    return json_response(_poll(sb, webinar_id, poll_id)[1])


def update_poll(sb: Sandbox, request: Request, webinar_id: str, poll_id: str) -> Response:
    """PUT replaces the poll's title, type and questions; its id and status stay."""
    wid, poll = _poll(sb, webinar_id, poll_id)
    body = read_json(request)
    _validate_poll(body)
    poll.update(
        title=body["title"],
        anonymous=bool(body.get("anonymous", poll.get("anonymous", False))),
        poll_type=body.get("poll_type", poll.get("poll_type", 1)),
        questions=[{"type": "single", **q} for q in body["questions"]],
    )
    sb.store.conn.execute("UPDATE polls SET data = ? WHERE webinar_id = ? AND id = ?", (dumps(poll), wid, poll_id))
    return no_content()


def delete_poll(sb: Sandbox, request: Request, webinar_id: str, poll_id: str) -> Response:
    wid, _poll_data = _poll(sb, webinar_id, poll_id)
    sb.store.conn.execute("DELETE FROM polls WHERE webinar_id = ? AND id = ?", (wid, poll_id))
    return no_content()


ROUTES = [
    Route("GET", "/webinars/<webinar_id>/panelists", list_panelists, MEDIUM),
    Route("POST", "/webinars/<webinar_id>/panelists", add_panelists, MEDIUM),
    Route("DELETE", "/webinars/<webinar_id>/panelists", delete_panelists, LIGHT),
    Route("DELETE", "/webinars/<webinar_id>/panelists/<panelist_id>", delete_panelist, LIGHT),
    Route("POST", "/webinars/<webinar_id>/polls", create_poll, LIGHT),
    Route("GET", "/webinars/<webinar_id>/polls", list_polls, LIGHT),
    Route("GET", "/webinars/<webinar_id>/polls/<poll_id>", get_poll, LIGHT),
    Route("PUT", "/webinars/<webinar_id>/polls/<poll_id>", update_poll, LIGHT),
    Route("DELETE", "/webinars/<webinar_id>/polls/<poll_id>", delete_poll, LIGHT),
]
