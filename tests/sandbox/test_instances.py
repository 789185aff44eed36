"""Webinar instances: each end records the current UUID as a past instance, then a new UUID (notes §2)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from urllib.parse import quote

from wmdctl.sandbox.store import Store

from .helpers import Zoom


def _path_uuid(uuid: str) -> str:
    return quote(quote(uuid, safe=""), safe="")  # always safe: the sandbox decodes twice when it sees %25


def _uuid(zoom: Zoom, webinar_id: int) -> str:
    return str(zoom.get(f"/webinars/{webinar_id}").json()["uuid"])


def _end(zoom: Zoom, webinar_id: int) -> None:
    assert zoom.call("PUT", f"/webinars/{webinar_id}/status", json={"action": "end"}).status_code == 204


def _instances(zoom: Zoom, webinar_id: int) -> list[dict]:
    response = zoom.get(f"/past_webinars/{webinar_id}/instances")
    assert response.status_code == 200, response.text
    return list(response.json()["webinars"])


def test_ending_records_the_current_uuid_and_issues_a_new_one(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar()
    before = _uuid(zoom, webinar_id)
    _end(zoom, webinar_id)
    after = _uuid(zoom, webinar_id)
    assert after != before
    assert _instances(zoom, webinar_id) == [{"uuid": before, "start_time": "2021-10-07T13:00:00Z"}]
    details = zoom.get(f"/report/webinars/{_path_uuid(before)}").json()
    assert details["uuid"] == before and details["id"] == webinar_id
    not_yet = zoom.get(f"/report/webinars/{_path_uuid(after)}")  # the next instance has not happened
    assert (not_yet.status_code, not_yet.json()["code"]) == (404, 3001)
    assert zoom.get(f"/webinars/{_path_uuid(after)}").json()["id"] == webinar_id


def test_each_end_adds_an_instance_and_the_id_means_the_latest(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar()
    uuids = []
    for _ in range(3):
        uuids.append(_uuid(zoom, webinar_id))
        _end(zoom, webinar_id)
    instances = _instances(zoom, webinar_id)
    assert [i["uuid"] for i in instances] == uuids and len(set(uuids)) == 3
    starts = [i["start_time"] for i in instances]
    assert starts == sorted(starts) and len(set(starts)) == 3
    assert zoom.get(f"/report/webinars/{webinar_id}").json()["uuid"] == uuids[-1]
    state = zoom.state()["webinars"][0]["_sandbox"]
    assert [i["uuid"] for i in state["instances"]] == uuids and state["instance"]["uuid"] == uuids[-1]


def test_simulate_ends_under_a_double_encoding_uuid_then_renews_it(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar()
    zoom.seed_registrants(webinar_id, 30)
    _end(zoom, webinar_id)  # a first, empty instance
    summary = zoom.admin("POST", f"/webinars/{webinar_id}/simulate", json={"seed": 5}).json()
    uuid = summary["uuid"]
    assert uuid.startswith("/") or "//" in uuid
    assert _uuid(zoom, webinar_id) not in (uuid, _instances(zoom, webinar_id)[0]["uuid"])
    first, second = _instances(zoom, webinar_id)
    assert second["uuid"] == uuid and first["start_time"] < second["start_time"]
    by_uuid = zoom.get(f"/past_webinars/{_path_uuid(uuid)}/participants").json()
    by_id = zoom.get(f"/past_webinars/{webinar_id}/participants").json()
    assert by_uuid["total_records"] == by_id["total_records"] == summary["segments"]
    empty = zoom.get(f"/past_webinars/{_path_uuid(first['uuid'])}/participants").json()
    assert empty["total_records"] == 0  # participants belong to their own instance
    absent = zoom.get(f"/past_webinars/{_path_uuid(first['uuid'])}/absentees").json()
    assert absent["total_records"] == 30


def test_simulating_again_with_the_same_seed_rewrites_its_instance(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar()
    zoom.seed_registrants(webinar_id, 10)
    first = zoom.admin("POST", f"/webinars/{webinar_id}/simulate", json={"seed": 2}).json()
    again = zoom.admin("POST", f"/webinars/{webinar_id}/simulate", json={"seed": 2}).json()
    assert first == again
    assert [i["uuid"] for i in _instances(zoom, webinar_id)] == [first["uuid"]]
    other = zoom.admin("POST", f"/webinars/{webinar_id}/simulate", json={"seed": 3}).json()
    assert [i["uuid"] for i in _instances(zoom, webinar_id)] == [first["uuid"], other["uuid"]]
    assert zoom.get(f"/past_webinars/{webinar_id}/participants").json()["total_records"] == other["segments"]


def test_a_state_file_with_one_instance_per_webinar_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE instances (webinar_id INTEGER PRIMARY KEY, uuid TEXT NOT NULL, start_time TEXT NOT NULL,
            end_time TEXT NOT NULL, data TEXT NOT NULL);
        CREATE INDEX instances_by_uuid ON instances (uuid);
        CREATE TABLE participants (seq INTEGER PRIMARY KEY AUTOINCREMENT, webinar_id INTEGER NOT NULL,
            registrant_id TEXT NOT NULL, data TEXT NOT NULL);
        CREATE INDEX participants_by_webinar ON participants (webinar_id, seq);
        CREATE INDEX participants_by_registrant ON participants (webinar_id, registrant_id);
        """
    )
    data = json.dumps({"qa": [], "poll_answers": []})
    conn.execute(
        "INSERT INTO instances VALUES (7, '/old//uuid==', '2021-10-07T13:00:00Z', '2021-10-07T14:30:00Z', ?)", (data,)
    )
    conn.execute("INSERT INTO participants (webinar_id, registrant_id, data) VALUES (7, 'r1', '{}')")
    conn.commit()
    conn.close()
    store = Store(path)
    assert store.rows("SELECT webinar_id, uuid FROM instances") == [{"webinar_id": 7, "uuid": "/old//uuid=="}]
    assert store.rows("SELECT instance_uuid FROM participants") == [{"instance_uuid": "/old//uuid=="}]
    store.close()
    again = Store(path)  # opening a migrated file changes nothing
    assert again.rows("SELECT COUNT(*) AS n FROM instances") == [{"n": 1}]
    again.close()
