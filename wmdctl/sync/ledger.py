"""The local ledger: what wmdctl has done to each email, committed as it happens.

Zoom forgets cancelled registrants (they are listed under no status) and counts
every add against a 3-per-day cap, so the ledger remembers both. Each outcome
is committed on its own, and a row is marked ``in_flight`` *before* its POST,
so a run killed at any instant leaves a ledger the next run can finish from.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

# Statuses: Zoom's own (approved, pending, denied), plus
#   in_flight  a POST was (maybe) sent by a run that has not recorded the answer yet
#   not_added  an in-flight add that did not take effect, or was never sent: add it again
#   cancelled  cancelled by us or gone from Zoom: Zoom refuses to re-register them
#   blocked    Zoom said the email "cannot be used to register" (denied or cancelled earlier)
#   deferred   Zoom's per-registrant daily cap: retry after deferred_until
#   failed     Zoom refused this exact row (400); retried only once the row changes
ACTIVE = frozenset({"approved", "pending"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS registrants (
    webinar_id TEXT NOT NULL, email TEXT NOT NULL, status TEXT NOT NULL, registrant_id TEXT, join_url TEXT,
    fingerprint TEXT, added_at TEXT, added_by_run TEXT, attempts_day TEXT, attempts INTEGER NOT NULL DEFAULT 0,
    deferred_until TEXT, last_error TEXT, updated_at TEXT NOT NULL,
    PRIMARY KEY (webinar_id, email)
);
CREATE TABLE IF NOT EXISTS known_problems (
    webinar_id TEXT NOT NULL, fingerprint TEXT NOT NULL, source TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (webinar_id, fingerprint)
);
CREATE TABLE IF NOT EXISTS migrations (
    webinar_id TEXT NOT NULL, source TEXT NOT NULL, migrated_at TEXT NOT NULL, PRIMARY KEY (webinar_id, source)
);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY, webinar_id TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
    outcome TEXT, summary TEXT
);
"""
_COLUMNS = (
    "email", "status", "registrant_id", "join_url", "fingerprint", "added_at", "added_by_run", "attempts_day",
    "attempts", "deferred_until", "last_error", "updated_at",
)  # fmt: skip


@dataclass(frozen=True)
class LedgerEntry:
    email: str
    status: str
    registrant_id: str | None = None
    join_url: str | None = None
    fingerprint: str | None = None
    added_at: str | None = None
    added_by_run: str | None = None
    attempts_day: str | None = None  # UTC date of the attempts below
    attempts: int = 0
    deferred_until: str | None = None  # ISO UTC
    last_error: str | None = None
    updated_at: str = ""

    def attempts_on(self, day: str) -> int:
        return self.attempts if self.attempts_day == day else 0


def iso_utc(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


class Ledger:
    """One SQLite file; safe to share between the worker threads of one run (one connection, one lock)."""

    def __init__(self, path: Path, webinar_id: str, run_id: str) -> None:
        from wmdctl.state.files import create_private_file, ensure_private_dir

        ensure_private_dir(path.parent)
        create_private_file(path)  # 0600: it holds every registrant's email and join link
        self.path = path
        self.webinar_id = str(webinar_id)
        self.run_id = run_id
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        # WAL + NORMAL: every commit survives the process being killed; only a power cut may lose the last ones.
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(known_problems)")}
        if "source" not in columns:  # a ledger from before known problems were kept per list
            self._db.execute("ALTER TABLE known_problems ADD COLUMN source TEXT NOT NULL DEFAULT ''")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- reading -----------------------------------------------------------------
    def entries(self) -> dict[str, LedgerEntry]:
        with self._lock:
            cursor = self._db.execute(
                f"SELECT {', '.join(_COLUMNS)} FROM registrants WHERE webinar_id = ?", (self.webinar_id,)
            )
            return {row[0]: LedgerEntry(*row) for row in cursor.fetchall()}

    def get(self, email: str) -> LedgerEntry | None:
        with self._lock:
            row = self._db.execute(
                f"SELECT {', '.join(_COLUMNS)} FROM registrants WHERE webinar_id = ? AND email = ?",
                (self.webinar_id, email),
            ).fetchone()
        return LedgerEntry(*row) if row else None

    def _fetch(self, emails: list[str]) -> dict[str, LedgerEntry]:
        found: dict[str, LedgerEntry] = {}
        for start in range(0, len(emails), 500):  # SQLite caps the number of bound parameters
            chunk = emails[start : start + 500]
            with self._lock:
                cursor = self._db.execute(
                    f"SELECT {', '.join(_COLUMNS)} FROM registrants WHERE webinar_id = ? "
                    f"AND email IN ({', '.join('?' * len(chunk))})",
                    (self.webinar_id, *chunk),
                )
                found.update((row[0], LedgerEntry(*row)) for row in cursor.fetchall())
        return found

    # --- writing (each call is one committed transaction) --------------------------
    def put(self, entries: Iterable[LedgerEntry]) -> None:
        rows = [(self.webinar_id, *(getattr(e, c) for c in _COLUMNS)) for e in entries]
        placeholders = ", ".join("?" * (len(_COLUMNS) + 1))
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    f"INSERT OR REPLACE INTO registrants (webinar_id, {', '.join(_COLUMNS)}) VALUES ({placeholders})",
                    rows,
                )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def update(self, email: str, now: datetime, **changes: Any) -> LedgerEntry:
        """Change one entry (creating it if new) and commit."""
        current = self.get(email) or LedgerEntry(email=email, status="not_added")
        entry = replace(current, updated_at=iso_utc(now), **changes)
        self.put([entry])
        return entry

    def mark_in_flight(self, emails: Iterable[str], fingerprints: Mapping[str, str], now: datetime) -> None:
        """Before a POST: counts the attempt against today's cap, in one commit for the whole batch."""
        day = now.date().isoformat()
        emails = list(emails)
        current = self._fetch(emails)
        updated = []
        for email in emails:
            entry = current.get(email) or LedgerEntry(email=email, status="not_added")
            attempts = entry.attempts_on(day) + 1
            updated.append(
                replace(entry, status="in_flight", fingerprint=fingerprints.get(email), attempts_day=day,
                        attempts=attempts, added_by_run=self.run_id, deferred_until=None, updated_at=iso_utc(now))
            )  # fmt: skip
        self.put(updated)

    def record_added(self, email: str, registrant_id: str, join_url: str | None, status: str, now: datetime) -> None:
        self.update(email, now, status=status, registrant_id=registrant_id, join_url=join_url, added_at=iso_utc(now),
                    added_by_run=self.run_id, last_error=None)  # fmt: skip

    # --- what the previous run already reported -------------------------------------
    def known_problems(self) -> set[str]:
        """Fingerprints of the rejects (and people needing a human) the previous run reported."""
        with self._lock:
            cursor = self._db.execute("SELECT fingerprint FROM known_problems WHERE webinar_id = ?", (self.webinar_id,))
            return {row[0] for row in cursor.fetchall()}

    def replace_known_problems(self, found: Mapping[str, Iterable[str]], read: Iterable[str]) -> None:
        """This run's problems become the known ones, list by list: a fixed row is forgotten, so its return
        is new again, while a list this run did not read keeps its known rejects (else the next run that
        reads it reports them as new, and cron fails again for nothing).

        ``found``: fingerprints by source label; ``""`` holds the run's own (needs a human, a held prune),
        which every run replaces. ``read``: the labels of the lists read to the end this run.
        """
        replaced = {"", *read}
        rows = [(self.webinar_id, f, source) for source, prints in found.items() for f in set(prints)]
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany("DELETE FROM known_problems WHERE webinar_id = ? AND source = ?",
                                     [(self.webinar_id, source) for source in replaced])  # fmt: skip
                self._db.executemany(
                    "INSERT OR REPLACE INTO known_problems (webinar_id, fingerprint, source) VALUES (?, ?, ?)", rows
                )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def migrate_from(self, legacy: Path, now: datetime) -> int:
        """Copy this webinar's rows from the shared pre-per-event ledger, once. Returns the rows copied.

        Before each event had its own folder, every event's ledger was STATE_DIR/registrants.sqlite. Its
        rows remember who was added today (Zoom allows 3 adds per person per day) and who was cancelled
        (Zoom will not take them again): losing them would re-add people. Rows already here win.
        """
        if not legacy.is_file() or legacy.resolve() == self.path.resolve():
            return 0
        with self._lock:
            done = self._db.execute(
                "SELECT 1 FROM migrations WHERE webinar_id = ? AND source = ?", (self.webinar_id, str(legacy))
            ).fetchone()
            if done:
                return 0
            return self._copy_legacy(legacy, now)

    def _copy_legacy(self, legacy: Path, now: datetime) -> int:
        source = sqlite3.connect(f"file:{legacy}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            rows = []
            if "registrants" in tables:
                rows = source.execute(
                    f"SELECT webinar_id, {', '.join(_COLUMNS)} FROM registrants WHERE webinar_id = ?",
                    (self.webinar_id,),
                ).fetchall()
            runs = []
            if "runs" in tables:
                runs = source.execute(
                    "SELECT run_id, webinar_id, started_at, finished_at, outcome, summary FROM runs "
                    "WHERE webinar_id = ?",
                    (self.webinar_id,),
                ).fetchall()
        finally:
            source.close()
        placeholders = ", ".join("?" * (len(_COLUMNS) + 1))
        self._db.execute("BEGIN IMMEDIATE")
        try:
            before = self._db.total_changes
            self._db.executemany(
                f"INSERT OR IGNORE INTO registrants (webinar_id, {', '.join(_COLUMNS)}) VALUES ({placeholders})", rows
            )
            copied = self._db.total_changes - before
            self._db.executemany("INSERT OR IGNORE INTO runs VALUES (?, ?, ?, ?, ?, ?)", runs)
            self._db.execute("INSERT INTO migrations VALUES (?, ?, ?)", (self.webinar_id, str(legacy), iso_utc(now)))
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        return copied

    # --- runs --------------------------------------------------------------------
    def begin_run(self, now: datetime) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO runs (run_id, webinar_id, started_at) VALUES (?, ?, ?)",
                (self.run_id, self.webinar_id, iso_utc(now)),
            )

    def finish_run(self, now: datetime, outcome: str, summary: str) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE runs SET finished_at = ?, outcome = ?, summary = ? WHERE run_id = ?",
                (iso_utc(now), outcome, summary, self.run_id),
            )
