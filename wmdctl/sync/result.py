"""What a sync did (or, with --dry-run, would do): counts, emails per outcome, rejects, exit code."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wmdctl.exitcodes import ExitCode
from wmdctl.sync.apply import Outcomes
from wmdctl.sync.inputs import LoadedRows
from wmdctl.sync.plan import SyncPlan
from wmdctl.zoom.errors import ZoomRateLimitError


@dataclass
class SyncResult:
    webinar_id: str
    run_id: str
    dry_run: bool = False
    skipped: str | None = None  # e.g. "another sync is running": nothing was done, on purpose
    plan: SyncPlan = field(default_factory=SyncPlan)
    loaded: LoadedRows = field(default_factory=LoadedRows)
    outcomes: Outcomes | None = None  # None for a dry run
    rejects_path: Path | None = None
    resolved_in_flight: list[str] = field(default_factory=list)
    cancel_declined: bool = False

    @property
    def invalid(self) -> list[str]:
        return [r.where for r in self.loaded.rejects if r.kind == "invalid"]

    @property
    def duplicates(self) -> list[str]:
        return [r.email for r in self.loaded.rejects if r.kind == "duplicate"]

    def emails(self) -> dict[str, list[str]]:
        """Emails per outcome. A dry run reports what it would do under the same names."""
        plan, out = self.plan, self.outcomes
        if out is None:
            done: dict[str, list[str]] = {
                "added": [r.email for r in plan.add],
                "approved": [p.email for p in plan.approve],
                "cancelled": [p.email for p in plan.cancel],
                "denied": [p.email for p in plan.deny],
                "deferred": sorted(plan.deferred),
                "failed": [],
                "needs_human": sorted(plan.needs_human),
            }
        else:
            done = {
                "added": sorted(out.added),
                "approved": sorted(out.approved),
                "cancelled": sorted(out.cancelled),
                "denied": sorted(out.denied),
                "deferred": sorted({*plan.deferred, *out.deferred}),
                "failed": sorted(out.failed),
                "needs_human": sorted({*plan.needs_human, *out.needs_human}),
            }
        return {**done, "unchanged": sorted(plan.unchanged), "duplicates": self.duplicates}

    def reasons(self) -> dict[str, dict[str, str]]:
        out = self.outcomes
        return {
            "needs_human": {**self.plan.needs_human, **(out.needs_human if out else {})},
            "deferred_until": {**self.plan.deferred, **(out.deferred if out else {})},
            "failed": dict(out.failed) if out else {},
        }

    def counts(self) -> dict[str, int]:
        counts = {name: len(emails) for name, emails in self.emails().items()}
        counts["rejected"] = len(self.invalid)
        return counts

    @property
    def exit_code(self) -> ExitCode:
        """1 when anything needs attention (rejects, duplicates, refusals, deferrals, a held prune), else 0."""
        if self.skipped:
            return ExitCode.OK
        counts = self.counts()
        attention = ("rejected", "duplicates", "failed", "needs_human", "deferred")
        if any(counts[k] for k in attention) or self.plan.cancel_refused or self.cancel_declined:
            return ExitCode.PARTIAL
        return ExitCode.OK

    def summary(self) -> str:
        if self.skipped:
            return f"skipped: {self.skipped}"
        if self.dry_run:
            verbs = "would add {added}, would approve {approved}, would cancel {cancelled}, would deny {denied}"
        else:
            verbs = "added {added}, approved {approved}, cancelled {cancelled}, denied {denied}"
        counts = self.counts()
        return (
            verbs.format(**counts)
            + ", unchanged {unchanged}, needs a human {needs_human}, deferred {deferred}, failed {failed}, "
            "rejected {rejected}, duplicates {duplicates}".format(**counts)
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "webinar_id": self.webinar_id,
            "run_id": self.run_id,
            "mode": "skipped" if self.skipped else ("dry-run" if self.dry_run else "applied"),
            "skipped": self.skipped,
            "counts": self.counts(),
            "emails": self.emails(),
            **self.reasons(),
            "sources": [s.to_dict() for s in self.loaded.sources],
            "rejects": [
                {"source": r.source, "line": r.line, "kind": r.kind, "reason": r.reason} for r in self.loaded.rejects
            ],
            "rejects_file": str(self.rejects_path) if self.rejects_path else None,
            "adjusted": [{"email": r.email, "where": r.where, "notes": list(r.notes)} for r in self.loaded.adjusted],
            "cancel_refused": self.plan.cancel_refused,
            "cancel_held": list(self.plan.cancel_held),
            "cancel_declined": self.cancel_declined,
            "resolved_in_flight": list(self.resolved_in_flight),
            "exit_code": int(self.exit_code),
        }


class SyncStopped(ZoomRateLimitError):
    """Zoom's daily limit stopped the sync; everything done so far is saved and ``result`` says what."""

    def __init__(self, cause: ZoomRateLimitError, result: SyncResult) -> None:
        resume = cause.resume_at.strftime("%Y-%m-%d %H:%M UTC") if cause.resume_at else "after 00:00 UTC"
        counts = result.counts()
        super().__init__(
            f"sync stopped by Zoom's daily limit ({cause.scope}) after adding {counts['added']}; "
            f"run it again at {resume} to finish",
            daily=True,
            scope=cause.scope,
            resume_at=cause.resume_at,
            retry_after=cause.retry_after,
            category=cause.category,
            status=cause.status,
            code=cause.code,
            request_id=cause.request_id,
            hint="the ledger has recorded every outcome, so the next run continues where this one stopped",
        )
        self.cause = cause
        self.result = result
