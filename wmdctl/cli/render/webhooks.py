"""The human forms of `wmdctl webhooks events` and `webhooks prune`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wmdctl.output import Output
    from wmdctl.webhooks.inbox import InboxRecord

EVENT_COLUMNS = ("received", "type", "occurred", "about", "deliveries", "status", "why")


def render_events(output: Output, records: Sequence[InboxRecord]) -> None:
    """One row per event received (times to the second), then how many."""
    rows = [(r.received_at[:19], r.type, r.occurred_at[:19], r.subject, r.deliveries, r.status, r.reason or "")
            for r in records]  # fmt: skip
    output.table(EVENT_COLUMNS, rows)
    output.info(f"{len(records)} event(s)")


def render_pruned(output: Output, result: dict[str, Any]) -> None:
    before = result["received_before"][:19].replace("T", " ")
    which = "processed, ignored or failed" if result["included_failed"] else "processed or ignored"
    verb = "would delete" if result["dry_run"] else "deleted"
    output.success(f"{verb} {result['deleted']} {which} event(s) received before {before} UTC; "
                   f"{result['kept']} kept")  # fmt: skip
