"""Registrant sync: keep a webinar's registrants in step with organisers' CSV/XLSX lists.

    source files → normalised rows + rejects → plan (vs Zoom's listing and the ledger) → apply → ledger

Entry point: ``run_sync(client, webinar_id, sources, event=..., ledger_path=..., rejects_path=..., options=...)``.
"""

from __future__ import annotations

from wmdctl.sync.engine import SyncOptions, list_zoom_registrants, run_sync
from wmdctl.sync.result import SyncResult, SyncStopped

__all__ = ["SyncOptions", "SyncResult", "SyncStopped", "list_zoom_registrants", "run_sync"]
