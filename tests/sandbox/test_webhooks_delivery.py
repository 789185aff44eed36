"""The sandbox's webhooks: signed as Zoom signs, retried on Zoom's schedule in sandbox time, never after a 4xx."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from wmdctl.sandbox import SandboxHandle, SandboxOptions, start_sandbox

from .helpers import ManualClock, Zoom
from .webhook_support import SECRET, Receiver, receiver, zoom_signature


@pytest.fixture
def hooks() -> Iterator[Receiver]:
    with receiver() as running:
        yield running


def subscribe(zoom: Zoom, url: str, **options: Any) -> dict[str, Any]:
    answer = zoom.admin("POST", "/webhooks", json={"url": url, "secret_token": SECRET, "paused": True, **options})
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def flush(zoom: Zoom) -> dict[str, Any]:
    answer = zoom.admin("POST", "/webhooks/flush")
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def deliveries(zoom: Zoom) -> list[dict[str, Any]]:
    return list(zoom.admin("GET", "/webhooks/deliveries").json()["deliveries"])


def test_a_registration_is_sent_signed_as_zoom_signs(zoom: Zoom, hooks: Receiver, clock: ManualClock) -> None:
    subscribe(zoom, hooks.url)
    wid = zoom.registration_webinar(approval_type=1)
    registered = zoom.register(wid, "ana@metropolis.org").json()
    assert hooks.received == []  # nothing is sent inside the API request
    attempts = flush(zoom)["attempts"]
    assert [(a["event"], a["result"], a["status"]) for a in attempts] == [
        ("webinar.registration_created", 200, "delivered")
    ]
    (got,) = hooks.received
    stamp = got.headers["x-zm-request-timestamp"]
    assert stamp.isdigit() and abs(int(stamp) - clock.now.timestamp()) < 60  # seconds, in sandbox time
    assert got.headers["x-zm-signature"] == zoom_signature(SECRET, stamp, got.raw)
    assert got.headers["x-zm-signature"] != zoom_signature("another-secret", stamp, got.raw)
    assert got.headers["user-agent"] == "Zoom Marketplace/1.0a"
    assert got.headers["x-zm-request-id"] and got.headers["x-zm-trackingid"]
    body = got.body
    assert body["event"] == "webinar.registration_created"
    assert isinstance(body["event_ts"], int) and abs(body["event_ts"] - clock.now.timestamp() * 1000) < 60_000
    assert body["payload"]["account_id"] == zoom.handle.account_id
    obj = body["payload"]["object"]
    assert obj["id"] == wid and isinstance(obj["id"], int)  # an integer on registration events (WH-SPEC)
    assert obj["registrant"]["id"] == registered["registrant_id"]
    assert (obj["registrant"]["email"], obj["registrant"]["status"]) == ("ana@metropolis.org", "pending")


def test_batch_and_status_changes_send_their_events(zoom: Zoom, hooks: Receiver) -> None:
    subscribe(zoom, hooks.url)
    wid = zoom.registration_webinar(approval_type=1)
    people = [{"email": f"p{n}@cities.example", "first_name": f"P{n}"} for n in range(3)]
    assert zoom.post(f"/webinars/{wid}/batch_registrants", json={"registrants": people}).status_code == 201
    ids = {p["email"]: p["id"] for p in zoom.state()["webinars"][0]["_sandbox"]["registrants"]}

    def put(action: str, email: str) -> None:
        body = {"action": action, "registrants": [{"id": ids[email], "email": email}]}
        assert zoom.call("PUT", f"/webinars/{wid}/registrants/status", json=body).status_code == 204

    put("approve", "p0@cities.example")
    put("approve", "p0@cities.example")  # no change, no event
    put("deny", "p1@cities.example")
    put("cancel", "p2@cities.example")
    flush(zoom)
    sent = [(r.body["event"].rsplit("_", 1)[1], r.body["payload"]["object"]["registrant"]["email"])
            for r in hooks.received]  # fmt: skip
    assert sent == [("created", f"p{n}@cities.example") for n in range(3)] + [
        ("approved", "p0@cities.example"), ("denied", "p1@cities.example"), ("cancelled", "p2@cities.example"),
    ]  # fmt: skip
    approved = hooks.received[3].body["payload"]
    assert approved["operator"] == zoom.handle.host_email and approved["operator_id"] == zoom.handle.host_id
    assert "join_url" in approved["object"]["registrant"]
    assert "join_url" not in hooks.received[4].body["payload"]["object"]["registrant"]


def test_5xx_is_retried_at_5_25_and_85_minutes_of_sandbox_time(zoom: Zoom, hooks: Receiver) -> None:
    hooks.statuses = [503, 500, 502, 200]
    subscribe(zoom, hooks.url)
    zoom.register(zoom.registration_webinar(), "ana@metropolis.org")
    first = flush(zoom)
    assert [(a["attempt"], a["result"], a["status"]) for a in first["attempts"]] == [(1, 503, "retrying")]
    assert flush(zoom)["attempts"] == []  # not due yet
    first_at = zoom.admin("GET", "/clock").json()["now"]
    for minutes, (attempt, result, status) in zip(
        (4.9, 0.2, 20, 60),
        [(None, None, None), (2, 500, "retrying"), (3, 502, "retrying"), (4, 200, "delivered")],
        strict=True,
    ):
        zoom.advance(minutes * 60)
        made = flush(zoom)["attempts"]
        assert [(a["attempt"], a["result"], a["status"]) for a in made] == ([] if attempt is None else
                                                                           [(attempt, result, status)])  # fmt: skip
    (row,) = deliveries(zoom)
    assert (row["status"], row["attempts"], len(hooks.received)) == ("delivered", 4, 4)
    assert first_at[:10] == row["log"][0]["at"][:10]
    assert len({r.raw for r in hooks.received}) == 1  # the same event, resent


def test_the_event_is_dropped_after_three_retries(zoom: Zoom, hooks: Receiver) -> None:
    hooks.statuses = [500] * 10
    subscribe(zoom, hooks.url)
    zoom.register(zoom.registration_webinar(), "ana@metropolis.org")
    for _ in range(6):
        flush(zoom)
        zoom.advance(61 * 60)
    (row,) = deliveries(zoom)
    assert (row["status"], row["attempts"], len(hooks.received)) == ("dropped", 4, 4)


@pytest.mark.parametrize("status", [400, 401, 404, 302])
def test_no_retry_after_a_4xx_or_3xx(zoom: Zoom, hooks: Receiver, status: int) -> None:
    hooks.statuses = [status]
    subscribe(zoom, hooks.url)
    zoom.register(zoom.registration_webinar(), "ana@metropolis.org")
    assert [a["status"] for a in flush(zoom)["attempts"]] == ["failed"]
    zoom.advance(3 * 3600)
    assert flush(zoom)["attempts"] == []
    assert len(hooks.received) == 1 and deliveries(zoom)[0]["status"] == "failed"


def test_a_network_error_and_a_timeout_are_retried(zoom: Zoom) -> None:
    # Each receiver passes the URL validation first (only a validated URL gets events), then fails the event.
    with receiver() as gone:
        subscribe(zoom, gone.url)
    wid = zoom.registration_webinar()
    zoom.register(wid, "ana@metropolis.org")  # the receiver has stopped: nothing listens there now
    (refused,) = flush(zoom)["attempts"]
    assert refused["result"].startswith("network error") and refused["status"] == "retrying"
    with receiver() as silent:
        silent.hold = {"events"}  # validates, then never answers an event in time
        subscribe(zoom, silent.url, timeout_seconds=0.2)
        zoom.register(wid, "bob@metropolis.org")
        (timed_out,) = flush(zoom)["attempts"]  # ana's retry is not due yet
        assert (timed_out["result"], timed_out["status"]) == ("timeout", "retrying")


def test_duplicate_fault_delivers_each_event_twice(zoom: Zoom, hooks: Receiver) -> None:
    subscribe(zoom, hooks.url, duplicate_rate=1.0)
    wid = zoom.registration_webinar()
    zoom.register(wid, "ana@metropolis.org")
    zoom.register(wid, "bob@metropolis.org")
    flush(zoom)
    assert len(hooks.received) == 4
    assert hooks.received[0].raw == hooks.received[1].raw and hooks.received[2].raw == hooks.received[3].raw
    assert hooks.received[0].headers["x-zm-request-id"] != hooks.received[1].headers["x-zm-request-id"]
    assert [d["duplicates"] for d in deliveries(zoom)] == [1, 1]


def _reordered(seed: int) -> list[str]:
    with receiver() as hooks, start_sandbox(SandboxOptions(seed=seed, clock=ManualClock())) as handle:
        zoom = Zoom(handle)
        subscribe(zoom, hooks.url, reorder_rate=0.5)
        wid = zoom.registration_webinar()
        for n in range(8):
            zoom.register(wid, f"p{n}@cities.example")
        flush(zoom)
        return [r.body["payload"]["object"]["registrant"]["email"] for r in hooks.received]


def test_reorder_fault_is_seeded_and_loses_nothing() -> None:
    order = _reordered(seed=4)
    assert sorted(order) == sorted(f"p{n}@cities.example" for n in range(8))
    assert order != [f"p{n}@cities.example" for n in range(8)]
    assert _reordered(seed=4) == order


def test_the_secret_token_is_never_shown(tmp_path: Any, hooks: Receiver) -> None:
    state = tmp_path / "sandbox.db"
    options = SandboxOptions(seed=2, clock=ManualClock(), state_path=state, webhook_url=hooks.url,
                             webhook_secret_token=SECRET)  # fmt: skip
    assert SECRET not in repr(options)
    with start_sandbox(options) as handle:
        zoom = Zoom(handle)
        shown = zoom.admin("GET", "/webhooks").json()
        assert shown["url"] == hooks.url and shown["secret_token_set"] is True
        zoom.register(zoom.registration_webinar(), "ana@metropolis.org")
        flush(zoom)
        texts = [zoom.admin("GET", path).text for path in ("/webhooks", "/webhooks/deliveries", "/state")]
        assert all(SECRET not in text for text in texts)
    assert SECRET.encode() not in state.read_bytes()
    assert len(hooks.received) == 1


def test_unsubscribed_at_run_time_nothing_more_is_recorded(zoom: Zoom, hooks: Receiver) -> None:
    subscribe(zoom, hooks.url)
    wid = zoom.registration_webinar()
    zoom.register(wid, "ana@metropolis.org")
    assert zoom.admin("DELETE", "/webhooks").json()["secret_token_set"] is False
    zoom.register(wid, "bob@metropolis.org")
    assert len(deliveries(zoom)) == 1
    bad = zoom.admin("POST", "/webhooks", json={"url": "ftp://example.org/x", "secret_token": SECRET})
    assert bad.status_code == 400 and "url" in bad.text
    assert zoom.admin("POST", "/webhooks", json={"url": hooks.url}).status_code == 400  # no secret token


def test_the_worker_delivers_without_a_flush(handle: SandboxHandle, zoom: Zoom, hooks: Receiver) -> None:
    subscribe(zoom, hooks.url, paused=False)
    zoom.register(zoom.registration_webinar(), "ana@metropolis.org")
    deadline = time.monotonic() + 30  # a generous bound on a thread's progress, not a timing assertion
    while not hooks.events() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert hooks.events() == ["webinar.registration_created"]  # no flush was asked for
    assert flush(zoom)["attempts"] == [] and deliveries(zoom)[0]["status"] == "delivered"


def test_a_flush_can_be_bounded(zoom: Zoom, hooks: Receiver) -> None:
    subscribe(zoom, hooks.url)
    wid = zoom.registration_webinar()
    for n in range(3):
        zoom.register(wid, f"p{n}@cities.example")
    answer = zoom.admin("POST", "/webhooks/flush", json={"limit": 2}).json()
    assert (len(answer["attempts"]), answer["waiting"]) == (2, 1)
    assert zoom.admin("POST", "/webhooks/flush", json={"limit": 0}).status_code == 400
    assert len(flush(zoom)["attempts"]) == 1 and len(hooks.received) == 3
