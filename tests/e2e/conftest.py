"""End-to-end harness: the real CLI, in-process, against the sandbox over loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from cli_support import VirtualTime

from wmdctl.sandbox import SandboxOptions, start_sandbox


class Sandbox:
    """A running sandbox plus helpers for its hidden admin endpoints."""

    def __init__(self, handle: object) -> None:
        self.handle = handle

    def __getattr__(self, name: str) -> object:
        return getattr(self.handle, name)

    def admin(self, method: str, path: str, **json: object) -> dict:
        response = requests.request(method, f"{self.handle.admin_url}/{path}", json=json or None, timeout=30)
        response.raise_for_status()
        return response.json() if response.content else {}

    def state(self) -> dict:
        return self.admin("GET", "state")


@pytest.fixture
def sandbox(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, virtual_time: VirtualTime) -> Iterator[Sandbox]:
    # On the CLI's virtual time: the client's pacing and backoff move the clock the sandbox's limits count.
    handle = start_sandbox(SandboxOptions(seed=7, clock=virtual_time.utc_now))
    for name, value in handle.settings().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("ZOOM_SANDBOX_ADMIN_URL", handle.admin_url)  # as `sandbox serve` prints it, for `simulate`
    try:
        yield Sandbox(handle)
    finally:
        handle.stop()
