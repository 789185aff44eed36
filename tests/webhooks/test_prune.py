"""`webhooks prune`: the events done with go, from the tables and from the disk; open ones always stay."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cli_support import Cli

from wmdctl.webhooks.db import Database, db_path
from wmdctl.webhooks.events import parse
from wmdctl.webhooks.inbox import Inbox
from wmdctl.webhooks.livestore import record_participant

from .helpers import participant, registration

WEBINAR = "81234567890"
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
OLD, RECENT = NOW - timedelta(days=40), NOW - timedelta(days=1)


def _fill(path: Path) -> Inbox:
    """Six events: four old ones (one per status), a recent processed one, and an old participant event."""
    inbox = Inbox(Database(path))
    rows = [
        (registration("created", WEBINAR, {"id": "r1", "email": "old.done@example.org",
                                            "join_url": "https://zoom.us/w/1?tk=OLDJOINTOKEN"}, 1), OLD, "processed"),
        (registration("created", "999", {"id": "r2", "email": "other@example.org"}, 2), OLD, "ignored"),
        (registration("created", WEBINAR, {"id": "r3", "email": "old.failed@example.org"}, 3), OLD, "failed"),
        (registration("created", WEBINAR, {"id": "r4", "email": "old.open@example.org"}, 4), OLD, None),
        (registration("created", WEBINAR, {"id": "r5", "email": "recent@example.org"}, 5), RECENT, "processed"),
        (participant("joined", WEBINAR, "inst==", {"name": "Ana", "user_email": "old.joined@example.org",
                                                    "join_time": "2026-10-22T13:00:00Z"}, 6), OLD, "processed"),
    ]  # fmt: skip
    for body, received_at, status in rows:
        raw = json.dumps(body).encode()
        event = parse(raw)
        inbox_id, _ = inbox.store(event, raw, received_at)
        if event.type.startswith("webinar.participant"):
            record_participant(inbox.db, inbox_id, event)
        if status:
            inbox.finish(inbox_id, status, None, received_at)
    return inbox


def _on_disk(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name))


def test_old_processed_and_ignored_events_go_from_the_tables_and_the_disk(tmp_path: Path) -> None:
    path = tmp_path / "webhooks.sqlite"
    inbox = _fill(path)
    assert b"OLDJOINTOKEN" in _on_disk(path)
    inbox.db.execute("PRAGMA secure_delete = OFF")  # as some SQLite builds default: freed pages keep their bytes
    assert inbox.prune(NOW - timedelta(days=30)) == (3, 3)  # two registrations and the participant event
    left = {(r.subject, r.status) for r in inbox.records()}
    assert left == {("r3", "failed"), ("r4", "received"), ("r5", "processed")}
    assert inbox.db.query("SELECT COUNT(*) FROM participant_events") == [(0,)]  # its attendance row went with it
    on_disk = _on_disk(path)  # the database and its write-ahead log, while the connection is still open
    for gone in (b"OLDJOINTOKEN", b"old.done@example.org", b"old.joined@example.org"):
        assert gone not in on_disk  # overwritten, not only unlinked from the table
    assert b"old.open@example.org" in on_disk  # still to be processed
    inbox.db.close()


def test_a_dry_run_counts_and_deletes_nothing_and_failed_ones_go_only_when_asked(tmp_path: Path) -> None:
    inbox = _fill(tmp_path / "webhooks.sqlite")
    cutoff = NOW - timedelta(days=30)
    assert inbox.prune(cutoff, include_failed=True, dry_run=True) == (4, 2)
    assert len(inbox.records()) == 6
    assert inbox.prune(cutoff, include_failed=True) == (4, 2)
    assert {r.status for r in inbox.records()} == {"received", "processed"}
    assert inbox.prune(NOW + timedelta(days=1)) == (1, 1)  # everything done with, however recent; never the open one


def test_the_command_prunes_the_events_database_and_says_what_it_did(cli: Cli, isolated_environment: Path) -> None:
    assert json.loads(cli("--json", "webhooks", "prune").stdout)["deleted"] == 0  # no database yet: nothing to do
    _fill(db_path(isolated_environment, "wmd-2021")).db.close()
    dry = json.loads(cli("webhooks", "prune", "--older-than", "0", "--dry-run", "--json").stdout)
    assert dry["deleted"] == 4 and dry["kept"] == 2 and dry["dry_run"] is True  # times are real here: all are old
    done = cli("webhooks", "prune", "--older-than", "0")
    assert done.exit_code == 0, done.stderr
    assert "deleted 4 processed or ignored event(s) received before" in done.stderr and "2 kept" in done.stderr
    bad = cli("webhooks", "prune", "--older-than", "-3")
    assert bad.exit_code == 2 and "--older-than" in bad.stderr
