"""Webinar survey, live streaming and tracking sources (SPEC "Webinars": survey, livestream, tracking_sources).

The survey and the live-stream settings are one JSON document per webinar in the `extras` table;
validation has already checked and pruned the bodies against Zoom's rules.
"""

from __future__ import annotations

import json
from typing import Any

from werkzeug.wrappers import Request, Response

from wmdctl.sandbox.core import Sandbox
from wmdctl.sandbox.limits import LIGHT, MEDIUM
from wmdctl.sandbox.routing import Route, deep_merge
from wmdctl.sandbox.store import dumps
from wmdctl.sandbox.wire import ApiError, json_response, no_content, read_json

# What GET answers before any PATCH: Zoom's survey defaults and no custom survey (the spec's custom
# survey has 1 to 100 questions, so an empty one cannot exist).
DEFAULT_SURVEY: dict[str, Any] = {
    "show_in_the_browser": True,
    "show_in_the_follow_up_email": False,
    "third_party_survey": "",
}
DEFAULT_LIVESTREAM = {"stream_url": "", "stream_key": "", "page_url": "", "resolution": "720p"}


def _extra(sb: Sandbox, webinar_id: int, kind: str) -> dict[str, Any] | None:
    row = sb.store.conn.execute(
        "SELECT data FROM extras WHERE webinar_id = ? AND kind = ?", (webinar_id, kind)
    ).fetchone()
    return json.loads(row[0]) if row else None


def _save(sb: Sandbox, webinar_id: int, kind: str, data: dict[str, Any]) -> None:
    sb.store.conn.execute(
        "INSERT OR REPLACE INTO extras (webinar_id, kind, data) VALUES (?, ?, ?)", (webinar_id, kind, dumps(data))
    )


def get_survey(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    wid = sb.webinar(webinar_id)["id"]
    return json_response(_extra(sb, wid, "survey") or DEFAULT_SURVEY)


def update_survey(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    wid = sb.webinar(webinar_id)["id"]
    body = read_json(request)
    third_party = body.get("third_party_survey", "")
    if third_party and not third_party.startswith(("https://", "http://")):
        raise ApiError(400, 300, f"Invalid third party survey: {third_party}.")
    current = _extra(sb, wid, "survey") or DEFAULT_SURVEY
    survey = deep_merge(current, body)
    if "custom_survey" in body and "questions" in body["custom_survey"]:  # the question list is replaced whole
        survey["custom_survey"]["questions"] = body["custom_survey"]["questions"]
    _save(sb, wid, "survey", survey)
    return no_content()


def delete_survey(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    wid = sb.webinar(webinar_id)["id"]
    sb.store.conn.execute("DELETE FROM extras WHERE webinar_id = ? AND kind = 'survey'", (wid,))
    return no_content()


def get_livestream(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    wid = sb.webinar(webinar_id)["id"]
    stream = _extra(sb, wid, "livestream") or DEFAULT_LIVESTREAM
    return json_response({k: stream[k] for k in DEFAULT_LIVESTREAM})


def update_livestream(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    wid = sb.webinar(webinar_id)["id"]
    stream = {**(_extra(sb, wid, "livestream") or DEFAULT_LIVESTREAM), **read_json(request)}
    _save(sb, wid, "livestream", stream)
    return no_content()


def update_livestream_status(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    """start/stop the custom live stream; Zoom's 3000 when none is configured."""
    wid = sb.webinar(webinar_id)["id"]
    body = read_json(request)
    stream = _extra(sb, wid, "livestream")
    if stream is None or not stream.get("stream_url"):
        raise ApiError(400, 3000, "The current webinar is not configured with a custom streaming service.")
    if "action" in body:
        stream["status"] = "started" if body["action"] == "start" else "stopped"
    stream["status_settings"] = deep_merge(stream.get("status_settings", {}), body.get("settings", {}))
    _save(sb, wid, "livestream", stream)
    return no_content()


def tracking_sources(sb: Sandbox, request: Request, webinar_id: str) -> Response:
    """SANDBOX CHOICE: two fixed sources per webinar with registration on, counting no visits."""
    webinar = sb.webinar(webinar_id)
    sources = []
    if sb.registration_enabled(webinar):
        for number, name in enumerate(("Newsletter", "Website"), 1):
            sources.append({
                "id": f"{webinar['id']}{number:02d}",
                "source_name": name,
                "tracking_url": f"{webinar['_registration_url']}?tk=sbx{number}",
                "visitor_count": 0,
                "registration_count": 0,
            })  # fmt: skip
    return json_response({"total_records": len(sources), "tracking_sources": sources})


ROUTES = [
    Route("GET", "/webinars/<webinar_id>/survey", get_survey, LIGHT),
    Route("PATCH", "/webinars/<webinar_id>/survey", update_survey, LIGHT),
    Route("DELETE", "/webinars/<webinar_id>/survey", delete_survey, LIGHT),
    Route("GET", "/webinars/<webinar_id>/livestream", get_livestream, LIGHT),
    Route("PATCH", "/webinars/<webinar_id>/livestream", update_livestream, LIGHT),
    Route("PATCH", "/webinars/<webinar_id>/livestream/status", update_livestream_status, LIGHT),
    Route("GET", "/webinars/<webinar_id>/tracking_sources", tracking_sources, MEDIUM),
]
