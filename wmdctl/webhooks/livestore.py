"""The live-attendance store: participant and start/end events, kept as they happened.

Presence is computed from the whole set each time (wmdctl.webhooks.snapshot), sorted by when each thing
happened, not by when it arrived: a ``participant_left`` delivered before its ``joined`` then changes
nothing. After the event, `report attendance` still uses Zoom's reports, which are the authority.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from wmdctl.webhooks.db import Database
from wmdctl.webhooks.events import Incoming, participant_identity
from wmdctl.zoom.times import parse_zoom_time


@dataclass(frozen=True)
class Movement:
    identity: str
    kind: str  # "joined" | "left"
    at: datetime
    event_ts: int
    name: str
    email: str
    registrant_id: str


@dataclass(frozen=True)
class Instance:
    webinar_uuid: str
    started_at: datetime | None
    ended_at: datetime | None


def event_time(value: Any, event_ts: int) -> datetime:
    """A participant's join_time/leave_time, else the event's own timestamp."""
    return parse_zoom_time(value) or datetime.fromtimestamp(event_ts / 1000, UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def record_participant(db: Database, inbox_id: int, event: Incoming) -> Movement:
    participant = event.object.get("participant")
    participant = participant if isinstance(participant, dict) else {}
    kind = "joined" if event.type.endswith("_joined") else "left"
    at = event_time(participant.get("join_time" if kind == "joined" else "leave_time"), event.event_ts)
    move = Movement(
        identity=participant_identity(participant) or f"inbox:{inbox_id}", kind=kind, at=at,
        event_ts=event.event_ts, name=str(participant.get("user_name") or ""),
        email=str(participant.get("email") or "").lower(), registrant_id=str(participant.get("registrant_id") or ""),
    )  # fmt: skip
    db.execute(
        "INSERT OR REPLACE INTO participant_events (inbox_id, webinar_id, webinar_uuid, identity, kind, at, event_ts,"
        " name, email, registrant_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (inbox_id, event.webinar_id, event.webinar_uuid, move.identity, kind, _iso(at), event.event_ts, move.name,
         move.email, move.registrant_id),
    )  # fmt: skip
    _touch(db, event, None, None)
    return move


def record_instance(db: Database, event: Incoming) -> None:
    """``webinar.started`` / ``webinar.ended``: when this instance began and finished."""
    obj = event.object
    if event.type == "webinar.started":
        _touch(db, event, _iso(event_time(obj.get("start_time"), event.event_ts)), None)
    else:
        _touch(db, event, None, _iso(event_time(obj.get("end_time"), event.event_ts)))


def _touch(db: Database, event: Incoming, started: str | None, ended: str | None) -> None:
    with db.transaction() as tx:
        tx.execute(
            "INSERT INTO instances (webinar_uuid, webinar_id, started_at, ended_at, last_event_ts) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (webinar_uuid) DO UPDATE SET "
            "started_at = COALESCE(excluded.started_at, started_at), ended_at = COALESCE(excluded.ended_at, ended_at),"
            " last_event_ts = MAX(last_event_ts, excluded.last_event_ts)",
            (event.webinar_uuid, event.webinar_id, started, ended, event.event_ts),
        )


def latest_instance(db: Database, webinar_id: str) -> Instance | None:
    """The instance that heard from Zoom last: a webinar that is run again gets a new UUID."""
    rows = db.query(
        "SELECT webinar_uuid, started_at, ended_at FROM instances WHERE webinar_id = ? "
        "ORDER BY last_event_ts DESC LIMIT 1",
        (webinar_id,),
    )
    if not rows:
        return None
    uuid, started, ended = rows[0]
    return Instance(uuid, _parse(started), _parse(ended))


def movements(db: Database, webinar_id: str, webinar_uuid: str) -> list[Movement]:
    rows = db.query(
        "SELECT identity, kind, at, event_ts, name, email, registrant_id FROM participant_events "
        "WHERE webinar_id = ? AND webinar_uuid = ?",
        (webinar_id, webinar_uuid),
    )
    return [Movement(r[0], r[1], datetime.fromisoformat(r[2]), int(r[3]), r[4], r[5], r[6]) for r in rows]


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
