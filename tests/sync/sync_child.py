"""Run one registrant sync in its own process (so a test can SIGKILL it mid-run).

Usage: python sync_child.py WEBINAR_ID SOURCE STATE_DIR  (Zoom settings from ZOOM_* variables)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from wmdctl.config import load_settings
from wmdctl.sync import SyncOptions, run_sync
from wmdctl.zoom.client import ZoomClient


def main() -> None:
    webinar_id, source, state = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    client = ZoomClient(load_settings(env=os.environ, cwd=state).client_config(token_cache=state / "token.json"))
    result = run_sync(client, webinar_id, [source], event=None, ledger_path=state / "registrants.sqlite",
                      rejects_path=None, options=SyncOptions(use_batch=False))  # fmt: skip
    print(result.summary())


if __name__ == "__main__":
    main()
