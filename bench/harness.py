"""What every benchmark needs: the sandbox as a separate process, child runs with peak RSS, request logs.

The sandbox runs in its own process so that its request handling never competes
with the client for the GIL: the figures then describe wmdctl, not the emulator
sharing a core with it.
"""

from __future__ import annotations

import json
import os
import re
import selectors
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests

SERVER_START_TIMEOUT = 30.0
# One line of `wmdctl --verbose` / the client's request log: "GET /path?query 200 12ms"
LOG_LINE = re.compile(r"^(GET|POST|PUT|PATCH|DELETE) (\S+) (\d{3}|ERR)\b")
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass
class Figure:
    """One row of the results table."""

    name: str  # benchmark it belongs to
    label: str
    value: float | int | str
    unit: str = ""
    target: str = ""
    passed: bool | None = None  # None: informational, no target
    note: str = ""

    @property
    def verdict(self) -> str:
        return "" if self.passed is None else ("PASS" if self.passed else "MISS")


def time_target(full_seconds: float, full_size: int, size: int) -> float:
    """A time target for ``size`` items, from the issue's target for ``full_size``.

    Smaller runs (--quick) get a proportional target plus one second for the fixed costs that don't
    shrink with the size (process start-up, looking up the webinar, the first requests).
    """
    if size >= full_size:
        return full_seconds
    return round(full_seconds * size / full_size + 1.0, 1)


def wmdctl_command() -> list[str]:
    """The installed console script beside this interpreter (the venv's), as users run it."""
    script = Path(sys.executable).with_name("wmdctl")
    if script.exists():
        return [str(script)]
    found = shutil.which("wmdctl")
    return [found] if found else [sys.executable, "-m", "wmdctl"]


# --- the sandbox process -------------------------------------------------------------


class SandboxServer:
    """`wmdctl sandbox serve --port 0` in a child process; the settings come from its stdout."""

    def __init__(self, workdir: Path, *, plan: str = "pro", latency_ms: int = 50) -> None:
        self.settings: dict[str, str] = {}
        # Every client of this run (in-process and child) shares the account's budget and token here,
        # as jobs on one machine do, and the user's real state home is never touched.
        self.state_home = workdir / "state-home"
        self._stderr_path = workdir / "sandbox-stderr.log"
        # In-memory state (no --state): disk writes on the server would only add noise to the figures.
        command = [*wmdctl_command(), "sandbox", "serve", "--port", "0", "--plan", plan,
                   "--latency-ms", str(latency_ms)]  # fmt: skip
        self._stderr = self._stderr_path.open("w")
        env = {**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}  # its stdout is a pipe: no block buffering
        env.pop("WMD_EVENT_FILE", None)
        # stderr goes to a file: a pipe nobody reads would fill up and stall the server.
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=self._stderr, env=env, cwd=workdir)
        try:
            self._read_settings()
        except Exception:
            self.stop()
            raise
        self.session = requests.Session()

    def _read_settings(self) -> None:
        # Raw reads of the pipe: a buffered readline() could hold lines that select() no longer reports.
        assert self.process.stdout is not None
        fd, pending = self.process.stdout.fileno(), b""
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while "ZOOM_HOST" not in self.settings:
                if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
                    raise RuntimeError(f"the sandbox did not start in time; see {self._stderr_path}")
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise RuntimeError(f"the sandbox exited: {self._stderr_path.read_text()[-2000:]}")
                *lines, pending = (pending + chunk).split(b"\n")
                for line in lines:
                    name, sep, value = line.decode().strip().partition("=")
                    if sep and name.isupper():
                        self.settings[name] = value

    @property
    def api_url(self) -> str:
        return self.settings["ZOOM_API_URL"]

    @property
    def admin_url(self) -> str:
        return self.settings["ZOOM_SANDBOX_ADMIN_URL"]  # printed by `sandbox serve`, admin token included

    def admin(self, method: str, path: str, body: Any = None) -> Any:
        response = self.session.request(method, self.admin_url + path, json=body, timeout=600)
        if response.status_code >= 300:
            raise RuntimeError(f"sandbox admin {method} {path}: {response.status_code} {response.text[:300]}")
        return response.json()

    def reset(self) -> None:
        self.admin("POST", "/reset", {})

    def set_latency(self, latency_ms: int) -> None:
        """Every API answer is delayed by this much from now on (the sandbox counts a request on arrival)."""
        self.admin("POST", "/faults", {"latency_ms": latency_ms})

    def seed_registrants(self, webinar_id: str, registrants: list[dict[str, Any]]) -> int:
        return int(self.admin("POST", f"/webinars/{webinar_id}/registrants", {"registrants": registrants})["added"])

    def simulate(self, webinar_id: str, *, participants: int, attendance: float = 0.6, seed: int = 7) -> dict[str, Any]:
        body = {"participants": participants, "attendance": attendance, "seed": seed}
        result: dict[str, Any] = self.admin("POST", f"/webinars/{webinar_id}/simulate", body)
        return result

    def state(self) -> dict[str, Any]:
        result: dict[str, Any] = self.admin("GET", "/state")
        return result

    def child_env(self, state_dir: Path) -> dict[str, str]:
        """The environment of a wmdctl run pointed at this sandbox, with its own state dir."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ZOOM_", "WMD_"))}
        # Wide and plain: rich would otherwise wrap the --verbose log at 80 columns when stderr is a file.
        env.update(self.settings, WMD_STATE_DIR=str(state_dir), ZOOM_PLAN="pro", COLUMNS="1000", NO_COLOR="1",
                   XDG_STATE_HOME=str(self.state_home))  # fmt: skip
        return env

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self._stderr.close()
        if hasattr(self, "session"):
            self.session.close()


# --- child runs ---------------------------------------------------------------------


@dataclass
class ChildRun:
    returncode: int
    seconds: float
    max_rss_mb: float
    stdout: str
    stderr: str


def run_child(args: list[str], env: dict[str, str], cwd: Path, *, check: bool = True) -> ChildRun:
    """Run `wmdctl ARGS`; wall time, and peak RSS from wait4 (ru_maxrss is KiB on Linux)."""
    out_path, err_path = cwd / "child-stdout.txt", cwd / "child-stderr.txt"
    with out_path.open("w") as out, err_path.open("w") as err:
        started = time.perf_counter()
        process = subprocess.Popen([*wmdctl_command(), *args], stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
    run = ChildRun(process.returncode, seconds, usage.ru_maxrss / 1024, out_path.read_text(), err_path.read_text())
    if check and run.returncode != 0:
        raise RuntimeError(f"wmdctl {' '.join(args)} exited {run.returncode}:\n{run.stderr[-3000:]}")
    return run


def apply_webinar(server: SandboxServer, state_dir: Path, cwd: Path) -> str:
    """Create the event's webinar on the sandbox the way users do; return its id."""
    env = server.child_env(state_dir)
    run_child(["webinar", "apply", "--yes"], env, cwd)
    shown = json.loads(run_child(["--json", "webinar", "show"], env, cwd).stdout)
    return str(shown["id"])


# --- request logs -------------------------------------------------------------------


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    path: str
    query: dict[str, list[str]]
    status: str  # "200", "429", ... or "ERR"


@dataclass
class RequestLog:
    """Collects the client's log lines (thread-safe) and answers questions about them."""

    lines: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __call__(self, line: str) -> None:
        with self._lock:
            self.lines.append(line)

    def requests(self) -> list[LoggedRequest]:
        return parse_log(self.lines)


def parse_log(lines: Iterable[str]) -> list[LoggedRequest]:
    parsed = []
    for line in lines:
        match = LOG_LINE.match(line.strip())
        if match:
            url = urlsplit(match.group(2))
            parsed.append(LoggedRequest(match.group(1), url.path, parse_qs(url.query), match.group(3)))
    return parsed


def api_requests(requests_: list[LoggedRequest]) -> list[LoggedRequest]:
    """Zoom API requests only (not the OAuth token request)."""
    return [r for r in requests_ if not r.path.startswith("/oauth")]


def status_counts(requests_: list[LoggedRequest]) -> Counter[str]:
    return Counter(r.status for r in requests_)


def writes(requests_: list[LoggedRequest]) -> list[LoggedRequest]:
    return [r for r in api_requests(requests_) if r.method in WRITE_METHODS]


def registrant_listings(requests_: list[LoggedRequest]) -> Counter[str]:
    """GET .../registrants requests per status (a missing status means Zoom's default, approved)."""
    counts: Counter[str] = Counter()
    for r in requests_:
        if r.method == "GET" and r.path.endswith("/registrants"):
            counts[(r.query.get("status") or ["approved"])[0]] += 1
    return counts
