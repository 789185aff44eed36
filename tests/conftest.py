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
