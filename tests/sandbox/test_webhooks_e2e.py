"""End to end: the sandbox's own webhooks reach `wmdctl webhooks serve` (a real child process), which acts on them.

A person registers on the sandbox; the sandbox signs and sends webinar.registration_created; the receiver
auto-approves a matching domain through the sandbox's API; `registrants list --json` shows it. A simulated
event's participant webhooks feed `wmdctl live`, which must agree with the sandbox's own rows.
The sandbox clock is a manual one (it moves only when a test moves it, or by a tick per read), and it is
taken back to 2021 for the simulated event, so the receiver runs with a replay window wider than that.
"""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from cli_support import Cli
from webhooks.helpers import (
    SECRET,
    assert_ended_as_the_rows_say,
    assert_in_now,
    read_url,
    spawn_cli,
    wait_for,
    write_event,
)

from wmdctl.sandbox import SandboxHandle, SandboxOptions, start_sandbox

from .helpers import ManualClock, Zoom

pytestmark = pytest.mark.e2e
FIVE_YEARS = str(6 * 365 * 24 * 3600)  # the receiver's --max-age: the sandbox clock goes back to 2021


@dataclass
class World:
    handle: SandboxHandle
    zoom: Zoom
    env: dict[str, str]
    webinar_id: int
    receiver_url: str
    cli: Cli

    def admin(self, method: str, path: str, **kwargs: Any) -> Any:
        answer = requests.request(method, f"{self.handle.admin_url}{path}", timeout=60, **kwargs)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def sandbox_webinar(self) -> dict[str, Any]:
        return next(w for w in self.admin("GET", "/state")["webinars"] if w["id"] == self.webinar_id)

    def statuses(self) -> dict[str, str]:
        return {p["email"]: p["status"] for p in self.sandbox_webinar()["_sandbox"]["registrants"]}

    def listed(self) -> dict[str, str]:
        result = self.cli("--json", "registrants", "list")
        assert result.exit_code == 0, result.output
        return {p["email"]: p["status"] for p in json.loads(result.stdout)}

    def inbox(self) -> list[dict[str, Any]]:
        return list(json.loads(self.cli("--json", "webhooks", "events").stdout))

    def settle(self) -> None:
        """Flush the sandbox until nothing due is left, then wait until the receiver processed all it stored."""

        def quiet() -> bool:
            flushed = self.admin("POST", "/webhooks/flush")
            delivered = sum(d["status"] == "delivered" for d in self.admin("GET", "/webhooks/deliveries")["deliveries"])
            inbox = self.inbox()
            processed = all(r["processed"] or r["status"] == "failed" for r in inbox)
            return not flushed["attempts"] and processed and len(inbox) >= delivered_distinct(self, delivered)

        wait_for(quiet, timeout=60, what="the sandbox's webhooks delivered and processed")


def delivered_distinct(world: World, delivered: int) -> int:
    """How many distinct events the receiver must hold: duplicates collapse into one record."""
    rows = world.admin("GET", "/webhooks/deliveries?status=delivered")["deliveries"]
    return len({json.dumps(r["body"], sort_keys=True) for r in rows}) if delivered else 0


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_environment: Path, cli: Cli) -> Iterator[World]:
    handle = start_sandbox(SandboxOptions(seed=17, clock=ManualClock(datetime.now(UTC))))
    event = write_event(tmp_path / "event.toml")
    env = {**handle.settings(), "ZOOM_WEBHOOK_SECRET_TOKEN": SECRET, "WMD_EVENT_FILE": str(event),
           "WMD_STATE_DIR": str(isolated_environment)}  # fmt: skip
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    child = None
    try:
        applied = cli("webinar", "apply", "--yes")
        assert applied.exit_code == 0, applied.output
        shown = cli("--json", "webinar", "show")
        webinar_id = int(json.loads(shown.stdout)["id"])
        child = spawn_cli(["webhooks", "serve", "--port", "0", "--max-age", FIVE_YEARS], env)
        url = read_url(child)
        answer = requests.post(f"{handle.admin_url}/webhooks", json={"url": url, "secret_token": SECRET}, timeout=30)
        assert answer.status_code == 200, answer.text
        assert answer.json()["validated"] is True  # wmdctl's receiver answered Zoom's URL validation right
        yield World(handle, Zoom(handle), env, webinar_id, url, cli)
    finally:
        if child is not None:
            child.send_signal(signal.SIGTERM)
            _, err = child.communicate(timeout=30)
            assert "Traceback" not in err, err
        handle.stop()


def test_a_matching_registrant_is_auto_approved_through_the_sandboxs_webhook(world: World) -> None:
    assert world.zoom.register(world.webinar_id, "ana.garcia@barcelona.metropolis.org").status_code == 201
    assert world.zoom.register(world.webinar_id, "bob@gmail.com", "Bob").status_code == 201
    wait_for(lambda: world.statuses().get("ana.garcia@barcelona.metropolis.org") == "approved", timeout=60,
             what="the receiver's approval, from the sandbox's webhook alone")  # fmt: skip
    world.settle()
    expected = {"ana.garcia@barcelona.metropolis.org": "approved", "bob@gmail.com": "pending"}
    assert world.listed() == expected == world.statuses()
    sent = [d["event"] for d in world.admin("GET", "/webhooks/deliveries")["deliveries"]]
    assert sent == ["webinar.registration_created"] * 2 + ["webinar.registration_approved"]


def test_duplicates_and_reordering_change_nothing(world: World) -> None:
    world.admin("POST", "/webhooks", json={"duplicate_rate": 1.0, "reorder_rate": 0.5, "paused": True})
    people = ["a@metropolis.org", "b@gmail.com", "c@unhabitat.org", "d@example.com", "e@sub.metropolis.org"]
    for email in people:
        assert world.zoom.register(world.webinar_id, email).status_code == 201
    world.settle()  # the receiver approves; its approvals send registration_approved, duplicated too
    world.settle()
    matching = {"a@metropolis.org", "c@unhabitat.org", "e@sub.metropolis.org"}
    assert world.listed() == {e: "approved" if e in matching else "pending" for e in people} == world.statuses()
    rows = world.admin("GET", "/webhooks/deliveries")["deliveries"]
    assert all(r["duplicates"] == 1 for r in rows)
    created = sorted((r for r in world.inbox() if r["type"] == "webinar.registration_created"),
                     key=lambda r: r["received_at"])  # fmt: skip
    registered = [p["id"] for p in world.sandbox_webinar()["_sandbox"]["registrants"]]
    assert [r["subject"] for r in created] != registered and sorted(r["subject"] for r in created) == sorted(registered)
    assert len(created) == len(people) and all(r["deliveries"] == 2 for r in created)  # stored twice, processed once
    counters = {c["key"]: c["count"] for c in world.admin("GET", "/state")["counters"]}
    changes = [n for key, n in counters.items() if key.startswith(f"status:{world.webinar_id}:")]
    assert sorted(changes) == [1, 1, 1]  # each matching person approved exactly once


def test_live_json_during_a_simulated_event_agrees_with_the_sandbox(world: World) -> None:
    for n in range(12):
        assert world.zoom.register(world.webinar_id, f"person{n}@cities.example", f"P{n}").status_code == 201
    pending = world.sandbox_webinar()["_sandbox"]["registrants"]
    body = {"action": "approve", "registrants": [{"id": p["id"], "email": p["email"]} for p in pending]}
    assert world.zoom.call("PUT", f"/webinars/{world.webinar_id}/registrants/status", json=body).status_code == 204
    world.admin("POST", "/webhooks", json={"paused": True})
    world.settle()
    # The simulation runs live: from before the webinar's start, its events are due as the clock passes them.
    world.admin("POST", "/clock", json={"now": "2021-10-07T12:00:00Z"})
    world.admin("POST", f"/webinars/{world.webinar_id}/simulate", json={"seed": 5, "attendance": 0.8})
    assert world.admin("POST", "/webhooks/flush")["attempts"] == []  # nothing has happened yet
    webinar = world.sandbox_webinar()["_sandbox"]
    inst, rows = webinar["instance"], webinar["participants"]
    times = sorted({r["join_time"] for r in rows} | {r["leave_time"] for r in rows})
    cut = times[len(times) // 2]
    world.admin("POST", "/clock", json={"now": cut})  # half-way through the simulated event, in sandbox time
    world.settle()
    snapshot = json.loads(world.cli("--json", "live").stdout)
    assert_in_now(snapshot, rows, cut)
    assert snapshot["webinar_uuid"] == inst["uuid"]
    world.admin("POST", "/clock", json={"now": inst["end_time"]})
    world.settle()
    final = json.loads(world.cli("--json", "live").stdout)
    assert_ended_as_the_rows_say(final, rows)
