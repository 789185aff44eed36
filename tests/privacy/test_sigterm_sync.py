"""SIGTERM mid-sync, as systemd or a container stop sends it: the real CLI in its own process, with --sandbox.

The run stops after the requests in flight, records itself as interrupted, says what it did, exits 143, and
the next run converges: everyone registered exactly once, as the sandbox's own counters show.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

import pytest
import requests
from cli_support import Cli

from wmdctl.sandbox import SandboxOptions, start_sandbox

pytestmark = pytest.mark.e2e

PANEL = "Which panel breakout session would you like to join?"
ANSWERS = ("Creating caring metropolises", "Framing recovery for all")
PEOPLE = 300
DEADLINE_SECONDS = 90
ADMIN_TOKEN = "sigtermTestAdminToken0001"  # the child's in-process sandbox takes it (WMD_SANDBOX_ADMIN_TOKEN)


def _write_list(path: Path) -> Path:
    lines = [f"email,first_name,last_name,{PANEL}"]
    lines += [f"person{i}@example.org,Nombre{i},Apellido{i},{ANSWERS[i % 2]}" for i in range(PEOPLE)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _lines(stream: IO[str], into: queue.Queue[str]) -> None:
    for line in stream:
        into.put(line)


def _wait_for_banner(lines: queue.Queue[str], seen: list[str], child: subprocess.Popen[str]) -> str:
    """The sandbox's base URL, from the banner the CLI prints when it starts its sandbox."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            assert child.poll() is None, "".join(seen)
            continue
        seen.append(line)
        found = re.search(r"local Zoom emulator at (http://127\.0\.0\.1:\d+)/v2", line)
        if found:
            return found.group(1)
    raise AssertionError("no sandbox banner: " + "".join(seen))


def _registrants(base_url: str) -> list[dict[str, Any]]:
    state = requests.get(f"{base_url}/_sandbox/{ADMIN_TOKEN}/state", timeout=30).json()
    return [r for w in state["webinars"] for r in w["_sandbox"]["registrants"]]


def test_sigterm_mid_sync_records_the_run_and_the_rerun_converges(
    tmp_path: Path, isolated_environment: Path, cli: Cli
) -> None:
    state = isolated_environment
    source = _write_list(tmp_path / "members.csv")
    applied = cli("--sandbox", "webinar", "apply", "--yes")
    assert applied.exit_code == 0, applied.stderr

    child = subprocess.Popen(
        [sys.executable, "-m", "wmdctl", "--sandbox", "registrants", "sync", str(source), "--no-batch"],
        env={**os.environ, "WMD_STATE_DIR": str(state), "WMD_SANDBOX_ADMIN_TOKEN": ADMIN_TOKEN},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert child.stderr is not None
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=_lines, args=(child.stderr, lines), daemon=True)
    reader.start()
    seen: list[str] = []
    try:
        base_url = _wait_for_banner(lines, seen, child)
        # Slow each request down so the signal lands mid-run whatever the machine's speed.
        requests.post(f"{base_url}/_sandbox/{ADMIN_TOKEN}/faults", json={"latency_ms": 60}, timeout=10)
        deadline = time.monotonic() + DEADLINE_SECONDS
        while len(_registrants(base_url)) < 25:
            assert child.poll() is None, "".join(seen)
            assert time.monotonic() < deadline, "the sync never got going"
            time.sleep(0.05)
        child.send_signal(signal.SIGTERM)
        child.wait(timeout=DEADLINE_SECONDS)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    reader.join(timeout=DEADLINE_SECONDS)  # it ends at the end of the child's stderr
    while not lines.empty():
        seen.append(lines.get())
    stderr = "".join(seen)
    assert child.returncode == 143, stderr
    assert "terminated by SIGTERM" in stderr and "done before it stopped: read " in stderr
    assert "Traceback" not in stderr

    with sqlite3.connect(state / "events" / "wmd-2021" / "registrants.sqlite") as ledger:
        [(outcome, summary)] = ledger.execute("SELECT outcome, summary FROM runs").fetchall()
        in_ledger = ledger.execute("SELECT COUNT(*) FROM registrants WHERE status = 'pending'").fetchone()[0]
    assert outcome == "interrupted" and summary.startswith("read ") and ", added " in summary
    assert 25 <= in_ledger < PEOPLE  # it stopped early, after the requests in flight

    rerun = cli("--sandbox", "registrants", "sync", str(source), "--no-batch")
    assert rerun.exit_code == 0, rerun.stderr

    with start_sandbox(SandboxOptions(state_path=state / "sandbox.db")) as sandbox:
        dumped = sandbox.state()
    people = [r["email"] for w in dumped["webinars"] for r in w["_sandbox"]["registrants"]]
    assert sorted(people) == sorted(f"person{i}@example.org" for i in range(PEOPLE))  # nobody lost, no duplicate
    adds: dict[str, int] = {}
    for row in dumped["counters"]:
        if row["key"].startswith("add:"):
            adds[row["key"]] = adds.get(row["key"], 0) + int(row["count"])
    assert len(adds) == PEOPLE and set(adds.values()) == {1}  # every person posted exactly once across both runs
