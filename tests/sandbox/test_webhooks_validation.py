"""Zoom's URL validation (notes §11): a URL gets events only once it answered endpoint.url_validation right,
and again every 72 h of sandbox time; until then its events wait, none lost, none sent twice."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from wmdctl.sandbox import SandboxOptions, start_sandbox
from wmdctl.webhooks.signature import SignatureRejected, verify

from .helpers import ManualClock, Zoom
from .test_webhooks_delivery import deliveries, flush
from .webhook_support import SECRET, Answerer, Receiver, receiver, right_answer

HOURS = 3600  # seconds


@pytest.fixture
def hooks() -> Iterator[Receiver]:
    with receiver() as running:
        yield running


def save(zoom: Zoom, url: str, **options: Any) -> Any:
    """What Zoom's app page does on save: the URL and the secret token, then the validation."""
    return zoom.admin("POST", "/webhooks", json={"url": url, "secret_token": SECRET, "paused": True, **options})


def advance(zoom: Zoom, hours: float) -> None:
    """Move sandbox time on; the API token (an hour's) has expired by then, so get a new one."""
    zoom.advance(hours * HOURS)
    zoom.session.headers["Authorization"] = f"Bearer {zoom.new_token()}"


def register(zoom: Zoom, webinar_id: int, email: str) -> None:
    answer = zoom.register(webinar_id, email)
    assert answer.status_code == 201, answer.text


def emails(hooks: Receiver) -> list[str]:
    return [r.body["payload"]["object"]["registrant"]["email"] for r in hooks.received]


def test_a_right_answer_validates_the_url_and_then_events_flow(zoom: Zoom, hooks: Receiver,
                                                               clock: ManualClock) -> None:  # fmt: skip
    saved = save(zoom, hooks.url)
    assert saved.status_code == 200, saved.text
    shown = zoom.admin("GET", "/webhooks").json()
    assert (shown["validated"], shown["validation_error"]) == (True, None)
    assert shown["validated_at"].startswith("2021-09-01T08:0")  # sandbox time, not the machine's
    (challenge,) = hooks.validations
    assert challenge.body["event"] == "endpoint.url_validation"
    plain = challenge.body["payload"]["plainToken"]
    assert isinstance(plain, str) and len(plain) >= 16 and isinstance(challenge.body["event_ts"], int)
    register(zoom, zoom.registration_webinar(), "ana@metropolis.org")
    assert [a["status"] for a in flush(zoom)["attempts"]] == ["delivered"]
    assert hooks.arrivals == ["validation", "webinar.registration_created"]


def test_the_challenge_is_signed_as_every_event_is(zoom: Zoom, hooks: Receiver, clock: ManualClock) -> None:
    save(zoom, hooks.url)
    (challenge,) = hooks.validations
    now = clock.now.timestamp()
    stamp = verify(SECRET, challenge.headers, challenge.raw, now=now, max_age=300)  # wmdctl's own verifier
    assert abs(stamp - now) < 60 and challenge.headers["user-agent"] == "Zoom Marketplace/1.0a"
    assert challenge.headers["x-zm-request-id"]
    with pytest.raises(SignatureRejected):
        verify("another-secret", challenge.headers, challenge.raw, now=now, max_age=300)


def test_a_wrong_secret_fails_and_its_events_wait_until_the_url_passes(zoom: Zoom, hooks: Receiver) -> None:
    hooks.secret = "the-secret-of-another-app"
    refused = save(zoom, hooks.url)
    assert refused.status_code == 400
    assert refused.json()["message"].startswith("URL validation failed: encryptedToken is not HMAC-SHA256")
    shown = zoom.admin("GET", "/webhooks").json()
    assert (shown["url"], shown["validated"]) == (hooks.url, False)  # kept, so nothing is lost
    assert "encryptedToken" in shown["validation_error"] and shown["validated_at"]  # when it was checked
    wid = zoom.registration_webinar()
    people = [f"p{n}@cities.example" for n in range(3)]
    for email in people:
        register(zoom, wid, email)
    waiting = flush(zoom)
    assert (waiting["attempts"], waiting["waiting"], waiting["validated"]) == ([], 3, False)
    assert hooks.received == [] and {d["status"] for d in deliveries(zoom)} == {"pending"}
    advance(zoom, 2)
    assert flush(zoom)["attempts"] == [] and len(hooks.validations) == 1  # no new check before 72 h

    hooks.secret = SECRET  # the receiver is fixed
    checked = zoom.admin("POST", "/webhooks/validate")
    assert checked.status_code == 200 and checked.json()["validated"] is True
    assert [a["status"] for a in flush(zoom)["attempts"]] == ["delivered"] * 3
    assert flush(zoom)["attempts"] == []
    assert emails(hooks) == people  # each once, in order
    assert [(d["status"], d["attempts"]) for d in deliveries(zoom)] == [("delivered", 1)] * 3


def _status(status: int) -> Answerer:
    return lambda plain, secret: (status, right_answer(plain, secret)[1])


def _body(body: Any) -> Answerer:
    return lambda plain, secret: (200, body if isinstance(body, bytes) else json.dumps(body).encode())


def _no_encrypted_token(plain: str, secret: str) -> tuple[int, bytes]:
    return 200, json.dumps({"plainToken": plain}).encode()


def _upper_case_hex(plain: str, secret: str) -> tuple[int, bytes]:
    answer = json.loads(right_answer(plain, secret)[1])
    return 200, json.dumps(answer | {"encryptedToken": answer["encryptedToken"].upper()}).encode()


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (_status(500), "HTTP 500, not 200 or 204"),
        (_status(401), "HTTP 401, not 200 or 204"),
        (_status(302), "HTTP 302, not 200 or 204"),
        (lambda plain, secret: (204, b""), "the answer has no JSON body"),
        (_body(b"<html>ok</html>"), "the answer is not JSON"),
        (_body(["a list"]), "the answer is not a JSON object"),
        (_body({"plainToken": "not-the-one", "encryptedToken": "00"}), "plainToken is not the one sent"),
        (_no_encrypted_token, "encryptedToken is missing"),
        (_upper_case_hex, "encryptedToken is not"),  # the exact lower-case hex of Zoom's samples
    ],
)
def test_each_wrong_answer_fails_with_its_reason(zoom: Zoom, hooks: Receiver, answer: Any, reason: str) -> None:
    hooks.answer = answer
    refused = save(zoom, hooks.url)
    assert refused.status_code == 400 and refused.json()["code"] == 300
    assert refused.json()["message"].startswith(f"URL validation failed: {reason}")
    register(zoom, zoom.registration_webinar(), "ana@metropolis.org")
    assert flush(zoom)["attempts"] == [] and hooks.received == []


def test_an_answer_slower_than_the_limit_fails(zoom: Zoom, hooks: Receiver) -> None:
    hooks.hold = {"validation"}  # the right answer, once released: after the sandbox gave up
    refused = save(zoom, hooks.url, timeout_seconds=0.2)  # Zoom's 3 s, scaled down so the test waits 0.2 s
    assert refused.status_code == 400 and "no answer within 0.2 s" in refused.json()["message"]
    register(zoom, zoom.registration_webinar(), "ana@metropolis.org")
    assert flush(zoom)["attempts"] == [] and hooks.received == []
    hooks.hold = set()
    assert zoom.admin("POST", "/webhooks/validate").status_code == 200
    assert [a["status"] for a in flush(zoom)["attempts"]] == ["delivered"]


def test_after_72_hours_of_sandbox_time_the_url_is_validated_again_before_the_next_delivery(
    zoom: Zoom, hooks: Receiver
) -> None:
    save(zoom, hooks.url)
    wid = zoom.registration_webinar()
    register(zoom, wid, "a@cities.example")
    flush(zoom)
    advance(zoom, 71)
    register(zoom, wid, "b@cities.example")
    flush(zoom)
    assert len(hooks.validations) == 1  # 71 h: still valid
    advance(zoom, 2)
    assert flush(zoom)["attempts"] == [] and len(hooks.validations) == 1  # nothing to deliver, nothing checked
    register(zoom, wid, "c@cities.example")
    assert [a["status"] for a in flush(zoom)["attempts"]] == ["delivered"]
    assert hooks.arrivals == ["validation", "webinar.registration_created", "webinar.registration_created",
                              "validation", "webinar.registration_created"]  # fmt: skip
    shown = zoom.admin("GET", "/webhooks").json()
    assert shown["validated"] is True and shown["validated_at"] > "2021-09-04T08:"  # the new check's time


def test_a_failed_revalidation_holds_events_back_until_the_url_passes_again(zoom: Zoom, hooks: Receiver) -> None:
    save(zoom, hooks.url)
    wid = zoom.registration_webinar()
    advance(zoom, 73)
    hooks.secret = "rotated-on-the-receiver-only"
    register(zoom, wid, "a@cities.example")
    assert flush(zoom)["attempts"] == [] and len(hooks.validations) == 2
    assert zoom.admin("GET", "/webhooks").json()["validated"] is False
    register(zoom, wid, "b@cities.example")
    hooks.secret = SECRET
    assert zoom.admin("POST", "/webhooks/validate").status_code == 200
    flush(zoom)
    assert emails(hooks) == ["a@cities.example", "b@cities.example"]


def test_a_clock_taken_back_before_the_validation_calls_for_a_new_one(zoom: Zoom, hooks: Receiver) -> None:
    save(zoom, hooks.url)
    zoom.admin("POST", "/clock", json={"now": "2021-08-01T08:00:00Z"})  # before the check was made
    register(zoom, zoom.registration_webinar(), "a@cities.example")
    flush(zoom)
    assert hooks.arrivals == ["validation", "validation", "webinar.registration_created"]


def test_saving_a_url_or_a_secret_validates_and_other_settings_do_not(zoom: Zoom, hooks: Receiver) -> None:
    save(zoom, hooks.url)
    assert zoom.admin("POST", "/webhooks", json={"duplicate_rate": 0.0, "paused": True}).status_code == 200
    assert len(hooks.validations) == 1
    changed = zoom.admin("POST", "/webhooks", json={"secret_token": "a-new-secret"})
    assert changed.status_code == 400 and len(hooks.validations) == 2  # the receiver still holds the old one
    assert zoom.admin("GET", "/webhooks").json()["validated"] is False
    with receiver() as other:
        assert save(zoom, other.url).status_code == 200 and len(other.validations) == 1
    assert zoom.admin("DELETE", "/webhooks").json()["validated"] is False
    gone = zoom.admin("POST", "/webhooks/validate")
    assert gone.status_code == 409 and "no webhook subscription" in gone.json()["message"]


def test_the_start_up_url_is_validated(hooks: Receiver) -> None:
    options = SandboxOptions(seed=3, clock=ManualClock(), webhook_url=hooks.url, webhook_secret_token=SECRET)
    with start_sandbox(options) as handle:
        assert Zoom(handle).admin("GET", "/webhooks").json()["validated"] is True
    assert len(hooks.validations) == 1
    hooks.secret = "not-the-sandboxs"
    with start_sandbox(options) as handle:  # starts all the same, and says why the URL gets nothing
        zoom = Zoom(handle)
        shown = zoom.admin("GET", "/webhooks").json()
        assert shown["validated"] is False and "encryptedToken" in shown["validation_error"]
        register(zoom, zoom.registration_webinar(), "a@cities.example")
        assert flush(zoom)["attempts"] == []
        hooks.secret = SECRET
        assert zoom.admin("POST", "/webhooks/validate").status_code == 200
        flush(zoom)
    assert emails(hooks) == ["a@cities.example"]


def test_the_secret_token_is_never_shown_or_logged(zoom: Zoom, hooks: Receiver,
                                                   caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    caplog.set_level(logging.DEBUG)
    hooks.secret = "wrong"
    texts = [save(zoom, hooks.url).text, zoom.admin("GET", "/webhooks").text]
    hooks.secret = SECRET
    texts.append(zoom.admin("POST", "/webhooks/validate").text)
    register(zoom, zoom.registration_webinar(), "a@cities.example")
    texts += [json.dumps(flush(zoom)), zoom.admin("GET", "/webhooks/deliveries").text, zoom.admin("GET", "/state").text]
    assert "failed the URL validation" in caplog.text and "passed the URL validation" in caplog.text
    assert all(SECRET not in text for text in [*texts, caplog.text])
