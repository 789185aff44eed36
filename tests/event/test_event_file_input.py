"""What the event file may be: a regular UTF-8 TOML file of at most 1 MB. Everything else exits 3 with the
reason and no traceback, and nothing is read from a pipe or a device (which would hang or eat the memory)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import Cli

from wmdctl.event.load import MAX_EVENT_BYTES, default_event_text


def _plan(cli: Cli, event: Path) -> tuple[int, str]:
    result = cli("--event", str(event), "webinar", "plan")
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stderr


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "event.toml"
    os.mkfifo(path)  # nobody writes to it: opening it for reading would block forever
    return path


def _too_big(tmp_path: Path) -> Path:
    path = tmp_path / "event.toml"
    path.write_text(default_event_text() + "\n# padding\n" + "#" * MAX_EVENT_BYTES, encoding="utf-8")
    return path


def _nested(tmp_path: Path) -> Path:
    path = tmp_path / "event.toml"
    path.write_text("deep = " + "{ a = " * 1000 + "1" + " }" * 1000 + "\n", encoding="utf-8")
    return path


def _latin1(tmp_path: Path) -> Path:
    path = tmp_path / "event.toml"
    path.write_bytes(default_event_text().replace("Caring", "Caring ñ").encode("latin-1", errors="replace"))
    return path


def _broken_toml(tmp_path: Path) -> Path:
    path = tmp_path / "event.toml"
    path.write_text("[event\nkey = 1\n", encoding="utf-8")
    return path


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (_fifo, "is not a regular file (a pipe, device or socket)"),
    "dev-zero": (lambda _: Path("/dev/zero"), "is not a regular file (a pipe, device or socket)"),
    "directory": (lambda tmp: tmp, "is a folder, not a file"),
    "over 1 MB": (_too_big, "an event file is at most 1,000,000 bytes"),
    "nested 1000 deep": (_nested, "nested too deeply"),
    "not UTF-8": (_latin1, "is not UTF-8 text"),
    "TOML syntax": (_broken_toml, "TOML syntax error"),
    "missing": (lambda tmp: tmp / "nope.toml", "does not exist"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_an_unreadable_event_file_exits_3_with_the_reason(tmp_path: Path, case: str, cli: Cli) -> None:
    make, reason = CASES[case]
    code, stderr = _plan(cli, make(tmp_path))
    assert code == 3
    assert reason in stderr


def test_a_symlink_to_a_regular_file_is_fine(tmp_path: Path, cli: Cli) -> None:
    real = tmp_path / "real.toml"
    real.write_text(default_event_text(), encoding="utf-8")
    link = tmp_path / "event.toml"
    link.symlink_to(real)
    code, stderr = _plan(cli, link)
    assert code == 0, stderr


def test_a_utf8_bom_is_accepted(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "event.toml"
    path.write_bytes(b"\xef\xbb\xbf" + default_event_text().encode("utf-8"))  # Windows Notepad's UTF-8
    code, stderr = _plan(cli, path)
    assert code == 0, stderr


def test_a_fifo_swapped_in_after_the_check_is_refused_without_blocking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wmdctl.errors import EventFileError
    from wmdctl.event import load

    fifo = _fifo(tmp_path)
    looked_regular = os.stat(__file__)
    with monkeypatch.context() as patch:
        patch.setattr(load.os, "stat", lambda path: looked_regular)  # the stat saw a file; then it was swapped
        with pytest.raises(EventFileError) as caught:
            load.read_event_text(fifo)  # opened O_NONBLOCK: returns at once instead of waiting for a writer
    assert "is not a regular file" in caught.value.problems[0].reason
