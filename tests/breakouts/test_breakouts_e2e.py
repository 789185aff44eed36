"""End to end against the sandbox on loopback, through the real Zoom client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sandbox_client import sandbox_client

from wmdctl import sandbox
from wmdctl.breakouts import apply_breakouts
from wmdctl.breakouts.meeting import existing_assignment
from wmdctl.config import load_settings
from wmdctl.event.load import load_event
from wmdctl.event.model import Event
from wmdctl.jobs import JobContext

pytestmark = pytest.mark.e2e

PANEL_TITLES = ["Creating caring metropolises", "Framing recovery for all", ""]
QUESTION = "Which panel breakout session would you like to join?"


@pytest.fixture
def zoom(tmp_path: Path) -> Iterator[tuple[Any, Any, list[str]]]:
    handle = sandbox.start_sandbox(sandbox.SandboxOptions(seed=7))
    log: list[str] = []
    client = sandbox_client(handle, tmp_path / "token.json", log=log.append)
    try:
        yield handle, client, log
    finally:
        handle.stop()


def _job(client: Any, host: str, webinar_id: str, event: Event, state: Path) -> JobContext:
    settings = load_settings(env={})
    return JobContext(settings, state_dir=state, client=client, event=event, world=f"sandbox:{state}", host=host,
                      webinar_id=webinar_id)  # fmt: skip


def _webinar(client: Any, host: str) -> str:
    body = {
        "topic": "Caring Metropolises: Framing Recovery for All",
        "type": 5,
        "start_time": "2021-10-07T15:00:00",
        "timezone": "Europe/Madrid",
        "duration": 90,
        "settings": {"approval_type": 0},  # automatic approval: registrants are approved at once
    }
    return str(client.create_webinar(host, body)["id"])


def _register(client: Any, webinar_id: str, numbers: range) -> None:
    for n in numbers:
        client.add_registrant(
            webinar_id,
            {
                "email": f"person{n:03d}@example.net",
                "first_name": f"Person{n}",
                "last_name": "Example",
                "org": f"Org {n % 3}",
                "custom_questions": [{"title": QUESTION, "value": PANEL_TITLES[n % 3]}],
            },
        )


def _writes(log: list[str]) -> list[str]:
    return [line for line in log if "/meetings" in line and line.split()[0] in {"POST", "PATCH", "PUT", "DELETE"}]


@pytest.fixture
def event() -> Event:
    return load_event(None)


def test_apply_twice_writes_once(zoom: tuple[Any, Any, list[str]], event: Event, tmp_path: Path) -> None:
    handle, client, log = zoom
    webinar_id = _webinar(client, handle.host_email)
    _register(client, webinar_id, range(12))

    first = apply_breakouts(_job(client, handle.host_email, webinar_id, event, tmp_path))
    assert first.action == "create" and first.written
    meeting = client.get_meeting(first.meeting_id)
    assert meeting["type"] == 2
    assert meeting["settings"]["breakout_room"]["enable"] is True
    rooms = existing_assignment(meeting)
    assert set(rooms) == {"Panel 1: Creating caring metropolises", "Panel 2: Framing recovery for all"}
    assert sum(len(emails) for emails in rooms.values()) == 12 + 8

    log.clear()
    second = apply_breakouts(_job(client, handle.host_email, webinar_id, event, tmp_path))
    assert second.action == "noop" and not second.written
    assert _writes(log) == []


def test_new_registrants_join_without_moving_anyone(
    zoom: tuple[Any, Any, list[str]], event: Event, tmp_path: Path
) -> None:
    handle, client, log = zoom
    webinar_id = _webinar(client, handle.host_email)
    _register(client, webinar_id, range(10))
    first = apply_breakouts(_job(client, handle.host_email, webinar_id, event, tmp_path))
    before = existing_assignment(client.get_meeting(first.meeting_id))

    _register(client, webinar_id, range(100, 104))
    log.clear()
    second = apply_breakouts(_job(client, handle.host_email, webinar_id, event, tmp_path))
    assert second.action == "update" and second.meeting_id == first.meeting_id
    assert [line.split()[0] for line in _writes(log)] == ["PATCH"]
    after = existing_assignment(client.get_meeting(first.meeting_id))
    for name, emails in before.items():
        assert set(emails) <= set(after[name])
    newcomers = {f"person{n:03d}@example.net" for n in range(100, 104)}
    assert newcomers <= {email for emails in after.values() for email in emails}
