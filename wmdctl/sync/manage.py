"""Listing registrants and changing their status by email (approve, deny, cancel)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wmdctl.sync.apply import BATCH_SIZE, RegistrantClient
from wmdctl.sync.engine import REGISTRANT_STATUSES
from wmdctl.sync.ledger import Ledger
from wmdctl.sync.mapping import map_columns
from wmdctl.sync.normalise import RowRejected, normalise_email
from wmdctl.sync.sources import read_source
from wmdctl.zoom.errors import ZoomError, ZoomRateLimitError

BASE_COLUMNS = (
    "email", "first_name", "last_name", "status", "id", "join_url", "org", "job_title", "city", "country", "phone",
    "create_time",
)  # fmt: skip
NEW_STATUS = {"approve": "approved", "deny": "denied", "cancel": "cancelled"}


def fetch_registrants(client: RegistrantClient, webinar_id: str, status: str = "all") -> list[dict[str, Any]]:
    """Every page of one status, or of all three; each registrant carries its ``status``."""
    statuses = REGISTRANT_STATUSES if status == "all" else (status,)
    people = []
    for one in statuses:
        for item in client.iter_registrants(str(webinar_id), one):
            people.append({**item, "status": item.get("status") or one})
    return people


def flatten(people: Sequence[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """Columns and rows for a table or file: the usual fields, then one column per custom question."""
    titles: list[str] = []
    rows = []
    for person in people:
        answers = {str(q.get("title", "")): q.get("value", "") for q in person.get("custom_questions") or []}
        titles.extend(t for t in answers if t not in titles)
        rows.append({**{c: person.get(c, "") for c in BASE_COLUMNS}, **answers})
    return [*BASE_COLUMNS, *titles], rows


def read_email_file(path: Path) -> list[str]:
    """Emails from a CSV/XLSX list (its email column) or a text file with one email per line."""
    table = read_source(path)
    mapping = map_columns(table.headers)
    column = mapping.header_for("email")
    if column is not None:
        return [r.values.get(column, "") for r in table.records]
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass
class StatusChange:
    action: str
    changed: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not (self.not_found or self.invalid or self.failed)

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action, "changed": self.changed, "not_found": self.not_found,
                "invalid": self.invalid, "failed": self.failed}  # fmt: skip


def resolve_emails(raw: Iterable[str]) -> tuple[list[str], list[str]]:
    """(valid normalised emails without repeats, invalid inputs)."""
    valid: list[str] = []
    invalid: list[str] = []
    for value in raw:
        try:
            email = normalise_email(value)
        except RowRejected:
            invalid.append(value)
            continue
        if email not in valid:
            valid.append(email)
    return valid, invalid


def change_status(
    client: RegistrantClient, webinar_id: str, action: str, emails: Sequence[str], *, ledger_path: Path | None
) -> StatusChange:
    """Look the registrant ids up (Zoom's listing, all statuses), then PUT in batches of 30."""
    valid, invalid = resolve_emails(emails)
    result = StatusChange(action, invalid=invalid)
    listed = {str(p.get("email", "")).lower(): p for p in fetch_registrants(client, webinar_id)}
    targets = []
    for email in valid:
        person = listed.get(email)
        if person is None:
            result.not_found.append(email)  # cancelled people are listed nowhere: nothing to change
        else:
            targets.append({"id": str(person.get("id", "")), "email": email})
    ledger = Ledger(ledger_path, webinar_id, f"{action}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}") if ledger_path else None
    try:
        for start in range(0, len(targets), BATCH_SIZE):
            batch = targets[start : start + BATCH_SIZE]
            try:
                client.update_registrant_status(webinar_id, action, batch)
            except ZoomError as exc:
                if isinstance(exc, ZoomRateLimitError) and exc.daily and exc.scope != "registrant":
                    raise  # the account or host budget is spent: nothing else will work today
                result.failed.update((t["email"], str(exc)) for t in batch)
                continue
            result.changed.extend(t["email"] for t in batch)
            if ledger is not None:
                now = datetime.now(UTC)
                for target in batch:
                    ledger.update(target["email"], now, status=NEW_STATUS[action], registrant_id=target["id"])
    finally:
        if ledger is not None:
            ledger.close()
    return result
