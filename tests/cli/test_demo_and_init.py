from __future__ import annotations

import csv
import json
import stat
from pathlib import Path

import pytest
from cli_support import Cli


@pytest.mark.e2e
def test_demo_runs_twice_in_a_fresh_directory_and_writes_its_report(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "demo"
    (out / "state").mkdir(parents=True)
    (out / "state" / "keep.txt").write_text("not the demo's")
    for _ in range(2):  # the second run must work too
        result = cli("--json", "demo", "--out", str(out))
        assert result.exit_code == 0, result.stderr
        summary = json.loads(result.stdout)  # --json: stdout is one JSON document, nothing else
        assert summary["registrants_added"] > 150 and summary["breakout_rooms"] >= 2
    with (out / "attendance.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= summary["registrants_added"]  # every registrant: attended or absent
    assert (out / "state" / "keep.txt").read_text() == "not the demo's"
    assert "SANDBOX" in result.stderr
    rejects = (out / "rejects.csv").read_text(encoding="utf-8")
    assert "not a valid" in rejects or "invalid" in rejects  # the sample's bad rows are reported, not lost


def test_init_writes_an_event_file_and_a_private_env(tmp_path: Path, cli: Cli) -> None:
    result = cli("--json", "init", str(tmp_path / "wmd"))
    assert result.exit_code == 0, result.stderr
    written = [Path(p) for p in json.loads(result.stdout)["written"]]
    assert {p.name for p in written} == {"event.toml", ".env"}
    env_file = tmp_path / "wmd" / ".env"
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    assert "WMD_EVENT_FILE=event.toml" in env_file.read_text()
    plan = cli("--config", str(env_file), "--json", "webinar", "plan")
    assert plan.exit_code == 0, plan.stderr
    assert "embedded default" not in plan.stderr  # the copied event file is the one in use


def test_init_refuses_to_overwrite_without_force(tmp_path: Path, cli: Cli) -> None:
    assert cli("init", str(tmp_path)).exit_code == 0
    (tmp_path / "event.toml").write_text("# my edits\n")
    refused = cli("init", str(tmp_path))
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert (tmp_path / "event.toml").read_text() == "# my edits\n"
    assert cli("init", "--force", str(tmp_path)).exit_code == 0
    assert "Caring Metropolises" in (tmp_path / "event.toml").read_text()


def test_partial_credentials_are_a_config_error_naming_the_missing_one(
    monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    for name in ("ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET"):
        monkeypatch.setenv(name, "set")
    result = cli("webinar", "plan")
    assert result.exit_code == 3
    assert "ZOOM_HOST" in result.stderr
