"""Registrants by status: Zoom's listing under each status, and changing a status by email (approve, deny, cancel)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wmdctl.sync.execute import BATCH_SIZE, RegistrantClient
from wmdctl.sync.ledger import Ledger
from wmdctl.sync.mapping import map_columns
from wmdctl.sync.normalise import RowRejected, normalise_email
from wmdctl.sync.plan import ZoomRegistrant
from wmdctl.sync.sources import SourceUnreadable, read_source
from wmdctl.zoom.endpoints.registrants import REGISTRANT_STATUSES  # Zoom's statuses, written once, in the client
from wmdctl.zoom.errors import ZoomError, ZoomRateLimitError

BASE_COLUMNS = (
    "email", "first_name", "last_name", "status", "id", "join_url", "org", "job_title", "city", "country", "phone",
    "create_time",
)  # fmt: skip
NEW_STATUS = {"approve": "approved", "deny": "denied", "cancel": "cancelled"}


def list_zoom_registrants(client: RegistrantClient, webinar_id: str) -> dict[str, ZoomRegistrant]:
    """Everyone Zoom lists, under every status, through every page (Zoom has no "all" status)."""
    people: dict[str, ZoomRegistrant] = {}
    for status in REGISTRANT_STATUSES:
        for item in client.iter_registrants(webinar_id, status):
            email = str(item.get("email", "")).strip().lower()
            if email:
                people[email] = ZoomRegistrant(email, str(item.get("id", "")), status, item.get("join_url"))
    return people


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
    try:
        tables = read_source(path).tables
    except SourceUnreadable:
        tables = []  # a plain list of emails has no header row: read it as lines below
    for table in tables:
        column = map_columns(table.headers).header_for("email")
        if column is not None:
            return [r.values.get(column, "") for r in table.records]
    if not path.is_file():
        raise SourceUnreadable(f"{path} does not exist", hint="check the --from path")
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


# Statuses an action may be sent for, and why not otherwise. Zoom's `cancel` revokes an approval (notes §5):
# a pending person has none, and is removed with `deny`. Both are sticky (§14.3 #10), so wmdctl does not
# swap one for the other on its own: it leaves the person alone and says which command to run.
NOT_FOR = {
    "cancel": {
        "pending": "pending, so there is no approval to cancel; use `wmdctl registrants deny EMAIL`",
        "denied": "already denied: Zoom will not let them register again",
    },
}


@dataclass
class StatusChange:
    action: str
    dry_run: bool = False
    changed: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)  # who the action applies to (sent, or would be)
    not_found: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    wrong_status: dict[str, str] = field(default_factory=dict)  # email -> why the action was not sent for them
    failed: dict[str, str] = field(default_factory=dict)
    daily_limit: ZoomRateLimitError | None = None  # a daily limit stopped some of them: exit 5, resume then

    @property
    def ok(self) -> bool:
        return not (self.not_found or self.invalid or self.wrong_status or self.failed)

    def would_line(self, limit: int = 10) -> str:
        """A dry run's answer: ``would deny 2: a@x.org, b@y.org (dry run: nothing sent)``."""
        shown = ", ".join(self.targets[:limit]) or "nobody"
        more = f" and {len(self.targets) - limit} more" if len(self.targets) > limit else ""
        return f"would {self.action} {len(self.targets)}: {shown}{more} (dry run: nothing sent)"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"action": self.action, "dry_run": self.dry_run, "changed": self.changed,
                "not_found": self.not_found, "invalid": self.invalid, "wrong_status": self.wrong_status,
                "failed": self.failed}  # fmt: skip
        if self.dry_run:
            data["would_change"] = self.targets
        return data


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


def find_targets(
    client: RegistrantClient, webinar_id: str, action: str, emails: Sequence[str], *, dry_run: bool = False
) -> tuple[StatusChange, list[dict[str, str]]]:
    """Look the registrant ids up (Zoom's listing, all statuses); sort out who the action cannot apply to."""
    valid, invalid = resolve_emails(emails)
    result = StatusChange(action, dry_run=dry_run, invalid=invalid)
    listed = {str(p.get("email", "")).lower(): p for p in fetch_registrants(client, webinar_id)}
    refusals = NOT_FOR.get(action, {})
    targets = []
    for email in valid:
        person = listed.get(email)
        if person is None:
            result.not_found.append(email)  # cancelled people are listed nowhere: nothing to change
        elif str(person.get("status", "")) in refusals:
            result.wrong_status[email] = refusals[str(person.get("status", ""))]
        else:
            targets.append({"id": str(person.get("id", "")), "email": email})
    result.targets = [t["email"] for t in targets]
    return result, targets


def change_status(
    client: RegistrantClient,
    webinar_id: str,
    action: str,
    emails: Sequence[str],
    *,
    ledger_path: Path | None,
    dry_run: bool = False,
) -> StatusChange:
    """Look the registrants up, then PUT in batches of 30; with ``dry_run``, only look them up."""
    result, targets = find_targets(client, webinar_id, action, emails, dry_run=dry_run)
    if dry_run:
        return result
    return send_status(client, webinar_id, action, targets, ledger_path=ledger_path, result=result)


def send_status(
    client: RegistrantClient,
    webinar_id: str,
    action: str,
    targets: Sequence[dict[str, str]],
    *,
    ledger_path: Path | None,
    result: StatusChange | None = None,
    run_id: str | None = None,
) -> StatusChange:
    """PUT the status of registrants whose ids are known (``{"id", "email"}``), 30 per call; record each batch.

    Shared by `registrants approve|deny|cancel` (after looking the ids up) and the webhook receiver's
    auto-approval (which has them from the event), so both spend the same rate budget the same way.
    """
    result = result or StatusChange(action, targets=[t["email"] for t in targets])
    run_id = run_id or f"{action}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    ledger = Ledger(ledger_path, webinar_id, run_id) if ledger_path else None
    try:
        for start in range(0, len(targets), BATCH_SIZE):
            batch = list(targets[start : start + BATCH_SIZE])
            try:
                client.update_registrant_status(webinar_id, action, batch)
            except ZoomError as exc:
                if isinstance(exc, ZoomRateLimitError) and exc.daily and exc.scope != "registrant":
                    raise  # the account or host budget is spent: nothing else will work today
                if isinstance(exc, ZoomRateLimitError) and exc.daily:
                    result.daily_limit = exc
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
