"""End to end against the sandbox: `wmdctl webhooks serve` as a real process, the events the sandbox would send.

The sandbox does not send webhooks yet (a later task), so the test posts, signed, exactly what it would:
built from the sandbox's own registrants and participant rows.
"""

from __future__ import annotations

import json
import random
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import World
from .helpers import (
    assert_ended_as_the_rows_say,
    assert_in_now,
    instance,
    participant,
    post,
    read_url,
    registration,
    spawn_cli,
    wait_for,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def receiver(world: World) -> Iterator[str]:
    child = spawn_cli(["webhooks", "serve", "--port", "0"], world.env)
    try:
        yield read_url(child)
    finally:
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=30)
        assert "Traceback" not in err, err


def inbox_settled(world: World, count: int) -> bool:
    result = world.cli("--json", "webhooks", "events")
    records = json.loads(result.stdout)
    return len(records) >= count and all(r["processed"] or r["status"] == "failed" for r in records)


def registrants_by_email(world: World) -> dict[str, str]:
    listed = world.cli("--json", "registrants", "list")
    assert listed.exit_code == 0, listed.output
    return {p["email"]: p["status"] for p in json.loads(listed.stdout)}


def test_a_matching_registrant_is_auto_approved_and_the_others_stay_pending(world: World, receiver: str) -> None:
    ana = world.register("ana.garcia@barcelona.metropolis.org")
    bob = world.register("bob@gmail.com", "Bob")
    for n, person in enumerate((ana, bob)):
        event = registration("created", world.webinar_id, person, 1_700_000_000_000 + n,
                             uuid=world.webinar()["uuid"], status="pending")  # fmt: skip
        assert post(receiver, event).status_code == 200
        assert post(receiver, event).status_code == 200  # Zoom may deliver twice
    wait_for(lambda: inbox_settled(world, 2), what="both events processed")
    assert registrants_by_email(world) == {
        "ana.garcia@barcelona.metropolis.org": "approved",
        "bob@gmail.com": "pending",
    }
    approvals = [c for c in world.webinar()["_sandbox"]["registrants"] if c["status"] == "approved"]
    assert [p["email"] for p in approvals] == ["ana.garcia@barcelona.metropolis.org"]
    events = json.loads(world.cli("--json", "webhooks", "events").stdout)
    assert [(e["subject"], e["deliveries"], e["status"]) for e in events] == [
        (ana["id"], 2, "processed"), (bob["id"], 2, "processed"),
    ]  # fmt: skip


def test_registrants_sync_approve_rules_catches_who_the_webhooks_missed(world: World, tmp_path: Path) -> None:
    world.register("late@unhabitat.org", "Late")  # on Zoom's page, while no receiver ran
    world.register("other@example.com", "Other")
    listed = tmp_path / "members.csv"
    listed.write_text("email,first_name\nlisted@barcelona.metropolis.org,Lis\nlisted@example.com,Ted\n")
    first = world.cli("--json", "registrants", "sync", str(listed), "--approve-rules")
    assert first.exit_code == 0, first.output
    rules = json.loads(first.stdout)["approve_rules"]
    assert sorted(rules["changed"]) == ["late@unhabitat.org", "listed@barcelona.metropolis.org"]
    assert registrants_by_email(world) == {
        "late@unhabitat.org": "approved", "other@example.com": "pending",
        "listed@barcelona.metropolis.org": "approved", "listed@example.com": "pending",
    }  # fmt: skip
    again = world.cli("--json", "registrants", "sync", str(listed), "--approve-rules")
    assert json.loads(again.stdout)["approve_rules"]["changed"] == []  # a rerun approves nobody twice
    dry = world.cli("registrants", "sync", str(listed), "--approve-rules", "--dry-run")
    assert "would approve 0" in dry.stderr


def test_live_json_agrees_with_the_sandboxs_attendance(world: World, receiver: str) -> None:
    for n in range(12):
        person = world.register(f"person{n}@cities.example", f"P{n}")
        world.client.update_registrant_status(world.webinar_id, "approve", [{"id": person["id"],
                                                                            "email": person["email"]}])  # fmt: skip
    world.handle.simulate(world.webinar_id, attendance=0.8, seed=5)
    webinar = world.webinar()
    inst, rows = webinar["_sandbox"]["instance"], webinar["_sandbox"]["participants"]
    assert rows, "the simulation produced attendance"
    # Stop half-way: post what Zoom would have sent up to then, shuffled and with repeats.
    times = sorted({r["join_time"] for r in rows} | {r["leave_time"] for r in rows})
    cut = times[len(times) // 2]
    events = [instance("started", world.webinar_id, inst["uuid"], inst["start_time"], 1)]
    for n, row in enumerate(rows):
        if row["join_time"] <= cut:
            events.append(participant("joined", world.webinar_id, inst["uuid"], row, 10 + 2 * n))
        if row["leave_time"] <= cut:
            events.append(participant("left", world.webinar_id, inst["uuid"], row, 11 + 2 * n))
    deliveries = events + random.Random(3).sample(events, k=len(events) // 3)
    random.Random(9).shuffle(deliveries)
    for event in deliveries:
        assert post(receiver, event).status_code == 200
    wait_for(lambda: inbox_settled(world, len(events)), what="participant events processed")
    snapshot = json.loads(world.cli("--json", "live").stdout)
    # Who is in at the cut, by the sandbox's own rows: joined by then and not yet left.
    assert_in_now(snapshot, rows, cut)
    assert snapshot["webinar_uuid"] == inst["uuid"]
    # Then the rest, and the end: nobody is in, and everyone who came was seen.
    rest = [participant("left", world.webinar_id, inst["uuid"], r, 5000 + n) for n, r in enumerate(rows)
            if r["leave_time"] > cut] + [participant("joined", world.webinar_id, inst["uuid"], r, 9000 + n)
            for n, r in enumerate(rows) if r["join_time"] > cut]  # fmt: skip
    rest.append(instance("ended", world.webinar_id, inst["uuid"], inst["end_time"], 20_000))
    for event in rest:
        assert post(receiver, event).status_code == 200
    wait_for(lambda: inbox_settled(world, len(events) + len(rest)), what="the rest processed")
    final = json.loads(world.cli("--json", "live").stdout)
    assert_ended_as_the_rows_say(final, rows)
