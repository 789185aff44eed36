"""What a sync did (or, with --dry-run, would do): counts, emails per outcome, rejects, exit code."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from wmdctl.exitcodes import ExitCode
from wmdctl.sync.execute import Outcomes
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
    event_key: str = ""
    started_at: datetime | None = None
    finished_at: datetime | None = None  # the summary line's time: it prints after the lines of the run
    strict: bool = False  # any reject fails the run, not only new ones
    known: set[str] = field(default_factory=set)  # problem fingerprints the previous run reported

    # --- what is new since the previous run ----------------------------------------
    def _human_fingerprints(self) -> dict[str, str]:
        """email -> fingerprint of "needs a human, for this reason"."""
        return {e: _digest(f"needs_human|{e}|{why}") for e, why in self.reasons()["needs_human"].items()}

    def problem_fingerprints(self) -> set[str]:
        """Everything this run reports that a person must fix: rejects, people needing a human, a held prune."""
        return set().union(*self.problems_by_source().values())

    def problems_by_source(self) -> dict[str, set[str]]:
        """``problem_fingerprints`` by the list they came from; ``""`` for the run's own (humans, a prune)."""
        found: dict[str, set[str]] = {"": set(self._human_fingerprints().values())}
        for reject in self.loaded.rejects:
            found.setdefault(reject.source, set()).add(reject.fingerprint())
        if self.plan.cancel_refused:
            found[""].add(_digest(f"prune|{self.plan.cancel_refused}"))
        return found

    @property
    def new_problems(self) -> set[str]:
        return self.problem_fingerprints() - self.known

    @property
    def new_rejects(self) -> list[str]:
        new = self.new_problems
        return [r.where for r in self.loaded.rejects if r.fingerprint() in new]

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
        new_rejects = len(self.new_rejects)
        counts["rejected_new"] = new_rejects  # invalid rows and duplicates the previous run did not report
        counts["rejected_known"] = len(self.loaded.rejects) - new_rejects
        counts["read"] = self.loaded.records
        counts["lists_unread"] = len(self.loaded.problems)
        return counts

    @property
    def exit_code(self) -> ExitCode:
        """1 when something new needs attention, else 0; with ``strict``, 1 on any reject or refusal.

        New: a reject or a "needs a human" the previous run did not report, a failure, a list that could not
        be read, a held or unconfirmed prune. Known rejects are counted but do not fail cron again each run.
        """
        if self.skipped:
            return ExitCode.OK
        counts = self.counts()
        if counts["failed"] or self.loaded.problems or self.cancel_declined:
            return ExitCode.PARTIAL
        if self.strict:
            attention = ("rejected", "duplicates", "needs_human", "deferred")
            if any(counts[k] for k in attention) or self.plan.cancel_refused:
                return ExitCode.PARTIAL
            return ExitCode.OK
        return ExitCode.PARTIAL if self.new_problems else ExitCode.OK

    def summary(self) -> str:
        if self.skipped:
            return f"skipped: {self.skipped}"
        counts = self.counts()
        verbs = {"added": "add", "approved": "approve", "cancelled": "cancel", "denied": "deny"}
        label = {k: (f"would {v}" if self.dry_run else k) for k, v in verbs.items()}
        parts = [f"read {counts['read']}"]
        parts += [f"{label[key]} {counts[key]}" for key in ("added", "approved")]
        parts += [f"{label[key]} {counts[key]}" for key in ("cancelled", "denied") if counts[key]]
        parts.append(f"unchanged {counts['unchanged']}")
        parts += [f"{label} {counts[key]}" for key, label in (("needs_human", "needs a human"),
                                                               ("deferred", "deferred")) if counts[key]]  # fmt: skip
        rejected = counts["rejected_new"] + counts["rejected_known"]
        detail = f"{counts['rejected_new']} new, {counts['rejected_known']} known"
        if counts["duplicates"]:
            detail += f"; {counts['duplicates']} duplicates"
        parts += [f"rejected {rejected} ({detail})", f"failed {counts['failed']}"]
        if counts["lists_unread"]:
            parts.append(f"lists unread {counts['lists_unread']}")
        return ", ".join(parts)

    def summary_line(self) -> str:
        """The one line cron logs: when, which event, the counts, and where the rejects are."""
        moment = self.finished_at or self.started_at or datetime.now().astimezone()
        when = moment.isoformat(timespec="seconds")
        key = self.event_key or f"webinar {self.webinar_id}"
        mode = " (dry run)" if self.dry_run else ""
        rejects = f"; rejects: {self.rejects_path}" if self.rejects_path else ""
        return f"{when} {key}{mode}: {self.summary()}{rejects}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "webinar_id": self.webinar_id,
            "run_id": self.run_id,
            "mode": "skipped" if self.skipped else ("dry-run" if self.dry_run else "applied"),
            "skipped": self.skipped,
            "counts": self.counts(),
            "emails": self.emails(),
            **self.reasons(),
            "event_key": self.event_key,
            "started_at": self.started_at.isoformat(timespec="seconds") if self.started_at else None,
            "finished_at": self.finished_at.isoformat(timespec="seconds") if self.finished_at else None,
            "sources": [s.to_dict() for s in self.loaded.sources],
            "unread_lists": [p.to_dict() for p in self.loaded.problems],
            "unmatched_patterns": list(self.loaded.unmatched_globs),
            "new_rejects": self.new_rejects,
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


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:20]


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
