"""SIGKILL of a real receiver between storing and processing: after a restart, nothing is lost.

`--no-process` (hidden, for this test) makes the receiver store and answer without processing, so the
kill lands between the two every time, whatever the machine's speed.
"""

from __future__ import annotations

import json
import signal

import pytest

from .conftest import World
from .helpers import post, read_url, registration, spawn_cli, wait_for

pytestmark = pytest.mark.e2e


def test_events_stored_by_a_killed_receiver_are_processed_after_restart(world: World) -> None:
    people = [world.register(f"kill{n}@metropolis.org", f"K{n}") for n in range(3)]
    people.append(world.register("stays@example.com", "Stays"))
    uuid = world.webinar()["uuid"]

    child = spawn_cli(["webhooks", "serve", "--port", "0", "--no-process"], world.env)
    url = read_url(child)
    for n, person in enumerate(people):
        assert post(url, registration("created", world.webinar_id, person, 1_700_000_000_000 + n, uuid=uuid)).ok
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL

    stored = json.loads(world.cli("--json", "webhooks", "events").stdout)
    assert [e["status"] for e in stored] == ["received"] * 4  # answered 200, not processed
    assert {p["status"] for p in world.webinar()["_sandbox"]["registrants"]} == {"pending"}

    restarted = spawn_cli(["webhooks", "serve", "--port", "0"], world.env)
    try:
        read_url(restarted)

        def settled() -> list[dict[str, object]] | None:
            events = json.loads(world.cli("--json", "webhooks", "events").stdout)
            return events if all(e["processed"] for e in events) else None

        events = wait_for(settled, what="the backlog processed after the restart")
    finally:
        restarted.send_signal(signal.SIGTERM)
        restarted.communicate(timeout=30)
    assert [e["attempts"] for e in events] == [1, 1, 1, 1]  # each processed once
    statuses = {p["email"]: p["status"] for p in world.webinar()["_sandbox"]["registrants"]}
    assert statuses == {"kill0@metropolis.org": "approved", "kill1@metropolis.org": "approved",
                        "kill2@metropolis.org": "approved", "stays@example.com": "pending"}  # fmt: skip
