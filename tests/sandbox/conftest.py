"""Fixtures: a real sandbox on loopback with a manual clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wmdctl.sandbox import SandboxHandle, SandboxOptions, start_sandbox

from .helpers import ManualClock, Zoom


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def handle(clock: ManualClock) -> Iterator[SandboxHandle]:
    with start_sandbox(SandboxOptions(seed=1, clock=clock)) as running:
        yield running


@pytest.fixture
def zoom(handle: SandboxHandle) -> Zoom:
    return Zoom(handle)
