"""Registrants 30 at a time: status changes (approve, deny, cancel) and batch registration (notes §5, §14.3)."""

from __future__ import annotations

import json
from typing import Any

from werkzeug.wrappers import Request, Response

from wmdctl.sandbox.core import Sandbox
from wmdctl.sandbox.limits import (
    HEAVY,
    MEDIUM,
    STATUS_CHANGES_PER_REGISTRANT_PER_DAY,
    charge_registrant_add,
    charge_status_change,
    registrant_adds_left,
    utc_day,
)
from wmdctl.sandbox.registrants import (
    MAX_PER_REQUEST,
    STICKY,
    check_capacity,
    check_open,
    find_registrant,
    insert_registrant,
    registrant_view,
    validate_registrant,
)
from wmdctl.sandbox.routing import Route
from wmdctl.sandbox.webhook_payloads import announce_registration, announce_status_change
from wmdctl.sandbox.wire import ApiError, json_response, no_content, read_json, validation_failed

STATUS_AFTER = {  # action -> {from status: to status}; anything missing is left unchanged (sticky)
    # A denied person cannot register again (notes §14.3 #10), but the host may still approve them, as
    # the web portal's Denied/Blocked tab allows; a cancelled registration is gone (not listed at all).
    "approve": {"pending": "approved", "denied": "approved"},
    "deny": {"pending": "denied", "approved": "denied"},
    "cancel": {"pending": "cancelled", "approved": "cancelled"},
}


def update_status(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    webinar = sb.webinar(webinar_id)
    wid = webinar["id"]
    body = read_json(request)
    action, entries = body.get("action"), body.get("registrants")
    if action not in STATUS_AFTER:
        raise validation_failed(("action", "Invalid field."))
    if not isinstance(entries, list) or not entries or len(entries) > MAX_PER_REQUEST:
        raise validation_failed(("registrants", f"The registrants array must have 1 to {MAX_PER_REQUEST} items."))
    if not sb.registration_enabled(webinar):
        raise ApiError(400, 300, f"Registration has not been enabled for this meeting: {wid}.")
    # UNCONFIRMED: unknown ids/emails are skipped silently, as Zoom answers 204 for the batch.
    found = {}
    for entry in entries:
        if isinstance(entry, dict):
            wanted_id, wanted_email = str(entry.get("id") or ""), str(entry.get("email") or "")
            row = find_registrant(sb, wid, registrant_id=wanted_id, email=wanted_email)
            if row:
                found[row["seq"]] = row
    now = sb.now()
    # Check every cap before changing anything, so a 429 leaves the whole batch untouched.
    over = [
        r
        for r in found.values()
        if sb.store.count(f"status:{wid}:{r['id']}", utc_day(now)) >= STATUS_CHANGES_PER_REGISTRANT_PER_DAY
    ]
    for row in over[:1]:
        charge_status_change(sb.store, now, wid, row["id"], json.loads(row["data"])["email"])  # raises the 429
    for seq, row in found.items():
        charge_status_change(sb.store, now, wid, row["id"], json.loads(row["data"])["email"])
        new_status = STATUS_AFTER[action].get(row["status"], row["status"])
        sb.store.conn.execute("UPDATE registrants SET status = ? WHERE seq = ?", (new_status, seq))
        announce_status_change(sb, webinar, registrant_view({**row, "status": new_status}), row["status"])
    return no_content()


def batch_registrants(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    webinar = sb.webinar(webinar_id)
    wid = webinar["id"]
    body = read_json(request)
    if webinar["type"] != 5:
        raise ApiError(
            400,
            300,
            "This API can only be used for scheduled webinars (type 5). "
            "Batch registration is not supported for other webinar types.",
        )
    entries = body.get("registrants")
    if not isinstance(entries, list) or not entries or len(entries) > MAX_PER_REQUEST:
        raise validation_failed(("registrants", f"The registrants array must have 1 to {MAX_PER_REQUEST} items."))
    problems = [p for i, e in enumerate(entries) for p in validate_registrant(e, f"registrants[{i}].")]
    if problems:
        raise validation_failed(*problems)
    sb.require_registration(webinar)
    check_open(
        sb,
        webinar,
        "The webinar is over. You cannot register now. If you have any questions, contact the webinar's host.",
    )
    now = sb.now()
    for entry in entries:  # all-or-nothing on the per-registrant cap
        if registrant_adds_left(sb.store, now, wid, entry["email"].lower()) <= 0:
            charge_registrant_add(sb.store, now, wid, entry["email"], batch=True)
    # auto_approve only overrides manual approval (approval_type 1), never a webinar set to 0 (notes §5).
    approval_type = webinar["settings"]["approval_type"]
    status = "approved" if approval_type == 0 or body.get("auto_approve") else "pending"
    new_emails = {e["email"].lower() for e in entries} - _known_emails(sb, wid, entries)
    check_capacity(sb, webinar, len(new_emails))
    results = []
    for entry in entries:
        charge_registrant_add(sb.store, now, wid, entry["email"], batch=True)
        existing = find_registrant(sb, wid, email=entry["email"])
        if existing and existing["status"] in STICKY:
            continue  # UNCONFIRMED: a blocked email is left out of the answer rather than failing the batch
        if entry["email"].lower() == sb.credentials.host_email.lower():
            continue
        if existing:
            registrant = registrant_view(existing)
        else:
            registrant = insert_registrant(sb, wid, entry, status)
            announce_registration(sb, webinar, "created", registrant)
        results.append({"email": entry["email"], "registrant_id": registrant["id"], "join_url": registrant["join_url"]})
    return json_response({"registrants": results}, 201)


def _known_emails(sb: Sandbox, wid: int, entries: list[dict[str, Any]]) -> set[str]:
    return {e["email"].lower() for e in entries if find_registrant(sb, wid, email=e["email"])}


ROUTES = [
    Route("PUT", "/webinars/<webinar_id>/registrants/status", update_status, MEDIUM),
    Route("POST", "/webinars/<webinar_id>/batch_registrants", batch_registrants, HEAVY),
]
