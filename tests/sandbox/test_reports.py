"""Past webinars, reports and simulate (notes §8, §9, §14.5)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from urllib.parse import quote

import pytest

from wmdctl.sandbox import SandboxOptions, start_sandbox
from wmdctl.sandbox.store import parse_iso

from .helpers import ManualClock, Zoom


def _prepare(zoom: Zoom, registrants: int = 120) -> int:
    webinar_id = zoom.registration_webinar()
    zoom.seed_registrants(webinar_id, registrants)
    zoom.post(
        f"/webinars/{webinar_id}/panelists",
        json={
            "panelists": [
                {"name": "Ada Colau", "email": "ada@example.org"},
                {"name": "Valérie Plante", "email": "vp@example.org"},
            ]
        },
    )
    zoom.post(
        f"/webinars/{webinar_id}/polls",
        json={
            "title": "Care",
            "questions": [
                {"name": "Priority?", "type": "single", "answers": ["Housing", "Health", "Transport"]},
                {"name": "Which?", "type": "multiple", "answers": ["A", "B", "C"]},
            ],
        },
    )
    return webinar_id


def _simulate(zoom: Zoom, webinar_id: int, seed: int = 7, **extra: float) -> dict:
    response = zoom.admin("POST", f"/webinars/{webinar_id}/simulate", json={"attendance": 0.6, "seed": seed, **extra})
    assert response.status_code == 200, response.text
    return dict(response.json())


def _all_participants(zoom: Zoom, path: str, **params: str) -> list[dict]:
    rows, token = [], ""
    while True:
        page = zoom.get(path, params={"page_size": 300, "next_page_token": token, **params}).json()
        rows += page["participants"]
        token = page["next_page_token"]
        if not token:
            return rows


def test_reports_are_404_until_the_webinar_ends(zoom: Zoom) -> None:
    webinar_id = _prepare(zoom, 5)
    for path in ("/past_webinars/{}/participants", "/past_webinars/{}/qa", "/report/webinars/{}/participants"):
        response = zoom.get(path.format(webinar_id))
        assert response.status_code == 404
        assert response.json() == {"code": 3001, "message": "Webinar ID is invalid or not end."}


def test_simulate_produces_realistic_segments(zoom: Zoom) -> None:
    webinar_id = _prepare(zoom)
    summary = _simulate(zoom, webinar_id)
    assert summary["registrants_attended"] == 72  # 60% of 120
    rows = _all_participants(zoom, f"/report/webinars/{webinar_id}/participants", include_fields="registrant_id")
    assert len(rows) == summary["segments"]
    assert len({r["user_id"] for r in rows}) == len(rows)  # a new user_id for every segment, rejoins included
    per_registrant = Counter(r["registrant_id"] for r in rows if r["registrant_id"])
    assert max(per_registrant.values()) >= 2  # someone rejoined
    assert any(r["user_email"] == "" and r["registrant_id"] for r in rows)  # registrant not signed in
    assert any(r["name"].startswith("+34 9") and r["user_email"] == "" for r in rows)  # dial-in
    start = parse_iso("2021-10-07T13:00:00Z")
    latest = start + timedelta(minutes=90 + 6)
    for row in rows:
        join, leave = parse_iso(row["join_time"]), parse_iso(row["leave_time"])
        assert start <= join < leave <= latest
        assert row["duration"] == int((leave - join).total_seconds())
    halves = _one_half_people(rows, start)
    assert halves["first"] and halves["second"]


def _one_half_people(rows: list[dict], start) -> dict[str, int]:  # type: ignore[no-untyped-def]
    mid = start + timedelta(minutes=45)
    spans: dict[str, list[tuple]] = {}
    for row in rows:
        if row["registrant_id"]:
            span = (parse_iso(row["join_time"]), parse_iso(row["leave_time"]))
            spans.setdefault(row["registrant_id"], []).append(span)
    first = sum(1 for s in spans.values() if max(leave for _, leave in s) <= mid)
    second = sum(1 for s in spans.values() if min(join for join, _ in s) >= mid)
    return {"first": first, "second": second}


def test_registrant_id_only_with_include_fields(zoom: Zoom) -> None:
    webinar_id = _prepare(zoom, 10)
    _simulate(zoom, webinar_id)
    for path in (f"/report/webinars/{webinar_id}/participants", f"/past_webinars/{webinar_id}/participants"):
        plain = zoom.get(path).json()["participants"]
        assert plain and all("registrant_id" not in r for r in plain)
        asked = zoom.get(path, params={"include_fields": "registrant_id"}).json()["participants"]
        assert all("registrant_id" in r for r in asked)


def test_instance_uuid_needs_double_encoding_and_works_in_paths(zoom: Zoom) -> None:
    webinar_id = _prepare(zoom, 10)
    uuid = _simulate(zoom, webinar_id)["uuid"]
    instances = zoom.get(f"/past_webinars/{webinar_id}/instances").json()["webinars"]
    assert instances == [{"uuid": uuid, "start_time": "2021-10-07T13:00:00Z"}]
    assert uuid.startswith("/") or "//" in uuid
    double = quote(quote(uuid, safe=""), safe="")
    by_uuid = zoom.get(f"/past_webinars/{double}/participants")
    assert by_uuid.status_code == 200
    assert (
        by_uuid.json()["total_records"] == zoom.get(f"/past_webinars/{webinar_id}/participants").json()["total_records"]
    )
    details = zoom.get(f"/report/webinars/{double}").json()
    assert details["uuid"] == uuid and details["id"] == webinar_id
    single = zoom.get(f"/report/webinars/{quote(uuid, safe='')}")  # Zoom needs these UUIDs double-encoded
    assert single.status_code == 404 and single.json()["code"] == 3001


def test_absentees_are_approved_registrants_who_did_not_come(zoom: Zoom) -> None:
    webinar_id = _prepare(zoom, 50)
    _simulate(zoom, webinar_id)
    attended = {
        r["registrant_id"]
        for r in _all_participants(zoom, f"/past_webinars/{webinar_id}/participants", include_fields="registrant_id")
    }
    absent = zoom.get(f"/past_webinars/{webinar_id}/absentees", params={"page_size": 300}).json()
    absent_ids = {r["id"] for r in absent["registrants"]}
    approved = {
        r["id"]
        for r in zoom.get(f"/webinars/{webinar_id}/registrants", params={"page_size": 300}).json()["registrants"]
    }
    assert absent_ids == approved - attended and absent["total_records"] == 20


def test_qa_and_polls_are_filled(zoom: Zoom) -> None:
    webinar_id = _prepare(zoom)
    _simulate(zoom, webinar_id)
    report_qa = zoom.get(f"/report/webinars/{webinar_id}/qa").json()
    assert report_qa["questions"] and all(q["question_details"][0]["question"] for q in report_qa["questions"])
    past_qa = zoom.get(f"/past_webinars/{webinar_id}/qa").json()
    assert len(past_qa["questions"]) == len(report_qa["questions"])
    polls = zoom.get(f"/report/webinars/{webinar_id}/polls").json()["questions"]
    answers = [d["answer"] for p in polls for d in p["question_details"] if d["question"] == "Priority?"]
    assert answers and set(answers) <= {"Housing", "Health", "Transport"}
    assert zoom.get(f"/webinars/{webinar_id}/polls").json()["polls"][0]["status"] == "ended"


def test_report_details_sum_the_segments(zoom: Zoom) -> None:
    webinar_id = _prepare(zoom, 30)
    _simulate(zoom, webinar_id)
    rows = _all_participants(zoom, f"/report/webinars/{webinar_id}/participants")
    details = zoom.get(f"/report/webinars/{webinar_id}").json()
    assert details["participants_count"] == len(rows)
    assert details["total_minutes"] == sum(r["duration"] for r in rows) // 60
    assert 90 <= details["duration"] <= 96


def _run_session(seed: int) -> dict:
    with start_sandbox(SandboxOptions(seed=3, clock=ManualClock())) as handle:
        zoom = Zoom(handle)
        webinar_id = _prepare(zoom, 40)
        _simulate(zoom, webinar_id, seed=seed)
        return zoom.state()


def test_same_seed_same_dump_and_another_seed_differs() -> None:
    first, again, other = _run_session(11), _run_session(11), _run_session(12)
    assert first == again
    assert first["webinars"][0]["_sandbox"]["participants"] != other["webinars"][0]["_sandbox"]["participants"]


def test_synthetic_participants_for_benchmarks(zoom: Zoom) -> None:
    webinar_id = _prepare(zoom, 0)
    summary = _simulate(zoom, webinar_id, participants=2000)
    assert 2000 <= summary["segments"] - 3 <= 6000  # 1-3 segments each, plus host and panelists
    assert zoom.get(f"/past_webinars/{webinar_id}/participants").json()["total_records"] == summary["segments"]


@pytest.mark.parametrize("path", ["/report/webinars/{}/participants", "/past_webinars/{}/participants"])
def test_participant_page_token_expires(zoom: Zoom, path: str) -> None:
    webinar_id = _prepare(zoom, 100)
    _simulate(zoom, webinar_id)
    token = zoom.get(path.format(webinar_id), params={"page_size": 10}).json()["next_page_token"]
    zoom.advance(16 * 60)
    zoom.new_token()
    assert zoom.get(path.format(webinar_id), params={"next_page_token": token}).json()["code"] == 300


def test_handle_simulate_and_state_match_the_admin_endpoints(zoom: Zoom) -> None:
    webinar_id = _prepare(zoom, 20)
    summary = zoom.handle.simulate(webinar_id, attendance=0.5, seed=5)
    state = zoom.handle.state()
    assert state == zoom.state()
    segments = state["webinars"][0]["_sandbox"]["participants"]
    assert summary["registrants_attended"] == 10 and len(segments) == summary["segments"]
    with pytest.raises(LookupError):
        zoom.handle.simulate(1)
