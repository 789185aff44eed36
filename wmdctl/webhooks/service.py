"""What the commands call: build a receiver from settings and the event, read the inbox and the live store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from wmdctl.config import is_loopback
from wmdctl.errors import UsageError
from wmdctl.event.model import Event
from wmdctl.webhooks import livestore
from wmdctl.webhooks.db import Database
from wmdctl.webhooks.inbox import Inbox, InboxRecord, iso_now
from wmdctl.webhooks.snapshot import build_snapshot


def check_listen(host: str, path: str, max_age: float, allow_remote: bool) -> None:
    if not is_loopback(host) and not allow_remote:
        raise UsageError(
            f"--host {host} is not a loopback address",
            hint="publish the receiver through an HTTPS reverse proxy (README: Webhooks), or pass --allow-remote",
        )
    if not path.startswith("/") or path == "/healthz":
        raise UsageError(f"--path {path!r} must start with '/' and not be /healthz", hint="e.g. --path /zoom/webhooks")
    if max_age <= 0:
        raise UsageError("--max-age must be a positive number of seconds", hint="the default is 300 (5 minutes)")


def parse_since(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"--since {value!r} is not an ISO date or time", hint="e.g. --since 2026-12-01T09:00Z"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def received(db_path: Path, kind: str | None, since: datetime | None) -> list[InboxRecord]:
    if not db_path.exists():
        return []
    with Database(db_path) as db:
        return Inbox(db).records(kind=kind, since=since)


def prune(
    db_path: Path, older_than_days: float, *, include_failed: bool, dry_run: bool, now: datetime | None = None
) -> dict[str, Any]:
    """`webhooks prune`: delete the events done with and received more than ``older_than_days`` ago."""
    if not older_than_days >= 0:
        raise UsageError(f"--older-than {older_than_days:g} is not a number of days", hint="e.g. --older-than 30")
    before = (now or datetime.now(UTC)) - timedelta(days=older_than_days)
    deleted, kept = 0, 0
    if db_path.exists():
        with Database(db_path) as db:
            deleted, kept = Inbox(db).prune(before, include_failed=include_failed, dry_run=dry_run)
    return {"deleted": deleted, "kept": kept, "received_before": iso_now(before), "dry_run": dry_run,
            "included_failed": include_failed}  # fmt: skip


def live_snapshot(db_path: Path, event: Event, webinar_id: str, now: datetime | None = None) -> dict[str, Any]:
    now = now or datetime.now(UTC)
    if not db_path.exists():
        return build_snapshot(webinar_id, None, [], event.panels, now)
    with Database(db_path) as db:
        instance = livestore.latest_instance(db, webinar_id)
        moves = livestore.movements(db, webinar_id, instance.webinar_uuid) if instance else []
        return build_snapshot(webinar_id, instance, moves, event.panels, now)
