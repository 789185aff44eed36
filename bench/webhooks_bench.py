"""Figures for the webhook receiver: how fast a signed event is answered (Zoom allows 3 s), and how fast the
worker drains the inbox. Runs `wmdctl webhooks serve` as a separate process on loopback, with no Zoom client.

    .venv/bin/python bench/webhooks_bench.py [--events 500]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from wmdctl.webhooks.samples import SampleSpec, deliver, sample_event

SECRET = "bench-secret"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=500)
    count = parser.parse_args().events
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ZOOM_", "WMD_"))}
        env |= {"WMD_STATE_DIR": str(Path(tmp) / "state"), "ZOOM_WEBHOOK_SECRET_TOKEN": SECRET}
        code = "from wmdctl.cli.main import run; run()"
        child = subprocess.Popen([sys.executable, "-c", code, "webhooks", "serve", "--port", "0", "--webinar", "1"],
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)  # fmt: skip
        try:
            assert child.stdout is not None
            url = child.stdout.readline().strip()
            answers = []
            started = time.perf_counter()
            for n in range(count):
                kind = ("webinar.participant_joined", "webinar.registration_created")[n % 2]
                event = sample_event(kind, SampleSpec(webinar_id="1", email=f"p{n}@example.org", registrant_id=f"r{n}"))
                event["event_ts"] += n  # distinct events, not repeats
                sent = time.perf_counter()
                assert deliver(url, SECRET, event).status == 200
                answers.append(time.perf_counter() - sent)
            posted = time.perf_counter() - started
            while True:
                events = json.loads(subprocess.run([sys.executable, "-c", code, "--json", "webhooks", "events"],
                                                   env=env, capture_output=True, text=True).stdout)  # fmt: skip
                if len(events) == count and all(e["processed"] for e in events):
                    break
                time.sleep(0.2)
            drained = time.perf_counter() - started
        finally:
            child.terminate()
            child.wait(10)
    ms = sorted(a * 1000 for a in answers)
    print(f"{count} signed events, one at a time: answer p50 {statistics.median(ms):.1f} ms, "
          f"p95 {ms[int(len(ms) * 0.95) - 1]:.1f} ms, max {ms[-1]:.1f} ms (Zoom allows 3000 ms)")  # fmt: skip
    print(f"posted in {posted:.2f} s ({count / posted:.0f}/s); all processed {drained:.2f} s after the first")


if __name__ == "__main__":
    main()
