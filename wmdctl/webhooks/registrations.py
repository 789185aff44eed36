"""Registration events into the ledger, and the auto-approval rules.

Zoom may deliver an ``_approved`` before its ``_created``. Each registrant's newest event (by ``event_ts``)
is remembered, and an older event that arrives later adds what it knows (the join URL, the name) but never
turns an approved person back into a pending one, and never triggers an approval.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from wmdctl.event.model import AutoApprove
from wmdctl.sync.execute import RegistrantClient
from wmdctl.sync.ledger import Ledger
from wmdctl.sync.status import StatusChange, send_status
from wmdctl.webhooks.db import Database
from wmdctl.webhooks.events import Incoming

STATUS_OF = {
    "webinar.registration_approved": "approved",
    "webinar.registration_denied": "denied",
    "webinar.registration_cancelled": "cancelled",
}
LEDGER_RUN = "webhooks"


@dataclass(frozen=True)
class Registered:
    """What one registration event did; ``approve`` is set when the rules want this person approved."""

    email: str
    registrant_id: str
    status: str  # the status now in force (the newest event's)
    stale: bool  # an older event than one already applied
    approve: bool = False


def _registrant(event: Incoming) -> dict[str, Any]:
    value = event.object.get("registrant")
    return value if isinstance(value, dict) else {}


def record(
    db: Database, ledger_path: Path, webinar_id: str, event: Incoming, rules: AutoApprove, now: datetime
) -> Registered:
    """Apply one registration event to the versions table and the ledger; decide whether to approve."""
    person = _registrant(event)
    email = str(person.get("email") or "").strip().lower()
    registrant_id = str(person.get("id") or "")
    if not email or not registrant_id:
        raise ValueError("the event names no registrant id and email")
    status = STATUS_OF.get(event.type) or str(person.get("status") or "pending")
    with db.transaction() as tx:
        row = tx.execute(
            "SELECT status, event_ts FROM registrant_versions WHERE webinar_id = ? AND registrant_id = ?",
            (webinar_id, registrant_id),
        ).fetchone()
        stale = row is not None and int(row[1]) > event.event_ts
        if not stale:
            tx.execute(
                "INSERT OR REPLACE INTO registrant_versions (webinar_id, registrant_id, email, status, event_ts) "
                "VALUES (?, ?, ?, ?, ?)",
                (webinar_id, registrant_id, email, status, event.event_ts),
            )
    current = str(row[0]) if stale and row is not None else status
    changes: dict[str, Any] = {"registrant_id": registrant_id}
    if person.get("join_url"):
        changes["join_url"] = str(person["join_url"])
    if not stale:
        changes["status"] = status
    ledger = Ledger(ledger_path, webinar_id, LEDGER_RUN)
    try:
        existing = ledger.get(email)
        if existing is None and stale:
            changes["status"] = current
        ledger.update(email, now, **changes)
    finally:
        ledger.close()
    approve = not stale and current == "pending" and rules.matches(email)
    return Registered(email, registrant_id, current, stale, approve)


def note_approved(db: Database, webinar_id: str, registrant_ids: Sequence[str]) -> None:
    """After our own approval: the person is approved, whatever older pending event still arrives."""
    with db.transaction() as tx:
        tx.executemany(
            "UPDATE registrant_versions SET status = 'approved' WHERE webinar_id = ? AND registrant_id = ?",
            [(webinar_id, rid) for rid in registrant_ids],
        )


def approve(client: RegistrantClient, webinar_id: str, people: Sequence[Registered], ledger_path: Path) -> StatusChange:
    """One batched status call per 30 people, the same call `registrants approve` makes."""
    targets = [{"id": p.registrant_id, "email": p.email} for p in people]
    return send_status(client, webinar_id, "approve", targets, ledger_path=ledger_path, run_id=LEDGER_RUN)


def apply_approve_rules(
    client: RegistrantClient, webinar_id: str, rules: AutoApprove, *, ledger_path: Path, dry_run: bool = False
) -> StatusChange:
    """Approve every pending registrant the rules match: what cron runs for anyone the webhooks missed.

    Lists only the pending (Zoom lists each status apart), so it costs one page per 300 pending people.
    """
    matching: list[dict[str, str]] = []
    for person in client.iter_registrants(str(webinar_id), "pending"):
        email = str(person.get("email") or "").strip().lower()
        if email and rules.matches(email):
            matching.append({"id": str(person.get("id") or ""), "email": email})
    result = StatusChange("approve", dry_run=dry_run, targets=[t["email"] for t in matching])
    if dry_run or not matching:
        return result
    return send_status(client, webinar_id, "approve", matching, ledger_path=ledger_path, result=result)
