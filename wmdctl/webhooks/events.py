"""A verified delivery, read just enough to store it: its type, when it happened and what it is about.

Zoom promises neither order nor uniqueness, so each event gets a dedupe key: its type, its object's identity
(the webinar instance UUID, plus the registrant's id or the participant's identity) and its ``event_ts``.
The same event delivered twice has the same key; two different events never share one, because the
same person cannot join the same instance twice within one millisecond.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

URL_VALIDATION = "endpoint.url_validation"
REGISTRATION_EVENTS = frozenset(
    f"webinar.registration_{kind}" for kind in ("created", "approved", "denied", "cancelled")
)
PARTICIPANT_EVENTS = frozenset({"webinar.participant_joined", "webinar.participant_left"})
INSTANCE_EVENTS = frozenset({"webinar.started", "webinar.ended"})
RECORDING_EVENTS = frozenset({"recording.completed"})
HANDLED_EVENTS = REGISTRATION_EVENTS | PARTICIPANT_EVENTS | INSTANCE_EVENTS | RECORDING_EVENTS


class MalformedEvent(ValueError):
    """Signed by the right secret, but not a Zoom event (not JSON, or no ``event``)."""


@dataclass(frozen=True)
class Incoming:
    type: str
    event_ts: int  # milliseconds since the epoch, as Zoom sends it
    webinar_id: str  # "" when the event is not about a webinar
    webinar_uuid: str
    subject: str  # the registrant id or participant identity; "" for the webinar itself
    dedupe_key: str
    body: dict[str, Any]

    @property
    def object(self) -> dict[str, Any]:
        payload = self.body.get("payload")
        obj = payload.get("object") if isinstance(payload, dict) else None
        return obj if isinstance(obj, dict) else {}


def participant_identity(participant: dict[str, Any]) -> str:
    """Who a participant is across rejoins: Zoom gives a new ``user_id`` per join segment, so that comes last."""
    for key in ("participant_uuid", "participant_user_id", "id", "registrant_id", "email", "user_id", "user_name"):
        value = participant.get(key)
        if value:
            return f"{key}:{value}"
    return ""


def parse(raw: bytes) -> Incoming:
    """The stored view of a verified body; raises MalformedEvent when it is not a Zoom event."""
    try:
        body = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as error:
        raise MalformedEvent(f"the body is not JSON: {error}") from None
    if not isinstance(body, dict) or not isinstance(body.get("event"), str) or not body["event"]:
        raise MalformedEvent("the body has no 'event' name")
    kind = body["event"]
    event_ts = body.get("event_ts")
    if isinstance(event_ts, bool) or not isinstance(event_ts, int):
        raise MalformedEvent("'event_ts' is not an integer of milliseconds")
    payload = _table(body.get("payload"))
    obj = _table(payload.get("object"))
    subject = _subject(kind, obj, payload)
    webinar_id = "" if kind == URL_VALIDATION or obj.get("id") is None else str(obj.get("id"))
    uuid = str(obj.get("uuid") or "")
    identity = subject or ("" if uuid or webinar_id else hashlib.sha256(raw).hexdigest()[:32])
    key = "|".join((kind, uuid or webinar_id, identity, str(event_ts)))
    return Incoming(kind, event_ts, webinar_id, uuid, subject, key, body)


def _subject(kind: str, obj: dict[str, Any], payload: dict[str, Any]) -> str:
    if kind == URL_VALIDATION:
        return str(payload.get("plainToken") or "")
    if kind in REGISTRATION_EVENTS:
        registrant = _table(obj.get("registrant"))
        return str(registrant.get("id") or registrant.get("email") or "")
    if kind in PARTICIPANT_EVENTS:
        participant = _table(obj.get("participant"))
        return participant_identity(participant)
    return ""


def _table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
