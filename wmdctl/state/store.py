"""The state dir: what wmdctl remembers between runs, in one place.

Layout (every folder 0700, every file 0600):

    webinars.json                      {world: {event_key: webinar_id}}
    breakouts.json                     {world: {event_key: {"meeting_id": ...}}}
    events/<event_key>/registrants.sqlite   the registrant ledger of that event's webinar
    events/<event_key>/sync.lock            held by the one sync that runs for that event
    events/<event_key>/registrant-rejects.csv  the default rejects file of that event

"World" is the Zoom a record belongs to (the API URL, or the sandbox's database), so a sandbox run never
hands a sandbox id to the real Zoom. Two events that share a state dir never share a lock, a ledger or a
rejects file.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from wmdctl.state.files import create_private_file, ensure_private_dir, lax_permissions, write_json_atomic

WEBINARS_FILE = "webinars.json"
BREAKOUTS_FILE = "breakouts.json"
EVENTS_DIR = "events"
LEDGER_FILE = "registrants.sqlite"
SYNC_LOCK_FILE = "sync.lock"
REJECTS_FILE = "registrant-rejects.csv"
FORMAT_VERSION = 1

_log = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(key: str) -> str:
    """An event key as a folder name: never a path separator, never '.' or '..'."""
    name = _UNSAFE.sub("_", key).strip("._") or "event"
    return name[:100]


@dataclass(frozen=True)
class EventState:
    """The files that belong to one event in a state dir."""

    folder: Path

    @property
    def ledger(self) -> Path:
        return self.folder / LEDGER_FILE

    @property
    def sync_lock(self) -> Path:
        return self.folder / SYNC_LOCK_FILE

    @property
    def rejects(self) -> Path:
        return self.folder / REJECTS_FILE


@contextmanager
def held_lock(lock_path: Path, timeout: float) -> Iterator[bool]:
    """True while we hold the lock; False when another process kept it past ``timeout`` seconds.

    The caller decides what "someone else is at it" means (a cron sync stops quietly), so a timeout is an
    answer, not an exception.
    """
    lock = StateStore(lock_path.parent).lock(lock_path)
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


class StateStore:
    """Owns one state dir: its permissions, its id records and each event's files."""

    def __init__(self, root: Path, warn: Callable[[str], None] | None = None) -> None:
        self.root = Path(root)
        self.warn = warn or _log.warning  # without a handler, logging prints a warning on stderr

    def ensure(self) -> Path:
        return ensure_private_dir(self.root)

    def is_lax(self) -> bool:
        """True when others may read or write the state dir (warn, naming `chmod 700`)."""
        return self.root.exists() and lax_permissions(self.root)

    def event(self, event_key: str) -> EventState:
        self.ensure()
        # One level at a time: ensure_private_dir sets 0700 on the folder it is given, not on parents it makes.
        events = ensure_private_dir(self.root / EVENTS_DIR)
        return EventState(ensure_private_dir(events / safe_name(event_key)))

    def lock(self, path: Path) -> FileLock:
        """A file lock whose lock file is created 0600 and never through a symlink."""
        self.ensure()
        create_private_file(path)
        return FileLock(str(path), mode=0o600)

    # --- id records --------------------------------------------------------------
    def webinar_id(self, world: str, event_key: str) -> str | None:
        value = self._records(WEBINARS_FILE, "webinars").get(world, {}).get(event_key)
        return str(value) if value else None

    def save_webinar_id(self, world: str, event_key: str, webinar_id: str | int | None) -> None:
        self._update(WEBINARS_FILE, "webinars", world, event_key, str(webinar_id) if webinar_id else None)

    def forget_webinar_id(self, world: str, event_key: str, webinar_id: str) -> bool:
        """Forget the event's webinar only while the record still holds ``webinar_id``; False if it changed.

        A delete confirmed at a prompt must not erase the id a concurrent `webinar apply` recorded meanwhile.
        """
        return self._update(WEBINARS_FILE, "webinars", world, event_key, None, only_if=str(webinar_id))

    def meeting_id(self, world: str, event_key: str) -> str | None:
        record = self._records(BREAKOUTS_FILE, None).get(world, {}).get(event_key) or {}
        value = record.get("meeting_id") if isinstance(record, dict) else None
        return str(value) if value else None

    def save_meeting_id(self, world: str, event_key: str, meeting_id: str | None) -> None:
        value = {"meeting_id": str(meeting_id)} if meeting_id else None
        self._update(BREAKOUTS_FILE, None, world, event_key, value)

    def _records(self, name: str, section: str | None) -> dict[str, dict[str, Any]]:
        try:
            return self._read_records(name, section)
        except _Corrupt:
            # A corrupt record must not stop the job: rediscovery by topic and start finds the object again.
            return {}

    def _read_records(self, name: str, section: str | None) -> dict[str, dict[str, Any]]:
        """The records in ``name``; raises _Corrupt when the file is there but is not records."""
        try:
            data: Any = json.loads((self.root / name).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:  # ValueError: bad JSON or bad UTF-8
            raise _Corrupt(str(exc)) from exc
        if section is not None:
            data = data.get(section) if isinstance(data, dict) else None
        if not isinstance(data, dict):
            raise _Corrupt(f"no {section or 'records'} object in it")
        return data

    def _update(
        self, name: str, section: str | None, world: str, event_key: str, value: Any, *, only_if: Any = None
    ) -> bool:
        """Set (or, with None, remove) one event's record; with ``only_if``, only while it holds that value."""
        self.ensure()
        path = self.root / name
        with self.lock(self.root / f"{name}.lock"):
            try:
                records = self._read_records(name, section)
            except _Corrupt as corrupt:
                self._move_aside(path, str(corrupt))
                records = {}
            by_event = dict(records.get(world, {}))
            if only_if is not None and str(by_event.get(event_key)) != only_if:
                return False
            if value is None:
                by_event.pop(event_key, None)
            else:
                by_event[event_key] = value
            if by_event:
                records[world] = by_event
            else:
                records.pop(world, None)
            payload = {"version": FORMAT_VERSION, section: records} if section else records
            write_json_atomic(path, payload)
        return True

    def _move_aside(self, path: Path, why: str) -> None:
        """Keep a corrupt record file (it may hold other events' ids) before it is written anew: only a write does
        this, so a command that only reads never destroys it."""
        aside = path.with_name(f"{path.name}.corrupt-{datetime.now(UTC):%Y%m%dT%H%M%SZ}")
        os.replace(path, aside)
        aside.chmod(0o600)  # ids of every event: owner only, as the file was meant to be
        self.warn(f"{path} could not be read ({why}): kept as {aside} and written anew; the ids of other events "
                  "that were in it are found again by topic and start, or copy them back from that file")  # fmt: skip


class _Corrupt(Exception):
    """A record file that exists but holds no records (bad JSON, bad UTF-8, the wrong shape)."""
