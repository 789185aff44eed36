"""Start-up time of `wmdctl --version` and `wmdctl --help`, against a bare `python -c pass` (issue 13).

Targets, as medians of 15 runs: `--version` within 2x and `--help` within 10x the start-up of a bare
interpreter on the same Python. The runs are interleaved (pass, --version, --help, pass, ...) so that a
busy moment on the machine weighs on all three alike; the first round warms the OS file cache.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 15
TARGETS = {"--version": 2.0, "--help": 10.0}  # times the bare interpreter's median


def wmdctl_command() -> list[str]:
    script = Path(sys.executable).with_name("wmdctl")
    if script.exists():
        return [str(script)]
    found = shutil.which("wmdctl")
    return [found] if found else [sys.executable, "-m", "wmdctl"]


def _run_ms(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def measure(runs: int = RUNS) -> dict[str, list[float]]:
    commands = {"python -c pass": [sys.executable, "-c", "pass"]}
    commands |= {f"wmdctl {flag}": [*wmdctl_command(), flag] for flag in TARGETS}
    for command in commands.values():  # warm-up round
        _run_ms(command)
    timings: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, command in commands.items():
            timings[label].append(_run_ms(command))
    return timings


def main() -> dict[str, float]:
    timings = measure()
    bare = statistics.median(timings["python -c pass"])
    figures: dict[str, float] = {"python -c pass median ms": round(bare, 1)}
    for flag in TARGETS:
        median = statistics.median(timings[f"wmdctl {flag}"])
        figures[f"wmdctl {flag} median ms"] = round(median, 1)
        figures[f"wmdctl {flag} x bare python"] = round(median / bare, 2)
    return figures


if __name__ == "__main__":
    for name, value in main().items():
        print(f"{name:40} {value}")
