"""zoomus 1.2.1, a Zoom client nobody on this project wrote, drives its webinar, registrant, panelist,
report, meeting and recording methods against the sandbox (S2S token from the sandbox's token endpoint).

Each answer is also checked against Zoom's spec where it is available, so the test holds the sandbox,
not zoomus, to the contract. Where zoomus sends what Zoom would refuse, the test says so and expects
the refusal.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from contract_support import spec_available, validate_response
from shared_files import require_module

from wmdctl.sandbox import SandboxHandle, SandboxOptions, start_sandbox

from .helpers import ManualClock, Zoom

zoomus: Any = require_module("zoomus")  # pinned in the test extra; a failure in CI


@pytest.fixture
def handle(clock: ManualClock) -> Iterator[SandboxHandle]:
    with start_sandbox(SandboxOptions(seed=7, clock=clock, plan="business")) as running:
        yield running


@pytest.fixture
def client(handle: SandboxHandle) -> Any:
    return zoomus.ZoomClient(
        handle.client_id, handle.client_secret, handle.account_id, base_uri=handle.api_url, oauth_uri=handle.oauth_url
    )


def ok(response: Any, status: int, method: str, template: str) -> Any:
    assert response.status_code == status, f"{method} {template}: {response.status_code} {response.text}"
    body = response.json() if response.content else None
    if spec_available() or os.environ.get("CI", "").lower() == "true":  # in CI the spec must be there
        validate_response(method, template, status, body)
    return body


WEBINAR = {
    "topic": "Caring Metropolises",
    "type": 5,
    "start_time": "2021-10-07T15:00:00",
    "timezone": "Europe/Madrid",
    "duration": 90,
    "settings": {"approval_type": 0},
}


def test_webinar_methods(client: Any, handle: SandboxHandle) -> None:
    webinar = ok(client.webinar.create(user_id="me", **WEBINAR), 201, "post", "/users/{userId}/webinars")
    wid = webinar["id"]
    assert "user_id" not in webinar  # zoomus puts user_id in the body too; Zoom ignores it, so must the sandbox
    listed = ok(client.webinar.list(user_id="me"), 200, "get", "/users/{userId}/webinars")
    assert [w["id"] for w in listed["webinars"]] == [wid]
    ok(client.webinar.update(id=wid, agenda="Two panels"), 204, "patch", "/webinars/{webinarId}")
    got = ok(client.webinar.get(id=wid), 200, "get", "/webinars/{webinarId}")
    assert got["agenda"] == "Two panels" and got["encrypted_passcode"] and got["h323_passcode"]
    # zoomus sends {"status": "end"}; Zoom's body is {"action": "end"}, so this is a 400, as Zoom answers it.
    refused = client.webinar.end(id=wid)
    assert refused.status_code == 400 and refused.json()["code"] == 300
    ok(client.webinar.delete(id=wid), 204, "delete", "/webinars/{webinarId}")
    assert client.webinar.get(id=wid).json()["code"] == 3001


def test_registrant_and_panelist_methods(client: Any) -> None:
    wid = client.webinar.create(user_id="me", **WEBINAR).json()["id"]
    added = ok(
        client.webinar.register(id=wid, email="ana@example.org", first_name="Ana", last_name="Puig"),
        201,
        "post",
        "/webinars/{webinarId}/registrants",
    )
    registrants = ok(client.webinar.get_registrants(id=wid), 200, "get", "/webinars/{webinarId}/registrants")
    assert [r["id"] for r in registrants["registrants"]] == [added["registrant_id"]]
    panel = [{"name": "Ada Moderator", "email": "ada@example.org"}]
    ok(client.webinar.add_panelists(id=wid, panelists=panel), 201, "post", "/webinars/{webinarId}/panelists")
    panelists = ok(client.webinar.list_panelists(id=wid), 200, "get", "/webinars/{webinarId}/panelists")
    assert [p["email"] for p in panelists["panelists"]] == ["ada@example.org"]
    ok(client.webinar.remove_panelists(id=wid), 204, "delete", "/webinars/{webinarId}/panelists")
    assert client.webinar.list_panelists(id=wid).json()["total_records"] == 0


def test_report_absentee_and_recording_methods(client: Any, handle: SandboxHandle) -> None:
    wid = client.webinar.create(user_id="me", **WEBINAR).json()["id"]
    zoom = Zoom(handle)
    zoom.seed_registrants(wid, 30)
    summary = zoom.admin("POST", f"/webinars/{wid}/simulate", json={"seed": 2}).json()
    client.refresh_token()  # Zoom() above minted a token, which invalidated zoomus's (one live token, notes §14.1)
    report = ok(
        client.report.get_webinar_participants_report(id=wid, page_size=300),
        200,
        "get",
        "/report/webinars/{webinarId}/participants",
    )
    assert report["total_records"] == summary["segments"]
    absentees = ok(client.webinar.get_absentees(id=wid), 200, "get", "/past_webinars/{webinarId}/absentees")
    assert absentees["total_records"] == 30 - summary["registrants_attended"]
    recording = ok(client.recording.get(meeting_id=wid), 200, "get", "/meetings/{meetingId}/recordings")
    assert recording["uuid"] == summary["uuid"] and recording["recording_count"] == 4
    day = datetime.fromisoformat(recording["start_time"].replace("Z", "+00:00"))
    listed = ok(client.recording.list(user_id="me", start=day, end=day), 200, "get", "/users/{userId}/recordings")
    assert [m["uuid"] for m in listed["meetings"]] == [summary["uuid"]]


def test_meeting_methods(client: Any) -> None:
    body = {"topic": "Panel A breakout", "type": 2, "start_time": datetime(2021, 10, 7, 16, 0), "duration": 45,
            "settings": {"approval_type": 0}}  # fmt: skip
    meeting = ok(client.meeting.create(user_id="me", **body), 201, "post", "/users/{userId}/meetings")
    mid = meeting["id"]
    assert meeting["start_time"] == "2021-10-07T16:00:00Z"  # zoomus sends naive datetimes as UTC (notes §14.7)
    ok(client.meeting.list(user_id="me"), 200, "get", "/users/{userId}/meetings")
    ok(client.meeting.update(id=mid, topic="Panel A"), 204, "patch", "/meetings/{meetingId}")
    got = ok(client.meeting.get(id=mid), 200, "get", "/meetings/{meetingId}")
    assert got["topic"] == "Panel A" and got["status"] == "waiting"
    ok(
        client.meeting.add_registrant(id=mid, email="bo@example.org", first_name="Bo"),
        201,
        "post",
        "/meetings/{meetingId}/registrants",
    )
    registrants = ok(client.meeting.list_registrants(id=mid), 200, "get", "/meetings/{meetingId}/registrants")
    assert [r["email"] for r in registrants["registrants"]] == ["bo@example.org"]
    ok(client.meeting.update_status(id=mid, action="end"), 204, "put", "/meetings/{meetingId}/status")
    ok(
        client.past_meeting.get_participants(meeting_id=str(mid)),  # zoomus double-encodes it as a UUID
        200,
        "get",
        "/past_meetings/{meetingId}/participants",
    )
    ok(
        client.report.get_meeting_participants_report(id=mid),
        200,
        "get",
        "/report/meetings/{meetingId}/participants",
    )
    ok(client.meeting.delete(id=mid), 204, "delete", "/meetings/{meetingId}")
