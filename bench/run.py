"""Run every wmdctl benchmark and print its figures against their targets.

    .venv/bin/python bench/run.py                  # full scale (several minutes)
    .venv/bin/python bench/run.py --quick          # a tenth of the sizes (~1 minute)
    .venv/bin/python bench/run.py --only noop --only attendance --json figures.json
    .venv/bin/python bench/run.py --only campaign   # issue 19 (not in the default set: over a minute)

Benchmarks are not tests: they print figures with PASS/MISS against the targets in
bench/README.md. The exit status is 1 when any target is missed, so CI can watch them.
The sandbox runs as a separate process on loopback; everything lives in a temp dir.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `wmdctl` importable from the repo root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import startup, throughput_bench
from bench.harness import Figure, SandboxServer, run_child

LATENCY_MS = 50


@dataclass(frozen=True)
class Scale:
    new_with_answers: int = 5_000
    new_basic: int = 5_000
    existing: int = 10_000
    dry_run_rows: int = 50_000
    naive_rows: int = 300
    synthetic_attendees: int = 15_000  # ~2 segments each: ~30,000 participant rows
    throughput: throughput_bench.ThroughputScale = throughput_bench.FULL


FULL = Scale()
QUICK = Scale(500, 500, 1_000, 5_000, 60, 1_500, throughput_bench.QUICK)

ServerBench = Callable[[SandboxServer, Path, Scale], list[Figure]]


def _server_benches() -> dict[str, ServerBench]:
    from bench.memory_bench import bench_memory
    from bench.report_bench import bench_attendance
    from bench.sync_bench import bench_dry_run, bench_naive, bench_noop, bench_sync_answers, bench_sync_batch

    return {
        "sync-answers": lambda srv, root, s: bench_sync_answers(srv, root, s.new_with_answers),
        "sync-batch": lambda srv, root, s: bench_sync_batch(srv, root, s.new_basic),
        "noop": lambda srv, root, s: bench_noop(srv, root, s.existing),
        "dry-run": lambda srv, root, s: bench_dry_run(srv, root, s.dry_run_rows),
        "naive": lambda srv, root, s: bench_naive(srv, root, s.naive_rows, s.new_with_answers),
        "attendance": lambda srv, root, s: bench_attendance(srv, root, s.synthetic_attendees),
        "memory": lambda srv, root, s: bench_memory(srv, root, s.dry_run_rows * 4),  # 200,000 rows at full scale
        # Issue 13: throughput at real-world latency, and two jobs sharing one account's budget.
        "answers-latency": lambda srv, root, s: throughput_bench.bench_answers_by_latency(srv, root, s.throughput),
        "batch-250": lambda srv, root, s: throughput_bench.bench_batch_at_250(srv, root, s.throughput),
        "two-syncs": lambda srv, root, s: throughput_bench.bench_two_syncs(srv, root, s.throughput),
    }


NAMES = ("startup", "demo", "sync-answers", "sync-batch", "noop", "dry-run", "naive", "attendance", "memory",
         "answers-latency", "batch-250", "two-syncs")  # fmt: skip
THROUGHPUT = ("answers-latency", "batch-250", "two-syncs")
# Only with --only NAME: each takes over a minute at full scale and starts its own sandbox.
OPT_IN = ("campaign",)
DEMO_TARGET_SECONDS = 15.0


def bench_startup() -> list[Figure]:
    figures = []
    for label, value in startup.main().items():
        flag = next((f for f in startup.TARGETS if label == f"wmdctl {f} x bare python"), None)
        if flag is None:
            figures.append(Figure("startup", label.removeprefix("wmdctl "), value, "ms"))
            continue
        limit = startup.TARGETS[flag]
        figures.append(Figure("startup", label.removeprefix("wmdctl "), value, "x", f"<= {limit:g}x", value <= limit))
    return figures


def bench_demo() -> list[Figure]:
    """`wmdctl demo` end to end (its own in-process sandbox), twice: the second run must work too."""
    figures = []
    with tempfile.TemporaryDirectory(prefix="wmdctl-demo-bench-") as tmp:
        for attempt in ("first", "second"):
            run = run_child(["demo", "--out", str(Path(tmp) / "out")], dict(os.environ), Path(tmp))
            figures.append(Figure("demo", f"{attempt} run wall time", round(run.seconds, 1), "s",
                                  f"< {DEMO_TARGET_SECONDS:g} s", run.seconds < DEMO_TARGET_SECONDS))  # fmt: skip
    return figures


def bench_campaign(scale: Scale) -> list[Figure]:
    """Issue 19: 31 sessions on two accounts of one sandbox process, 500 registrants each (50 when quick)."""
    from bench import campaign_bench

    per_session = 500 if scale is FULL else 50
    _say(f"campaign: 31 sessions x {per_session} registrants on 2 accounts (latency {campaign_bench.LATENCY_MS} ms)")
    with tempfile.TemporaryDirectory(prefix="wmdctl-campaign-bench-") as tmp:
        return campaign_bench.bench_campaign(Path(tmp), 31, per_session, campaign_bench.LATENCY_MS)


def run_all(selected: list[str], scale: Scale) -> list[Figure]:
    figures: list[Figure] = []
    if "startup" in selected:
        _say("startup: wmdctl --version / --help against python -c pass, 15 interleaved runs each")
        figures += bench_startup()
    if "demo" in selected:
        _say("demo: wmdctl demo, twice")
        figures += bench_demo()
    if "campaign" in selected:
        figures += bench_campaign(scale)
    wanted = [name for name in selected if name not in ("startup", "demo", *OPT_IN)]
    if not wanted:
        return figures
    benches = _server_benches()
    with tempfile.TemporaryDirectory(prefix="wmdctl-bench-") as tmp:
        root = Path(tmp)
        server = SandboxServer(root, plan="pro", latency_ms=LATENCY_MS)
        try:
            _say(f"sandbox: {server.api_url} (plan pro, latency {LATENCY_MS} ms, separate process)")
            for name in wanted:
                _say(f"{name}: running")
                started = time.perf_counter()
                figures += benches[name](server, root, scale)
                _say(f"{name}: done in {time.perf_counter() - started:.1f} s")
        finally:
            server.stop()
    return figures


def render_table(figures: list[Figure]) -> str:
    header = ("benchmark", "figure", "value", "target", "result", "note")
    rows = [(f.name, f.label, f"{f.value} {f.unit}".strip(), f.target, f.verdict, f.note) for f in figures]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells: tuple[object, ...]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(header), line(tuple("-" * w for w in widths)), *(line(r) for r in rows)])


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Run the wmdctl benchmarks against a sandbox on loopback.")
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes (~1 minute); targets scale too")
    parser.add_argument("--only", action="append", choices=NAMES + OPT_IN, metavar="NAME",
                        help=f"run only this benchmark (repeatable): {', '.join(NAMES + OPT_IN)} "
                             f"({', '.join(OPT_IN)}: only when named)")  # fmt: skip
    parser.add_argument("--json", type=Path, metavar="FILE", help="also save the figures as JSON to FILE")
    parser.add_argument("--throughput", action="store_true",
                        help=f"only the throughput benchmarks ({', '.join(THROUGHPUT)}); a few minutes")  # fmt: skip
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scale = QUICK if args.quick else FULL
    wanted = (args.only or []) + (list(THROUGHPUT) if args.throughput else [])
    selected = [n for n in NAMES if not wanted or n in wanted] + [n for n in OPT_IN if n in wanted]
    started = datetime.now(UTC)
    figures = run_all(selected, scale)
    print(f"wmdctl benchmarks ({'quick' if args.quick else 'full'} scale, sandbox latency {LATENCY_MS} ms)")
    print(render_table(figures), flush=True)
    if args.json:
        payload = {"started": started.isoformat(), "quick": args.quick, "latency_ms": LATENCY_MS,
                   "scale": asdict(scale), "figures": [asdict(f) | {"result": f.verdict} for f in figures]}  # fmt: skip
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        _say(f"figures saved to {args.json}")
    return 1 if any(f.passed is False for f in figures) else 0


if __name__ == "__main__":
    sys.exit(main())
