"""Registrants: approval, duplicates, per-registrant caps, sticky cancel/deny, pagination (notes §5, §14.3)."""

from __future__ import annotations

from .helpers import Zoom


def _status(zoom: Zoom, webinar_id: int, action: str, *registrants: dict[str, str]) -> int:
    response = zoom.call(
        "PUT", f"/webinars/{webinar_id}/registrants/status", json={"action": action, "registrants": list(registrants)}
    )
    return response.status_code


def _emails(zoom: Zoom, webinar_id: int, status: str | None = None) -> list[str]:
    params = {"status": status} if status else {}
    return [r["email"] for r in zoom.get(f"/webinars/{webinar_id}/registrants", params=params).json()["registrants"]]


def test_auto_approval_registers_as_approved(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar(approval_type=0)
    response = zoom.register(webinar_id, "ana@example.org", custom_questions=[{"title": "City", "value": "BCN"}])
    body = response.json()
    assert response.status_code == 201
    assert body["id"] == webinar_id and body["registrant_id"] and body["topic"] == "Caring Metropolises"
    assert body["start_time"] == "2021-10-07T13:00:00Z"
    assert _emails(zoom, webinar_id) == ["ana@example.org"]
    stored = zoom.get(f"/webinars/{webinar_id}/registrants/{body['registrant_id']}").json()
    assert stored["status"] == "approved" and stored["custom_questions"] == [{"title": "City", "value": "BCN"}]


def test_manual_approval_registers_as_pending_and_default_list_is_approved_only(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar(approval_type=1)
    zoom.register(webinar_id, "bo@example.org")
    assert _emails(zoom, webinar_id) == []
    assert _emails(zoom, webinar_id, "pending") == ["bo@example.org"]
    assert _status(zoom, webinar_id, "approve", {"email": "bo@example.org"}) == 204
    assert _emails(zoom, webinar_id) == ["bo@example.org"]


def test_registration_off_is_3000(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar(approval_type=2)
    response = zoom.register(webinar_id, "ana@example.org")
    assert response.status_code == 400 and response.json()["code"] == 3000


def test_missing_first_name_and_bad_email_are_field_errors(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar()
    response = zoom.post(f"/webinars/{webinar_id}/registrants", json={"email": "not-an-email"})
    body = response.json()
    assert response.status_code == 400 and body["code"] == 300
    assert {e["field"] for e in body["errors"]} == {"first_name", "email"}


def test_duplicate_email_returns_the_same_registrant_but_counts_toward_3_per_day(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar()
    ids = {zoom.register(webinar_id, "Ana@Example.org").json()["registrant_id"] for _ in range(3)}
    assert len(ids) == 1
    refused = zoom.register(webinar_id, "ana@example.org")
    assert refused.status_code == 429
    assert refused.json()["message"] == (
        'You have exceeded the daily rate limit of "3" for Add a webinar registrant API requests for the registrant '
        '"ana@example.org". You can resume these API requests at GMT 00:00:00.'
    )
    assert zoom.register(webinar_id, "other@example.org").status_code == 201  # per email, not per webinar
    zoom.admin("POST", "/clock", json={"now": "2021-09-02T00:00:00Z"})  # crossing midnight UTC
    zoom.new_token()
    assert zoom.register(webinar_id, "ana@example.org").status_code == 201


def test_batch_adds_count_toward_the_same_cap(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar()
    zoom.register(webinar_id, "ana@example.org")
    batch = {"registrants": [{"email": "ana@example.org", "first_name": "Ana"}]}
    assert zoom.post(f"/webinars/{webinar_id}/batch_registrants", json=batch).status_code == 201
    assert zoom.post(f"/webinars/{webinar_id}/batch_registrants", json=batch).status_code == 201
    refused = zoom.post(f"/webinars/{webinar_id}/batch_registrants", json=batch)
    assert refused.status_code == 429 and "(3)" in refused.json()["message"]


def test_cancel_is_sticky_and_hidden_from_every_list(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar()
    registrant_id = zoom.register(webinar_id, "cy@example.org").json()["registrant_id"]
    assert _status(zoom, webinar_id, "cancel", {"id": registrant_id}) == 204
    assert all(_emails(zoom, webinar_id, s) == [] for s in ("approved", "pending", "denied"))
    again = zoom.register(webinar_id, "cy@example.org")
    assert again.status_code == 400 and again.json() == {
        "code": 3000,
        "message": "The e-mail address cy@example.org cannot be used to register for this webinar",
    }
    assert _status(zoom, webinar_id, "approve", {"id": registrant_id}) == 204
    assert _emails(zoom, webinar_id) == []  # approving does not undo a cancel
    assert zoom.get(f"/webinars/{webinar_id}/registrants/{registrant_id}").json()["code"] == 3079


def test_deny_is_sticky_and_listed_as_denied(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar()
    zoom.register(webinar_id, "di@example.org")
    _status(zoom, webinar_id, "deny", {"email": "di@example.org"})
    assert _emails(zoom, webinar_id, "denied") == ["di@example.org"]
    assert zoom.register(webinar_id, "di@example.org").json()["code"] == 3000
    # The host may still approve a denied person (the portal's Denied/Blocked tab does); they cannot re-register.
    assert _status(zoom, webinar_id, "approve", {"email": "di@example.org"}) == 204
    assert _emails(zoom, webinar_id, "denied") == [] and "di@example.org" in _emails(zoom, webinar_id, "approved")


def test_status_changes_are_capped_at_10_per_registrant_per_day(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar(approval_type=1)
    zoom.register(webinar_id, "ev@example.org")
    for _ in range(10):
        assert _status(zoom, webinar_id, "approve", {"email": "ev@example.org"}) == 204
    refused = zoom.call(
        "PUT",
        f"/webinars/{webinar_id}/registrants/status",
        json={"action": "deny", "registrants": [{"email": "ev@example.org"}]},
    )
    assert refused.status_code == 429 and "(10)" in refused.json()["message"]
    assert _emails(zoom, webinar_id) == ["ev@example.org"]  # the refused deny changed nothing


def test_30_item_caps_on_status_and_batch(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar()
    people = [{"email": f"p{n}@example.org", "first_name": "P"} for n in range(31)]
    batch = zoom.post(f"/webinars/{webinar_id}/batch_registrants", json={"registrants": people})
    assert batch.status_code == 400 and batch.json()["code"] == 300
    status = zoom.call(
        "PUT",
        f"/webinars/{webinar_id}/registrants/status",
        json={"action": "deny", "registrants": [{"email": p["email"]} for p in people]},
    )
    assert status.status_code == 400 and status.json()["code"] == 300
    ok = zoom.post(f"/webinars/{webinar_id}/batch_registrants", json={"registrants": people[:30]})
    assert ok.status_code == 201 and len(ok.json()["registrants"]) == 30


def test_batch_auto_approve_overrides_manual_approval(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar(approval_type=1)
    zoom.post(
        f"/webinars/{webinar_id}/batch_registrants",
        json={"auto_approve": True, "registrants": [{"email": "a@example.org", "first_name": "A"}]},
    )
    zoom.post(
        f"/webinars/{webinar_id}/batch_registrants",
        json={"registrants": [{"email": "b@example.org", "first_name": "B"}]},
    )
    assert _emails(zoom, webinar_id) == ["a@example.org"]
    assert _emails(zoom, webinar_id, "pending") == ["b@example.org"]


def test_host_cannot_register_and_nobody_after_the_end(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar()
    assert zoom.register(webinar_id, zoom.handle.host_email.upper()).json()["code"] == 3027
    zoom.call("PUT", f"/webinars/{webinar_id}/status", json={"action": "end"})
    over = zoom.register(webinar_id, "late@example.org")
    assert over.status_code == 400 and over.json()["code"] == 3038


def test_pagination_over_more_than_300_and_token_expiry(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar()
    zoom.seed_registrants(webinar_id, 650)
    first = zoom.get(f"/webinars/{webinar_id}/registrants", params={"page_size": 1000}).json()
    assert first["page_size"] == 300 and len(first["registrants"]) == 300  # clamped
    assert first["total_records"] == 650 and first["page_count"] == 3
    token = first["next_page_token"]
    second = zoom.get(f"/webinars/{webinar_id}/registrants", params={"page_size": 300, "next_page_token": token}).json()
    third = zoom.get(
        f"/webinars/{webinar_id}/registrants", params={"page_size": 300, "next_page_token": second["next_page_token"]}
    ).json()
    emails = [r["email"] for page in (first, second, third) for r in page["registrants"]]
    assert len(emails) == len(set(emails)) == 650 and third["next_page_token"] == ""
    zoom.advance(15 * 60 + 1)
    zoom.new_token()
    expired = zoom.get(f"/webinars/{webinar_id}/registrants", params={"next_page_token": token})
    assert expired.status_code == 400
    assert expired.json() == {"code": 300, "message": "The next page token is invalid or expired."}


def test_tampered_page_token_is_invalid(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar()
    response = zoom.get(f"/webinars/{webinar_id}/registrants", params={"next_page_token": "abc.def"})
    assert response.status_code == 400 and response.json()["code"] == 300


def test_delete_registrant_and_unknown_ids(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar()
    registrant_id = zoom.register(webinar_id, "del@example.org").json()["registrant_id"]
    assert zoom.call("DELETE", f"/webinars/{webinar_id}/registrants/{registrant_id}").status_code == 204
    gone = zoom.call("DELETE", f"/webinars/{webinar_id}/registrants/{registrant_id}")
    assert gone.status_code == 400 and gone.json()["code"] == 3000
    assert zoom.get(f"/webinars/{webinar_id}/registrants/nope").json()["code"] == 3079


def test_questions_round_trip_and_need_registration(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar()
    body = {
        "questions": [{"field_name": "org", "required": True}],
        "custom_questions": [{"title": "Metropolis", "type": "short", "required": False, "answers": []}],
    }
    assert zoom.call("PATCH", f"/webinars/{webinar_id}/registrants/questions", json=body).status_code == 204
    assert zoom.get(f"/webinars/{webinar_id}/registrants/questions").json() == body
    bad = zoom.call(
        "PATCH", f"/webinars/{webinar_id}/registrants/questions", json={"questions": [{"field_name": "shoe_size"}]}
    )
    assert bad.status_code == 400 and bad.json()["code"] == 300
    closed = zoom.registration_webinar(approval_type=2)
    assert zoom.get(f"/webinars/{closed}/registrants/questions").json()["code"] == 3000
