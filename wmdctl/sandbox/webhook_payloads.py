"""The objects of the webhooks the sandbox sends, in the WH-SPEC shapes (notes §11).

Zoom's own inconsistency is kept on purpose: ``object.id`` is an integer on the registration events and
a string on webinar.started/ended and the participant events, so a receiver must cope with both.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from wmdctl.sandbox.core import Sandbox
from wmdctl.sandbox.events import listening, notify
from wmdctl.sandbox.store import parse_iso

REGISTRATION_EVENT = {"approved": "approved", "denied": "denied", "cancelled": "cancelled"}  # new status -> event
PROFILE_KEYS = ("address", "city", "country", "zip", "state", "phone", "industry", "org", "job_title", "comments")
RECORDING_READY_AFTER = timedelta(minutes=2)  # SANDBOX CHOICE: cloud processing takes a little while after the end


def webinar_object(webinar: dict[str, Any], *, integer_id: bool, uuid: str | None = None) -> dict[str, Any]:
    return {
        "uuid": uuid or webinar["uuid"],
        "id": webinar["id"] if integer_id else str(webinar["id"]),
        "host_id": webinar["host_id"],
        "topic": webinar.get("topic", ""),
        "type": webinar.get("type", 5),
        "start_time": webinar.get("start_time", ""),
        "duration": webinar.get("duration") or 60,
        "timezone": webinar.get("timezone", ""),
    }


def _registrant(kind: str, person: dict[str, Any]) -> dict[str, Any]:
    shown = {key: person.get(key, "") for key in ("id", "first_name", "last_name", "email")}
    if kind == "created":
        shown.update({k: person[k] for k in PROFILE_KEYS if person.get(k)})
        shown["custom_questions"] = person.get("custom_questions") or []
        shown["status"] = person["status"]
    if kind in ("created", "approved"):
        shown["join_url"] = person.get("join_url", "")
    return shown


def announce_registration(sb: Sandbox, webinar: dict[str, Any], kind: str, person: dict[str, Any]) -> None:
    """webinar.registration_<kind> for one registrant (``person`` as the API shows it)."""
    obj = webinar_object(webinar, integer_id=True) | {"registrant": _registrant(kind, person)}
    operator: dict[str, Any] = {}
    if kind != "created":
        operator = {"operator": sb.credentials.host_email, "operator_id": sb.credentials.host_id}
    notify(sb, f"webinar.registration_{kind}", obj, **operator)


def announce_status_change(sb: Sandbox, webinar: dict[str, Any], person: dict[str, Any], before: str) -> None:
    """The registration event for a status PUT that changed something (back to pending has none)."""
    kind = REGISTRATION_EVENT.get(person["status"])
    if kind is not None and person["status"] != before:
        announce_registration(sb, webinar, kind, person)


def _participant(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    moment = "join_time" if kind == "joined" else "leave_time"
    return {
        "user_id": str(row.get("user_id", "")),
        "user_name": row.get("name", ""),
        "id": row.get("id", ""),
        "email": row.get("user_email", ""),
        "registrant_id": row.get("registrant_id", ""),
        "participant_user_id": row.get("participant_user_id", ""),
        moment: row[moment],
    }


def announce_instance(sb: Sandbox, webinar: dict[str, Any], instance: dict[str, Any],
                      rows: list[dict[str, Any]]) -> None:  # fmt: skip
    """A simulated instance, as Zoom would have told it live: started, each join and leave, ended.

    Each event happens at its own sandbox time, so a sender delivers it once the clock gets there.
    """
    if not listening(sb):
        return
    uuid, start, end = instance["uuid"], instance["start_time"], instance["end_time"]
    base = webinar_object(webinar, integer_id=False, uuid=uuid) | {"host_email": sb.credentials.host_email}
    notify(sb, "webinar.started", base | {"start_time": start}, at=parse_iso(start))
    moments: list[tuple[datetime, int, str, dict[str, Any]]] = []
    for n, row in enumerate(rows):
        moments.append((parse_iso(row["join_time"]), n, "joined", row))
        moments.append((parse_iso(row["leave_time"]), n, "left", row))
    for moment, _n, kind, row in sorted(moments, key=lambda m: (m[0], m[2] == "joined", m[1])):
        obj = webinar_object(webinar, integer_id=False, uuid=uuid) | {"participant": _participant(kind, row)}
        notify(sb, f"webinar.participant_{kind}", obj, at=moment)
    ended = base | {"start_time": start, "end_time": end, "practice_session": False}
    notify(sb, "webinar.ended", ended, at=parse_iso(end))


def recording_object(sb: Sandbox, webinar: dict[str, Any], shown: dict[str, Any]) -> dict[str, Any]:
    """recording.completed's object from the API's view of the recording (the spec wants an integer type)."""
    return {
        **shown,
        "type": int(webinar.get("type", 5)),
        "password": "",
        "timezone": webinar.get("timezone", ""),
        "host_email": sb.credentials.host_email,
        "share_url": f"{sb.base_url}/rec/share/{shown['uuid']}",
        "participant_audio_files": [],
    }
