"""Webinars, panelists and polls (notes §3, §4, §6)."""

from __future__ import annotations

from .helpers import Zoom


def test_create_converts_local_wall_time_to_utc_and_returns_zoom_fields(zoom: Zoom) -> None:
    webinar = zoom.create_webinar()
    assert webinar["start_time"] == "2021-10-07T13:00:00Z"  # 15:00 CEST
    assert webinar["timezone"] == "Europe/Madrid" and webinar["duration"] == 90
    assert isinstance(webinar["id"], int) and webinar["id"] > 2**31
    assert webinar["host_email"] == zoom.handle.host_email and webinar["host_id"] == zoom.handle.host_id
    assert webinar["settings"]["approval_type"] == 2  # registration off by default
    assert "registration_url" not in webinar
    assert webinar["join_url"].startswith("https://") and webinar["start_url"] != webinar["join_url"]


def test_start_time_with_z_is_utc_regardless_of_timezone(zoom: Zoom) -> None:
    assert zoom.create_webinar(start_time="2021-10-07T15:00:00Z")["start_time"] == "2021-10-07T15:00:00Z"


def test_winter_time_uses_the_zone_rules(zoom: Zoom) -> None:
    assert zoom.create_webinar(start_time="2021-12-07T15:00:00")["start_time"] == "2021-12-07T14:00:00Z"


def test_registration_url_only_with_registration_enabled(zoom: Zoom) -> None:
    webinar = zoom.create_webinar(settings={"approval_type": 1})
    assert webinar["registration_url"].startswith("https://")
    zoom.call("PATCH", f"/webinars/{webinar['id']}", json={"settings": {"approval_type": 2}})
    assert "registration_url" not in zoom.get(f"/webinars/{webinar['id']}").json()


def test_patch_deep_merges_settings_and_returns_204(zoom: Zoom) -> None:
    qa = {"enable": True, "allow_anonymous_questions": False}
    webinar = zoom.create_webinar(settings={"question_and_answer": qa})
    response = zoom.call(
        "PATCH",
        f"/webinars/{webinar['id']}",
        json={"topic": "New", "settings": {"question_and_answer": {"attendees_can_upvote": False}}},
    )
    assert response.status_code == 204 and response.content == b""
    stored = zoom.get(f"/webinars/{webinar['id']}").json()
    qa = stored["settings"]["question_and_answer"]
    assert stored["topic"] == "New"
    assert qa["allow_anonymous_questions"] is False and qa["attendees_can_upvote"] is False and qa["enable"] is True


def test_unknown_user_is_404_1001(zoom: Zoom) -> None:
    response = zoom.post("/users/nobody@example.org/webinars", json={"topic": "x"})
    assert response.status_code == 404 and response.json()["code"] == 1001


def test_host_email_and_id_are_accepted_as_user_id(zoom: Zoom) -> None:
    for user in (zoom.handle.host_email, zoom.handle.host_id, "me"):
        assert zoom.post(f"/users/{user}/webinars", json={"topic": user}).status_code == 201


def test_delete_then_get_is_3001(zoom: Zoom) -> None:
    webinar_id = zoom.create_webinar()["id"]
    assert zoom.call("DELETE", f"/webinars/{webinar_id}").status_code == 204
    response = zoom.get(f"/webinars/{webinar_id}")
    assert response.status_code == 404
    assert response.json() == {"code": 3001, "message": f"Webinar does not exist: {webinar_id}."}


def test_scheduled_list_is_paginated_and_keeps_ended_webinars_upcoming_hides_them(zoom: Zoom) -> None:
    ids = [zoom.create_webinar(topic=f"w{n}")["id"] for n in range(5)]
    assert zoom.call("PUT", f"/webinars/{ids[0]}/status", json={"action": "end"}).status_code == 204

    def listed(kind: str) -> tuple[list[int], int]:
        seen, token = [], ""
        while True:
            params = {"type": kind, "page_size": 2, "next_page_token": token}
            page = zoom.get("/users/me/webinars", params=params).json()
            seen += [w["id"] for w in page["webinars"]]
            token = page["next_page_token"]
            if not token:
                return seen, page["total_records"]

    # notes §3: "scheduled" covers unexpired past, live and upcoming webinars, so an ended one stays listed
    assert listed("scheduled") == (ids, 5)
    assert listed("upcoming") == (ids[1:], 4)  # the test clock stands before the start: all but the ended one


def test_bad_json_is_400_code_300(zoom: Zoom) -> None:
    response = zoom.post("/users/me/webinars", data="{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["code"] == 300


def test_invalid_fields_are_reported_per_field(zoom: Zoom) -> None:
    response = zoom.post("/users/me/webinars", json={"type": 7, "password": "way-too-long-password"})
    body = response.json()
    assert response.status_code == 400 and body["code"] == 300
    assert {e["field"] for e in body["errors"]} == {"type", "password"}


def test_100_creates_and_updates_per_host_per_day_then_429_until_midnight(zoom: Zoom) -> None:
    webinar_id = zoom.create_webinar()["id"]
    for n in range(99):
        assert zoom.call("PATCH", f"/webinars/{webinar_id}", json={"agenda": str(n)}).status_code == 204
    refused = zoom.post("/users/me/meetings", json={"topic": "breakout"})  # meetings share the budget
    assert refused.status_code == 429
    assert "daily rate limit (100) of Meeting Create/Update" in refused.json()["message"]
    zoom.admin("POST", "/clock", json={"now": "2021-09-02T00:00:01Z"})
    zoom.new_token()
    assert zoom.post("/users/me/meetings", json={"topic": "breakout"}).status_code == 201


def test_panelists_add_update_by_email_and_delete(zoom: Zoom) -> None:
    webinar_id = zoom.create_webinar()["id"]
    added = zoom.post(
        f"/webinars/{webinar_id}/panelists",
        json={"panelists": [{"name": "Ada", "email": "ada@example.org"}, {"name": "Bo", "email": "bo@example.org"}]},
    )
    assert added.status_code == 201 and added.json()["id"] == str(webinar_id)
    zoom.post(f"/webinars/{webinar_id}/panelists", json={"panelists": [{"name": "Ada L.", "email": "ADA@example.org"}]})
    listed = zoom.get(f"/webinars/{webinar_id}/panelists").json()
    assert listed["total_records"] == 2
    assert [p["name"] for p in listed["panelists"]] == ["Ada L.", "Bo"]
    assert zoom.call("DELETE", f"/webinars/{webinar_id}/panelists/bo@example.org").status_code == 204
    ada = listed["panelists"][0]["id"]
    assert zoom.call("DELETE", f"/webinars/{webinar_id}/panelists/{ada}").status_code == 204
    assert zoom.get(f"/webinars/{webinar_id}/panelists").json()["total_records"] == 0


def test_more_than_30_panelists_per_request_is_400_300(zoom: Zoom) -> None:
    webinar_id = zoom.create_webinar()["id"]
    many = [{"name": f"P{n}", "email": f"p{n}@example.org"} for n in range(31)]
    response = zoom.post(f"/webinars/{webinar_id}/panelists", json={"panelists": many})
    assert response.status_code == 400 and response.json()["code"] == 300
    assert zoom.get(f"/webinars/{webinar_id}/panelists").json()["total_records"] == 0


def test_polls_create_list_get_and_account_switch(zoom: Zoom) -> None:
    webinar_id = zoom.create_webinar()["id"]
    poll = {"title": "Care", "questions": [{"name": "Which city?", "type": "single", "answers": ["BCN", "MTL"]}]}
    created = zoom.post(f"/webinars/{webinar_id}/polls", json=poll)
    assert created.status_code == 201 and created.json()["status"] == "notstart"
    listed = zoom.get(f"/webinars/{webinar_id}/polls").json()
    assert listed["total_records"] == 1
    assert zoom.get(f"/webinars/{webinar_id}/polls/{created.json()['id']}").json()["title"] == "Care"
    zoom.admin("POST", "/account", json={"webinar_polls": False})
    refused = zoom.post(f"/webinars/{webinar_id}/polls", json=poll)
    assert refused.status_code == 400 and refused.json()["code"] == 4400
