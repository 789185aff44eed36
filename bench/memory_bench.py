"""Peak memory of `wmdctl registrants sync big.csv --dry-run` on 200,000 rows: the list must stream.

Kept apart from the other sync figures (bench/sync_bench.py): this one is about the readers (encoding scan,
quote recovery, header search) and the normalised rows staying small, not about Zoom's rate limits. The dry
run lists the sandbox's registrants (none) and sends nothing, so the figure is wmdctl's own footprint.
"""

from __future__ import annotations

from pathlib import Path

from bench.datasets import write_registrants
from bench.harness import Figure, SandboxServer, apply_webinar, run_child

MEMORY_ROWS = 200_000
TARGET_MB = 200.0


def bench_memory(server: SandboxServer, root: Path, rows: int = MEMORY_ROWS) -> list[Figure]:
    """Figure: peak RSS of a child `registrants sync --dry-run` over ``rows`` rows with every column filled."""
    server.reset()
    directory = root / "memory"
    state_dir = directory / "state"
    state_dir.mkdir(parents=True)
    apply_webinar(server, state_dir, directory)
    source = directory / "big.csv"
    write_registrants(source, rows, answers=True)
    run = run_child(["--json", "registrants", "sync", str(source), "--dry-run"], server.child_env(state_dir),
                    directory)  # fmt: skip
    return [
        Figure("memory", f"peak RSS, --dry-run of {rows} rows", round(run.max_rss_mb, 1), "MB",
               f"< {TARGET_MB:g} MB", run.max_rss_mb < TARGET_MB),
        Figure("memory", "wall time", round(run.seconds, 1), "s"),
    ]  # fmt: skip


if __name__ == "__main__":  # .venv/bin/python -m bench.memory_bench: just this figure, full size
    import tempfile

    with tempfile.TemporaryDirectory(prefix="wmdctl-memory-") as tmp:
        sandbox = SandboxServer(Path(tmp), plan="pro", latency_ms=0)
        try:
            for figure in bench_memory(sandbox, Path(tmp)):
                print(f"{figure.label}: {figure.value} {figure.unit} {figure.target} {figure.verdict}")
        finally:
            sandbox.stop()
