"""Test isolation shared by the whole suite.

Every test runs in its own working directory with its own state dir and no
Zoom settings from the developer's environment, so nothing leaks between tests
or from the machine into them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wmdctl.config import VARIABLES

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for var in VARIABLES:
        monkeypatch.delenv(var.name, raising=False)
    state_dir = tmp_path / "state"
    monkeypatch.setenv("WMD_STATE_DIR", str(state_dir))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return state_dir


def shared_file(*parts: str) -> Path:
    """A file of the shared reference material (../shared): skipped with the reason when absent, but a
    failure when CI=true, where it must be present."""
    import os

    path = SHARED_DIR.joinpath(*parts)
    if not path.is_file():
        reason = f"{path} is absent (the shared reference material is not checked out beside the repository)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path
