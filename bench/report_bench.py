"""Attendance report figure: `wmdctl --verbose report attendance` on a large simulated webinar, as a child process.

The sandbox's simulate adds ``participants`` synthetic attendees with 1-3 join segments each (2 on
average) on top of the host and panelists, so 15,000 of them give the ~30,000 participant rows the
issue describes. The request count comes from the child's --verbose log on stderr.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from pathlib import Path

from bench.harness import Figure, SandboxServer, parse_log, run_child, time_target
from bench.sync_bench import PAGE_SIZE, fresh_workspace


def participant_rows(server: SandboxServer, webinar_id: str) -> int:
    """Rows the participants report holds, read from the sandbox's own dump (independent of the client)."""
    webinar = next(w for w in server.state()["webinars"] if str(w["id"]) == webinar_id)
    return len(webinar["_sandbox"]["participants"])


FULL_ATTENDEES = 15_000  # synthetic attendees that make about 30,000 segments (bench/run.py's full scale)


def bench_attendance(server: SandboxServer, root: Path, synthetic: int) -> list[Figure]:
    space = fresh_workspace(server, root, "attendance")
    summary = server.simulate(space.webinar_id, participants=synthetic)
    rows = participant_rows(server, space.webinar_id)
    out = space.directory / "attendance.csv"
    run = run_child(["--verbose", "report", "attendance", "--format", "csv", "--out", str(out)],
                    server.child_env(space.state_dir), space.directory)  # fmt: skip
    pages = [
        r
        for r in parse_log(run.stderr.splitlines())
        if r.method == "GET" and r.path.startswith("/report/webinars/") and r.path.endswith("/participants")
    ]
    # A re-fetch shows up as the same page asked for twice (same path and next_page_token).
    asked = Counter((r.path, tuple(r.query.get("next_page_token", [""]))) for r in pages)
    refetched = sum(n - 1 for n in asked.values())
    with out.open(encoding="utf-8-sig", newline="") as handle:
        people = sum(1 for _ in csv.DictReader(handle))
    max_pages = math.ceil(rows / PAGE_SIZE)
    # The target is the (20 s for 30,000 segments), scaled only for --quick: the simulator's
    # segment count varies a little around the size asked for, and that must not move the target.
    limit_seconds = time_target(20.0, FULL_ATTENDEES, synthetic)
    return [
        Figure("attendance", f"participant pages for {rows} rows ({people} people)", len(pages),
               target=f"<= {max_pages}", passed=len(pages) <= max_pages and refetched == 0,
               note=f"{refetched} re-fetched; simulate said {summary['segments']} segments"),
        Figure("attendance", "wall time", round(run.seconds, 1), "s", f"< {limit_seconds:g} s",
               run.seconds < limit_seconds),
        Figure("attendance", "peak RSS", round(run.max_rss_mb, 1), "MB", "< 200 MB", run.max_rss_mb < 200),
    ]  # fmt: skip
