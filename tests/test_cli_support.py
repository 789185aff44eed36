"""The cli fixture's virtual time, and that the CLI's Zoom client really runs on it."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from cli_support import Cli, VirtualTime

from wmdctl.zoom import client as client_module


def test_a_sleep_moves_the_clock_at_once_and_is_recorded() -> None:
    clock = VirtualTime(frozen=True)
    before = clock.time()
    clock.sleep(30.0)
    assert clock.time() == pytest.approx(before + 30.0) and clock.sleeps == [30.0]
    assert clock.utc_now().timestamp() == pytest.approx(before + 30.0)


def test_sleeps_in_several_threads_add_up() -> None:
    clock = VirtualTime(frozen=True)
    before = clock.time()
    sleepers = [threading.Thread(target=clock.sleep, args=(s,)) for s in (0.5, 2.0, 1.0)]
    for sleeper in sleepers:
        sleeper.start()
    for sleeper in sleepers:
        sleeper.join()
    assert clock.time() - before == pytest.approx(3.5)  # ahead of real time: spacing more, never less
    assert sorted(clock.sleeps) == [0.5, 1.0, 2.0] and clock.slept == 3.5


def test_unfrozen_time_still_flows() -> None:
    clock = VirtualTime()
    first = clock.time()
    while clock.time() == first:  # would spin forever on a frozen clock
        pass


def test_the_cli_builds_its_zoom_client_on_the_fixtures_clock(
    cli: Cli, virtual_time: VirtualTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[dict[str, Any]] = []

    class Recorder:
        def __init__(self, config: object, **kwargs: Any) -> None:
            built.append(kwargs)
            raise KeyboardInterrupt  # stop the command here: the client is all this test is about

    monkeypatch.setattr(client_module, "ZoomClient", Recorder)
    for name, value in {"ZOOM_ACCOUNT_ID": "a", "ZOOM_CLIENT_ID": "b", "ZOOM_CLIENT_SECRET": "c",
                        "ZOOM_HOST": "host@example.org"}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    cli("webinar", "show", catch_exceptions=True)
    [kwargs] = built
    assert kwargs["sleep"] == virtual_time.sleep and kwargs["clock"] == virtual_time.time
