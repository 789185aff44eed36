"""One sync in its own process, as a cron job would run it: `python bench/sync_child.py STATE_DIR WEBINAR CSV`.

The environment carries the sandbox's ZOOM_* settings and the shared XDG_STATE_HOME (SandboxServer.child_env),
so the client finds the account's budget and token as `wmdctl registrants sync` would. Prints one JSON object:
what was added, when the apply phase started and ended (epoch seconds), the 429s, and the token mints.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import RequestLog, api_requests, status_counts
from wmdctl.config import load_settings
from wmdctl.event.load import load_event
from wmdctl.sync import SyncOptions, run_sync
from wmdctl.zoom.client import ZoomClient

APPLY_PHASE = "Adding registrants"


class ApplyClock:
    """A progress factory for run_sync that notes when the apply phase starts and ends."""

    def __init__(self) -> None:
        self.start = self.end = 0.0

    @contextmanager
    def __call__(self, total: int | None, description: str) -> Iterator[Callable[[int], None]]:
        started = time.time()
        try:
            yield lambda n=1: None
        finally:
            if description == APPLY_PHASE:
                self.start, self.end = started, time.time()


def main(state_dir: Path, webinar_id: str, source: Path) -> dict[str, object]:
    settings = load_settings(env=dict(os.environ), cwd=state_dir)
    log, phases = RequestLog(), ApplyClock()
    with ZoomClient(settings.client_config(token_cache=state_dir / "token.json"), log=log) as client:
        result = run_sync(client, webinar_id, [source], event=load_event(None),
                          ledger_path=state_dir / "registrants.sqlite", rejects_path=state_dir / "rejects.csv",
                          options=SyncOptions(), progress=phases)  # fmt: skip
        mints = client.auth.mint_count
    counts = result.counts()
    statuses = status_counts(api_requests(log.requests()))
    return {"added": counts["added"], "failed": counts["failed"], "apply_start": phases.start,
            "apply_end": phases.end, "status_429": statuses.get("429", 0), "mints": mints}  # fmt: skip


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))))
