"""Helpers for the privacy tests: the real CLI in-process, under a chosen umask, against its --sandbox."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from cli_support import Cli

from wmdctl.state import files

PANEL = "Which panel breakout session would you like to join?"
ANSWERS = ("Creating caring metropolises", "Framing recovery for all")


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@contextmanager
def umask(value: int) -> Iterator[None]:
    """Run under ``value``; state/files.py reads the umask once, so make it read it afresh."""
    previous = os.umask(value)
    files._umask_value = None
    try:
        yield
    finally:
        os.umask(previous)
        files._umask_value = None


def write_list(path: Path, count: int, *, bad_rows: int = 0) -> Path:
    lines = [f"email,first_name,last_name,{PANEL}"]
    lines += [f"person{i}@example.org,Nombre{i},Apellido{i},{ANSWERS[i % 2]}" for i in range(count)]
    lines += [f"not-an-email-{i},Bad,Row,{ANSWERS[0]}" for i in range(bad_rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def applied(isolated_environment: Path, cli: Cli) -> Path:
    """A state dir whose sandbox holds the event's webinar; returns the state dir."""
    result = cli("--sandbox", "webinar", "apply", "--yes")
    assert result.exit_code == 0, result.stderr
    return isolated_environment
