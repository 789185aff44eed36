"""A full disk, simulated at the write and (as root) for real on a small tmpfs: exit 6, one line naming the
path and what was kept, no partial file, and a ledger the next run finishes from."""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_support import Cli

from wmdctl.exitcodes import ExitCode
from wmdctl.sandbox import SandboxOptions, start_sandbox
from wmdctl.state import files
from wmdctl.state.files import write_text_atomic
from wmdctl.sync.ledger import Ledger

from .conftest import write_list

OLD = "the previous report\n"


_STAMP = re.compile(r"^\S+Z [0-9a-f]{6} ")  # the timestamp and run id that lines without a terminal carry


def _error_lines(stderr: str) -> list[str]:
    lines = [_STAMP.sub("", line) for line in stderr.splitlines()]
    return [line for line in lines if line.startswith("error:")]


def _fail_fsync_for(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """ENOSPC when the data of a file whose name contains ``name`` is flushed to disk: where a full disk shows."""
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if name in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(files.os, "fsync", fsync)


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_a_full_disk_leaves_the_previous_report_and_says_so(
    applied: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, cli: Cli
) -> None:
    assert cli("--sandbox", "sandbox", "simulate").exit_code == 0
    out = tmp_path / "reports" / f"attendance.{fmt}"
    out.parent.mkdir()
    out.write_text(OLD, encoding="utf-8")
    _fail_fsync_for(".attendance.", monkeypatch)
    result = cli("--sandbox", "report", "attendance", "--out", str(out))
    assert result.exit_code == ExitCode.IO_ERROR
    [line] = _error_lines(result.stderr)
    assert str(out) in line and "No space left on device" in line and "nothing partial was left" in line
    assert "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == OLD
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temp file left behind


def test_a_full_disk_mid_archive_leaves_no_archive(
    applied: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    assert cli("--sandbox", "sandbox", "simulate").exit_code == 0
    with monkeypatch.context() as patch:
        _fail_fsync_for("qa.json", patch)
        result = cli("--sandbox", "report", "archive", "--dir", str(tmp_path / "archive"))
    assert result.exit_code == ExitCode.IO_ERROR
    [line] = _error_lines(result.stderr)
    assert "qa.json" in line and "No space left on device" in line and "no archive was created" in line
    assert list((tmp_path / "archive").iterdir()) == []  # neither a half archive nor its staging folder
    again = cli("--sandbox", "report", "archive", "--dir", str(tmp_path / "archive"))
    assert again.exit_code == 0, again.stderr


def test_a_full_disk_under_the_ledger_keeps_it_consistent(
    applied: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    source = write_list(tmp_path / "members.csv", 40)
    real_record = Ledger.record_added
    recorded: list[str] = []

    def record_added(self: Ledger, email: str, *args: object, **kwargs: object) -> None:
        if len(recorded) >= 10:
            raise sqlite3.OperationalError("database or disk is full")
        recorded.append(email)
        real_record(self, email, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Ledger, "record_added", record_added)
    result = cli("--sandbox", "registrants", "sync", str(source), "--no-batch")
    assert result.exit_code == ExitCode.IO_ERROR
    [line] = _error_lines(result.stderr)
    assert "database or disk is full" in line and "done before it stopped: read 40, added 10," in line
    assert "registrants.sqlite" in line and "Traceback" not in result.stderr
    with sqlite3.connect(applied / "events" / "wmd-2021" / "registrants.sqlite") as ledger:
        assert ledger.execute("SELECT outcome FROM runs").fetchall() == [("failed",)]

    monkeypatch.setattr(Ledger, "record_added", real_record)
    rerun = cli("--sandbox", "registrants", "sync", str(source), "--no-batch")
    assert rerun.exit_code == 0, rerun.stderr
    with start_sandbox(SandboxOptions(state_path=applied / "sandbox.db")) as sandbox:
        dumped = sandbox.state()
    emails = [r["email"] for w in dumped["webinars"] for r in w["_sandbox"]["registrants"]]
    assert sorted(emails) == sorted(f"person{i}@example.org" for i in range(40))
    adds = [int(row["count"]) for row in dumped["counters"] if row["key"].startswith("add:")]
    assert len(adds) == 40 and set(adds) == {1}  # whatever the ledger missed, Zoom's listing settled it


def test_a_read_only_state_file_is_exit_6_naming_it(applied: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    real_mkstemp = files.tempfile.mkstemp

    def read_only(*, prefix: str, suffix: str, dir: Path) -> tuple[int, str]:
        if "webinars.json" not in prefix:
            return real_mkstemp(prefix=prefix, suffix=suffix, dir=dir)
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(Path(dir) / f"{prefix}x{suffix}"))

    monkeypatch.setattr(files.tempfile, "mkstemp", read_only)
    result = cli("--sandbox", "webinar", "delete", "--yes")
    assert result.exit_code == ExitCode.IO_ERROR
    [line] = _error_lines(result.stderr)
    assert str(applied / "webinars.json") in line and "Read-only file system" in line
    assert "read-only" in result.stderr  # the hint


# --- a real full disk -------------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 kB tmpfs, nearly full. Needs root to mount; skipped (with the reason) elsewhere."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def _fill(disk: Path, leave: int) -> None:
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    (disk / "filler").write_bytes(b"\0" * max(0, free - leave))


def test_a_real_full_disk_under_the_atomic_writer(small_disk: Path) -> None:
    target = small_disk / "export.csv"
    write_text_atomic(target, OLD, private=False)
    _fill(small_disk, leave=8192)
    with pytest.raises(OSError) as caught:
        write_text_atomic(target, "x" * 100_000, private=False)
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(target)
    assert target.read_text(encoding="utf-8") == OLD
    assert sorted(p.name for p in small_disk.iterdir()) == ["export.csv", "filler"]


def test_init_on_a_real_full_disk_is_exit_6_and_leaves_nothing(small_disk: Path, cli: Cli) -> None:
    _fill(small_disk, leave=4096)  # the event file is about 8 kB
    project = small_disk / "project"
    project.mkdir()
    result = cli("init", str(project))
    assert result.exit_code == ExitCode.IO_ERROR
    [line] = _error_lines(result.stderr)
    assert str(project / "event.toml") in line and "No space left on device" in line
    assert list(project.iterdir()) == []  # no partial event.toml, no temp file, no .env
