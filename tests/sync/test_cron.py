"""Many lists, one cron line: what exits 1 (only what is new), per-event state, the old shared ledger."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path

import pytest
from cli_support import Cli

from wmdctl.cli.context import AppContext
from wmdctl.exitcodes import ExitCode
from wmdctl.sync.ledger import Ledger, LedgerEntry

from .fakes import FakeZoom

PANEL = "Which panel breakout session would you like to join?"
HEAD = f"Email,First name,{PANEL}\n"
GOOD = "ana@example.org,Ana,Framing recovery for all\n"
BAD = "oops,Bad,Framing recovery for all\n"


@pytest.fixture
def zoom(monkeypatch: pytest.MonkeyPatch, isolated_environment: Path) -> FakeZoom:
    fake = FakeZoom(approval_type=1)
    monkeypatch.setattr(AppContext, "client", lambda self: fake)
    monkeypatch.setattr(AppContext, "webinar_id", lambda self: "123")
    return fake


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_known_reject_stops_failing_cron_and_a_new_one_fails_again(zoom: FakeZoom, tmp_path: Path, cli: Cli) -> None:
    source = write(tmp_path / "l.csv", HEAD + GOOD + BAD)
    first = cli("registrants", "sync", str(source))
    assert first.exit_code == ExitCode.PARTIAL
    second = cli("registrants", "sync", str(source))
    assert second.exit_code == ExitCode.OK, second.stderr
    assert "rejected 1 (0 new, 1 known)" in second.stdout
    assert cli("registrants", "sync", str(source), "--strict").exit_code == ExitCode.PARTIAL
    # A row inserted above moves the known reject down a line: still known. A new bad row is new.
    moved = write(tmp_path / "l.csv", HEAD + "bea@example.org,Bea,Framing recovery for all\n" + GOOD + BAD)
    assert cli("registrants", "sync", str(moved)).exit_code == ExitCode.OK
    worse = write(tmp_path / "l.csv", HEAD + GOOD + BAD + "also-bad,Bad,Framing recovery for all\n")
    third = cli("registrants", "sync", str(worse))
    assert third.exit_code == ExitCode.PARTIAL
    assert "rejected 2 (1 new, 1 known)" in third.stdout
    assert "l.csv:4" in third.stderr


def test_a_dry_run_does_not_make_rejects_known(zoom: FakeZoom, tmp_path: Path, cli: Cli) -> None:
    source = write(tmp_path / "l.csv", HEAD + GOOD + BAD)
    assert cli("registrants", "sync", str(source), "--dry-run").exit_code == ExitCode.PARTIAL
    assert cli("registrants", "sync", str(source)).exit_code == ExitCode.PARTIAL


def test_the_readme_cron_line_with_a_pattern_that_matched_nothing(zoom: FakeZoom, tmp_path: Path, cli: Cli) -> None:
    source = write(tmp_path / "lists" / "a.csv", HEAD + GOOD)
    result = cli("registrants", "sync", str(source), str(tmp_path / "lists" / "*.xlsx"))
    assert result.exit_code == ExitCode.OK, result.stderr
    assert "matched no file" in result.stderr and "ana@example.org" in zoom.people


def test_a_missing_or_corrupt_list_does_not_block_the_others_and_exits_1_not_2(
    zoom: FakeZoom, tmp_path: Path, cli: Cli
) -> None:
    good = write(tmp_path / "a.csv", HEAD + GOOD)
    corrupt = tmp_path / "b.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 not really")
    result = cli("registrants", "sync", str(tmp_path / "gone.csv"), str(corrupt), str(good))
    assert result.exit_code == ExitCode.PARTIAL
    assert "ana@example.org" in zoom.people
    assert "gone.csv does not exist" in result.stderr and "b.xlsx is damaged" in result.stderr
    assert "lists unread 2" in result.stdout


def test_prune_cancels_nobody_while_a_list_is_unreadable(zoom: FakeZoom, tmp_path: Path, cli: Cli) -> None:
    for n in range(20):
        zoom.seed(f"p{n}@example.org")
    good = write(tmp_path / "a.csv", "Email,First name\n" + "".join(f"p{n}@example.org,P\n" for n in range(19)))
    result = cli("registrants", "sync", str(good), str(tmp_path / "b.csv"), "--prune", "--yes")
    assert result.exit_code == ExitCode.PARTIAL and zoom.cancelled == set()
    assert "could not be read" in result.stderr


def _second_event(tmp_path: Path) -> Path:
    text = files("wmdctl").joinpath("events/wmd2021.toml").read_text(encoding="utf-8")
    assert 'key = "wmd-2021"' in text
    return write(tmp_path / "other.toml", text.replace('key = "wmd-2021"', 'key = "other-2022"'))


def test_two_events_in_one_state_dir_keep_their_own_lock_ledger_and_rejects(
    zoom: FakeZoom, tmp_path: Path, isolated_environment: Path, cli: Cli
) -> None:
    from filelock import FileLock

    other = _second_event(tmp_path)
    first = write(tmp_path / "first.csv", HEAD + GOOD + BAD)
    second = write(tmp_path / "second.csv", HEAD + "bo@example.org,Bo,Framing recovery for all\n" + BAD)
    events = isolated_environment / "events"
    (events / "wmd-2021").mkdir(parents=True)
    with FileLock(str(events / "wmd-2021" / "sync.lock")):  # the first event's sync is running
        result = cli("--event", str(other), "registrants", "sync", str(second))
    assert "another sync" not in result.stderr and "bo@example.org" in zoom.people
    cli("registrants", "sync", str(first))
    first_rejects = (events / "wmd-2021" / "registrant-rejects.csv").read_text(encoding="utf-8-sig")
    second_rejects = (events / "other-2022" / "registrant-rejects.csv").read_text(encoding="utf-8-sig")
    assert "first.csv" in first_rejects and "second.csv" in second_rejects  # neither emptied the other
    assert (events / "other-2022" / "registrants.sqlite").is_file()


def test_the_old_shared_ledger_is_moved_so_nobody_is_added_again(
    zoom: FakeZoom, tmp_path: Path, isolated_environment: Path, cli: Cli
) -> None:
    now = datetime(2021, 10, 1, 12, tzinfo=UTC)
    isolated_environment.mkdir(parents=True, exist_ok=True)
    old = Ledger(isolated_environment / "registrants.sqlite", "123", "old-run")
    old.put([LedgerEntry("ana@example.org", "cancelled", "r1", updated_at="2021-09-30T10:00:00+00:00")])
    Ledger(isolated_environment / "registrants.sqlite", "999", "other").put(
        [LedgerEntry("x@example.org", "approved", "r9", updated_at="2021-09-30T10:00:00+00:00")]
    )
    old.close()
    source = write(tmp_path / "l.csv", HEAD + GOOD)
    result = cli("--json", "registrants", "sync", str(source))
    assert zoom.writes() == []  # Zoom will not take a cancelled email again: not re-posted
    assert '"needs_human"' in result.stdout and "cancelled on Zoom" in result.stdout
    moved = Ledger(isolated_environment / "events" / "wmd-2021" / "registrants.sqlite", "123", "check")
    assert moved.get("ana@example.org") is not None and moved.get("x@example.org") is None
    assert moved.migrate_from(isolated_environment / "registrants.sqlite", now) == 0  # once only
    moved.close()


def test_export_with_join_links_is_private_and_formula_safe(zoom: FakeZoom, tmp_path: Path, cli: Cli) -> None:
    import csv
    import stat

    zoom.seed("ana@example.org")
    zoom.people["ana@example.org"].update(first_name='=HYPERLINK("http://evil.example","click")')
    out = tmp_path / "r.csv"
    assert cli("registrants", "export", "--out", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    [row] = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert row["first_name"].startswith("'=HYPERLINK")
