"""Webinar instances (notes §2, §9): each end records one past instance under the webinar's current
UUID, and "a new UUID is generated after each instance ends".

SANDBOX CHOICE: there is no "start" action, so every end (PUT status or simulate) stands for one
held session. The first instance starts at the scheduled start_time; a later one at the sandbox's
clock, or just after the previous instance if the clock is earlier (the 2021 seed event), so that
instances of a webinar never share a start time.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from wmdctl.sandbox.core import Sandbox
from wmdctl.sandbox.store import dumps, iso, parse_iso

COLUMNS = "uuid, start_time, end_time, data"
GAP_AFTER_PREVIOUS = timedelta(minutes=5)


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    row.update(json.loads(row.pop("data")))
    return row


def list_instances(sb: Sandbox, webinar_id: int) -> list[dict[str, Any]]:
    """Every ended instance of the webinar, oldest first."""
    rows = sb.store.rows(
        f"SELECT {COLUMNS} FROM instances WHERE webinar_id = ? ORDER BY start_time, seq", (webinar_id,)
    )
    return [_decoded(row) for row in rows]


def latest_instance(sb: Sandbox, webinar_id: int) -> dict[str, Any] | None:
    """What a numeric webinar id stands for in past/report paths (notes §2): the latest instance."""
    rows = sb.store.rows(
        f"SELECT {COLUMNS} FROM instances WHERE webinar_id = ? ORDER BY start_time DESC, seq DESC LIMIT 1",
        (webinar_id,),
    )
    return _decoded(rows[0]) if rows else None


def instance_by_uuid(sb: Sandbox, webinar_id: int, uuid: str) -> dict[str, Any] | None:
    rows = sb.store.rows(f"SELECT {COLUMNS} FROM instances WHERE webinar_id = ? AND uuid = ?", (webinar_id, uuid))
    return _decoded(rows[0]) if rows else None


def next_start(sb: Sandbox, webinar: dict[str, Any]) -> datetime:
    """When the next instance of the webinar starts (see the module docstring)."""
    scheduled = parse_iso(webinar.get("start_time") or iso(sb.now()))
    row = sb.store.conn.execute("SELECT MAX(end_time) FROM instances WHERE webinar_id = ?", (webinar["id"],)).fetchone()
    if row[0] is None:
        return scheduled
    earliest = parse_iso(row[0]) + GAP_AFTER_PREVIOUS
    return max(sb.now(), earliest).replace(microsecond=0)


def forget_instance(sb: Sandbox, webinar_id: int, uuid: str) -> None:
    """Drop one instance and its participants (a simulation run again with the same seed rewrites its own)."""
    conn = sb.store.conn
    conn.execute("DELETE FROM participants WHERE webinar_id = ? AND instance_uuid = ?", (webinar_id, uuid))
    conn.execute("DELETE FROM instances WHERE webinar_id = ? AND uuid = ?", (webinar_id, uuid))


def end_instance(
    sb: Sandbox, webinar: dict[str, Any], *, start: datetime, end: datetime, data: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Record the instance under the webinar's current UUID, mark the webinar ended and give it a
    fresh UUID (saved, and set on ``webinar``). Returns the instance {uuid, start_time, end_time}."""
    conn = sb.store.conn
    uuid = webinar["uuid"]
    instance = {"uuid": uuid, "start_time": iso(start), "end_time": iso(end)}
    conn.execute(
        "INSERT INTO instances (webinar_id, uuid, start_time, end_time, data) VALUES (?, ?, ?, ?, ?)",
        (
            webinar["id"],
            uuid,
            instance["start_time"],
            instance["end_time"],
            dumps(data or {"qa": [], "poll_answers": []}),
        ),
    )
    fresh = sb.ids.uuid()
    while sb.find_webinar(fresh) is not None:
        fresh = sb.ids.uuid()
    webinar["uuid"] = fresh
    sb.save_webinar(webinar)
    conn.execute("UPDATE webinars SET ended = 1 WHERE id = ?", (webinar["id"],))
    return instance
