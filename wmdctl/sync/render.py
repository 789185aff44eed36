"""Human rendering of a sync result: a counts table and the people who need attention."""

from __future__ import annotations

from wmdctl.output import Output
from wmdctl.sync.result import SyncResult

_LABELS = {
    "added": ("would add", "added"),
    "approved": ("would approve", "approved"),
    "cancelled": ("would cancel", "cancelled"),
    "unchanged": ("unchanged", "unchanged"),
    "needs_human": ("needs a human", "needs a human"),
    "deferred": ("deferred", "deferred"),
    "failed": ("failed", "failed"),
    "rejected": ("rejected", "rejected"),
    "duplicates": ("duplicates", "duplicates"),
}
_DETAIL_LIMIT = 50  # longer lists are in --json and the rejects file


def render_result(output: Output, result: SyncResult) -> None:
    if result.skipped:
        output.info(f"{result.skipped}; nothing done")
        return
    counts = result.counts()
    column = 0 if result.dry_run else 1
    rows = [(labels[column], counts[key]) for key, labels in _LABELS.items()]
    title = "Registrant sync (dry run: nothing sent)" if result.dry_run else "Registrant sync"
    output.table(("outcome", "people"), rows, title=title)
    details: list[tuple[str, str, str]] = []
    if result.dry_run:
        details += [("add", r.email, r.where) for r in result.plan.add[:_DETAIL_LIMIT]]
        details += [("approve", p.email, "") for p in result.plan.approve[:_DETAIL_LIMIT]]
        details += [("cancel", p.email, "") for p in result.plan.cancel[:_DETAIL_LIMIT]]
    reasons = result.reasons()
    details += [("needs a human", e, why) for e, why in sorted(reasons["needs_human"].items())[:_DETAIL_LIMIT]]
    details += [("deferred", e, f"until {t}") for e, t in sorted(reasons["deferred_until"].items())[:_DETAIL_LIMIT]]
    details += [("failed", e, why) for e, why in sorted(reasons["failed"].items())[:_DETAIL_LIMIT]]
    if details:
        output.table(("what", "email", "why"), details)
    _warnings(output, result)


def _warnings(output: Output, result: SyncResult) -> None:
    for row in result.loaded.adjusted[:_DETAIL_LIMIT]:
        output.warn(f"{row.where} ({row.email}): " + "; ".join(row.notes))
    rejects = result.loaded.rejects
    if rejects:
        where = f" (see {result.rejects_path})" if result.rejects_path else ""
        output.warn(f"{len(rejects)} row(s) not synced{where}:")
        for reject in rejects[:_DETAIL_LIMIT]:
            output.info(f"  {reject.where}: {reject.reason}")
    if result.plan.cancel_refused:
        output.warn(f"prune held back: {result.plan.cancel_refused}")
    if result.cancel_declined:
        output.warn("cancels not confirmed: nobody was cancelled")
    output.info(result.summary())
