"""Test isolation shared by the whole suite, the `cli` fixture, and which tests are e2e.

Every test runs in its own working directory with its own state dir and no
Zoom settings from the developer's environment, so nothing leaks between tests
or from the machine into them. Every test's Zoom client (built by the CLI) runs
on virtual time, so no test waits through a real backoff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import Cli, VirtualTime

from wmdctl.cli import context
from wmdctl.config import VARIABLES

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"
TESTS = Path(__file__).resolve().parent
# Whole folders and modules whose tests start a sandbox, a server or a subprocess: the slow lane. Elsewhere
# such a test carries `@pytest.mark.e2e` itself, and so does any module named *e2e*.
E2E_FOLDERS = ("e2e", "sandbox")
E2E_MODULES = ("privacy/test_io_errors.py", "zoom/test_token_cache_processes.py")


def _e2e_throughout(path: Path) -> bool:
    if not path.is_relative_to(TESTS) or path == TESTS:
        return False
    relative = path.relative_to(TESTS)
    return relative.parts[0] in E2E_FOLDERS or relative.as_posix() in E2E_MODULES or "e2e" in relative.name


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`pytest -m "not e2e"` is then the fast lane: unit tests, in-process, no loopback."""
    for item in items:
        if _e2e_throughout(item.path):
            item.add_marker(pytest.mark.e2e)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """In the fast lane, what is e2e throughout is not even imported (schemathesis alone costs seconds)."""
    if config.getoption("markexpr") == "not e2e" and _e2e_throughout(collection_path):
        return True
    return None


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for var in VARIABLES:
        monkeypatch.delenv(var.name, raising=False)
    state_dir = tmp_path / "state"
    monkeypatch.setenv("WMD_STATE_DIR", str(state_dir))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    # Zoom accounts' shared budget and token cache live under the state home: never the real one.
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state-home"))
    # Profiles live under the config home: never read the developer's own.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config-home"))
    monkeypatch.delenv("WMD_PROFILE", raising=False)
    monkeypatch.setenv("PAGER", "cat")  # a test never waits in a pager
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return state_dir


@pytest.fixture(autouse=True)
def virtual_time(monkeypatch: pytest.MonkeyPatch) -> VirtualTime:
    """The clock and the sleep of every Zoom client the CLI builds in this test (and of its --sandbox)."""
    clock = VirtualTime()
    monkeypatch.setattr(context, "TIMING", clock.timing())
    return clock


@pytest.fixture
def cli(virtual_time: VirtualTime) -> Cli:
    """``cli("--json", "webinar", "show")``: the real CLI in-process; see tests/cli_support.py."""
    return Cli(virtual_time)
