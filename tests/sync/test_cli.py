"""The `registrants` sub-app in-process through the real root, on a fake Zoom: stdout vs stderr, exit codes."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from cli_support import Cli
from openpyxl import load_workbook

from wmdctl.cli.context import AppContext
from wmdctl.exitcodes import ExitCode

from .fakes import FakeZoom

PANEL = "Which panel breakout session would you like to join?"
EVENT_KEY = "wmd-2021"  # the embedded default event's key: its state is STATE_DIR/events/wmd-2021/


def event_dir(state_dir: Path) -> Path:
    return state_dir / "events" / EVENT_KEY


@pytest.fixture
def zoom(monkeypatch: pytest.MonkeyPatch) -> FakeZoom:
    fake = FakeZoom(approval_type=1)
    monkeypatch.setattr(AppContext, "client", lambda self: fake)
    monkeypatch.setattr(AppContext, "webinar_id", lambda self: "123")
    return fake


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def good_list(tmp_path: Path) -> Path:
    return write(tmp_path / "l.csv", f"Email,First name,{PANEL}\nana@example.org,Ana,Framing recovery for all\n")


def test_every_command_has_help_with_an_example(cli: Cli) -> None:
    for command in ("sync", "list", "export", "approve", "deny", "cancel"):
        result = cli("registrants", command, "--help")
        assert result.exit_code == 0, command
        assert "Example" in result.stdout, command


def test_sync_exit_0_and_json_contract(zoom: FakeZoom, tmp_path: Path, cli: Cli) -> None:
    result = cli("--json", "registrants", "sync", str(good_list(tmp_path)))
    assert result.exit_code == ExitCode.OK, result.stderr
    data = json.loads(result.stdout)
    assert data["counts"]["added"] == 1 and data["emails"]["added"] == ["ana@example.org"]
    assert data["sources"][0]["encoding"] == "utf-8" and data["exit_code"] == 0
    assert "read l.csv" in result.stderr


def test_sync_exit_1_with_rejects_written_to_the_state_dir(
    zoom: FakeZoom, tmp_path: Path, isolated_environment: Path, cli: Cli
) -> None:
    source = write(tmp_path / "l.csv", f"Email,First name,{PANEL}\nana@example.org,Ana,Framing recovery for all\n"
                                       f"oops,Bad,Framing recovery for all\n")  # fmt: skip
    result = cli("registrants", "sync", str(source))
    assert result.exit_code == ExitCode.PARTIAL
    assert "added" in result.stdout and "rejected" in result.stdout
    assert "l.csv:3" in result.stderr
    rejects = (event_dir(isolated_environment) / "registrant-rejects.csv").read_text(encoding="utf-8-sig")
    assert "not a valid address" in rejects and ",3," in rejects
    custom = tmp_path / "mine.csv"
    cli("registrants", "sync", str(source), "--rejects", str(custom))
    assert custom.exists()


def test_sync_dry_run_prints_the_plan_and_sends_nothing(zoom: FakeZoom, tmp_path: Path, cli: Cli) -> None:
    result = cli("registrants", "sync", str(good_list(tmp_path)), "--dry-run")
    assert result.exit_code == 0
    assert "would add" in result.stdout and "ana@example.org" in result.stdout
    assert zoom.writes() == []


def test_prune_without_yes_and_no_terminal_is_exit_2(zoom: FakeZoom, tmp_path: Path, cli: Cli) -> None:
    for i in range(10):
        zoom.seed(f"k{i}@example.org")
    zoom.seed("old@example.org")
    keep = "".join(f"k{i}@example.org,K\n" for i in range(10))
    source = write(tmp_path / "l.csv", "Email,First name\n" + keep)
    result = cli("registrants", "sync", str(source), "--prune")
    assert result.exit_code == ExitCode.USAGE
    assert "--yes" in result.stderr and zoom.writes() == []
    result = cli("registrants", "sync", str(source), "--prune", "--yes")
    assert result.exit_code == 0 and zoom.cancelled == {"old@example.org"}


def test_daily_limit_is_exit_5_with_the_resume_time(zoom: FakeZoom, tmp_path: Path, cli: Cli) -> None:
    zoom.account_adds_left = 0
    result = cli("registrants", "sync", str(good_list(tmp_path)))
    assert result.exit_code == ExitCode.RATE_LIMITED
    assert "2021-10-02 00:00" in result.stderr


def test_lock_held_is_exit_0(zoom: FakeZoom, tmp_path: Path, isolated_environment: Path, cli: Cli) -> None:
    from filelock import FileLock

    isolated_environment.mkdir(parents=True, exist_ok=True)
    event_dir(isolated_environment).mkdir(parents=True, exist_ok=True)
    with FileLock(str(event_dir(isolated_environment) / "sync.lock")):
        result = cli("registrants", "sync", str(good_list(tmp_path)))
    assert result.exit_code == 0 and "another sync is running" in result.stderr
    assert zoom.writes() == []


def test_bad_map_is_exit_2(zoom: FakeZoom, tmp_path: Path, cli: Cli) -> None:
    result = cli("registrants", "sync", str(good_list(tmp_path)), "--map", "Email=shoe")
    assert result.exit_code == ExitCode.USAGE


def test_export_csv_neutralises_formulas_with_bom(zoom: FakeZoom, tmp_path: Path, cli: Cli) -> None:
    zoom.seed("ana@example.org")
    zoom.people["ana@example.org"].update(org="=cmd|' /C calc'!A0", custom_questions=[{"title": PANEL, "value": "x"}])
    zoom.seed("bo@example.org", "pending")
    result = cli("registrants", "export", "--excel")
    assert result.exit_code == 0
    assert result.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert {r["status"] for r in rows} == {"approved", "pending"}
    ana = next(r for r in rows if r["email"] == "ana@example.org")
    assert ana["org"] == "'=cmd|' /C calc'!A0" and ana["join_url"].startswith("https://") and ana[PANEL] == "x"


def test_export_xlsx_needs_out_and_writes_a_sheet(zoom: FakeZoom, tmp_path: Path, cli: Cli) -> None:
    zoom.seed("ana@example.org")
    zoom.people["ana@example.org"]["first_name"] = "@SUM(1)"
    assert cli("registrants", "export", "--format", "xlsx").exit_code == ExitCode.USAGE
    out = tmp_path / "r.xlsx"
    result = cli("registrants", "export", "--format", "xlsx", "--out", str(out), "--status", "approved")
    assert result.exit_code == 0
    sheet = load_workbook(out).active
    assert sheet["B2"].value == "'@SUM(1)"


def test_list_table_and_json(zoom: FakeZoom, cli: Cli) -> None:
    zoom.seed("ana@example.org")
    table = cli("registrants", "list")
    assert "ana@example.org" in table.stdout and "approved" in table.stdout
    data = json.loads(cli("--json", "registrants", "list").stdout)
    assert data[0]["email"] == "ana@example.org"


def test_approve_deny_cancel_by_email(zoom: FakeZoom, tmp_path: Path, cli: Cli) -> None:
    zoom.seed("wait@example.org", "pending")
    zoom.seed("spam@example.com", "pending")
    approve = cli("registrants", "approve", "WAIT@example.org")
    assert approve.exit_code == 0 and zoom.people["wait@example.org"]["status"] == "approved"
    deny = cli("registrants", "deny", "spam@example.com")
    assert deny.exit_code == ExitCode.USAGE and zoom.people["spam@example.com"]["status"] == "pending"
    listing = write(tmp_path / "deny.txt", "spam@example.com\nnobody@example.org\nnot-an-email\n")
    deny = cli("registrants", "deny", "--from", str(listing), "--yes")
    assert deny.exit_code == ExitCode.PARTIAL
    assert zoom.people["spam@example.com"]["status"] == "denied"
    assert "not registered" in deny.stdout and "invalid email" in deny.stdout
    assert cli("registrants", "cancel").exit_code == ExitCode.USAGE


def test_sync_without_a_terminal_is_one_summary_line_and_one_attention_line(
    zoom: FakeZoom, tmp_path: Path, isolated_environment: Path, cli: Cli
) -> None:
    source = write(tmp_path / "l.csv", f"Email,First name,{PANEL}\nana@example.org,Ana,Framing recovery for all\n"
                                       f"oops,Bad,Framing recovery for all\n")  # fmt: skip
    result = cli("registrants", "sync", str(source))
    assert result.exit_code == ExitCode.PARTIAL
    [summary] = result.stdout.splitlines()
    stamp, key, counts = summary.split(" ", 2)
    assert datetime.fromisoformat(stamp).tzinfo is not None and key == f"{EVENT_KEY}:"
    assert counts.startswith("read 2, added 1, approved 0, unchanged 0, rejected 1 (1 new, 0 known), failed 0")
    rejects_file = event_dir(isolated_environment) / "registrant-rejects.csv"
    assert summary.endswith(f"; rejects: {rejects_file}") and "batches of 30" not in result.stderr
    stderr = result.stderr.splitlines()
    attention = [line for line in stderr if " warning: " in line]  # after the cron timestamp and run id
    assert len(attention) == 1 and "l.csv:3" in attention[0]
    assert str(rejects_file) in attention[0]


def test_export_json_mode_writes_json_to_stdout(zoom: FakeZoom, tmp_path: Path, cli: Cli) -> None:
    zoom.seed("ana@example.org")
    result = cli("--json", "registrants", "export")  # default --format csv: still JSON on stdout
    assert result.exit_code == 0
    assert [p["email"] for p in json.loads(result.stdout)] == ["ana@example.org"]
    out = tmp_path / "r.csv"
    result = cli("--json", "registrants", "export", "--out", str(out))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"written": str(out), "count": 1, "format": "csv"}
    assert next(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))["email"] == "ana@example.org"
    assert cli("registrants", "list", "--out", str(out)).exit_code == ExitCode.USAGE
    listed = tmp_path / "l.json"
    result = cli("--json", "registrants", "list", "--out", str(listed))  # a table cannot be a file: JSON is
    assert json.loads(result.stdout)["format"] == "json" and json.loads(listed.read_text())[0]["email"]
    xlsx = tmp_path / "r.xlsx"
    result = cli("--json", "registrants", "export", "--format", "xlsx", "--out", str(xlsx))
    assert json.loads(result.stdout)["format"] == "xlsx"
    assert load_workbook(xlsx).active["A2"].value == "ana@example.org"


def test_deny_and_cancel_dry_run_send_nothing_and_need_no_yes(zoom: FakeZoom, cli: Cli) -> None:
    zoom.seed("spam@example.com", "pending")
    zoom.seed("old@example.org")
    deny = cli("registrants", "deny", "spam@example.com", "--dry-run")
    assert deny.exit_code == 0 and "would deny 1: spam@example.com" in deny.stderr
    cancel = cli("--json", "registrants", "cancel", "OLD@example.org", "--dry-run")
    assert cancel.exit_code == 0
    data = json.loads(cancel.stdout)
    assert data["dry_run"] is True and data["would_change"] == ["old@example.org"] and data["changed"] == []
    approve = cli("registrants", "approve", "spam@example.com", "nobody@example.org", "--dry-run")
    assert approve.exit_code == ExitCode.PARTIAL and "would approve 1" in approve.stderr
    assert zoom.writes() == []


def test_cancel_leaves_a_pending_person_alone_and_points_to_deny(zoom: FakeZoom, tmp_path: Path, cli: Cli) -> None:
    zoom.seed("wait@example.org", "pending")
    zoom.seed("old@example.org")
    result = cli("registrants", "cancel", "wait@example.org", "old@example.org", "--yes")
    assert result.exit_code == ExitCode.PARTIAL
    assert zoom.writes() == [("cancel", ["old@example.org"])]  # never a cancel for the pending person
    assert zoom.people["wait@example.org"]["status"] == "pending"
    assert "registrants deny" in result.stdout
    again = cli("--json", "registrants", "cancel", "wait@example.org", "--yes")
    data = json.loads(again.stdout)
    assert "deny" in data["wrong_status"]["wait@example.org"] and data["changed"] == []
