"""Hidden admin endpoints under /_sandbox/<admin token>/: reset, state dump, simulate, clock, faults, seeding.

No bearer token: the per-process admin token in the URL is the key (wmdctl.sandbox.guard adds the
loopback-Host, Origin and JSON-body checks). They exist for tests and demos, never on a real Zoom.
"""

from __future__ import annotations

import json
from typing import Any

from werkzeug.wrappers import Request, Response

from wmdctl.sandbox.core import Sandbox
from wmdctl.sandbox.instances import latest_instance, list_instances
from wmdctl.sandbox.registrants import insert_registrant, registrant_view
from wmdctl.sandbox.routing import Route
from wmdctl.sandbox.scopes import configured_scopes, set_scopes
from wmdctl.sandbox.simulate import simulate
from wmdctl.sandbox.store import iso, parse_iso
from wmdctl.sandbox.wire import json_response, read_json, valid_email, validation_failed, webinar_not_found

FIRST_NAMES = ("Ana", "Joan", "Marta", "Pau", "Laia", "Jordi", "Nuria", "Oriol", "Sofia", "Marc", "Aiko", "Kwame")
LAST_NAMES = ("Garcia", "Puig", "Serra", "Vidal", "Font", "Roca", "Soler", "Mensah", "Tanaka", "Dubois")


def _number(body: dict[str, Any], key: str, default: float, low: float, high: float) -> float:
    value = body.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise validation_failed((key, f"must be a number between {low} and {high}"))
    return value


def reset(sb: Sandbox, request: Request) -> Response:
    sb.store.reset()
    return json_response({"reset": True})


def state(sb: Sandbox, request: Request) -> Response:
    with sb.store.lock:
        return json_response(dump_state(sb))


def dump_state(sb: Sandbox) -> dict[str, Any]:
    """Everything the sandbox knows (except the token), for tests that check their results independently."""
    store = sb.store
    webinars = []
    for row in store.rows("SELECT id, ended, data FROM webinars ORDER BY seq"):
        webinar = json.loads(row["data"])
        webinar["_sandbox"] = {"ended": bool(row["ended"]), **_webinar_extras(sb, row["id"])}
        webinars.append(webinar)
    return {
        "now": iso(sb.now()),
        "account": account_settings(sb),
        "faults": vars(sb.faults),
        "webinars": webinars,
        "meetings": _json_rows(sb, "SELECT data FROM meetings ORDER BY seq"),
        "counters": store.rows("SELECT key, day, count FROM counters ORDER BY key, day"),
    }


def _json_rows(sb: Sandbox, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    return [json.loads(r[0]) for r in sb.store.conn.execute(sql, params)]


def _webinar_extras(sb: Sandbox, wid: int) -> dict[str, Any]:
    latest = latest_instance(sb, wid)
    registrants = sb.store.rows(
        "SELECT id, status, create_time, data FROM registrants WHERE webinar_id = ? ORDER BY seq", (wid,)
    )
    questions = _json_rows(sb, "SELECT data FROM questions WHERE webinar_id = ?", (wid,))
    return {
        "panelists": _json_rows(sb, "SELECT data FROM panelists WHERE webinar_id = ? ORDER BY seq", (wid,)),
        "registrants": [registrant_view(r) for r in registrants],
        "questions": questions[0] if questions else None,
        "polls": _json_rows(sb, "SELECT data FROM polls WHERE webinar_id = ? ORDER BY seq", (wid,)),
        "instance": latest,  # the latest one, whose participants follow
        "instances": [{k: i[k] for k in ("uuid", "start_time", "end_time")} for i in list_instances(sb, wid)],
        "participants": _json_rows(
            sb,
            "SELECT data FROM participants WHERE webinar_id = ? AND instance_uuid = ? ORDER BY seq",
            (wid, latest["uuid"] if latest else ""),
        ),
    }


def simulate_webinar(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    body = read_json(request)
    attendance = _number(body, "attendance", 0.6, 0.0, 1.0)
    seed = int(_number(body, "seed", 0, -(2**63), 2**63))
    participants = int(_number(body, "participants", 0, 0, 1_000_000))
    with sb.store.transaction():
        found = sb.find_webinar(webinar_id)
        if found is None:
            raise webinar_not_found(webinar_id)
        summary = simulate(sb, found[0], attendance=attendance, seed=seed, participants=participants)
    return json_response(summary)


def seed_registrants(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    """Bulk-load registrants without limits, for pagination tests and benchmarks.

    Body: {"count": N, "status": "approved", "email_prefix": "person"} or {"registrants": [{email, first_name,
    last_name, status}]}.
    """
    body = read_json(request)
    status = body.get("status", "approved")
    if status not in ("pending", "approved", "denied", "cancelled"):
        raise validation_failed(("status", "Invalid field."))
    entries = body.get("registrants")
    if entries is not None and not (
        isinstance(entries, list)
        and all(isinstance(e, dict) and valid_email(e.get("email")) and isinstance(e.get("first_name", ""), str)
                for e in entries)
        and all(e.get("status", status) in ("pending", "approved", "denied", "cancelled") for e in entries)
    ):  # fmt: skip
        raise validation_failed(("registrants", "must be a list of {email, first_name, last_name, status}"))
    if entries is None:
        count = int(_number(body, "count", 0, 0, 1_000_000))
        prefix = str(body.get("email_prefix", "person"))
        entries = [
            {
                "email": f"{prefix}{n}@registrants.example",
                "first_name": FIRST_NAMES[n % len(FIRST_NAMES)],
                "last_name": LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)],
            }
            for n in range(1, count + 1)
        ]
    with sb.store.transaction():
        webinar = sb.webinar(webinar_id)
        for entry in entries:
            insert_registrant(sb, webinar["id"], entry, entry.get("status", status))
    return json_response({"added": len(entries)}, 201)


def clock(sb: Sandbox, request: Request) -> Response:
    if request.method == "POST":
        body = read_json(request)
        if "now" in body:
            try:
                sb.clock.set_now(parse_iso(str(body["now"])))
            except ValueError:
                raise validation_failed(("now", "must be an ISO 8601 date-time")) from None
        else:
            sb.clock.advance(_number(body, "advance_seconds", 0, -(10**9), 10**9))
    return json_response({"now": iso(sb.now())})


def faults(sb: Sandbox, request: Request) -> Response:
    if request.method == "POST":
        body = read_json(request)
        sb.faults.fail_rate = _number(body, "fail_rate", sb.faults.fail_rate, 0.0, 1.0)
        sb.faults.drop_rate = _number(body, "drop_rate", sb.faults.drop_rate, 0.0, 1.0)
        sb.faults.latency_ms = int(_number(body, "latency_ms", sb.faults.latency_ms, 0, 60_000))
    return json_response(vars(sb.faults))


def account(sb: Sandbox, request: Request) -> Response:
    """Account-level portal settings the API can't change: {"webinar_polls": bool, "scopes": [...] | null}.

    Each key is optional. "scopes" are the app's scopes: tokens minted from now on carry them
    (null = every scope, the default); a token already issued keeps its own.
    """
    if request.method == "POST":
        body = read_json(request)
        if not isinstance(body.get("webinar_polls", True), bool):
            raise validation_failed(("webinar_polls", "must be true or false"))
        with sb.store.transaction():
            if "webinar_polls" in body:
                sb.store.set_meta("account_webinar_polls", body["webinar_polls"])
            if "scopes" in body:
                set_scopes(sb, body["scopes"])
    with sb.store.lock:
        return json_response(account_settings(sb))


def account_settings(sb: Sandbox) -> dict[str, Any]:
    return {"webinar_polls": sb.polls_enabled(), "scopes": configured_scopes(sb)}


ROUTES = [
    Route("POST", "/reset", reset, "admin"),
    Route("GET", "/state", state, "admin"),
    Route("POST", "/webinars/<webinar_id>/simulate", simulate_webinar, "admin"),
    Route("POST", "/webinars/<webinar_id>/registrants", seed_registrants, "admin"),
    Route("GET", "/clock", clock, "admin"),
    Route("POST", "/clock", clock, "admin"),
    Route("GET", "/faults", faults, "admin"),
    Route("POST", "/faults", faults, "admin"),
    Route("GET", "/account", account, "admin"),
    Route("POST", "/account", account, "admin"),
]
