"""The one writer: modes whatever the umask, atomic replacement, and no writing through symlinks."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from wmdctl.state import files
from wmdctl.state.files import (
    atomic_writer,
    create_private_database,
    create_private_file,
    ensure_private_dir,
    lax_warning,
    write_json_atomic,
    write_text_atomic,
    write_with,
)
from wmdctl.state.store import StateStore


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture(params=[0o000, 0o022])
def umask(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    previous = os.umask(request.param)
    monkeypatch.setattr(files, "_umask_value", None)  # read it afresh under this umask
    try:
        yield request.param
    finally:
        os.umask(previous)
        files._umask_value = None


def test_state_dir_and_private_files_are_owner_only_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    store = StateStore(tmp_path / "state")
    store.save_webinar_id("https://api.zoom.us/v2", "wmd2021", "123")
    event = store.event("wmd2021")
    create_private_file(event.ledger)

    assert mode_of(tmp_path / "state") == 0o700
    assert mode_of(event.folder.parent) == 0o700  # the events folder between them too
    assert mode_of(event.folder) == 0o700
    assert mode_of(tmp_path / "state" / "webinars.json") == 0o600
    assert mode_of(event.ledger) == 0o600


def test_public_files_follow_the_umask(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "attendance.csv"
    write_text_atomic(target, "a,b\n", private=False)
    assert mode_of(target) == 0o666 & ~umask
    secret = tmp_path / "registrants.csv"
    write_text_atomic(secret, "join_url\n", private=True)
    assert mode_of(secret) == 0o600


def test_a_symlink_at_the_destination_is_replaced_not_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    link = tmp_path / "out.csv"
    link.symlink_to(victim)
    write_text_atomic(link, "new", private=True)
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not link.is_symlink()
    assert link.read_text(encoding="utf-8") == "new"


def test_a_planted_symlink_is_refused_for_databases_and_locks(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    planted = tmp_path / "registrants.sqlite"
    planted.symlink_to(victim)
    with pytest.raises(OSError):
        create_private_file(planted)
    assert victim.read_text(encoding="utf-8") == "precious"


def test_an_interrupted_write_leaves_the_previous_file_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "state" / "webinars.json"
    write_json_atomic(target, {"v": 1})
    with pytest.raises(RuntimeError), atomic_writer(target, private=True) as stream:
        stream.write('{"v": 2, "trunc')
        raise RuntimeError("killed mid-write")
    assert target.read_text(encoding="utf-8") == '{\n  "v": 1\n}\n'
    assert sorted(p.name for p in target.parent.iterdir()) == ["webinars.json"]


def test_a_full_disk_leaves_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out" / "export.csv"
    write_text_atomic(target, "old\n", private=False)

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", no_space)
    with pytest.raises(OSError, match="No space"):
        write_text_atomic(target, "new but truncated", private=False)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in target.parent.iterdir()] == ["export.csv"]


def test_write_with_serves_libraries_that_want_a_path(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "export.xlsx"
    write_with(target, lambda path: path.write_bytes(b"PK"), private=True)
    assert target.read_bytes() == b"PK"
    assert mode_of(target) == 0o600


def test_an_existing_open_state_dir_is_reported_as_lax(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    folder.chmod(0o777)
    store = StateStore(folder)
    assert store.is_lax()
    folder.chmod(0o700)
    assert not store.is_lax()
    assert ensure_private_dir(folder) == folder


def test_two_events_in_one_state_dir_get_their_own_files(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    first, second = store.event("wmd2021"), store.event("../other event")
    assert first.sync_lock != second.sync_lock
    assert first.rejects != second.rejects
    assert first.ledger != second.ledger
    assert second.folder.parent == tmp_path / "events"  # no path escape from an odd key


def test_ids_are_kept_per_world_and_event(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    store.save_webinar_id("real", "wmd", "1")
    store.save_webinar_id("sandbox", "wmd", "2")
    store.save_meeting_id("real", "wmd", "9")
    assert (store.webinar_id("real", "wmd"), store.webinar_id("sandbox", "wmd")) == ("1", "2")
    assert store.meeting_id("real", "wmd") == "9"
    store.save_webinar_id("real", "wmd", None)
    assert store.webinar_id("real", "wmd") is None
    assert store.webinar_id("sandbox", "wmd") == "2"


def test_a_database_is_0600_before_sqlite_opens_it_and_so_are_its_journals(tmp_path: Path, umask: int) -> None:
    import sqlite3

    path = create_private_database(tmp_path / "events" / "wmd" / "registrants.sqlite")
    assert mode_of(path) == 0o600 and path.stat().st_size == 0
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE t (x)")
    db.execute("INSERT INTO t VALUES (1)")
    db.commit()
    journals = [p for p in path.parent.iterdir() if p.name.endswith(("-wal", "-shm"))]
    assert journals and {mode_of(p) for p in journals} == {0o600}  # sqlite copies the database's mode
    db.close()


def test_an_existing_database_left_0644_by_an_older_version_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "registrants.sqlite"
    path.write_bytes(b"")
    path.chmod(0o644)
    create_private_database(path)
    assert mode_of(path) == 0o600


def test_a_failed_write_names_the_destination_not_the_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "attendance.csv"

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", no_space)
    with pytest.raises(OSError) as caught:
        write_text_atomic(target, "a,b\n", private=False)
    assert caught.value.filename == str(target)
    assert "nothing partial was left" in " ".join(caught.value.__notes__)
    assert list(target.parent.iterdir()) == []


def test_write_with_never_shows_the_content_to_others(tmp_path: Path, umask: int) -> None:
    seen: list[int] = []
    write_with(tmp_path / "x.xlsx", lambda temp: seen.append(mode_of(temp)), private=False)
    assert seen == [0o666 & ~umask] and mode_of(tmp_path / "x.xlsx") == 0o666 & ~umask
    write_with(tmp_path / "y.xlsx", lambda temp: seen.append(mode_of(temp)), private=True)
    assert seen[-1] == 0o600


def test_lax_warning_names_the_mode_and_the_chmod(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    folder.chmod(0o750)
    warning = lax_warning(folder, "the state dir", "700")
    assert warning is not None and "mode 0750" in warning and f"`chmod 700 {folder}`" in warning
    folder.chmod(0o700)
    assert lax_warning(folder, "the state dir", "700") is None
    assert lax_warning(tmp_path / "missing", "the state dir", "700") is None


def test_missing_parents_of_a_private_dir_are_created_owner_only_too(tmp_path: Path, umask: int) -> None:
    existing = tmp_path / "existing"
    existing.mkdir()
    existing.chmod(0o755)
    leaf = existing / "state" / "wmdctl" / "profiles" / "partner"
    ensure_private_dir(leaf)
    for folder in (existing / "state", existing / "state" / "wmdctl", leaf.parent, leaf):
        assert mode_of(folder) == 0o700, folder
    assert mode_of(existing) == 0o755  # what existed before is left as it was
