"""The worker: takes what the inbox holds, oldest event first, and does what each event means.

It runs after the 200 went back, in its own thread, and starts with whatever a killed receiver left
open. Each event is processed once: the inbox row is its record, finished (``processed``, ``ignored``,
``failed``) or postponed (``retry``) with the reason. Approvals are gathered across the batch and sent
30 at a time, through the same status call as `registrants approve`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from wmdctl.event.model import AutoApprove
from wmdctl.sync.execute import RegistrantClient
from wmdctl.webhooks import livestore, registrations
from wmdctl.webhooks.db import Database
from wmdctl.webhooks.events import (
    INSTANCE_EVENTS,
    PARTICIPANT_EVENTS,
    RECORDING_EVENTS,
    REGISTRATION_EVENTS,
    URL_VALIDATION,
    MalformedEvent,
    parse,
)
from wmdctl.webhooks.inbox import Inbox, InboxRecord
from wmdctl.zoom.errors import ZoomError, ZoomRateLimitError

RETRY_DELAYS = (30.0, 120.0, 600.0, 1800.0)  # then `failed`: cron's `registrants sync --approve-rules` catches up


@dataclass
class ProcessorConfig:
    webinar_id: str
    ledger_path: Path
    rules: AutoApprove = field(default_factory=AutoApprove)
    client: Callable[[], RegistrantClient] | None = None  # None: nobody can be approved from here
    retry_delays: tuple[float, ...] = RETRY_DELAYS


class Processor:
    def __init__(
        self,
        db: Database,
        config: ProcessorConfig,
        *,
        clock: Callable[[], float] = time.time,
        log: Callable[[str], None] = lambda message: None,
    ) -> None:
        self.db = db
        self.inbox = Inbox(db)
        self.config = config
        self.clock = clock
        self.log = log
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._idle = threading.Condition()
        self._thread: threading.Thread | None = None

    # --- one pass -------------------------------------------------------------------
    def process_due(self) -> int:
        """Process every open event whose turn has come; returns how many were handled."""
        records = self.inbox.due(self.clock())
        approvals: list[tuple[InboxRecord, registrations.Registered]] = []
        for record in records:
            try:
                wanted = self._handle(record)
            except (MalformedEvent, ValueError) as error:
                self.inbox.finish(record.id, "failed", str(error), self._now())
                continue
            except Exception as error:  # a locked ledger, a full disk: try again later
                self._postpone(record, f"{type(error).__name__}: {error}")
                continue
            if wanted is not None:
                approvals.append((record, wanted))
        if approvals:
            self._approve(approvals)
        return len(records)

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), UTC)

    def _handle(self, record: InboxRecord) -> registrations.Registered | None:
        """Finish the record, or return the registrant the rules want approved (finished after the call)."""
        kind, config = record.type, self.config
        if kind == URL_VALIDATION:
            self.inbox.finish(record.id, "processed", "answered when received", self._now())
            return None
        if kind not in REGISTRATION_EVENTS | PARTICIPANT_EVENTS | INSTANCE_EVENTS | RECORDING_EVENTS:
            self.inbox.finish(record.id, "ignored", f"wmdctl does not use {kind} events", self._now())
            return None
        if record.webinar_id != config.webinar_id:
            why = f"webinar {record.webinar_id or '(none)'} is not this event's webinar {config.webinar_id}"
            self.inbox.finish(record.id, "ignored", why, self._now())
            return None
        event = parse(record.body_bytes())
        if kind in REGISTRATION_EVENTS:
            done = registrations.record(
                self.db, config.ledger_path, config.webinar_id, event, config.rules, self._now()
            )
            if done.approve and config.client is not None:
                return done
            self.inbox.finish(record.id, "processed", _registration_reason(done, config), self._now())
        elif kind in PARTICIPANT_EVENTS:
            move = livestore.record_participant(self.db, record.id, event)
            self.inbox.finish(record.id, "processed", f"live: {move.name or move.identity} {move.kind}", self._now())
        elif kind in INSTANCE_EVENTS:
            livestore.record_instance(self.db, event)
            self.inbox.finish(record.id, "processed", f"live: {kind.split('.')[1]}", self._now())
        else:
            files = event.object.get("recording_files")
            count = len(files) if isinstance(files, list) else 0
            self.inbox.finish(record.id, "processed", f"recording ready: {count} file(s)", self._now())
        return None

    def _approve(self, approvals: list[tuple[InboxRecord, registrations.Registered]]) -> None:
        assert self.config.client is not None
        people = list({a[1].registrant_id: a[1] for a in approvals}.values())
        try:
            result = registrations.approve(self.config.client(), self.config.webinar_id, people,
                                           self.config.ledger_path)  # fmt: skip
        except ZoomRateLimitError as limit:  # the daily budget is spent: wait for Zoom's reset
            until = limit.resume_at.timestamp() if limit.resume_at else self.clock() + 3600
            for record, _ in approvals:
                self.inbox.postpone(record.id, f"approval waits for Zoom's daily limit: {limit}", until)
            return
        except ZoomError as error:
            for record, _ in approvals:
                self._postpone(record, f"approval failed: {error}")
            return
        approved = set(result.changed)
        registrations.note_approved(self.db, self.config.webinar_id, [p.registrant_id for p in people
                                                                      if p.email in approved])  # fmt: skip
        if approved:
            self.log(f"approved {len(approved)} registrant(s) matching [registration.auto_approve]")
        for record, person in approvals:
            if person.email in approved:
                self.inbox.finish(record.id, "processed", f"{person.email} approved by the rules", self._now())
            else:
                self._postpone(record, f"approval failed: {result.failed.get(person.email, 'not changed')}")

    def _postpone(self, record: InboxRecord, reason: str) -> None:
        delays = self.config.retry_delays
        if record.attempts >= len(delays):
            self.inbox.finish(record.id, "failed", f"gave up after {record.attempts + 1} attempts: {reason}",
                              self._now())  # fmt: skip
        else:
            self.inbox.postpone(record.id, reason, self.clock() + delays[record.attempts])

    # --- the worker thread ------------------------------------------------------------
    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="wmdctl-webhooks-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                handled = self.process_due()
            except Exception as error:  # the worker must outlive one bad pass; the rows stay open
                self.log(f"webhook processing failed, will retry: {error}")
                handled = 0
            with self._idle:
                self._idle.notify_all()
            if handled:
                continue
            upcoming = self.inbox.next_due()
            wait = 60.0 if upcoming is None else min(60.0, max(0.05, upcoming - self.clock()))
            self._wake.wait(wait)

    def wait_idle(self, timeout: float) -> bool:
        """True once nothing open is due (for tests and a clean shutdown); False after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while True:
                due = self.inbox.due(self.clock(), limit=1)
                if not due:
                    return True
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.wake()
                self._idle.wait(min(left, 0.5))


def _registration_reason(done: registrations.Registered, config: ProcessorConfig) -> str:
    if done.stale:
        return f"older than an event already applied: {done.email} stays {done.status}"
    if done.approve and config.client is None:
        return f"ledger: {done.email} {done.status} (matches the rules, but no Zoom client to approve with)"
    rule = " (no auto-approve rule matches)" if done.status == "pending" and config.rules.email_domains else ""
    return f"ledger: {done.email} {done.status}{rule}"
