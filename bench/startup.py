"""Start-up time of `wmdctl --version` (target: under 150 ms).

Runs the installed console script several times and reports the median and
the best wall-clock time; the first run warms the OS file cache.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 15


def wmdctl_command() -> list[str]:
    script = Path(sys.executable).with_name("wmdctl")
    if script.exists():
        return [str(script)]
    found = shutil.which("wmdctl")
    return [found] if found else [sys.executable, "-m", "wmdctl"]


def measure(args: list[str], runs: int = RUNS) -> list[float]:
    command = wmdctl_command() + args
    subprocess.run(command, check=True, capture_output=True)  # warm-up
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> dict[str, float]:
    figures: dict[str, float] = {}
    for label, args in (("--version", ["--version"]), ("--help", ["--help"])):
        timings = measure(args)
        figures[f"wmdctl {label} median ms"] = round(statistics.median(timings), 1)
        figures[f"wmdctl {label} best ms"] = round(min(timings), 1)
    return figures


if __name__ == "__main__":
    for name, value in main().items():
        print(f"{name:40} {value}")
