"""The one way tests run the CLI: in-process, stdout and stderr apart, on virtual time.

The `cli` fixture (tests/conftest.py) hands out a `Cli`; calling it runs the real root app with
typer's CliRunner and returns a typed `CliResult`. The Zoom client the command builds sleeps on a
`VirtualTime`: a sleep is recorded and moves the clock forward at once, so pacing, Retry-After and
backoff cost no wall time. Sandboxes started with `VirtualTime.utc_now` as their clock (the
`--sandbox` one always is) see the same time, so the client's pacing still spaces its requests
on the clock that the sandbox's rate limits count.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import typer
from typer.testing import CliRunner

from wmdctl.cli import context
from wmdctl.cli.context import Timing
from wmdctl.cli.main import app as root_app


class VirtualTime:
    """Real time plus an offset that only sleeping moves; every sleep is recorded.

    Time still flows underneath, so code that polls the clock never spins forever. A sleep returns at
    once and moves the clock forward by its length, so sleeps in several threads add up: the clock
    runs ahead of real time, which spaces requests more than the client asked for, never less.

    ``frozen=True`` stops the flow underneath: only sleeps move the clock, so what a sandbox counts
    in one of its seconds depends on the requests sent, never on the machine's speed.
    """

    def __init__(self, *, frozen: bool = False) -> None:
        start = time.time()
        self._base: Callable[[], float] = (lambda: start) if frozen else time.time
        self._offset = 0.0
        self._lock = threading.Lock()
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self._base() + self._offset

    def utc_now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), UTC)

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self._offset += max(0.0, seconds)

    @property
    def slept(self) -> float:
        """Seconds the client asked to sleep, in total (what the run would have waited)."""
        return sum(self.sleeps)

    def timing(self) -> Timing:
        return Timing(sleep=self.sleep, clock=self.time)


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str
    output: str  # stdout and stderr interleaved as a terminal would show them, for "never printed" checks
    exception: BaseException | None = None  # an uncaught exception other than SystemExit

    def json(self) -> Any:
        """stdout as the one JSON document `--json` promises (fails the test if it is anything else)."""
        return json.loads(self.stdout)


class Cli:
    """Runs `wmdctl ARGS...` in-process; the clock and the sleep are the test's `VirtualTime`."""

    def __init__(self, virtual_time: VirtualTime) -> None:
        self.time = virtual_time

    def __call__(
        self,
        *args: str,
        input: str | None = None,
        env: Mapping[str, str | None] | None = None,
        catch_exceptions: bool = False,
        app: typer.Typer = root_app,
    ) -> CliResult:
        """``catch_exceptions=False`` lets a traceback fail the test where it happened; ``app`` is for
        the rare test that mounts one sub-app on a stand-in root."""
        # Set for the call itself, so that a module-scoped fixture's Cli is on virtual time too.
        previous, context.TIMING = context.TIMING, self.time.timing()
        try:
            result = CliRunner().invoke(app, list(args), input=input, env=env, catch_exceptions=catch_exceptions)
        finally:
            context.TIMING = previous
        exception = None if isinstance(result.exception, SystemExit) else result.exception
        return CliResult(result.exit_code, result.stdout, result.stderr, result.output, exception)
