"""Registrant sync: keep a webinar's registrants in step with organisers' CSV/XLSX lists.

    source files → normalised rows + rejects → plan (vs Zoom's listing and the ledger) → apply → ledger

Entry points (sync/job.py): ``run_sync(client, webinar_id, sources, event=..., ledger_path=..., rejects_path=...,
options=...)``, and ``sync_event(job, sources, options=...)`` for an event's own webinar, ledger and lock.
"""

from __future__ import annotations

from wmdctl.sync.job import run_sync, sync_event
from wmdctl.sync.options import SyncOptions
from wmdctl.sync.result import SyncResult, SyncStopped
from wmdctl.sync.status import list_zoom_registrants

__all__ = ["SyncOptions", "SyncResult", "SyncStopped", "list_zoom_registrants", "run_sync", "sync_event"]
