"""What a sync run may do (the flags of `registrants sync`), apart from the job so readers of it stay light."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from wmdctl.sync.plan import PlanOptions
from wmdctl.sync.sources import ReadOptions


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SyncOptions:
    approve: bool = False
    prune: bool = False
    max_cancel: int | None = None
    force: bool = False
    yes: bool = False
    dry_run: bool = False
    column_map: Sequence[str] = ()  # "COLUMN=FIELD" strings, as given to --map
    read: ReadOptions = field(default_factory=ReadOptions)  # --sheet, --header-row, --no-header
    strict: bool = False  # exit 1 on any reject, not only on new ones
    lock_timeout: float = 0.0
    use_batch: bool = True
    workers: int | None = None  # None: as many in flight as the measured latency needs (zoom/concurrency.py)
    clock: Callable[[], datetime] = utc_now

    def plan_options(self) -> PlanOptions:
        return PlanOptions(approve=self.approve, prune=self.prune, max_cancel=self.max_cancel, force=self.force)
