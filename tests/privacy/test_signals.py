"""SIGTERM and SIGHUP become an exception in the main thread, and the CLI exits 128 + the signal number."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest
from cli_support import Cli

from wmdctl.exitcodes import ExitCode
from wmdctl.signals import Terminated, exit_code_for, request_in_flight, termination_as_interrupt


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_termination_signal_raises_terminated_then_the_old_handler_returns(signum: int, code: int) -> None:
    before = signal.getsignal(signum)
    with pytest.raises(Terminated) as caught, termination_as_interrupt():
        os.kill(os.getpid(), signum)  # the handler runs in this thread before the next line
        pytest.fail("the signal was not raised")
    assert isinstance(caught.value, KeyboardInterrupt)  # every Ctrl-C path applies
    assert caught.value.signum == signum and exit_code_for(caught.value) == code
    assert signal.getsignal(signum) is before


def test_ctrl_c_stays_130() -> None:
    assert exit_code_for(KeyboardInterrupt()) == ExitCode.INTERRUPTED == 130
    assert ExitCode.TERMINATED == 128 + signal.SIGTERM and ExitCode.HANGUP == 128 + signal.SIGHUP


def test_a_signal_during_a_request_in_flight_waits_for_it() -> None:
    finished = []
    with pytest.raises(Terminated), termination_as_interrupt():
        with request_in_flight():
            os.kill(os.getpid(), signal.SIGTERM)
            finished.append("the request's answer was recorded")
        finished.append("never: the signal is raised on leaving the request")
    assert finished == ["the request's answer was recorded"]


def test_handlers_are_not_installed_outside_the_main_thread() -> None:
    seen = []

    def run() -> None:
        with termination_as_interrupt():
            seen.append(signal.getsignal(signal.SIGTERM))

    before = signal.getsignal(signal.SIGTERM)
    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert seen == [before]


@pytest.mark.parametrize(("signum", "code", "name"), [(signal.SIGTERM, 143, "SIGTERM"), (signal.SIGHUP, 129, "SIGHUP")])
def test_the_cli_exits_128_plus_the_signal(
    isolated_environment: Path, monkeypatch: pytest.MonkeyPatch, signum: int, code: int, name: str, cli: Cli
) -> None:
    from wmdctl.event import load

    real_load = load.load_event

    def load_then_signal(path: Path | None) -> object:
        event = real_load(path)
        os.kill(os.getpid(), signum)  # as systemd would, while the command runs
        return event

    monkeypatch.setattr(load, "load_event", load_then_signal)
    result = cli("webinar", "plan")
    assert result.exit_code == code
    assert f"terminated by {name}" in result.stderr and "Traceback" not in result.stderr
