"""The webinar job against the real sandbox over loopback: create, rerun, rediscover, update."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sandbox_client import sandbox_client

from wmdctl.event.model import Event
from wmdctl.state.store import StateStore
from wmdctl.webinar.job import apply_webinar
from wmdctl.zoom.client import ZoomClient

from .support import webinar_job

pytestmark = pytest.mark.e2e
WORLD = "sandbox:test"


@pytest.fixture
def sandbox() -> Iterator[Any]:
    from wmdctl.sandbox import SandboxOptions, start_sandbox

    with start_sandbox(SandboxOptions()) as handle:
        yield handle


@pytest.fixture
def client(sandbox: Any, tmp_path: Path) -> Iterator[ZoomClient]:
    with sandbox_client(sandbox, tmp_path / "token.json", sleep=lambda seconds: None) as zoom:
        yield zoom


def test_apply_twice_then_after_losing_the_record(
    sandbox: Any, client: ZoomClient, event: Event, state_dir: Path
) -> None:
    first = apply_webinar(webinar_job(client, event, state_dir, host=sandbox.host_email, world=WORLD))
    assert first.plan.action == "create" and len(first.done) == 5
    webinar = client.get_webinar(first.webinar_id or "")
    assert webinar["start_time"] == "2021-10-07T13:00:00Z" and webinar["timezone"] == "Europe/Madrid"
    assert len(client.list_panelists(webinar["id"])) == 8

    second = apply_webinar(webinar_job(client, event, state_dir, host=sandbox.host_email, world=WORLD))
    assert second.plan.up_to_date and second.done == []

    (state_dir / "webinars.json").unlink()
    third = apply_webinar(webinar_job(client, event, state_dir, host=sandbox.host_email, world=WORLD))
    assert third.located.rediscovered and third.done == []
    assert StateStore(state_dir).webinar_id(WORLD, event.key) == first.webinar_id
    assert len(list(client.iter_webinars(sandbox.host_email))) == 1


def test_update_is_one_patch_and_converges(sandbox: Any, client: ZoomClient, event: Event, state_dir: Path) -> None:
    apply_webinar(webinar_job(client, event, state_dir, host=sandbox.host_email, world=WORLD))
    moved = dataclasses.replace(
        event, start=event.start.replace(month=11), end=event.end.replace(month=11), agenda="Moved to November."
    )
    result = apply_webinar(webinar_job(client, moved, state_dir, host=sandbox.host_email, world=WORLD))
    assert sorted(c.path for c in result.plan.changes) == ["agenda", "start_time"]
    assert len(result.done) == 1
    webinar = client.get_webinar(result.webinar_id or "")
    assert webinar["start_time"] == "2021-11-07T14:00:00Z"  # CET in November
    assert apply_webinar(webinar_job(client, moved, state_dir, host=sandbox.host_email, world=WORLD)).plan.up_to_date
