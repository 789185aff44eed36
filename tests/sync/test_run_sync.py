from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from filelock import FileLock

from wmdctl.errors import ConfigError, ConfirmationRequired
from wmdctl.exitcodes import ExitCode
from wmdctl.sync import SyncOptions, SyncResult, SyncStopped, run_sync
from wmdctl.sync.ledger import Ledger

from .fakes import FakeZoom

NOW = datetime(2021, 10, 1, 12, 0, tzinfo=UTC)
PANEL = "Which panel?"
QUESTIONS = [{"title": PANEL, "type": "single_radio", "required": False, "answers": ["One", "Two"]}]


class Killed(BaseException):
    """Stands in for the process dying mid-run (KeyboardInterrupt-like: not an Exception)."""


def write_list(path: Path, count: int, *, start: int = 0, panel: bool = False) -> Path:
    header = "email,first_name,last_name" + (f",{PANEL}" if panel else "")
    lines = [header] + [
        f"p{i}@example.org,First{i},Last{i}" + (",One" if panel else "") for i in range(start, start + count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sync(zoom: FakeZoom, tmp_path: Path, sources: list[Path], **options: object) -> SyncResult:
    options.setdefault("clock", lambda: NOW)
    options.setdefault("workers", 1)
    return run_sync(
        zoom, "123", sources, event=None, ledger_path=tmp_path / "state" / "ledger.sqlite",
        rejects_path=tmp_path / "state" / "rejects.csv", options=SyncOptions(**options),  # type: ignore[arg-type]
    )  # fmt: skip


def ledger_entries(tmp_path: Path) -> dict[str, object]:
    ledger = Ledger(tmp_path / "state" / "ledger.sqlite", "123", "inspect")
    try:
        return ledger.entries()  # type: ignore[return-value]
    finally:
        ledger.close()


def test_first_sync_adds_and_second_sync_writes_nothing(tmp_path: Path) -> None:
    zoom = FakeZoom(questions=QUESTIONS)
    source = write_list(tmp_path / "list.csv", 5, panel=True)
    first = sync(zoom, tmp_path, [source])
    assert first.counts()["added"] == 5 and first.exit_code == ExitCode.OK
    assert [c[0] for c in zoom.writes()] == ["add"] * 5  # answers to a question: single adds
    writes_before = len(zoom.writes())
    second = sync(zoom, tmp_path, [source])
    assert len(zoom.writes()) == writes_before
    assert second.counts()["unchanged"] == 5 and second.counts()["added"] == 0
    entry = ledger_entries(tmp_path)["p0@example.org"]
    assert entry.status == "pending" and entry.registrant_id and entry.join_url  # type: ignore[attr-defined]
    assert entry.added_by_run == first.run_id  # type: ignore[attr-defined]


def test_batches_of_30_for_plain_rows_then_approval_by_status_call(tmp_path: Path) -> None:
    zoom = FakeZoom(approval_type=1)
    source = write_list(tmp_path / "list.csv", 65)
    result = sync(zoom, tmp_path, [source], approve=True)
    kinds = [(c[0], len(c[1])) for c in zoom.writes()]
    # The batches run concurrently (in any order), all before the approvals.
    assert sorted(kinds[:3]) == [("batch", 5), ("batch", 30), ("batch", 30)]
    assert kinds[3:] == [("approve", 30), ("approve", 30), ("approve", 5)]
    assert result.counts()["added"] == 65 and result.counts()["approved"] == 65
    assert all(p["status"] == "approved" for p in zoom.people.values())


def test_no_batch_for_recurring_webinars(tmp_path: Path) -> None:
    zoom = FakeZoom(webinar_type=9, approval_type=0)
    sync(zoom, tmp_path, [write_list(tmp_path / "list.csv", 3)])
    assert [c[0] for c in zoom.writes()] == ["add"] * 3
    assert all(p["status"] == "approved" for p in zoom.people.values())


def test_registration_must_be_enabled(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="registration is not enabled"):
        sync(FakeZoom(approval_type=2), tmp_path, [write_list(tmp_path / "l.csv", 1)])


def test_daily_account_limit_stops_cleanly_and_next_run_resumes(tmp_path: Path) -> None:
    zoom = FakeZoom(account_adds_left=3)
    source = write_list(tmp_path / "list.csv", 6)
    with pytest.raises(SyncStopped) as stopped:
        sync(zoom, tmp_path, [source], use_batch=False)
    assert stopped.value.exit_code == ExitCode.RATE_LIMITED
    assert stopped.value.resume_at is not None and "2021-10-02 00:00 UTC" in stopped.value.message
    assert stopped.value.result.counts()["added"] == 3
    statuses = {e: x.status for e, x in ledger_entries(tmp_path).items()}  # type: ignore[attr-defined]
    assert sorted(statuses.values()) == ["not_added", "pending", "pending", "pending"]  # the rest never started
    zoom.account_adds_left = None  # a new UTC day
    again = sync(zoom, tmp_path, [source], use_batch=False)
    assert again.counts()["added"] == 3 and again.counts()["unchanged"] == 3
    adds = [e for kind, e in zoom.writes() if kind == "add"]
    assert adds.count("p3@example.org") == 2  # refused by the limit, then sent again the next day
    assert all(adds.count(f"p{i}@example.org") == 1 for i in (0, 1, 2, 4, 5))
    assert len(zoom.people) == 6


def test_per_registrant_limit_defers_one_person_and_the_run_goes_on(tmp_path: Path) -> None:
    zoom = FakeZoom(approval_type=0)
    zoom.adds_today["p1@example.org"] = 3  # someone burned this person's three adds today
    source = write_list(tmp_path / "list.csv", 3)
    result = sync(zoom, tmp_path, [source], use_batch=False)
    assert result.emails()["added"] == ["p0@example.org", "p2@example.org"]
    assert result.reasons()["deferred_until"] == {"p1@example.org": "2021-10-02T00:00:00+00:00"}
    # Zoom's cap lifts by itself and the next run retries: no cron alarm, except with --strict.
    assert result.exit_code == ExitCode.OK
    assert replace(result, strict=True).exit_code == ExitCode.PARTIAL
    posts = len(zoom.writes())
    rerun = sync(zoom, tmp_path, [source], use_batch=False)
    assert len(zoom.writes()) == posts  # not burned again before the resume time
    assert rerun.emails()["deferred"] == ["p1@example.org"]
    zoom.adds_today.clear()
    later = sync(zoom, tmp_path, [source], use_batch=False, clock=lambda: datetime(2021, 10, 2, 0, 5, tzinfo=UTC))
    assert later.emails()["added"] == ["p1@example.org"]


def test_zoom_refusal_of_a_cancelled_email_needs_a_human_once(tmp_path: Path) -> None:
    zoom = FakeZoom()
    zoom.cancelled.add("p0@example.org")  # cancelled in the Zoom web portal; the ledger never knew them
    source = write_list(tmp_path / "list.csv", 2)
    result = sync(zoom, tmp_path, [source], use_batch=False)
    assert "cannot be used to register" in result.reasons()["needs_human"]["p0@example.org"]
    posts = len(zoom.writes())
    sync(zoom, tmp_path, [source], use_batch=False)
    assert len(zoom.writes()) == posts


def test_killed_mid_run_then_rerun_converges_without_duplicates(tmp_path: Path) -> None:
    zoom = FakeZoom()
    source = write_list(tmp_path / "list.csv", 6)
    zoom.lose_answer_for = {"p1@example.org"}  # lands on Zoom, but the answer never arrives

    def die_on_p3(email: str) -> None:
        if email == "p3@example.org":
            raise Killed

    zoom.before_add = die_on_p3
    with pytest.raises(Killed):
        sync(zoom, tmp_path, [source], use_batch=False)
    statuses = {e: x.status for e, x in ledger_entries(tmp_path).items()}  # type: ignore[attr-defined]
    assert statuses["p1@example.org"] == "in_flight" and statuses["p3@example.org"] == "in_flight"
    zoom.before_add, zoom.lose_answer_for = None, set()
    result = sync(zoom, tmp_path, [source], use_batch=False)
    assert sorted(result.resolved_in_flight) == ["p1@example.org", "p3@example.org"]
    adds = [e for kind, e in zoom.writes() if kind == "add"]
    assert adds.count("p1@example.org") == 1  # found on Zoom: never posted again
    assert adds.count("p3@example.org") == 2  # the first POST never happened, so it is sent again
    assert set(zoom.people) == {f"p{i}@example.org" for i in range(6)}
    assert {x.status for x in ledger_entries(tmp_path).values()} == {"pending"}  # type: ignore[attr-defined]


def test_second_sync_waits_for_the_lock_then_steps_aside(tmp_path: Path) -> None:
    zoom = FakeZoom()
    (tmp_path / "state").mkdir()
    with FileLock(str(tmp_path / "state" / "ledger.sqlite") + ".lock"):
        result = sync(zoom, tmp_path, [write_list(tmp_path / "l.csv", 2)], lock_timeout=0.05)
    assert result.skipped == "another sync is running" and result.exit_code == ExitCode.OK
    assert zoom.writes() == []


def test_dry_run_sends_nothing_and_records_nothing(tmp_path: Path) -> None:
    zoom = FakeZoom()
    zoom.seed("old@example.org")
    result = sync(zoom, tmp_path, [write_list(tmp_path / "l.csv", 2)], dry_run=True, prune=True, force=True)
    assert zoom.writes() == []
    assert result.to_dict()["mode"] == "dry-run"
    assert result.emails()["added"] == ["p0@example.org", "p1@example.org"]
    assert result.emails()["cancelled"] == ["old@example.org"]
    assert ledger_entries(tmp_path) == {}


def test_prune_asks_first(tmp_path: Path) -> None:
    zoom = FakeZoom()
    for i in range(20):
        zoom.seed(f"keep{i}@example.org")
    zoom.seed("old@example.org")
    source = tmp_path / "l.csv"
    source.write_text("email,name\n" + "".join(f"keep{i}@example.org,K\n" for i in range(20)), encoding="utf-8")
    with pytest.raises(ConfirmationRequired):
        sync(zoom, tmp_path, [source], prune=True)
    assert zoom.writes() == []
    declined = run_sync(zoom, "123", [source], event=None, ledger_path=tmp_path / "state" / "ledger.sqlite",
                        rejects_path=None, options=SyncOptions(prune=True), confirm=lambda q: False)  # fmt: skip
    assert declined.cancel_declined and declined.exit_code == ExitCode.PARTIAL and zoom.writes() == []
    done = sync(zoom, tmp_path, [source], prune=True, yes=True)
    assert done.emails()["cancelled"] == ["old@example.org"]
    assert ledger_entries(tmp_path)["old@example.org"].status == "cancelled"  # type: ignore[attr-defined]
    source.write_text(source.read_text(encoding="utf-8") + "old@example.org,Back\n", encoding="utf-8")
    back = sync(zoom, tmp_path, [source], prune=True, yes=True)
    assert "cancelled" in back.reasons()["needs_human"]["old@example.org"]


def test_prune_denies_the_pending_and_cancels_the_approved(tmp_path: Path) -> None:
    zoom = FakeZoom()
    for i in range(20):
        zoom.seed(f"keep{i}@example.org")
    zoom.seed("old@example.org")
    zoom.seed("wait@example.org", "pending")
    source = tmp_path / "l.csv"
    source.write_text("email,name\n" + "".join(f"keep{i}@example.org,K\n" for i in range(20)), encoding="utf-8")
    with pytest.raises(ConfirmationRequired, match="cancel 1 approved and deny 1 pending"):
        sync(zoom, tmp_path, [source], prune=True)
    dry = sync(zoom, tmp_path, [source], prune=True, dry_run=True)
    assert dry.emails()["denied"] == ["wait@example.org"] and "would deny 1" in dry.summary()
    questions: list[str] = []
    done = run_sync(zoom, "123", [source], event=None, ledger_path=tmp_path / "state" / "ledger.sqlite",
                    rejects_path=None, options=SyncOptions(prune=True, clock=lambda: NOW, workers=1),
                    confirm=lambda q: questions.append(q) or True)  # fmt: skip
    assert questions and "deny 1 pending" in questions[0]
    assert zoom.writes() == [("cancel", ["old@example.org"]), ("deny", ["wait@example.org"])]
    assert done.emails()["cancelled"] == ["old@example.org"] and done.emails()["denied"] == ["wait@example.org"]
    data = done.to_dict()
    assert data["counts"]["cancelled"] == 1 and data["counts"]["denied"] == 1 and data["exit_code"] == 0
    assert "cancelled 1, denied 1" in done.summary()
    entries = ledger_entries(tmp_path)
    assert entries["wait@example.org"].status == "denied"  # type: ignore[attr-defined]
    assert entries["old@example.org"].status == "cancelled"  # type: ignore[attr-defined]


def test_known_rejects_of_a_list_stay_known_through_runs_that_do_not_read_it(tmp_path: Path) -> None:
    zoom = FakeZoom()
    with_reject = write_list(tmp_path / "a.csv", 2)
    with_reject.write_text(with_reject.read_text(encoding="utf-8") + "not-an-email,Bad,Row\n", encoding="utf-8")
    other = write_list(tmp_path / "b.csv", 2, start=10)
    first = sync(zoom, tmp_path, [with_reject, other])
    assert first.exit_code == ExitCode.PARTIAL and len(first.new_rejects) == 1
    only_other = sync(zoom, tmp_path, [other])
    assert only_other.exit_code == ExitCode.OK
    again = sync(zoom, tmp_path, [with_reject, other])
    assert again.new_rejects == [] and again.counts()["rejected_known"] == 1
    assert again.exit_code == ExitCode.OK  # reported once, not again after a run that skipped its list
    with_reject.write_text(write_list(tmp_path / "fixed.csv", 2).read_text(encoding="utf-8"), encoding="utf-8")
    sync(zoom, tmp_path, [with_reject])
    relapse = write_list(tmp_path / "a.csv", 2)
    relapse.write_text(relapse.read_text(encoding="utf-8") + "not-an-email,Bad,Row\n", encoding="utf-8")
    assert sync(zoom, tmp_path, [relapse]).exit_code == ExitCode.PARTIAL  # fixed, then back: new again


def test_a_ledger_from_before_per_list_known_problems_opens(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "state" / "ledger.sqlite"
    path.parent.mkdir()
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE known_problems (webinar_id TEXT NOT NULL, fingerprint TEXT NOT NULL, "
                "PRIMARY KEY (webinar_id, fingerprint))")  # fmt: skip
    old.execute("INSERT INTO known_problems VALUES ('123', 'f1')")
    old.commit()
    old.close()
    ledger = Ledger(path, "123", "r")
    try:
        assert ledger.known_problems() == {"f1"}
        ledger.replace_known_problems({"": set(), "a.csv": {"f2"}}, read=["a.csv"])
        assert ledger.known_problems() == {"f2"}
    finally:
        ledger.close()


@pytest.mark.parametrize("dry_run", [False, True])
def test_the_summary_line_is_stamped_when_the_run_finished(tmp_path: Path, dry_run: bool) -> None:
    from datetime import timedelta

    ticks = iter(range(1000))
    result = sync(FakeZoom(), tmp_path, [write_list(tmp_path / "list.csv", 3)], dry_run=dry_run,
                  clock=lambda: NOW + timedelta(minutes=next(ticks)))  # fmt: skip
    assert result.started_at == NOW and result.finished_at is not None and result.finished_at > NOW
    assert result.summary_line().startswith(result.finished_at.isoformat(timespec="seconds") + " ")
    assert result.to_dict()["finished_at"] == result.finished_at.isoformat(timespec="seconds")
