"""A dry run leaves the real rejects file alone: cron's last run is what the organiser fixes rows from."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from wmdctl.cli.context import AppContext
from wmdctl.cli.main import app

from .fakes import FakeZoom

REJECTS = Path("events") / "wmd-2021" / "registrant-rejects.csv"  # the embedded default event's state


@pytest.fixture(autouse=True)
def zoom(monkeypatch: pytest.MonkeyPatch) -> FakeZoom:
    fake = FakeZoom(approval_type=1)
    monkeypatch.setattr(AppContext, "client", lambda self: fake)
    monkeypatch.setattr(AppContext, "webinar_id", lambda self: "123")
    return fake


def sync(*args: str) -> None:
    CliRunner().invoke(app, ["registrants", "sync", *args])


def test_a_dry_run_keeps_the_real_rejects_file_and_writes_only_an_explicit_one(
    tmp_path: Path, isolated_environment: Path
) -> None:
    real = tmp_path / "real.csv"
    real.write_text("Email,First name\nana@example.org,Ana\noops,Bad\n", encoding="utf-8")
    sync(str(real))
    rejects = isolated_environment / REJECTS
    written = rejects.read_bytes()
    assert b"oops" in written
    trial = tmp_path / "trial.csv"
    trial.write_text("Email,First name\nana@example.org,Ana\nnope,Other\n", encoding="utf-8")
    sync(str(trial), "--dry-run")
    assert rejects.read_bytes() == written
    asked = tmp_path / "dry-rejects.csv"
    sync(str(trial), "--dry-run", "--rejects", str(asked))
    assert "nope" in asked.read_text(encoding="utf-8-sig") and rejects.read_bytes() == written
