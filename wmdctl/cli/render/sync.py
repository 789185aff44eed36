"""Human rendering of a sync result.

On a terminal: a counts table and the people who need attention. Without one (cron), at most two lines:
the summary (ISO time, event key, counts, rejects file), then what needs attention (new rejects by place,
lists not read, who needs a human, failures, a held prune), since cron mails or logs every line on every run.
``--json`` has everything.
"""

from __future__ import annotations

from collections.abc import Sequence

from wmdctl.output import Output
from wmdctl.sync.result import SyncResult

_LABELS = {
    "added": ("would add", "added"),
    "approved": ("would approve", "approved"),
    "cancelled": ("would cancel", "cancelled"),
    "denied": ("would deny", "denied"),
    "unchanged": ("unchanged", "unchanged"),
    "needs_human": ("needs a human", "needs a human"),
    "deferred": ("deferred", "deferred"),
    "failed": ("failed", "failed"),
    "rejected": ("rejected", "rejected"),
    "duplicates": ("duplicates", "duplicates"),
}
_DETAIL_LIMIT = 50  # longer lists are in --json and the rejects file
_LINE_LIMIT = 5  # names per kind on the one attention line without a terminal


def render_result(output: Output, result: SyncResult) -> None:
    if result.skipped:
        output.info(f"{result.skipped}; nothing done")
        return
    if not output.interactive:
        render_compact(output, result)
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
        details += [("cancel", p.email, "approved") for p in result.plan.cancel[:_DETAIL_LIMIT]]
        details += [("deny", p.email, "pending") for p in result.plan.deny[:_DETAIL_LIMIT]]
    reasons = result.reasons()
    details += [("needs a human", e, why) for e, why in sorted(reasons["needs_human"].items())[:_DETAIL_LIMIT]]
    details += [("deferred", e, f"until {t}") for e, t in sorted(reasons["deferred_until"].items())[:_DETAIL_LIMIT]]
    details += [("failed", e, why) for e, why in sorted(reasons["failed"].items())[:_DETAIL_LIMIT]]
    if details:
        output.table(("what", "email", "why"), details)
    _warnings(output, result)


def render_compact(output: Output, result: SyncResult) -> None:
    """No terminal: the counts on stdout, and at most one line on stderr of what needs attention.

    A dry run also names who would be changed, one line per kind (its whole point is the names).
    """
    output.text(result.summary_line())
    if result.dry_run:
        plan = result.plan
        kinds = {"add": [r.email for r in plan.add], "approve": [p.email for p in plan.approve],
                 "cancel": [p.email for p in plan.cancel], "deny": [p.email for p in plan.deny]}  # fmt: skip
        for verb, emails in kinds.items():
            if emails:
                output.text(f"would {verb} {len(emails)}: {_some(emails)}")
    attention = attention_line(result)
    if attention:
        output.warn(attention)


def _some(items: Sequence[str]) -> str:
    shown = ", ".join(items[:_LINE_LIMIT])
    return shown + (f" and {len(items) - _LINE_LIMIT} more" if len(items) > _LINE_LIMIT else "")


def attention_line(result: SyncResult) -> str:
    """Everything that makes the exit code 1, on one line, ``; ``-separated; empty when nothing does."""
    parts = []
    if result.loaded.problems:
        parts.append(f"{len(result.loaded.problems)} list(s) not read: "
                     + _some([f"{p.message}" for p in result.loaded.problems]))  # fmt: skip
    rejects = result.loaded.rejects
    new = result.new_rejects
    if rejects and (new or result.strict):
        where = f"; see {result.rejects_path}" if result.rejects_path else ""
        shown = new if not result.strict else [r.where for r in rejects]
        known = len(rejects) - len(new)
        label = f"{len(new)} new row(s) not synced" + (f", {known} known" if known else "")
        parts.append(f"{label} ({_some(shown)}{where})")
    emails = result.emails()
    if emails["needs_human"]:
        parts.append(f"needs a human {len(emails['needs_human'])}: {_some(emails['needs_human'])}")
    if emails["deferred"]:
        parts.append(f"deferred by Zoom's daily cap {len(emails['deferred'])}: {_some(emails['deferred'])}")
    if emails["failed"]:
        parts.append(f"failed {len(emails['failed'])}: {_some(emails['failed'])}")
    if result.plan.cancel_refused:
        parts.append(f"prune held back: {result.plan.cancel_refused}")
    if result.cancel_declined:
        parts.append("prune not confirmed: nobody was cancelled or denied")
    return "; ".join(parts)


def _warnings(output: Output, result: SyncResult) -> None:
    for row in result.loaded.adjusted[:_DETAIL_LIMIT]:
        output.warn(f"{row.where} ({row.email}): " + "; ".join(row.notes))
    for problem in result.loaded.problems:
        output.warn(f"not read: {problem.message}" + (f" ({problem.hint})" if problem.hint else ""))
    rejects = result.loaded.rejects
    if rejects:
        where = f" (see {result.rejects_path})" if result.rejects_path else ""
        new = set(result.new_rejects)
        output.warn(f"{len(rejects)} row(s) not synced, {len(new)} of them new{where}:")
        for reject in rejects[:_DETAIL_LIMIT]:
            mark = " (new)" if reject.where in new else ""
            output.info(f"  {reject.where}: {reject.reason}{mark}")
    if result.plan.cancel_refused:
        output.warn(f"prune held back: {result.plan.cancel_refused}")
    if result.cancel_declined:
        output.warn("prune not confirmed: nobody was cancelled or denied")
    output.info(result.summary_line())
