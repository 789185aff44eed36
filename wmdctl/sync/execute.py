"""Carry out a sync plan against Zoom, recording every outcome in the ledger as it happens.

Single adds run concurrently, as many in flight as the client's concurrency
control allows for Light (Little's law over the measured latency, AIMD on
429s; zoom/concurrency.py), and the client's pacer holds them to the account's
rate. Rows with nothing but a name and an email go 30 at a time through
batch_registrants when the webinar allows it, concurrently too, up to Heavy's
rate. A daily limit of the account or host stops the run cleanly: what is in
flight finishes and is recorded, nothing new starts.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol, TypeVar

from wmdctl.sync.ledger import Ledger, iso_utc
from wmdctl.sync.plan import ZoomRegistrant, next_utc_midnight
from wmdctl.sync.rows import RegistrantRow
from wmdctl.zoom import codes
from wmdctl.zoom.concurrency import ConcurrencyController, FixedConcurrency
from wmdctl.zoom.errors import (
    ZoomAuthError,
    ZoomBadRequestError,
    ZoomError,
    ZoomNotFoundError,
    ZoomPermissionError,
    ZoomRateLimitError,
)

BATCH_SIZE = 30  # batch_registrants and registrants/status take at most 30 (notes §5)
FALLBACK_WORKERS = 4  # for a client that measures nothing (test fakes)
# What each category's calls are to the person reading "this sync needs 40 batch calls".
CALL_NAMES = {"light": "single-add", "medium": "status-change", "heavy": "batch"}
T = TypeVar("T")
# Zoom codes that mean no further add to this webinar can succeed: over (3038), full (3035, 3043).
_WEBINAR_WIDE_CODES = codes.WEBINAR_WIDE_REGISTRATION_CODES

Advance = Callable[[int], None]
ProgressFactory = Callable[[int | None, str], AbstractContextManager[Any]]
Disposition = Literal["stop", "deferred", "blocked", "failed", "unknown"]


class RegistrantClient(Protocol):
    """The part of wmdctl.zoom.client.ZoomClient the sync uses."""

    def iter_registrants(self, webinar_id: str, status: str = ...) -> Iterator[dict[str, Any]]: ...
    def add_registrant(self, webinar_id: str, body: dict[str, Any]) -> dict[str, Any]: ...
    def batch_add_registrants(
        self, webinar_id: str, registrants: list[dict[str, Any]], *, auto_approve: bool
    ) -> list[dict[str, Any]]: ...
    def update_registrant_status(self, webinar_id: str, action: str, registrants: list[dict[str, Any]]) -> int: ...
    def get_webinar(self, webinar_id: str) -> dict[str, Any]: ...
    def get_registration_questions(self, webinar_id: str) -> dict[str, Any]: ...


def concurrency_for(client: object, category: str, workers: int | None = None) -> ConcurrencyController:
    """The client's controller for ``category`` (it follows the latency), or ``workers`` in flight when given."""
    if workers:
        return FixedConcurrency(workers)
    controllers = getattr(client, "concurrency", None)
    found = controllers.get(category) if isinstance(controllers, Mapping) else None
    return found if isinstance(found, ConcurrencyController) else FixedConcurrency(FALLBACK_WORKERS)


def calls_needed(singles: int, batch_rows: int, status_changes: Sequence[int]) -> dict[str, int]:
    """Zoom calls a sync will make per category: one Light per single add, one Heavy per 30 batch rows,
    one Medium per 30 people in each status change (approve, cancel, deny)."""
    return {
        "light": singles,
        "heavy": math.ceil(batch_rows / BATCH_SIZE),
        "medium": sum(math.ceil(n / BATCH_SIZE) for n in status_changes),
    }


def run_gated(items: Sequence[T], gate: ConcurrencyController, work: Callable[[T], None]) -> None:
    """``work(item)`` for each item, with at most ``gate.limit`` in flight (re-read as the gate resizes)."""
    with ThreadPoolExecutor(max_workers=gate.bound, thread_name_prefix="wmdctl-sync") as pool:
        futures: list[Future[None]] = []
        for item in items:
            gate.acquire()
            future = pool.submit(work, item)
            future.add_done_callback(lambda _: gate.release())
            futures.append(future)
        for future in futures:
            future.result()  # re-raises any unexpected exception from a worker instead of losing it


def disposition(exc: ZoomError) -> Disposition:
    """What a failed add means for this person and for the run."""
    if isinstance(exc, ZoomRateLimitError):
        if exc.daily and exc.scope == "registrant":
            return "deferred"
        return "stop" if exc.daily else "unknown"
    if isinstance(exc, ZoomAuthError | ZoomPermissionError | ZoomNotFoundError):
        return "stop"
    if isinstance(exc, ZoomBadRequestError):
        message = (exc.message or "").lower()
        if exc.code in _WEBINAR_WIDE_CODES or "not enabled" in message or "not required" in message:
            return "stop"
        if "cannot be used to register" in message:
            return "blocked"  # denied or cancelled earlier: sticky on Zoom
        return "failed"
    return "unknown"  # 5xx or network after retries: the add may or may not have landed


@dataclass
class Outcomes:
    """What happened in this run, per email; safe to update from worker threads."""

    added: list[str] = field(default_factory=list)
    approved: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    denied: list[str] = field(default_factory=list)
    deferred: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    needs_human: dict[str, str] = field(default_factory=dict)
    stopped_by: ZoomError | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def note(self, bucket: str, email: str, reason: str | None = None) -> None:
        with self._lock:
            target = getattr(self, bucket)
            if isinstance(target, dict):
                target[email] = reason or ""
            else:
                target.append(email)

    def stop(self, exc: ZoomError) -> None:
        with self._lock:
            if self.stopped_by is None:
                self.stopped_by = exc


@dataclass
class Applier:
    client: RegistrantClient
    webinar_id: str
    ledger: Ledger
    clock: Callable[[], datetime]
    added_status: str  # what Zoom makes a new registrant: "approved" (approval_type 0) or "pending"
    outcomes: Outcomes = field(default_factory=Outcomes)

    @property
    def stopped(self) -> bool:
        return self.outcomes.stopped_by is not None

    # --- single adds --------------------------------------------------------------
    def add_one(self, row: RegistrantRow) -> None:
        if self.stopped:
            return  # never marked in flight: the next run adds it
        self.ledger.mark_in_flight([row.email], {row.email: row.fingerprint()}, self.clock())
        try:
            answer = self.client.add_registrant(self.webinar_id, row.body())
        except ZoomError as exc:
            self._record_failure(row, exc)
            return
        status = str(answer.get("status") or self.added_status)
        self.ledger.record_added(row.email, str(answer.get("registrant_id") or answer.get("id") or ""),
                                 answer.get("join_url"), status, self.clock())  # fmt: skip
        self.outcomes.note("added", row.email)

    def _record_failure(self, row: RegistrantRow, exc: ZoomError) -> None:
        now, kind, reason = self.clock(), disposition(exc), exc.message
        if kind == "deferred":
            resume = exc.resume_at if isinstance(exc, ZoomRateLimitError) and exc.resume_at else None
            until = iso_utc(resume or next_utc_midnight(now))
            self.ledger.update(row.email, now, status="deferred", deferred_until=until, last_error=reason)
            self.outcomes.note("deferred", row.email, until)
        elif kind == "blocked":
            self.ledger.update(row.email, now, status="blocked", last_error=reason)
            self.outcomes.note("needs_human", row.email, f"Zoom refuses to register this email: {reason}")
        elif kind == "failed":
            self.ledger.update(row.email, now, status="failed", last_error=str(exc))
            self.outcomes.note("failed", row.email, str(exc))
        elif kind == "stop":
            # The POST was refused outright, so it did not take effect.
            self.ledger.update(row.email, now, status="not_added", last_error=reason)
            self.outcomes.stop(exc)
        else:
            # Unknown whether it landed: stay in flight; the next run looks at Zoom's listing and settles it.
            self.ledger.update(row.email, now, last_error=str(exc))
            self.outcomes.note("failed", row.email, f"{exc} (the next run checks whether it landed)")

    def add_singly(self, rows: Sequence[RegistrantRow], workers: int | None, advance: Advance) -> None:
        """``workers`` fixes how many adds are in flight; None follows the measured latency."""

        def task(row: RegistrantRow) -> None:
            try:
                self.add_one(row)
            finally:
                advance(1)

        run_gated(rows, concurrency_for(self.client, "light", workers), task)

    # --- batch adds ---------------------------------------------------------------
    def add_in_batches(self, rows: Sequence[RegistrantRow], auto_approve: bool, advance: Advance) -> None:
        status = "approved" if auto_approve else self.added_status

        def task(chunk: list[RegistrantRow]) -> None:
            if not self.stopped:  # never marked in flight: the next run adds them
                self._add_batch(chunk, auto_approve, status, advance)

        chunks = [list(rows[start : start + BATCH_SIZE]) for start in range(0, len(rows), BATCH_SIZE)]
        run_gated(chunks, concurrency_for(self.client, "heavy"), task)

    def _add_batch(self, chunk: list[RegistrantRow], auto_approve: bool, status: str, advance: Advance) -> None:
        self.ledger.mark_in_flight([r.email for r in chunk], {r.email: r.fingerprint() for r in chunk}, self.clock())
        try:
            answer = self.client.batch_add_registrants(self.webinar_id, [r.body() for r in chunk],
                                                       auto_approve=auto_approve)  # fmt: skip
        except ZoomError as exc:
            kind = disposition(exc)
            if kind in ("deferred", "blocked", "failed"):
                # One person's problem refuses the whole batch: add these one by one to find out who.
                for row in chunk:
                    self.add_one(row)
                    advance(1)
                return
            for row in chunk:
                self._record_failure(row, exc)
            advance(len(chunk))
            return
        by_email = {str(item.get("email", "")).lower(): item for item in answer}
        now = self.clock()
        for row in chunk:
            item = by_email.get(row.email)
            if item is None:
                self.ledger.update(row.email, now, last_error="missing from the batch answer")
                self.outcomes.note("failed", row.email, "missing from Zoom's batch answer (the next run checks)")
                continue
            self.ledger.record_added(row.email, str(item.get("registrant_id", "")), item.get("join_url"), status, now)
            self.outcomes.note("added", row.email)
        advance(len(chunk))

    # --- status changes -----------------------------------------------------------
    def change_status(self, action: str, people: Sequence[ZoomRegistrant], advance: Advance) -> None:
        """approve | cancel | deny, 30 per request; the ledger learns each batch's outcome as it happens."""
        new_status = {"approve": "approved", "cancel": "cancelled", "deny": "denied"}[action]
        bucket = {"approve": "approved", "cancel": "cancelled", "deny": "denied"}[action]
        for start in range(0, len(people), BATCH_SIZE):
            if self.stopped:
                return
            chunk = list(people[start : start + BATCH_SIZE])
            try:
                self.client.update_registrant_status(
                    self.webinar_id, action, [{"id": p.id, "email": p.email} for p in chunk]
                )
            except ZoomError as exc:
                if disposition(exc) == "stop":
                    self.outcomes.stop(exc)
                for person in chunk:
                    self.outcomes.note("failed", person.email, f"{action}: {exc}")
                advance(len(chunk))
                continue
            now = self.clock()
            for person in chunk:
                self.ledger.update(person.email, now, status=new_status, registrant_id=person.id)
                self.outcomes.note(bucket, person.email)
            advance(len(chunk))


@contextmanager
def no_progress(total: int | None, description: str) -> Iterator[Advance]:
    def advance(n: int = 1) -> None:
        return None

    yield advance
