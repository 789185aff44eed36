"""Run one registrant sync in its own process (so a test can SIGKILL it mid-run).

Usage: python sync_child.py WEBINAR_ID SOURCE STATE_DIR  (Zoom settings from ZOOM_* variables)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from wmdctl.sync import SyncOptions, run_sync
from wmdctl.zoom.client import ClientConfig, ZoomClient


def main() -> None:
    webinar_id, source, state = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    env = os.environ
    client = ZoomClient(ClientConfig(
        api_url=env["ZOOM_API_URL"], oauth_url=env["ZOOM_OAUTH_URL"], account_id=env["ZOOM_ACCOUNT_ID"],
        client_id=env["ZOOM_CLIENT_ID"], client_secret=env["ZOOM_CLIENT_SECRET"], token_cache=state / "token.json",
    ))  # fmt: skip
    result = run_sync(client, webinar_id, [source], event=None, ledger_path=state / "registrants.sqlite",
                      rejects_path=None, options=SyncOptions(use_batch=False))  # fmt: skip
    print(result.summary())


if __name__ == "__main__":
    main()
