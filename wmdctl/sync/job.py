"""The sync job (run_sync): read the lists, compare with Zoom and the ledger, apply, report.

The whole run holds the event's sync lock (``events/<key>/sync.lock``), so two overlapping cron runs of one
event never sync at once while two events never wait for each other; the ledger is reconciled with Zoom's
listing first, which settles anything a killed run left in flight.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wmdctl.errors import ConfigError, ConfirmationRequired
from wmdctl.sync.execute import CALL_NAMES, Applier, ProgressFactory, RegistrantClient, calls_needed, no_progress
from wmdctl.sync.inputs import LoadedRows, load_rows, questions_for, write_rejects
from wmdctl.sync.ledger import Ledger, LedgerEntry
from wmdctl.sync.options import SyncOptions
from wmdctl.sync.plan import SyncPlan, ZoomRegistrant, compute_plan, reconcile
from wmdctl.sync.result import SyncResult, SyncStopped
from wmdctl.sync.status import list_zoom_registrants
from wmdctl.zoom.errors import ZoomRateLimitError

if TYPE_CHECKING:
    from wmdctl.jobs import JobContext

EventHandler = Callable[[str, str], None]  # (kind: "info" | "warn", message)


def run_sync(
    client: RegistrantClient,
    webinar_id: str,
    sources: Sequence[Path],
    *,
    event: Any,
    ledger_path: Path,
    rejects_path: Path | None,
    options: SyncOptions,
    progress: ProgressFactory | None = None,
    on_event: EventHandler | None = None,
    confirm: Callable[[str], bool] | None = None,
    lock_path: Path | None = None,
    legacy_ledger: Path | None = None,
) -> SyncResult:
    """Make the webinar's registrants match the lists. Raises SyncStopped (exit 5) on a daily limit.

    ``event`` supplies the custom registration questions (``event.registration.custom_questions``); None
    reads them from Zoom. ``confirm`` is asked before any cancel unless ``options.yes``; without it,
    cancels need ``yes`` (ConfirmationRequired otherwise). ``lock_path`` defaults to the ledger's path with
    ``.lock``; ``legacy_ledger`` is the shared ledger of older versions, whose rows for this webinar are
    copied into ``ledger_path`` once.
    """
    from wmdctl.state.store import held_lock

    emit: EventHandler = on_event or (lambda kind, message: None)
    webinar_id = str(webinar_id)
    questions = questions_for(event, client, webinar_id)
    loaded = load_rows(sources, questions, options.column_map, emit, options.read)
    event_key = str(getattr(event, "key", "") or "")
    lock_path = lock_path or ledger_path.with_name(ledger_path.name + ".lock")
    with held_lock(lock_path, options.lock_timeout) as held:
        if not held:
            emit("info", "another sync of this event is running; this one stops here")
            return SyncResult(webinar_id=webinar_id, run_id="", skipped="another sync is running",
                              event_key=event_key, started_at=options.clock())  # fmt: skip
        context = _RunContext(ledger_path, rejects_path, legacy_ledger, event_key)
        return _locked_sync(client, webinar_id, loaded, context, options, progress or no_progress, emit, confirm)


@dataclass(frozen=True)
class _RunContext:
    ledger_path: Path
    rejects_path: Path | None
    legacy_ledger: Path | None
    event_key: str


def _webinar_mode(client: RegistrantClient, webinar_id: str) -> tuple[str, bool]:
    """(status Zoom gives a new registrant, whether batch_registrants may be used)."""
    webinar = client.get_webinar(webinar_id)
    approval_type = int((webinar.get("settings") or {}).get("approval_type", 2))
    if approval_type not in (0, 1):
        raise ConfigError(
            f"registration is not enabled on webinar {webinar_id} (approval_type {approval_type})",
            hint="set the registration approval in the event file and run `wmdctl webinar apply`",
        )
    return ("approved" if approval_type == 0 else "pending"), int(webinar.get("type", 5)) == 5


def _reconciled_view(
    ledger: Ledger, zoom: Mapping[str, ZoomRegistrant], now: datetime, dry_run: bool
) -> tuple[dict[str, LedgerEntry], list[str]]:
    entries = ledger.entries()
    changes = reconcile(entries, zoom, now)
    resolved = [c.email for c in changes if c.email in entries and entries[c.email].status == "in_flight"]
    if not dry_run:
        ledger.put(changes)
    entries.update((c.email, c) for c in changes)
    return entries, resolved


def _migrate(ledger: Ledger, legacy: Path | None, now: datetime, emit: EventHandler) -> None:
    """Before per-event state, every event shared STATE_DIR/registrants.sqlite: move this webinar's rows, once."""
    copied = ledger.migrate_from(legacy, now) if legacy is not None else 0
    if copied:
        emit("info", f"moved {copied} ledger row(s) of webinar {ledger.webinar_id} from {legacy}")


def _locked_sync(
    client: RegistrantClient,
    webinar_id: str,
    loaded: LoadedRows,
    context: _RunContext,
    options: SyncOptions,
    progress: ProgressFactory,
    emit: EventHandler,
    confirm: Callable[[str], bool] | None,
) -> SyncResult:
    started = options.clock()
    added_status, batch_allowed = _webinar_mode(client, webinar_id)
    zoom = list_zoom_registrants(client, webinar_id)
    run_id = f"{started.strftime('%Y%m%dT%H%M%SZ')}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    ledger = Ledger(context.ledger_path, webinar_id, run_id)
    try:
        _migrate(ledger, context.legacy_ledger, started, emit)
        view, resolved = _reconciled_view(ledger, zoom, options.clock(), options.dry_run)
        if resolved:
            emit("info", f"settled {len(resolved)} registrant(s) left in flight by an earlier run")
        unidentified = [r.where for r in loaded.unidentified]
        plan = compute_plan(loaded.rows, zoom, view, options.plan_options(), options.clock(),
                            mentioned=loaded.rejected_emails, unidentified=unidentified,
                            unread=[p.path for p in loaded.problems])  # fmt: skip
        result = SyncResult(webinar_id=webinar_id, run_id=run_id, dry_run=options.dry_run, plan=plan,
                            loaded=loaded, rejects_path=context.rejects_path, resolved_in_flight=resolved,
                            event_key=context.event_key, started_at=started, strict=options.strict,
                            known=ledger.known_problems())  # fmt: skip
        if context.rejects_path is not None:
            write_rejects(context.rejects_path, loaded.rejects, new=result.new_problems)
        if options.dry_run:
            result.finished_at = options.clock()
            return result
        result.cancel_declined = not _cancels_confirmed(plan, options, confirm)
        try:
            _apply(client, webinar_id, ledger, plan, options, added_status, batch_allowed, progress, emit, result)
        except BaseException as stop:  # Ctrl-C, SIGTERM/SIGHUP (wmdctl.signals), a full disk: record, then go on
            _record_unfinished(ledger, result, options, stop)
            raise
        return _finish(ledger, result, options)
    finally:
        ledger.close()


def _record_unfinished(ledger: Ledger, result: SyncResult, options: SyncOptions, stop: BaseException) -> None:
    """Every outcome is already committed row by row; the run's record gets its outcome and what was done."""
    summary = result.summary()
    with suppress(sqlite3.Error):  # the disk may be what failed
        ledger.finish_run(options.clock(), "interrupted" if isinstance(stop, KeyboardInterrupt) else "failed", summary)
    stop.add_note(f"done before it stopped: {summary}; the ledger {ledger.path} keeps it, and the next sync "
                  "finishes the rest")  # fmt: skip


def _cancels_confirmed(plan: SyncPlan, options: SyncOptions, confirm: Callable[[str], bool] | None) -> bool:
    """One question for prune's cancels (approved) and denials (pending): both are permanent on Zoom."""
    if not plan.removals or options.yes:
        return True
    parts = [f"cancel {len(plan.cancel)} approved"] if plan.cancel else []
    parts += [f"deny {len(plan.deny)} pending"] if plan.deny else []
    what = " and ".join(parts) + " registrant(s)"
    if confirm is None:
        raise ConfirmationRequired(what)
    return confirm(f"{what[0].upper()}{what[1:]} no list mentions? Zoom will never let them register again.")


def _apply(
    client: RegistrantClient,
    webinar_id: str,
    ledger: Ledger,
    plan: SyncPlan,
    options: SyncOptions,
    added_status: str,
    batch_allowed: bool,
    progress: ProgressFactory,
    emit: EventHandler,
    result: SyncResult,
) -> None:
    applier = Applier(client, webinar_id, ledger, options.clock, added_status)
    result.outcomes = applier.outcomes
    batch_rows = [r for r in plan.add if r.batchable] if options.use_batch and batch_allowed else []
    single_rows = [r for r in plan.add if r not in batch_rows]
    approve_added = options.approve and added_status == "pending"
    _check_day(client, plan, len(single_rows), len(batch_rows), approve_added)
    ledger.begin_run(options.clock())
    workers = options.workers
    if plan.add:
        at_once = f"{workers} at a time" if workers else "as many at a time as Zoom's latency needs"
        ways = [f"{len(batch_rows)} in batches of 30"] if batch_rows else []
        ways += [f"{len(single_rows)} one by one, {at_once}"] if single_rows else []
        emit("info", f"adding {len(plan.add)} registrant(s): {' and '.join(ways)}")
    with progress(len(plan.add), "Adding registrants") as advance:
        # Batch adds never auto-approve: approving through the status call makes Zoom send the confirmation
        # e-mail with the join link, which a batch auto_approve does not (notes §14.3 #12).
        applier.add_in_batches(batch_rows, auto_approve=False, advance=advance)
        applier.add_singly(single_rows, workers, advance)
    _change_statuses(applier, ledger, plan, approve_added, progress, result)


def _check_day(client: RegistrantClient, plan: SyncPlan, singles: int, batch_rows: int, approve_added: bool) -> None:
    """A run the day's budget cannot finish says so before it sends anything (clients without a budget: no-op)."""
    check_day = getattr(client, "check_daily_budget", None)
    if check_day is not None:
        changes = [len(plan.approve) + (len(plan.add) if approve_added else 0), len(plan.cancel), len(plan.deny)]
        check_day(calls_needed(singles, batch_rows, changes), what="this sync", names=CALL_NAMES)


def _change_statuses(
    applier: Applier, ledger: Ledger, plan: SyncPlan, approve_added: bool, progress: ProgressFactory,
    result: SyncResult,
) -> None:  # fmt: skip
    """Approvals, then prune's cancels (approved people) and denials (pending people) unless declined."""
    to_approve = list(plan.approve)
    if approve_added:
        added = set(applier.outcomes.added)
        to_approve += [p for p in _registered(ledger, added) if p.status == "pending"]
    changes = [("approve", to_approve, "Approving")]
    if not result.cancel_declined:
        changes += [("cancel", plan.cancel, "Cancelling"), ("deny", plan.deny, "Denying")]
    for action, people, label in changes:
        if people:
            with progress(len(people), f"{label} registrants") as advance:
                applier.change_status(action, people, advance)


def _registered(ledger: Ledger, emails: set[str]) -> list[ZoomRegistrant]:
    entries = ledger.entries()
    return [
        ZoomRegistrant(e, entries[e].registrant_id or "", entries[e].status, entries[e].join_url)
        for e in sorted(emails)
        if e in entries and entries[e].registrant_id
    ]


def _finish(ledger: Ledger, result: SyncResult, options: SyncOptions) -> SyncResult:
    outcomes = result.outcomes
    stopped = outcomes.stopped_by if outcomes else None
    ledger.replace_known_problems(result.problems_by_source(), read=[s.path for s in result.loaded.sources])
    result.finished_at = options.clock()
    ledger.finish_run(result.finished_at, "stopped" if stopped else "done", result.summary())
    if stopped is None:
        return result
    if isinstance(stopped, ZoomRateLimitError):
        raise SyncStopped(stopped, result)
    raise stopped


def sync_event(
    job: JobContext,
    sources: Sequence[Path],
    *,
    options: SyncOptions,
    webinar_id: str | None = None,
    rejects_path: Path | None = None,
    progress: ProgressFactory | None = None,
    on_event: EventHandler | None = None,
    confirm: Callable[[str], bool] | None = None,
) -> SyncResult:
    """run_sync for the job's event: its webinar (unless given), its ledger, lock and rejects file."""
    from wmdctl.state.store import LEDGER_FILE as LEGACY_LEDGER

    client = job.client()  # first: the in-process sandbox sets its URLs when it starts
    state = job.event_state()
    return run_sync(
        client, webinar_id or job.webinar_id(), sources, event=job.event(), ledger_path=state.ledger,
        lock_path=state.sync_lock, legacy_ledger=job.state_dir / LEGACY_LEDGER,
        rejects_path=_rejects_file(rejects_path, state.rejects, options.dry_run), options=options,
        progress=progress, on_event=on_event,
        confirm=confirm,
    )  # fmt: skip


def _rejects_file(given: Path | None, default: Path, dry_run: bool) -> Path | None:
    """A dry run keeps the last real run's rejects file: it writes one only where --rejects says."""
    if given is not None:
        return given
    return None if dry_run else default
