"""End to end against the real sandbox on loopback.

The expected minutes are computed here, from the sandbox's own state dump,
with a plain interval union: they are not taken from the implementation.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from sandbox_client import sandbox_client

from reports.helpers import report_event, report_job
from wmdctl import sandbox
from wmdctl.reports.job import collect_attendance

pytestmark = pytest.mark.e2e


def seconds(text: str) -> int:
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def union_seconds(intervals: list[tuple[int, int]]) -> int:
    total, reach = 0, None
    for start, end in sorted(intervals):
        if reach is None or start > reach:
            total += end - start
            reach = end
        elif end > reach:
            total += end - reach
            reach = end
    return total


@pytest.fixture
def simulated(tmp_path: Path) -> Any:
    options = sandbox.SandboxOptions(seed=7, plan="business", clock=lambda: datetime(2021, 10, 1, 9, tzinfo=UTC))
    handle = sandbox.start_sandbox(options)
    try:
        client = sandbox_client(handle, tmp_path / "token.json", plan="business")
        body = {
            "topic": "Caring Metropolises: Framing Recovery for All",
            "type": 5,
            "start_time": "2021-10-07T15:00:00",
            "timezone": "Europe/Madrid",
            "duration": 90,
            "settings": {"approval_type": 0},
        }
        webinar_id = str(client.create_webinar(handle.host_email, body)["id"])
        client.add_panelists(webinar_id, [{"name": "Moderator", "email": "moderator@example.org"}])
        admin = handle.admin_url
        requests.post(f"{admin}/webinars/{webinar_id}/registrants", json={"count": 60}, timeout=10).raise_for_status()
        simulate = {"attendance": 0.6, "seed": 11}
        requests.post(f"{admin}/webinars/{webinar_id}/simulate", json=simulate, timeout=10).raise_for_status()
        state = requests.get(f"{admin}/state", timeout=10).json()
        yield client, webinar_id, next(w for w in state["webinars"] if str(w["id"]) == webinar_id)["_sandbox"]
    finally:
        handle.stop()


def test_per_person_minutes_match_an_independent_union_of_the_sandbox_segments(simulated: Any) -> None:
    client, webinar_id, truth = simulated
    report = collect_attendance(report_job(client, webinar_id))

    segments_by_registrant: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in truth["participants"]:
        if row.get("registrant_id"):
            segments_by_registrant[row["registrant_id"]].append((seconds(row["join_time"]), seconds(row["leave_time"])))
    registrants = {r["id"]: r for r in truth["registrants"]}
    rows_by_email = {r.email.casefold(): r for r in report.rows if r.registered}

    assert segments_by_registrant, "the simulation produced no registered attendees"
    for registrant_id, intervals in segments_by_registrant.items():
        row = rows_by_email[registrants[registrant_id]["email"].casefold()]
        assert row.total_seconds == union_seconds(intervals), registrants[registrant_id]["email"]
        assert row.sessions == len(intervals)

    # Approved registrants who never came are rows with zero minutes.
    approved = {r["id"] for r in truth["registrants"] if r.get("status") == "approved"}
    for registrant_id in approved - set(segments_by_registrant):
        row = rows_by_email[registrants[registrant_id]["email"].casefold()]
        assert row.total_seconds == 0 and row.sessions == 0

    # No join/leave row was dropped, including blank-email and dial-in ones.
    assert sum(r.sessions for r in report.rows) == len(truth["participants"])
    assert any(not r.registered and r.name.startswith("+") for r in report.rows)
    assert report.summary.registered == len(approved)
    assert report.summary.registered_attended == len(set(segments_by_registrant) & approved)
    assert report.source in ("report", "past_webinars")


def test_archive_against_the_sandbox_is_idempotent(simulated: Any, tmp_path: Path) -> None:
    from wmdctl.reports.archive import archive_webinar, verify

    client, webinar_id, truth = simulated
    first = archive_webinar(report_job(client, webinar_id, report_event()), tmp_path / "archive")
    assert first.created and verify(first.folder) == []
    pages = sorted((first.folder / "participants").glob("page-*.json"))
    assert sum(len(json.loads(p.read_text())["participants"]) for p in pages) == len(truth["participants"])
    webinar = json.loads((first.folder / "webinar.json").read_text())
    assert "start_url" not in webinar and webinar["join_url"]
    attendance = json.loads((first.folder / "reports/attendance.json").read_text())
    assert sum(p["sessions"] for p in attendance["people"]) == len(truth["participants"])
    assert {"reports/qa.csv", "reports/polls.csv", "reports/attendance.csv"} <= set(first.files)
    second = archive_webinar(report_job(client, webinar_id, report_event()), tmp_path / "archive")
    assert second.created is False and second.files == first.files
