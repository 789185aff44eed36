"""Sample events shaped as Zoom sends them (the webhooks OpenAPI spec), and a signed sender.

`wmdctl webhooks trigger` uses them to test a deployment end to end, as `stripe trigger` does; the tests
use the same sender, so the receiver is exercised by exactly what an operator can send.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import requests

from wmdctl.webhooks.events import URL_VALIDATION
from wmdctl.webhooks.signature import signed_headers, validation_answer

SAMPLE_HOST_ID = "wmdctl-trigger-host"
SAMPLE_ACCOUNT_ID = "wmdctl-trigger-account"


def _zulu(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class SampleSpec:
    webinar_id: str
    email: str = "ana.garcia@metropolis.org"
    uuid: str = "wmdctl+trigger+instance=="
    registrant_id: str = "wmdctl-trigger-registrant"
    topic: str = "wmdctl trigger"


def _webinar(spec: SampleSpec, now: datetime, *, id_is_int: bool) -> dict[str, Any]:
    webinar_id: Any = int(spec.webinar_id) if id_is_int and spec.webinar_id.isdigit() else spec.webinar_id
    return {"uuid": spec.uuid, "id": webinar_id, "host_id": SAMPLE_HOST_ID, "topic": spec.topic, "type": 5,
            "start_time": _zulu(now), "duration": 90, "timezone": "UTC"}  # fmt: skip


def _registration(kind: str, spec: SampleSpec, now: datetime) -> dict[str, Any]:
    person: dict[str, Any] = {"id": spec.registrant_id, "first_name": "Ana", "last_name": "García", "email": spec.email}
    payload: dict[str, Any] = {"account_id": SAMPLE_ACCOUNT_ID}
    if kind == "created":
        person |= {"status": "pending", "join_url": "https://zoom.us/w/0?tk=sample"}
    else:
        payload |= {"operator": "organiser@example.org", "operator_id": SAMPLE_HOST_ID}
    if kind == "approved":
        person["join_url"] = "https://zoom.us/w/0?tk=sample"
    return payload | {"object": _webinar(spec, now, id_is_int=True) | {"registrant": person}}


def _participant(kind: str, spec: SampleSpec, now: datetime) -> dict[str, Any]:
    person = {"user_id": "16778240", "user_name": "Ana García", "id": "", "email": spec.email,
              "registrant_id": spec.registrant_id, "participant_user_id": "wmdctlTriggerParticipant"}  # fmt: skip
    person["join_time" if kind == "joined" else "leave_time"] = _zulu(now)
    return {"account_id": SAMPLE_ACCOUNT_ID, "object": _webinar(spec, now, id_is_int=False) | {"participant": person}}


def _instance(kind: str, spec: SampleSpec, now: datetime) -> dict[str, Any]:
    obj = _webinar(spec, now - timedelta(minutes=90 if kind == "ended" else 0), id_is_int=False)
    obj["host_email"] = "host@example.org"
    if kind == "ended":
        obj |= {"end_time": _zulu(now), "practice_session": False}
    return {"account_id": SAMPLE_ACCOUNT_ID, "object": obj}


def _recording(spec: SampleSpec, now: datetime) -> dict[str, Any]:
    start = now - timedelta(minutes=90)
    obj = _webinar(spec, start, id_is_int=True) | {
        "account_id": SAMPLE_ACCOUNT_ID, "password": "", "host_email": "host@example.org",
        "share_url": "https://zoom.us/rec/share/sample", "total_size": 1024, "recording_count": 1,
        "recording_files": [{
            "id": "sample-file", "meeting_id": spec.uuid, "recording_start": _zulu(start), "recording_end": _zulu(now),
            "file_type": "MP4", "file_size": 1024, "file_extension": "MP4",
            "download_url": "https://zoom.us/rec/download/sample", "status": "completed",
            "recording_type": "shared_screen_with_speaker_view",
        }],
    }  # fmt: skip
    return {"account_id": SAMPLE_ACCOUNT_ID, "object": obj}


BUILDERS: dict[str, Callable[[SampleSpec, datetime], dict[str, Any]]] = {
    **{f"webinar.registration_{k}": partial(_registration, k) for k in ("created", "approved", "denied", "cancelled")},
    "webinar.participant_joined": partial(_participant, "joined"),
    "webinar.participant_left": partial(_participant, "left"),
    "webinar.started": partial(_instance, "started"),
    "webinar.ended": partial(_instance, "ended"),
    "recording.completed": _recording,
    URL_VALIDATION: lambda s, n: {"plainToken": secrets.token_urlsafe(16)},
}  # fmt: skip
SAMPLE_EVENTS = tuple(BUILDERS)


def sample_event(kind: str, spec: SampleSpec, now: datetime | None = None) -> dict[str, Any]:
    now = now or datetime.now(UTC)
    body: dict[str, Any] = {
        "event": kind,
        "event_ts": int(now.timestamp() * 1000),
        "payload": BUILDERS[kind](spec, now),
    }
    if kind == "recording.completed":
        body["download_token"] = "sample-download-token"
    return body


@dataclass(frozen=True)
class Delivery:
    status: int
    body: str
    validation_ok: bool | None = None  # for endpoint.url_validation: did the answer prove the secret?


def deliver(
    url: str, secret: str, event: dict[str, Any] | bytes, *, timestamp: int | None = None, timeout: float = 10.0
) -> Delivery:
    """POST one event signed as Zoom signs it; ``bytes`` are sent exactly as given."""
    raw = event if isinstance(event, bytes) else json.dumps(event, ensure_ascii=False).encode("utf-8")
    stamp = int(time.time()) if timestamp is None else timestamp
    response = requests.post(url, data=raw, headers=signed_headers(secret, stamp, raw), timeout=timeout)
    validation_ok = None
    if isinstance(event, dict) and event.get("event") == URL_VALIDATION:
        plain = str(event["payload"]["plainToken"])
        try:
            validation_ok = response.json() == validation_answer(secret, plain)
        except ValueError:
            validation_ok = False
    return Delivery(response.status_code, response.text[:500], validation_ok)
