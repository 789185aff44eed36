"""SIGTERM and SIGHUP stop wmdctl the way Ctrl-C does.

systemd, a container stop or a closed terminal send SIGTERM or SIGHUP, whose default action kills the process
on the spot: no message, and a sync run recorded with no outcome. Turned into an exception in the main thread
instead, they unwind like Ctrl-C's KeyboardInterrupt: the request in flight finishes (worker threads are never
interrupted), each layer records what it did on the way out, and the CLI exits 128 + the signal number.

Installed by the command line only, never on import: a library must not take over its host's signals.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

HANDLED = (signal.SIGTERM, signal.SIGHUP)


class Terminated(KeyboardInterrupt):
    """A termination signal, raised in the main thread; a KeyboardInterrupt so every Ctrl-C path applies."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(f"terminated by {signal_name(signum)}")

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def exit_code_for(interrupt: KeyboardInterrupt) -> int:
    """128 + the signal number: 130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP."""
    return interrupt.exit_code if isinstance(interrupt, Terminated) else 128 + signal.SIGINT


_deferral = threading.local()


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    if getattr(_deferral, "depth", 0):
        _deferral.pending = signum  # raised when the request in flight is done (see `request_in_flight`)
        return
    raise Terminated(signum)


@contextlib.contextmanager
def request_in_flight() -> Iterator[None]:
    """A SIGTERM or SIGHUP arriving inside is raised only on the way out, so the request finishes and its
    answer can be recorded. For work the main thread does itself (worker threads are never interrupted).

    Ctrl-C is left alone: a person at the keyboard may mean "now".
    """
    _deferral.depth = getattr(_deferral, "depth", 0) + 1
    try:
        yield
    finally:
        _deferral.depth -= 1
        pending = getattr(_deferral, "pending", None)
        if pending is not None and _deferral.depth == 0:
            _deferral.pending = None
            raise Terminated(pending)


@contextlib.contextmanager
def termination_as_interrupt() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise Terminated; the previous handlers come back on the way out.

    Does nothing outside the main thread (Python only lets the main thread set handlers).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for signum in HANDLED:
        with contextlib.suppress(OSError, ValueError):
            previous[signum] = signal.signal(signum, _raise_terminated)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def serve_until_stopped(stop: threading.Event, on_ready: Callable[[], None], shutdown: Callable[[], None]) -> None:
    """A foreground server's life: ``on_ready``, then wait until ``stop`` is set or SIGINT/SIGTERM arrives
    (which only set ``stop``, so the server shuts down cleanly), then ``shutdown``; the previous handlers
    come back on the way out. Signals are only taken in the main thread (Python allows no other).
    """
    previous: dict[signal.Signals, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, lambda *_: stop.set())
    try:
        on_ready()
        while not stop.wait(0.2):
            pass
    finally:
        shutdown()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
