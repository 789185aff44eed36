"""Dedupe and reordering over real HTTP: our own sender delivers twice and out of order."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from wmdctl.event.model import AutoApprove
from wmdctl.sync.ledger import Ledger
from wmdctl.webhooks.processor import ProcessorConfig
from wmdctl.webhooks.receiver import ReceiverConfig
from wmdctl.webhooks.server import ReceiverHandle, ServeOptions, start_receiver
from wmdctl.zoom.errors import ZoomServerError

from .helpers import SECRET, participant, post, registration

WEBINAR = "81234567890"
RULES = AutoApprove(("metropolis.org",))


class FakeZoom:
    """Records status calls; can be told to fail the next ones."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[dict[str, Any]]]] = []
        self.failures = 0

    def update_registrant_status(self, webinar_id: str, action: str, registrants: list[dict[str, Any]]) -> int:
        if self.failures:
            self.failures -= 1
            raise ZoomServerError("Zoom is down", status=503)
        self.calls.append((action, list(registrants)))
        return 204


@pytest.fixture
def zoom() -> FakeZoom:
    return FakeZoom()


@pytest.fixture
def receiver(tmp_path: Path, zoom: FakeZoom) -> Iterator[ReceiverHandle]:
    config = ProcessorConfig(webinar_id=WEBINAR, ledger_path=tmp_path / "registrants.sqlite", rules=RULES,
                             client=lambda: zoom, retry_delays=(0.0, 0.0))  # fmt: skip
    options = ServeOptions(db_path=tmp_path / "webhooks.sqlite", receiver=ReceiverConfig(secret=SECRET),
                           processor=config, port=0)  # fmt: skip
    with start_receiver(options) as handle:
        yield handle


def deliver_all(handle: ReceiverHandle, events: list[dict[str, Any]]) -> None:
    for event in events:
        assert post(handle.url("/zoom/webhooks"), event).status_code == 200
    assert handle.processor is not None and handle.processor.wait_idle(30)


def ledger(tmp_path: Path) -> dict[str, Any]:
    book = Ledger(tmp_path / "registrants.sqlite", WEBINAR, "test")
    try:
        return {email: entry.status for email, entry in book.entries().items()}
    finally:
        book.close()


def statuses(handle: ReceiverHandle) -> list[tuple[str, str]]:
    return [(r.type.rsplit("_", 1)[-1], r.status) for r in handle.processor.inbox.records()]  # type: ignore[union-attr]


@pytest.mark.e2e
def test_a_matching_registrant_is_approved_once_whatever_the_repeats(
    receiver: ReceiverHandle, zoom: FakeZoom, tmp_path: Path
) -> None:
    ana = {"id": "r-ana", "email": "Ana@Sub.Metropolis.org"}
    bob = {"id": "r-bob", "email": "bob@gmail.com"}
    created = [registration("created", WEBINAR, p, 1000 + i) for i, p in enumerate((ana, bob))]
    deliver_all(receiver, [created[0], created[1], created[0], created[0]])
    assert zoom.calls == [("approve", [{"id": "r-ana", "email": "ana@sub.metropolis.org"}])]
    assert ledger(tmp_path) == {"ana@sub.metropolis.org": "approved", "bob@gmail.com": "pending"}
    [ana_record, bob_record] = receiver.processor.inbox.records()  # type: ignore[union-attr]
    assert ana_record.deliveries == 3 and ana_record.reason == "ana@sub.metropolis.org approved by the rules"
    assert "no auto-approve rule matches" in (bob_record.reason or "")


@pytest.mark.e2e
def test_approved_before_created_leaves_them_approved_and_sends_nothing(
    receiver: ReceiverHandle, zoom: FakeZoom, tmp_path: Path
) -> None:
    ana = {"id": "r-ana", "email": "ana@metropolis.org"}
    deliver_all(receiver, [registration("approved", WEBINAR, ana, 2000), registration("created", WEBINAR, ana, 1000)])
    assert zoom.calls == []  # a human approved already; the late `created` must not trigger anything
    assert ledger(tmp_path) == {"ana@metropolis.org": "approved"}
    late = receiver.processor.inbox.records()[1]  # type: ignore[union-attr]
    assert late.reason == "older than an event already applied: ana@metropolis.org stays approved"


@pytest.mark.e2e
def test_cancelled_then_an_older_approved_stays_cancelled(receiver: ReceiverHandle, tmp_path: Path) -> None:
    bob = {"id": "r-bob", "email": "bob@gmail.com"}
    deliver_all(receiver, [registration("cancelled", WEBINAR, bob, 3000), registration("approved", WEBINAR, bob, 2000),
                           registration("created", WEBINAR, bob, 1000)])  # fmt: skip
    assert ledger(tmp_path) == {"bob@gmail.com": "cancelled"}


@pytest.mark.e2e
def test_a_failed_approval_is_retried_then_done(receiver: ReceiverHandle, zoom: FakeZoom, tmp_path: Path) -> None:
    zoom.failures = 1
    deliver_all(receiver, [registration("created", WEBINAR, {"id": "r1", "email": "x@metropolis.org"}, 1)])
    assert [c[0] for c in zoom.calls] == ["approve"]
    [record] = receiver.processor.inbox.records()  # type: ignore[union-attr]
    assert (record.status, record.attempts) == ("processed", 2)


@pytest.mark.e2e
def test_other_webinars_and_unused_events_are_ignored_with_a_reason(receiver: ReceiverHandle, zoom: FakeZoom) -> None:
    other = registration("created", "999", {"id": "r1", "email": "x@metropolis.org"}, 1)
    unused = {"event": "webinar.sharing_started", "event_ts": 2, "payload": {"object": {"id": WEBINAR, "uuid": "u"}}}
    deliver_all(receiver, [other, unused])
    reasons = [r.reason for r in receiver.processor.inbox.records()]  # type: ignore[union-attr]
    assert reasons == [f"webinar 999 is not this event's webinar {WEBINAR}",
                       "wmdctl does not use webinar.sharing_started events"]  # fmt: skip
    assert zoom.calls == []


@pytest.mark.e2e
def test_many_registrants_go_out_in_batches_of_30(tmp_path: Path, zoom: FakeZoom) -> None:
    config = ProcessorConfig(webinar_id=WEBINAR, ledger_path=tmp_path / "registrants.sqlite", rules=RULES,
                             client=lambda: zoom)  # fmt: skip
    options = ServeOptions(db_path=tmp_path / "webhooks.sqlite", receiver=ReceiverConfig(secret=SECRET),
                           processor=config, port=0, process=False)  # fmt: skip
    with start_receiver(options) as handle:  # store only, then process everything in one pass
        for i in range(70):
            person = {"id": f"r{i}", "email": f"p{i}@metropolis.org"}
            assert post(handle.url("/zoom/webhooks"), registration("created", WEBINAR, person, i)).status_code == 200
    from wmdctl.webhooks.db import Database
    from wmdctl.webhooks.processor import Processor

    db = Database(tmp_path / "webhooks.sqlite")
    try:
        assert Processor(db, config).process_due() == 70
    finally:
        db.close()
    assert [len(batch) for _, batch in zoom.calls] == [30, 30, 10]
    assert set(ledger(tmp_path).values()) == {"approved"}


@pytest.mark.e2e
def test_participant_events_shuffled_and_repeated_give_the_same_presence(receiver: ReceiverHandle) -> None:
    from wmdctl.event.load import load_event
    from wmdctl.webhooks.service import live_snapshot

    rows = [
        {"id": "p1", "name": "Ana", "user_email": "ana@x.org", "user_id": "1",
         "join_time": "2021-10-07T13:00:00Z", "leave_time": "2021-10-07T13:30:00Z"},
        {"id": "p1", "name": "Ana", "user_email": "ana@x.org", "user_id": "2",
         "join_time": "2021-10-07T13:35:00Z", "leave_time": "2021-10-07T14:20:00Z"},
        {"id": "p2", "name": "Bea", "user_email": "bea@x.org", "user_id": "3",
         "join_time": "2021-10-07T13:10:00Z", "leave_time": "2021-10-07T14:29:00Z"},
    ]  # fmt: skip
    events = []
    for n, row in enumerate(rows):
        events.append(participant("joined", WEBINAR, "inst==", row, 10 * n + 1))
        events.append(participant("left", WEBINAR, "inst==", row, 10 * n + 2))
    shuffled = events + events[:3]
    random.Random(4).shuffle(shuffled)
    assert [e["event"] for e in shuffled] != [e["event"] for e in events + events[:3]]
    deliver_all(receiver, shuffled)
    snap = live_snapshot(receiver.db.path, load_event(None), WEBINAR)
    assert snap["participants_seen"] == 2
    assert snap["in_now"]["count"] == 0  # everyone left
    at = {p["at"][11:16]: p["count"] for p in snap["timeline"]}
    assert (at["13:05"], at["13:15"], at["13:32"], at["14:25"]) == (1, 2, 1, 1)


def _processor(tmp_path: Path, zoom: Any, **config: Any) -> Any:
    from wmdctl.webhooks.db import Database
    from wmdctl.webhooks.processor import Processor

    clock = {"now": 1_800_000_000.0}
    settings = {"webinar_id": WEBINAR, "ledger_path": tmp_path / "registrants.sqlite", "rules": RULES,
                "client": (lambda: zoom) if zoom is not None else None} | config  # fmt: skip
    processor = Processor(Database(tmp_path / "webhooks.sqlite"), ProcessorConfig(**settings),
                          clock=lambda: clock["now"])  # fmt: skip
    return processor, clock


def _store(processor: Any, body: dict[str, Any]) -> None:
    import json as _json
    from datetime import UTC, datetime

    from wmdctl.webhooks.events import parse

    raw = _json.dumps(body).encode()
    processor.inbox.store(parse(raw), raw, datetime.now(UTC))


def test_a_daily_limit_postpones_the_approval_until_zoom_resets(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from wmdctl.zoom.errors import ZoomRateLimitError

    resume = datetime.fromtimestamp(1_800_000_000 + 3600, UTC)  # an hour after the processor's clock

    class Spent(FakeZoom):
        def update_registrant_status(self, webinar_id: str, action: str, registrants: list[dict[str, Any]]) -> int:
            raise ZoomRateLimitError("daily limit", daily=True, resume_at=resume)

    processor, _ = _processor(tmp_path, Spent())
    _store(processor, registration("created", WEBINAR, {"id": "r1", "email": "a@metropolis.org"}, 1))
    assert processor.process_due() == 1
    [record] = processor.inbox.records()
    assert record.status == "retry" and "daily limit" in (record.reason or "")
    assert processor.inbox.next_due() == resume.timestamp()
    assert processor.process_due() == 0  # not before the reset


def test_approval_failures_are_retried_then_given_up_with_the_reason(tmp_path: Path) -> None:
    zoom = FakeZoom()
    zoom.failures = 10
    processor, clock = _processor(tmp_path, zoom, retry_delays=(60.0,))
    _store(processor, registration("created", WEBINAR, {"id": "r1", "email": "a@metropolis.org"}, 1))
    processor.process_due()
    assert processor.inbox.records()[0].status == "retry"
    assert processor.process_due() == 0  # the delay is on the injected clock
    clock["now"] += 61
    processor.process_due()
    [record] = processor.inbox.records()
    assert record.status == "failed" and record.reason.startswith("gave up after 2 attempts: approval failed")


def test_without_a_client_a_match_is_recorded_and_said(tmp_path: Path) -> None:
    processor, _ = _processor(tmp_path, None)
    _store(processor, registration("created", WEBINAR, {"id": "r1", "email": "a@metropolis.org"}, 1))
    processor.process_due()
    assert "no Zoom client to approve with" in (processor.inbox.records()[0].reason or "")
    assert ledger(tmp_path) == {"a@metropolis.org": "pending"}


def test_recording_completed_and_a_registrant_without_an_id(tmp_path: Path) -> None:
    from wmdctl.webhooks.samples import SampleSpec, sample_event

    processor, _ = _processor(tmp_path, FakeZoom())
    _store(processor, sample_event("recording.completed", SampleSpec(webinar_id=WEBINAR)))
    _store(processor, registration("created", WEBINAR, {"id": "", "email": "a@metropolis.org"}, 1))
    processor.process_due()
    reasons = {r.type: (r.status, r.reason) for r in processor.inbox.records()}
    assert reasons["recording.completed"] == ("processed", "recording ready: 1 file(s)")
    assert reasons["webinar.registration_created"] == ("failed", "the event names no registrant id and email")


@pytest.mark.e2e
def test_only_one_receiver_processes_an_events_inbox(receiver: ReceiverHandle, tmp_path: Path) -> None:
    from wmdctl.errors import UsageError

    second = ServeOptions(db_path=receiver.db.path, receiver=ReceiverConfig(secret=SECRET), port=0,
                          processor=ProcessorConfig(webinar_id=WEBINAR, ledger_path=tmp_path / "l.sqlite"))  # fmt: skip
    with pytest.raises(UsageError, match="already processing"):
        start_receiver(second)
    second.process = False
    with start_receiver(second) as store_only:  # storing alongside is safe: SQLite serialises the writes
        assert post(store_only.url("/zoom/webhooks"), registration("created", WEBINAR, {"id": "r", "email": "x@y.org"},
                                                                  5)).status_code == 200  # fmt: skip
