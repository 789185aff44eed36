"""SQLite state of the sandbox: one JSON column per object, plus the columns we query on.

One connection guarded by one lock: each request runs as one transaction under
the lock, so the threaded server never interleaves writes, and a request either
commits completely or not at all (which is what the drop-after-commit fault
relies on). A file keeps the state across stop/start; None keeps it in memory.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS webinars (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id INTEGER UNIQUE NOT NULL, host_id TEXT NOT NULL,
    ended INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS panelists (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, webinar_id INTEGER NOT NULL, id TEXT NOT NULL,
    email_key TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS panelists_by_webinar ON panelists (webinar_id, email_key);
CREATE TABLE IF NOT EXISTS registrants (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, webinar_id INTEGER NOT NULL, id TEXT NOT NULL,
    email_key TEXT NOT NULL, status TEXT NOT NULL, create_time TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS registrants_by_status ON registrants (webinar_id, status, seq);
CREATE INDEX IF NOT EXISTS registrants_by_email ON registrants (webinar_id, email_key);
CREATE INDEX IF NOT EXISTS registrants_by_id ON registrants (webinar_id, id);
CREATE TABLE IF NOT EXISTS questions (webinar_id INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS polls (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, webinar_id INTEGER NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meetings (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id INTEGER UNIQUE NOT NULL, host_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS instances (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, webinar_id INTEGER NOT NULL, uuid TEXT UNIQUE NOT NULL,
    start_time TEXT NOT NULL, end_time TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS instances_by_webinar ON instances (webinar_id, start_time);
CREATE TABLE IF NOT EXISTS participants (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, webinar_id INTEGER NOT NULL, registrant_id TEXT NOT NULL,
    data TEXT NOT NULL, instance_uuid TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS participants_by_instance ON participants (webinar_id, instance_uuid, seq);
CREATE INDEX IF NOT EXISTS participants_by_registrant ON participants (webinar_id, instance_uuid, registrant_id);
CREATE TABLE IF NOT EXISTS recordings (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, webinar_id INTEGER NOT NULL, instance_uuid TEXT UNIQUE NOT NULL,
    start_time TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS extras (
    webinar_id INTEGER NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (webinar_id, kind));
CREATE TABLE IF NOT EXISTS meeting_registrants (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, meeting_id INTEGER NOT NULL, id TEXT NOT NULL,
    email_key TEXT NOT NULL, status TEXT NOT NULL, create_time TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS meeting_registrants_by_status ON meeting_registrants (meeting_id, status, seq);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, event TEXT NOT NULL, event_ts INTEGER NOT NULL, body TEXT NOT NULL,
    due_at REAL NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, held INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0, log TEXT NOT NULL DEFAULT '[]');
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (status, due_at, seq);
CREATE TABLE IF NOT EXISTS counters (
    key TEXT NOT NULL, day TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (key, day));
"""
DATA_TABLES = (
    "webinars",
    "panelists",
    "registrants",
    "questions",
    "polls",
    "meetings",
    "instances",
    "participants",
    "recordings",
    "extras",
    "meeting_registrants",
    "counters",
    "webhook_deliveries",
)


def dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def iso(moment: datetime) -> str:
    """Zoom's wire format for instants: UTC, second precision, trailing Z."""
    return moment.astimezone(UTC).replace(tzinfo=None, microsecond=0).isoformat() + "Z"  # 4-digit years, always


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def next_midnight(moment: datetime) -> datetime:
    day = moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return day + timedelta(days=1)


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _prepare_legacy(conn: sqlite3.Connection) -> bool:
    """A state file from before instances had their own rows (one per webinar, keyed by webinar_id):
    move the old table aside and tag participants with an instance; True when there is one."""
    columns = _columns(conn, "instances")
    if not columns or "seq" in columns:
        return False
    conn.execute("ALTER TABLE instances RENAME TO instances_legacy")
    for index in ("instances_by_uuid", "participants_by_webinar", "participants_by_registrant"):
        conn.execute(f"DROP INDEX IF EXISTS {index}")
    if "instance_uuid" not in _columns(conn, "participants"):
        conn.execute("ALTER TABLE participants ADD COLUMN instance_uuid TEXT NOT NULL DEFAULT ''")
    return True


def _finish_legacy(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO instances (webinar_id, uuid, start_time, end_time, data) "
        "SELECT webinar_id, uuid, start_time, end_time, data FROM instances_legacy ORDER BY webinar_id"
    )
    conn.execute(
        "UPDATE participants SET instance_uuid = "
        "(SELECT uuid FROM instances_legacy WHERE webinar_id = participants.webinar_id) "
        "WHERE webinar_id IN (SELECT webinar_id FROM instances_legacy)"
    )
    conn.execute("DROP TABLE instances_legacy")


class Store:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.lock = threading.RLock()
        self.conn = sqlite3.connect(str(path) if path else ":memory:", check_same_thread=False)
        legacy = _prepare_legacy(self.conn)
        self.conn.executescript(SCHEMA)
        if legacy:
            _finish_legacy(self.conn)
        self.conn.commit()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            try:
                yield self.conn
            except BaseException:
                self.conn.rollback()
                raise
            self.conn.commit()

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    def reset(self) -> None:
        """Forget every object and counter; keep the token and the clock offset."""
        with self.transaction() as conn:
            for table in DATA_TABLES:
                conn.execute(f"DELETE FROM {table}")

    # -- small typed helpers (callers hold the lock) --------------------------------

    def meta(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_meta(self, key: str, value: Any) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, dumps(value)))

    def count(self, key: str, day: str) -> int:
        row = self.conn.execute("SELECT count FROM counters WHERE key = ? AND day = ?", (key, day)).fetchone()
        return int(row[0]) if row else 0

    def increment(self, key: str, day: str, by: int = 1) -> int:
        self.conn.execute(
            "INSERT INTO counters (key, day, count) VALUES (?, ?, ?) "
            "ON CONFLICT (key, day) DO UPDATE SET count = count + excluded.count",
            (key, day, by),
        )
        return self.count(key, day)

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class SandboxClock:
    """The injectable base clock plus an offset the admin API can move (persisted in meta).

    Tests cross midnight UTC or expire page tokens by moving the offset instead of sleeping.
    """

    def __init__(self, base: Callable[[], datetime] | None, store: Store) -> None:
        self._base = base or (lambda: datetime.now(UTC))
        self._store = store
        with store.lock:
            self._offset = float(store.meta("clock_offset_seconds", 0.0))

    def now(self) -> datetime:
        return self._base().astimezone(UTC) + timedelta(seconds=self._offset)

    def advance(self, seconds: float) -> datetime:
        self._set_offset(self._offset + seconds)
        return self.now()

    def set_now(self, moment: datetime) -> datetime:
        self._set_offset((moment - self._base().astimezone(UTC)).total_seconds())
        return self.now()

    def _set_offset(self, offset: float) -> None:
        with self._store.transaction():
            self._offset = offset
            self._store.set_meta("clock_offset_seconds", offset)
