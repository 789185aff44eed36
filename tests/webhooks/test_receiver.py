"""The receiver's HTTP answers, with a fixed clock: 401 stores nothing, 200 only once stored."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest
from werkzeug.test import Client

from wmdctl.webhooks.db import Database
from wmdctl.webhooks.inbox import Inbox
from wmdctl.webhooks.receiver import ReceiverApp, ReceiverConfig

from .helpers import SECRET, hand_signature, registration

NOW = 1_800_000_000
PATH = "/zoom/webhooks"


class Harness:
    def __init__(self, tmp_path: Path, **config: Any) -> None:
        self.db = Database(tmp_path / "webhooks.sqlite")
        self.inbox = Inbox(self.db)
        self.stored_when_woken: list[int] = []
        self.app = ReceiverApp(ReceiverConfig(secret=SECRET, **config), self.inbox, on_stored=self._woken,
                               clock=lambda: NOW)  # fmt: skip
        self.client = Client(self.app)

    def _woken(self) -> None:
        self.stored_when_woken.append(len(self.inbox.records()))

    def post(self, body: dict[str, Any] | bytes, *, stamp: int = NOW, secret: str = SECRET,
             headers: dict[str, str] | None = None, path: str = PATH) -> Any:  # fmt: skip
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        sent = {"x-zm-request-timestamp": str(stamp), "x-zm-signature": hand_signature(secret, str(stamp), raw),
                "content-type": "application/json"}  # fmt: skip
        return self.client.post(path, data=raw, headers=headers if headers is not None else sent)


@pytest.fixture
def rx(tmp_path: Path) -> Harness:
    return Harness(tmp_path)


EVENT = registration("created", "81234567890", {"id": "r1", "email": "ana@metropolis.org"}, 1_799_999_999_000)


def test_a_signed_event_is_stored_before_the_200(rx: Harness) -> None:
    answer = rx.post(EVENT)
    assert answer.status_code == 200
    assert answer.json == {"ok": True, "duplicate": False}
    [record] = rx.inbox.records()
    assert (record.type, record.status, record.subject) == ("webinar.registration_created", "received", "r1")
    assert record.body == EVENT
    assert rx.stored_when_woken == [1]  # the worker is woken only after the commit


@pytest.mark.parametrize(
    "tamper",
    [
        {"secret": "not-the-secret"},
        {"stamp": NOW - 301},
        {"stamp": NOW + 301},
        {"headers": {}},
        {"headers": {"x-zm-request-timestamp": str(NOW), "x-zm-signature": "v0=" + "0" * 64}},
    ],
    ids=["wrong secret", "replay too old", "from the future", "no signature", "bad signature"],
)
def test_unverified_requests_get_401_and_leave_no_trace(rx: Harness, tamper: dict[str, Any]) -> None:
    answer = rx.post(EVENT, **tamper)
    assert answer.status_code == 401
    assert rx.inbox.records() == []
    assert rx.stored_when_woken == []


def test_the_max_age_window_is_configurable(tmp_path: Path) -> None:
    rx = Harness(tmp_path, max_age=3600)
    assert rx.post(EVENT, stamp=NOW - 3000).status_code == 200


def test_the_url_validation_is_answered_after_checking_its_signature(rx: Harness) -> None:
    challenge = {"payload": {"plainToken": "qgg8vlvZRS6UYooatFL8Aw"}, "event_ts": 1654503849680,
                 "event": "endpoint.url_validation"}  # fmt: skip
    import hashlib
    import hmac

    answer = rx.post(challenge)
    assert answer.status_code == 200
    expected = hmac.new(SECRET.encode(), b"qgg8vlvZRS6UYooatFL8Aw", hashlib.sha256).hexdigest()
    assert answer.json == {"plainToken": "qgg8vlvZRS6UYooatFL8Aw", "encryptedToken": expected}
    assert rx.post(challenge, secret="forged").status_code == 401


def test_a_repeat_delivery_is_answered_200_and_stored_once(rx: Harness) -> None:
    assert rx.post(EVENT).json == {"ok": True, "duplicate": False}
    assert rx.post(EVENT, stamp=NOW + 5).json == {"ok": True, "duplicate": True}
    [record] = rx.inbox.records()
    assert record.deliveries == 2
    assert rx.stored_when_woken == [1]


def test_body_cap(tmp_path: Path) -> None:
    rx = Harness(tmp_path, max_body=1000)
    big = dict(EVENT, padding="x" * 2000)
    assert rx.post(big).status_code == 413
    assert rx.inbox.records() == []


def test_signed_but_not_an_event_is_400_and_not_stored(rx: Harness) -> None:
    assert rx.post(b"not json").status_code == 400
    assert rx.post({"event_ts": 1}).status_code == 400
    assert rx.post({"event": "x", "event_ts": "soon"}).status_code == 400
    assert rx.inbox.records() == []


def test_a_store_that_fails_answers_500_so_zoom_retries(rx: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(rx.inbox, "store", broken)
    assert rx.post(EVENT).status_code == 500


def test_healthz_and_other_paths(rx: Harness) -> None:
    assert rx.client.get("/healthz").json == {"ok": True}
    assert rx.client.get(PATH).status_code == 405
    assert rx.post(EVENT, path="/elsewhere").status_code == 404


def test_the_database_is_private(rx: Harness) -> None:
    rx.post(EVENT)
    for path in rx.db.path.parent.iterdir():
        if path.name.startswith("webhooks.sqlite"):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_the_secret_is_not_in_the_configs_repr() -> None:
    assert SECRET not in repr(ReceiverConfig(secret=SECRET))
