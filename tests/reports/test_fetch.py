"""Fetching through the real client on `responses`: fallback, too early, UUIDs, pages."""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import responses

from reports.conftest import API
from reports.helpers import registrant, report_job, segment
from wmdctl.reports import fetch
from wmdctl.reports.fetch import DataNotReady
from wmdctl.reports.job import AttendanceOptions, collect_attendance
from wmdctl.zoom.client import ZoomClient
from wmdctl.zoom.errors import ZoomAuthError

WEBINAR = "81234567890"
MISSING_SCOPE = {"code": 4711, "message": "Invalid access token, does not contain scopes:[report:read:admin]."}
NOT_ENDED = {"code": 3001, "message": "Webinar ID is invalid or not end."}


def page(key: str, items: list[dict[str, Any]], token: str = "") -> dict[str, Any]:
    return {"page_size": 300, "total_records": len(items), "next_page_token": token, key: items}


def add_webinar(rsps: responses.RequestsMock) -> None:
    rsps.add(responses.GET, f"{API}/webinars/{WEBINAR}", json={"id": int(WEBINAR), "host_email": "host@example.org"})


def add_registrants(rsps: responses.RequestsMock, by_status: dict[str, list[dict[str, Any]]]) -> None:
    def reply(request: Any) -> tuple[int, dict[str, str], str]:
        import json

        status = parse_qs(urlparse(request.url).query)["status"][0]
        return 200, {}, json.dumps(page("registrants", by_status.get(status, [])))

    rsps.add_callback(responses.GET, f"{API}/webinars/{WEBINAR}/registrants", callback=reply)


def test_report_scope_missing_falls_back_to_past_webinars(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(responses.GET, f"{API}/report/webinars/{WEBINAR}/participants", status=400, json=MISSING_SCOPE)
    rows = [segment(0, 30, name="Ana", email="ana@example.org")]
    rsps.add(responses.GET, f"{API}/past_webinars/{WEBINAR}/participants", json=page("participants", rows))
    participants = fetch.fetch_participants(client, WEBINAR)
    assert participants.source == "past_webinars"
    assert [r["name"] for r in participants.rows] == ["Ana"]


def test_permission_error_falls_back_for_qa_too(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(responses.GET, f"{API}/report/webinars/{WEBINAR}/qa", status=403, json={"code": 200, "message": "No"})
    rsps.add(responses.GET, f"{API}/past_webinars/{WEBINAR}/qa", json={"questions": []})
    assert fetch.fetch_qa(client, WEBINAR) == ("past_webinars", {"questions": []})


def test_a_bad_token_is_not_mistaken_for_a_missing_scope(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(
        responses.GET,
        f"{API}/report/webinars/{WEBINAR}/participants",
        status=401,
        json={"code": 124, "message": "Invalid access token."},
    )
    with pytest.raises(ZoomAuthError):
        fetch.fetch_participants(client, WEBINAR)
    assert not any("/past_webinars/" in c.request.url for c in rsps.calls)


def test_not_ended_3001_means_too_early(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(responses.GET, f"{API}/report/webinars/{WEBINAR}/participants", status=404, json=NOT_ENDED)
    with pytest.raises(DataNotReady) as caught:
        fetch.fetch_participants(client, WEBINAR)
    assert caught.value.exit_code == 1
    assert "has not ended" in caught.value.message and "--wait" in (caught.value.hint or "")


def test_instance_uuid_is_double_encoded(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    uuid = "/ab//c=="
    rsps.add(
        responses.GET,
        re.compile(rf"{re.escape(API)}/report/webinars/%252Fab%252F%252Fc%253D%253D/participants.*"),
        json=page("participants", []),
    )
    assert list(fetch.fetch_participants(client, uuid).rows) == []
    url = rsps.calls[-1].request.url
    assert "/report/webinars/%252Fab%252F%252Fc%253D%253D/participants" in url
    assert "include_fields=registrant_id" in url


def test_wait_polls_with_backoff_until_the_data_is_complete(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    add_webinar(rsps)
    add_registrants(rsps, {"approved": [registrant("r1", "Ana", "Gil", "ana@example.org")]})
    url = f"{API}/report/webinars/{WEBINAR}/participants"
    rsps.add(responses.GET, url, status=404, json=NOT_ENDED)  # not ended yet
    live = segment(0, 30, name="Ana", registrant_id="r1", status="in_meeting")
    live["leave_time"] = ""
    rsps.add(responses.GET, url, json=page("participants", [live]))  # still live
    done = segment(0, 30, name="Ana", registrant_id="r1")
    rsps.add(responses.GET, url, json=page("participants", [done]))
    rsps.add(responses.GET, f"{API}/past_webinars/{WEBINAR}/absentees", json=page("registrants", []))
    rsps.add(responses.GET, f"{API}/report/webinars/{WEBINAR}", json={"start_time": "", "end_time": ""})
    slept: list[float] = []
    waits: list[str] = []
    options = AttendanceOptions(wait=True, sleep=slept.append, on_wait=waits.append)
    report = collect_attendance(report_job(client, WEBINAR), options)
    assert slept == [30.0, 60.0]
    assert "not ended" in waits[0] and "still open" in waits[1]
    assert report.source == "report"
    assert report.rows[0].total_seconds == 30 * 60
    # Every registrant status was asked for: Zoom lists only "approved" by default.
    statuses = [
        parse_qs(urlparse(c.request.url).query).get("status") for c in rsps.calls if "/registrants" in c.request.url
    ]
    # Two complete fetches (the 3001 attempt stopped before the registrants).
    assert sorted(s[0] for s in statuses if s) == sorted(["approved", "pending", "denied"] * 2)


def test_without_wait_too_early_raises_and_the_wait_is_bounded(
    client: ZoomClient, rsps: responses.RequestsMock
) -> None:
    add_webinar(rsps)
    rsps.add(responses.GET, f"{API}/report/webinars/{WEBINAR}/participants", status=404, json=NOT_ENDED)
    with pytest.raises(DataNotReady):
        collect_attendance(report_job(client, WEBINAR))
    slept: list[float] = []
    with pytest.raises(DataNotReady):
        collect_attendance(report_job(client, WEBINAR), AttendanceOptions(wait=True, sleep=slept.append))
    assert sum(slept) <= 30 * 60 and len(slept) >= 5


def test_30000_segments_come_in_exactly_100_pages_and_aggregate_per_person(
    client: ZoomClient, rsps: responses.RequestsMock
) -> None:
    import json

    total, people = 30_000, 10_000

    def reply(request: Any) -> tuple[int, dict[str, str], str]:
        query = parse_qs(urlparse(request.url).query)
        assert query["page_size"] == ["300"] and query["include_fields"] == ["registrant_id"]
        offset = int(query.get("next_page_token", ["0"])[0])
        rows = [
            segment((i // people) * 30, (i // people) * 30 + 20, name=f"P{i % people}", email=f"p{i % people}@x.org")
            for i in range(offset, min(offset + 300, total))
        ]
        token = str(offset + 300) if offset + 300 < total else ""
        return 200, {}, json.dumps(page("participants", rows, token))

    url = f"{API}/report/webinars/{WEBINAR}/participants"
    rsps.add_callback(responses.GET, url, callback=reply)
    add_webinar(rsps)
    add_registrants(rsps, {})
    rsps.add(responses.GET, f"{API}/past_webinars/{WEBINAR}/absentees", json=page("registrants", []))
    rsps.add(responses.GET, f"{API}/report/webinars/{WEBINAR}", json={})
    # Memory is a benchmark figure (bench/run.py measures peak RSS), not a test assertion.
    report = collect_attendance(report_job(client, WEBINAR))
    pages = [c for c in rsps.calls if c.request.url.startswith(url)]
    assert len(pages) == math.ceil(total / 300)
    assert len(report.rows) == people
    assert all(r.sessions == 3 and r.total_seconds == 60 * 60 for r in report.rows)
    assert report.summary.peak_attendees == people
