"""The durable inbox: every verified delivery is committed here before Zoom gets its 200.

Statuses:
    received   stored, not processed yet (a receiver killed now resumes from here on restart)
    retry      processing failed for a reason that may pass (Zoom down, rate limit); tried again later
    processed  done
    ignored    nothing to do, and ``reason`` says why (another webinar, an event wmdctl does not use)
    failed     processing cannot succeed (``reason`` says why); `registrants sync --approve-rules` reconciles
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from wmdctl.webhooks.db import Database
from wmdctl.webhooks.events import Incoming

OPEN_STATUSES = ("received", "retry")
DONE_STATUSES = ("processed", "ignored")
_COLUMNS = "id, dedupe_key, type, event_ts, webinar_id, webinar_uuid, subject, received_at, deliveries, status, " \
           "reason, attempts, processed_at, body"  # fmt: skip


@dataclass(frozen=True)
class InboxRecord:
    id: int
    dedupe_key: str
    type: str
    event_ts: int
    webinar_id: str
    webinar_uuid: str
    subject: str
    received_at: str
    deliveries: int
    status: str
    reason: str | None
    attempts: int
    processed_at: str | None
    raw: str  # the body exactly as it arrived (and was signed)

    @property
    def body(self) -> dict[str, Any]:
        value = json.loads(self.raw)
        return value if isinstance(value, dict) else {}

    def body_bytes(self) -> bytes:
        return self.raw.encode("utf-8")

    @property
    def occurred_at(self) -> str:
        return datetime.fromtimestamp(self.event_ts / 1000, UTC).isoformat(timespec="milliseconds")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "event_ts": self.event_ts, "occurred_at": self.occurred_at,
            "received_at": self.received_at, "deliveries": self.deliveries, "webinar_id": self.webinar_id,
            "webinar_uuid": self.webinar_uuid, "subject": self.subject, "status": self.status,
            "processed": self.status in ("processed", "ignored"), "reason": self.reason,
            "attempts": self.attempts, "processed_at": self.processed_at,
        }  # fmt: skip


def _record(row: tuple[Any, ...]) -> InboxRecord:
    return InboxRecord(*row)


def iso_now(now: datetime) -> str:
    return now.astimezone(UTC).isoformat(timespec="milliseconds")


class Inbox:
    def __init__(self, db: Database) -> None:
        self.db = db

    def store(self, event: Incoming, raw: bytes, received_at: datetime) -> tuple[int, bool]:
        """(inbox id, True when it was a repeat delivery); committed when this returns."""
        with self.db.transaction() as tx:
            row = tx.execute("SELECT id FROM inbox WHERE dedupe_key = ?", (event.dedupe_key,)).fetchone()
            if row is not None:
                tx.execute("UPDATE inbox SET deliveries = deliveries + 1 WHERE id = ?", (row[0],))
                return int(row[0]), True
            cursor = tx.execute(
                "INSERT INTO inbox (dedupe_key, type, event_ts, webinar_id, webinar_uuid, subject, received_at, body)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (event.dedupe_key, event.type, event.event_ts, event.webinar_id, event.webinar_uuid, event.subject,
                 iso_now(received_at), raw.decode("utf-8")),
            )  # fmt: skip
            return int(cursor.lastrowid or 0), False

    def due(self, now: float, limit: int = 200) -> list[InboxRecord]:
        """Open events whose turn has come, oldest event first (the order Zoom did not promise)."""
        rows = self.db.query(
            f"SELECT {_COLUMNS} FROM inbox WHERE status IN ('received', 'retry') AND next_attempt <= ? "
            "ORDER BY event_ts, id LIMIT ?",
            (now, limit),
        )
        return [_record(r) for r in rows]

    def next_due(self) -> float | None:
        """When the earliest open event may be tried (epoch seconds); None when nothing is open."""
        rows = self.db.query("SELECT MIN(next_attempt) FROM inbox WHERE status IN ('received', 'retry')")
        return float(rows[0][0]) if rows and rows[0][0] is not None else None

    def finish(self, inbox_id: int, status: str, reason: str | None, now: datetime) -> None:
        self.db.execute(
            "UPDATE inbox SET status = ?, reason = ?, processed_at = ?, attempts = attempts + 1 WHERE id = ?",
            (status, reason, iso_now(now), inbox_id),
        )

    def postpone(self, inbox_id: int, reason: str, until: float) -> None:
        self.db.execute(
            "UPDATE inbox SET status = 'retry', reason = ?, attempts = attempts + 1, next_attempt = ? WHERE id = ?",
            (reason, until, inbox_id),
        )

    def records(self, *, kind: str | None = None, since: datetime | None = None) -> list[InboxRecord]:
        sql, params = f"SELECT {_COLUMNS} FROM inbox WHERE 1 = 1", []
        if kind:
            sql += " AND type = ?"
            params.append(kind)
        if since is not None:
            sql += " AND received_at >= ?"
            params.append(iso_now(since))
        rows = self.db.query(sql + " ORDER BY received_at, id", tuple(params))
        return [_record(r) for r in rows]

    def prune(self, before: datetime, *, include_failed: bool = False, dry_run: bool = False) -> tuple[int, int]:
        """Delete the events received before ``before`` that are done with; (deleted, kept).

        The bodies hold registrants' names, emails and join links (each a credential), so they should not
        outlive their use. Open events (received, retry) are always kept: they still have to be processed;
        failed ones unless ``include_failed``, since `registrants sync --approve-rules` may still need their
        story. The attendance rows taken from the deleted events go with them. ``secure_delete`` overwrites
        the freed pages and the checkpoint empties the write-ahead log, so the data is gone from the disk too,
        not only from the tables.
        """
        statuses = DONE_STATUSES + (("failed",) if include_failed else ())
        where = f"status IN ({', '.join('?' * len(statuses))}) AND received_at < ?"
        params = (*statuses, iso_now(before))
        self.db.execute("PRAGMA secure_delete = ON")  # a connection setting: not inside the transaction
        with self.db.transaction() as tx:
            (doomed,) = tx.execute(f"SELECT COUNT(*) FROM inbox WHERE {where}", params).fetchone()
            (total,) = tx.execute("SELECT COUNT(*) FROM inbox").fetchone()
            if not dry_run and doomed:
                tx.execute(f"DELETE FROM participant_events WHERE inbox_id IN (SELECT id FROM inbox WHERE {where})",
                           params)  # fmt: skip
                tx.execute(f"DELETE FROM inbox WHERE {where}", params)
        if not dry_run and doomed:
            self.db.checkpoint()
        return int(doomed), int(total) - int(doomed)
