"""The sync plan: pure functions from (rows, Zoom's listing, the ledger) to what to do.

Nothing here performs I/O, so every rule that protects a person — never re-post
an unchanged row, never re-add someone denied or cancelled, never burn the
third add of the day, never prune past the guard — is tested without HTTP.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from wmdctl.sync.ledger import ACTIVE, LedgerEntry, iso_utc
from wmdctl.sync.rows import RegistrantRow

DAILY_ADDS_PER_REGISTRANT = 3  # Zoom: 3 add/batch requests per registrant per webinar per UTC day (notes §10)


@dataclass(frozen=True)
class ZoomRegistrant:
    email: str
    id: str
    status: str  # approved | pending | denied
    join_url: str | None = None


@dataclass(frozen=True)
class PlanOptions:
    approve: bool = False
    prune: bool = False
    max_cancel: int | None = None  # None: 10% of the active registrants
    force: bool = False


@dataclass
class SyncPlan:
    add: list[RegistrantRow] = field(default_factory=list)
    approve: list[ZoomRegistrant] = field(default_factory=list)
    cancel: list[ZoomRegistrant] = field(default_factory=list)  # prune, approved: `cancel` revokes an approval
    deny: list[ZoomRegistrant] = field(default_factory=list)  # prune, pending: nothing to revoke, so `deny`
    unchanged: list[str] = field(default_factory=list)
    needs_human: dict[str, str] = field(default_factory=dict)  # email -> why a person must look
    deferred: dict[str, str] = field(default_factory=dict)  # email -> ISO time to retry after
    cancel_refused: str | None = None  # why the prune guard held back the cancels and denials
    cancel_held: list[str] = field(default_factory=list)  # who would have been cancelled or denied

    @property
    def removals(self) -> int:
        """Prune's permanent changes: cancels plus denials (one guard, one confirmation for both)."""
        return len(self.cancel) + len(self.deny)

    def to_dict(self) -> dict[str, object]:
        emails = {
            "add": [r.email for r in self.add],
            "approve": [r.email for r in self.approve],
            "cancel": [r.email for r in self.cancel],
            "deny": [r.email for r in self.deny],
            "unchanged": list(self.unchanged),
            "needs_human": sorted(self.needs_human),
            "deferred": sorted(self.deferred),
        }
        return {
            "counts": {k: len(v) for k, v in emails.items()},
            "emails": emails,
            "needs_human": dict(sorted(self.needs_human.items())),
            "deferred_until": dict(sorted(self.deferred.items())),
            "cancel_refused": self.cancel_refused,
            "cancel_held": list(self.cancel_held),
        }


def next_utc_midnight(now: datetime) -> datetime:
    return (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)


# --- reconcile the ledger with Zoom ------------------------------------------------
def reconcile(
    entries: Mapping[str, LedgerEntry], zoom: Mapping[str, ZoomRegistrant], now: datetime
) -> list[LedgerEntry]:
    """The ledger entries that must change so the ledger agrees with Zoom's complete listing.

    An ``in_flight`` entry was left by a run that died between marking and recording: if Zoom lists the
    email, the add took effect (record it, don't add again); if not, it did not (add it again). An entry
    we knew as registered that Zoom no longer lists was cancelled there: remember that forever.
    """
    stamp = iso_utc(now)
    listed = [_listed_change(email, entries.get(email), person, stamp) for email, person in zoom.items()]
    unlisted = [_unlisted_change(entry, stamp) for email, entry in entries.items() if email not in zoom]
    return [entry for entry in (*listed, *unlisted) if entry is not None]


def _listed_change(email: str, entry: LedgerEntry | None, person: ZoomRegistrant, stamp: str) -> LedgerEntry | None:
    """Zoom lists the person: the ledger takes Zoom's status, id and join link (an in-flight add took effect)."""
    if entry is None:
        return LedgerEntry(email, person.status, person.id, person.join_url, updated_at=stamp)
    join_url = person.join_url or entry.join_url
    if (entry.status, entry.registrant_id, entry.join_url) == (person.status, person.id, join_url):
        return None
    added_at = entry.added_at or (stamp if entry.status == "in_flight" else None)
    return replace(entry, status=person.status, registrant_id=person.id, join_url=join_url, added_at=added_at,
                   deferred_until=None, last_error=None, updated_at=stamp)  # fmt: skip


def _unlisted_change(entry: LedgerEntry, stamp: str) -> LedgerEntry | None:
    """Zoom lists the person under no status: an in-flight add did not happen; a registration was cancelled."""
    if entry.status == "in_flight":
        return replace(entry, status="not_added", updated_at=stamp,
                       last_error="an earlier run stopped before Zoom answered; not on Zoom")  # fmt: skip
    if entry.status in ACTIVE or entry.status == "denied":
        return replace(entry, status="cancelled", updated_at=stamp,
                       last_error=f"was {entry.status} on Zoom, now listed under no status")  # fmt: skip
    return None


# --- the plan ---------------------------------------------------------------------
def _not_on_zoom(row: RegistrantRow, entry: LedgerEntry | None, plan: SyncPlan, now: datetime) -> None:
    """Decide for someone Zoom does not list: add, or hold back for a reason the ledger knows."""
    if entry is None:
        plan.add.append(row)
        return
    if entry.status == "cancelled":
        plan.needs_human[row.email] = "cancelled on Zoom: Zoom will not register this email again"
    elif entry.status == "blocked":
        plan.needs_human[row.email] = f"Zoom refuses to register this email: {entry.last_error}"
    elif entry.status == "failed" and entry.fingerprint == row.fingerprint():
        plan.needs_human[row.email] = f"Zoom rejected this row: {entry.last_error}; fix the row to retry"
    elif entry.deferred_until and entry.deferred_until > iso_utc(now):
        plan.deferred[row.email] = entry.deferred_until
    elif entry.attempts_on(now.date().isoformat()) >= DAILY_ADDS_PER_REGISTRANT:
        plan.deferred[row.email] = iso_utc(next_utc_midnight(now))
    else:
        plan.add.append(row)


def compute_plan(
    rows: Sequence[RegistrantRow],
    zoom: Mapping[str, ZoomRegistrant],
    ledger: Mapping[str, LedgerEntry],
    options: PlanOptions,
    now: datetime,
    *,
    mentioned: Collection[str] = (),
    unidentified: Sequence[str] = (),
    unread: Sequence[str] = (),
) -> SyncPlan:
    """What to do for each listed person and, with prune, for each registrant no list mentions.

    Prune cancels an approved registrant and denies a pending one: Zoom's ``cancel`` revokes an approval
    (notes §5), so a pending person has none to revoke. Both are permanent and share the one guard.

    ``mentioned``: emails of source rows that were rejected (or were duplicates): listed, so never pruned.
    ``unidentified``: where rejected rows with no valid email are (``list.csv:7``); any one of them could be
    a registrant, so while there are some, prune cancels nobody.
    ``unread``: lists that could not be read: everyone on them looks unlisted, so prune cancels nobody either.
    """
    plan = SyncPlan()
    for row in rows:
        person = zoom.get(row.email)
        if person is None:
            _not_on_zoom(row, ledger.get(row.email), plan, now)
        elif person.status == "denied":
            plan.needs_human[row.email] = "denied on Zoom: only a person can decide to let them in"
        elif person.status == "pending" and options.approve:
            plan.approve.append(person)
        else:
            plan.unchanged.append(row.email)  # registered already: re-posting would burn one of 3 daily adds
    if options.prune:
        _plan_cancels(rows, zoom, options, plan, mentioned, unidentified, unread)
    return plan


def default_max_cancel(active_count: int) -> int:
    return active_count // 10


def _plan_cancels(
    rows: Sequence[RegistrantRow],
    zoom: Mapping[str, ZoomRegistrant],
    options: PlanOptions,
    plan: SyncPlan,
    mentioned: Collection[str],
    unidentified: Sequence[str],
    unread: Sequence[str] = (),
) -> None:
    # Anyone a source row names is listed, even when the row was rejected: a blank first name or an over-long
    # field is a row to fix, never a reason to cancel the person for good.
    listed = {row.email for row in rows} | set(mentioned)
    active = [p for p in zoom.values() if p.status in ACTIVE]
    candidates = sorted((p for p in active if p.email not in listed), key=lambda p: p.email)
    if candidates and unread:
        _hold(plan, candidates, f"{len(unread)} list(s) could not be read ({', '.join(unread[:5])}), so anyone "
                                "on them would look unlisted; fix them, then prune again")  # fmt: skip
        return
    if candidates and unidentified:
        # Not even --force: a cancel or denial is permanent, and the fix (complete or delete those rows) is cheap.
        shown = ", ".join(unidentified[:5]) + (f" and {len(unidentified) - 5} more" if len(unidentified) > 5 else "")
        why = (f"{len(unidentified)} rejected row(s) have no valid email ({shown}), so any registrant could be one "
               "of them; fix or delete those rows, then prune again")  # fmt: skip
        _hold(plan, candidates, why)
        return
    limit = options.max_cancel if options.max_cancel is not None else default_max_cancel(len(active))
    if len(candidates) > limit and not options.force:
        # Cancels and denials are permanent; a truncated or wrong source file must not empty the webinar.
        which = "--max-cancel" if options.max_cancel is not None else "10% of the registrants"
        _hold(plan, candidates, f"{len(candidates)} cancels/denials exceed the limit of {limit} ({which}); "
                                "check the source lists, then pass --max-cancel N or --force")  # fmt: skip
        return
    plan.cancel = [p for p in candidates if p.status == "approved"]
    plan.deny = [p for p in candidates if p.status == "pending"]


def _hold(plan: SyncPlan, candidates: Sequence[ZoomRegistrant], why: str) -> None:
    """Prune cancels nobody this run: say why, and who would have been cancelled or denied."""
    plan.cancel_refused = why
    plan.cancel_held = [p.email for p in candidates]
