"""The operations other Zoom clients call and wmdctl's next capabilities need: recordings, survey,
live stream, tracking sources, poll edits, meeting status/invitation/registrants, user list."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import quote

import requests

from wmdctl.sandbox import SandboxHandle
from wmdctl.sandbox.events import subscribe

from .helpers import ManualClock, Zoom

RATING = {"name": "How useful was this panel for your work?", "type": "rating_scale",
          "rating_min_value": 1, "rating_max_value": 5}  # fmt: skip
SINGLE = {"name": "Which panel?", "type": "single", "answers": ["First", "Second"]}
MULTIPLE = {"name": "Topics?", "type": "multiple", "answers": ["Care", "Housing", "Data"]}
SHORT = {"name": "One word?", "type": "short_answer"}


def _simulated(zoom: Zoom, **poll: Any) -> tuple[int, dict[str, Any]]:
    wid = zoom.registration_webinar()
    zoom.seed_registrants(wid, 40)
    if poll:
        assert zoom.post(f"/webinars/{wid}/polls", json=poll).status_code == 201
    summary = zoom.admin("POST", f"/webinars/{wid}/simulate", json={"seed": 3}).json()
    return wid, summary


def test_recording_files_after_simulate_by_id_and_double_encoded_uuid(zoom: Zoom) -> None:
    wid, summary = _simulated(zoom)
    by_id = zoom.get(f"/meetings/{wid}/recordings").json()
    assert by_id["uuid"] == summary["uuid"] and by_id["recording_count"] == 4
    assert {f["file_type"] for f in by_id["recording_files"]} == {"MP4", "M4A", "TRANSCRIPT", "CHAT"}
    assert by_id["total_size"] == sum(f["file_size"] for f in by_id["recording_files"])
    twice = quote(quote(summary["uuid"], safe=""), safe="")
    assert zoom.get(f"/meetings/{twice}/recordings").json()["recording_files"] == by_id["recording_files"]
    listed = zoom.get("/users/me/recordings", params={"from": by_id["start_time"][:10], "to": by_id["start_time"][:10]})
    assert [m["uuid"] for m in listed.json()["meetings"]] == [summary["uuid"]]
    assert zoom.get("/users/me/recordings").json()["meetings"] == []  # defaults to today only, as Zoom does


def test_no_recording_before_the_end(zoom: Zoom) -> None:
    wid = zoom.registration_webinar()
    response = zoom.get(f"/meetings/{wid}/recordings")
    assert response.status_code == 404 and response.json()["code"] == 3301


def test_downloads_need_a_token_and_honour_range(zoom: Zoom) -> None:
    wid, _ = _simulated(zoom)
    recording = zoom.get(f"/meetings/{wid}/recordings", params={"include_fields": "download_access_token"}).json()
    video = next(f for f in recording["recording_files"] if f["file_type"] == "MP4")
    url = video["download_url"]
    assert requests.get(url, timeout=10).status_code == 401
    assert requests.get(url, params={"access_token": "nope"}, timeout=10).status_code == 401
    whole = requests.get(url, params={"access_token": recording["download_access_token"]}, timeout=10)
    assert whole.status_code == 200 and len(whole.content) == video["file_size"] and whole.content[4:8] == b"ftyp"
    part = requests.get(url, headers={"Authorization": f"Bearer {zoom.token}", "Range": "bytes=100-199"}, timeout=10)
    assert part.status_code == 206 and part.content == whole.content[100:200]
    assert part.headers["Content-Range"] == f"bytes 100-199/{video['file_size']}"
    beyond = requests.get(url, headers={"Authorization": f"Bearer {zoom.token}", "Range": "bytes=999999-"}, timeout=10)
    assert beyond.status_code == 416
    transcript = next(f for f in recording["recording_files"] if f["file_type"] == "TRANSCRIPT")
    text = requests.get(transcript["download_url"], params={"access_token": zoom.token}, timeout=10).text
    assert text.startswith("WEBVTT")


def test_same_seed_same_files(handle: SandboxHandle, zoom: Zoom) -> None:
    wid, _ = _simulated(zoom)
    files = zoom.get(f"/meetings/{wid}/recordings").json()["recording_files"]
    first = requests.get(files[0]["download_url"], params={"access_token": zoom.token}, timeout=10).content
    zoom.admin("POST", f"/webinars/{wid}/simulate", json={"seed": 3})
    again = zoom.get(f"/meetings/{wid}/recordings").json()["recording_files"][0]
    assert requests.get(again["download_url"], params={"access_token": zoom.token}, timeout=10).content == first


def test_simulate_announces_the_recording(handle: SandboxHandle, zoom: Zoom) -> None:
    seen: list[tuple[str, dict[str, Any]]] = []
    subscribe(handle.sandbox, lambda event, payload, at: seen.append((event, payload)))
    _wid, summary = _simulated(zoom)
    recordings = [payload for event, payload in seen if event == "recording.completed"]
    assert len(recordings) == 1 and seen[-1][0] == "recording.completed"  # after the webinar ended
    assert recordings[0]["object"]["uuid"] == summary["uuid"] and recordings[0]["account_id"] == handle.account_id


def test_poll_answers_fit_each_question_type(zoom: Zoom) -> None:
    wid, _ = _simulated(zoom, title="Feedback", questions=[RATING, SINGLE, MULTIPLE, SHORT])
    rows = [d for person in zoom.get(f"/report/webinars/{wid}/polls").json()["questions"]
            for d in person["question_details"]]  # fmt: skip
    by_question: dict[str, list[str]] = {}
    for row in rows:
        by_question.setdefault(row["question"], []).append(row["answer"])
    assert all(answer in {"1", "2", "3", "4", "5"} for answer in by_question[RATING["name"]])
    assert len(set(by_question[RATING["name"]])) > 1
    assert set(by_question[SINGLE["name"]]) <= set(SINGLE["answers"])
    assert all(set(a.split(";")) <= set(MULTIPLE["answers"]) for a in by_question[MULTIPLE["name"]])
    assert all(a and not a.isdigit() for a in by_question[SHORT["name"]])


def test_poll_put_and_delete(zoom: Zoom) -> None:
    wid = zoom.registration_webinar()
    poll = zoom.post(f"/webinars/{wid}/polls", json={"title": "Before", "questions": [SINGLE]}).json()
    path = f"/webinars/{wid}/polls/{poll['id']}"
    assert zoom.call("PUT", path, json={"title": "After", "questions": [MULTIPLE]}).status_code == 204
    changed = zoom.get(path).json()
    assert changed["title"] == "After" and changed["questions"][0]["answers"] == MULTIPLE["answers"]
    assert zoom.call("PUT", path, json={"title": 5, "questions": []}).status_code == 400
    assert zoom.call("DELETE", path).status_code == 204
    assert zoom.get(path).json()["code"] == 4400


def test_survey_get_patch_delete(zoom: Zoom) -> None:
    wid = zoom.registration_webinar()
    path = f"/webinars/{wid}/survey"
    assert "custom_survey" not in zoom.get(path).json()
    survey = {"show_in_the_browser": False, "custom_survey": {"title": "How was it?", "questions": [RATING]}}
    assert zoom.call("PATCH", path, json=survey).status_code == 204
    stored = zoom.get(path).json()
    assert stored["show_in_the_browser"] is False and stored["custom_survey"]["questions"][0]["type"] == "rating_scale"
    assert zoom.call("PATCH", path, json={"third_party_survey": "not a url"}).json()["code"] == 300
    assert zoom.call("DELETE", path).status_code == 204
    assert "custom_survey" not in zoom.get(path).json()


def test_livestream_settings_and_status(zoom: Zoom) -> None:
    wid = zoom.registration_webinar()
    path = f"/webinars/{wid}/livestream"
    assert zoom.call("PATCH", f"{path}/status", json={"action": "start"}).json()["code"] == 3000
    assert zoom.call("PATCH", path, json={"stream_url": "rtmp://live.example/app"}).status_code == 400  # required
    stream = {"stream_url": "rtmp://live.example/app", "stream_key": "k-123", "page_url": "https://wmd.example/live"}
    assert zoom.call("PATCH", path, json=stream).status_code == 204
    assert zoom.get(path).json() == {**stream, "resolution": "720p"}
    assert zoom.call("PATCH", f"{path}/status", json={"action": "start"}).status_code == 204
    assert zoom.call("PATCH", f"{path}/status", json={"action": "pause"}).status_code == 400


def test_tracking_sources(zoom: Zoom) -> None:
    wid = zoom.registration_webinar()
    sources = zoom.get(f"/webinars/{wid}/tracking_sources").json()
    assert sources["total_records"] == 2 and all(
        s["tracking_url"].startswith("https://") for s in sources["tracking_sources"]
    )


def test_meeting_status_invitation_registrants_and_participants(zoom: Zoom) -> None:
    meeting = zoom.post("/users/me/meetings", json={"topic": "Panel A", "settings": {"approval_type": 0}}).json()
    mid = meeting["id"]
    for field in ("status", "h323_password", "pstn_password", "encrypted_password"):
        assert field in meeting
    assert str(mid)[:3] in zoom.get(f"/meetings/{mid}/invitation").json()["invitation"]
    added = zoom.post(f"/meetings/{mid}/registrants", json={"email": "ana@example.org", "first_name": "Ana"})
    assert added.status_code == 201 and added.json()["join_url"]
    listed = zoom.get(f"/meetings/{mid}/registrants").json()
    assert [r["email"] for r in listed["registrants"]] == ["ana@example.org"]
    assert zoom.get(f"/past_meetings/{mid}/participants").json()["code"] == 3001
    assert zoom.call("PUT", f"/meetings/{mid}/status", json={"action": "end"}).status_code == 204
    assert zoom.get(f"/past_meetings/{mid}/participants").json()["participants"] == []
    assert zoom.get(f"/report/meetings/{mid}/participants").json()["total_records"] == 0
    assert zoom.call("PUT", f"/meetings/{mid}/status", json={"action": "fly"}).status_code == 400


def test_users_list_has_the_host(zoom: Zoom) -> None:
    users = zoom.get("/users").json()
    assert [u["email"] for u in users["users"]] == [zoom.handle.host_email]


def test_clock_going_back_does_not_jam_the_rate_limiter(clock: ManualClock, zoom: Zoom) -> None:
    clock.tick = timedelta(0)  # frozen: 30 Light requests fill this second
    statuses = [zoom.get("/users/me").status_code for _ in range(31)]
    assert statuses[-1] == 429
    zoom.advance(-3600)
    assert zoom.get("/users/me").status_code == 200
    zoom.advance(1800)  # and forward again, still within the token's hour
    assert zoom.get("/users/me").status_code == 200
