"""A sandbox with the event's webinar applied, and the environment a receiver reads."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from cli_support import Cli, VirtualTime
from sandbox_client import sandbox_client

from wmdctl.sandbox import SandboxHandle, SandboxOptions, start_sandbox
from wmdctl.zoom.client import ZoomClient

from .helpers import SECRET, write_event


@dataclass
class World:
    handle: SandboxHandle
    env: dict[str, str]
    webinar_id: str
    client: ZoomClient
    cli: Cli

    def webinar(self) -> dict[str, Any]:
        state = requests.get(f"{self.handle.admin_url}/state", timeout=30).json()
        return next(w for w in state["webinars"] if str(w["id"]) == self.webinar_id)

    def register(self, email: str, first_name: str = "Ana") -> dict[str, Any]:
        """A person registering on Zoom's page: the sandbox's own registrant API."""
        answer = self.client.add_registrant(self.webinar_id, {"email": email, "first_name": first_name})
        person = next(p for p in self.webinar()["_sandbox"]["registrants"] if p["email"] == email)
        assert person["status"] == "pending", person  # the event's approval is manual
        return {**person, "id": answer.get("registrant_id") or person["id"]}


@pytest.fixture
def world(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_environment: Path, cli: Cli, virtual_time: VirtualTime
) -> Iterator[World]:
    handle = start_sandbox(SandboxOptions(seed=17, clock=virtual_time.utc_now))  # on the CLI's virtual time
    event = write_event(tmp_path / "event.toml")
    env = {**handle.settings(), "ZOOM_WEBHOOK_SECRET_TOKEN": SECRET, "WMD_EVENT_FILE": str(event),
           "WMD_STATE_DIR": str(isolated_environment)}  # fmt: skip
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    client = sandbox_client(handle, tmp_path / "token.json")
    try:
        applied = cli("webinar", "apply", "--yes")
        assert applied.exit_code == 0, applied.output
        webinar_id = str(cli("--json", "webinar", "show").json()["id"])
        yield World(handle, env, webinar_id, client, cli)
    finally:
        client.close()
        handle.stop()
