"""The webhooks database: one SQLite file per event (``events/<key>/webhooks.sqlite``), mode 0600.

It holds the inbox (every verified delivery, as received), the newest registration event seen per
registrant (so a late, older event never undoes a newer one) and the live-attendance store. The
receiver's threads, its worker and a `wmdctl live` in another process share it; SQLite's WAL lets the
readers read while the receiver writes.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from wmdctl.state.files import create_private_file, ensure_private_dir
from wmdctl.state.sqlite import immediate_transaction
from wmdctl.state.store import StateStore

DB_FILE = "webhooks.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS inbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT, dedupe_key TEXT NOT NULL UNIQUE, type TEXT NOT NULL,
    event_ts INTEGER NOT NULL, webinar_id TEXT NOT NULL, webinar_uuid TEXT NOT NULL, subject TEXT NOT NULL,
    received_at TEXT NOT NULL, deliveries INTEGER NOT NULL DEFAULT 1, body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'received', reason TEXT, attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt REAL NOT NULL DEFAULT 0, processed_at TEXT
);
CREATE INDEX IF NOT EXISTS inbox_status ON inbox (status, next_attempt);
CREATE TABLE IF NOT EXISTS registrant_versions (
    webinar_id TEXT NOT NULL, registrant_id TEXT NOT NULL, email TEXT NOT NULL, status TEXT NOT NULL,
    event_ts INTEGER NOT NULL, PRIMARY KEY (webinar_id, registrant_id)
);
CREATE TABLE IF NOT EXISTS participant_events (
    inbox_id INTEGER PRIMARY KEY, webinar_id TEXT NOT NULL, webinar_uuid TEXT NOT NULL, identity TEXT NOT NULL,
    kind TEXT NOT NULL, at TEXT NOT NULL, event_ts INTEGER NOT NULL, name TEXT NOT NULL, email TEXT NOT NULL,
    registrant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS participant_instance ON participant_events (webinar_id, webinar_uuid);
CREATE TABLE IF NOT EXISTS instances (
    webinar_uuid TEXT PRIMARY KEY, webinar_id TEXT NOT NULL, started_at TEXT, ended_at TEXT,
    last_event_ts INTEGER NOT NULL
);
"""


def db_path(state_dir: Path, event_key: str) -> Path:
    return StateStore(state_dir).event(event_key).folder / DB_FILE


class Database:
    """One connection, one lock: safe to share between the receiver's threads and its worker."""

    def __init__(self, path: Path) -> None:
        ensure_private_dir(path.parent)
        create_private_file(path)  # 0600 before SQLite writes a byte of anyone's email into it
        self.path = path
        self._lock = threading.RLock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10)
        self._db.execute("PRAGMA journal_mode=WAL")
        # FULL, not NORMAL: the 200 tells Zoom it may forget the event, so the commit must survive a power cut.
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)
        for suffix in ("-wal", "-shm"):  # SQLite creates these with the umask's mode
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.chmod(0o600)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> int:
        """One statement, committed on its own; returns the rows it changed."""
        with self._lock:
            return self._db.execute(sql, params).rowcount

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database and empty it (best effort while others read)."""
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return immediate_transaction(self._db, self._lock)
