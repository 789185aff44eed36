"""`wmdctl webinar ...` in-process through the `cli` fixture, against the in-memory Zoom of conftest.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_support import Cli

from wmdctl.cli.context import AppContext
from wmdctl.exitcodes import ExitCode
from wmdctl.state.store import StateStore


@pytest.fixture
def zoom(fake: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Credentials configured, and the app's client replaced by the fake."""
    for name, value in {
        "ZOOM_ACCOUNT_ID": "acct", "ZOOM_CLIENT_ID": "cid", "ZOOM_CLIENT_SECRET": "shh", "ZOOM_HOST": "host@example.org"
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(AppContext, "client", lambda self: fake)
    return fake


def test_plan_without_credentials_is_the_full_create_plan_not_compared(cli: Cli) -> None:
    result = cli("--json", "webinar", "plan")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["compared_with_zoom"] is False
    assert data["webinar"]["action"] == "create"
    assert data["webinar"]["body"]["start_time"] == "2021-10-07T15:00:00"
    assert len(data["panelists"]["add"]) == 8
    assert "not compared with Zoom" in result.stderr
    assert "in the past; going on" in result.stderr


def test_plan_for_people_goes_to_stdout(cli: Cli) -> None:
    result = cli("webinar", "plan")
    assert result.exit_code == 0
    assert result.stdout.startswith("(not compared with Zoom")
    assert "Plan: create the webinar, add 8 panelist(s)" in result.stdout


def test_apply_then_apply_again_is_up_to_date(zoom: Any, isolated_environment: Path, cli: Cli) -> None:
    first = cli("webinar", "apply")
    assert first.exit_code == 0, first.stderr
    assert "webinar (new): create" in first.stdout
    assert "created webinar" in first.stderr
    webinar_id = next(iter(zoom.webinars))
    assert StateStore(isolated_environment).webinar_id("https://api.zoom.us/v2", "wmd-2021") == webinar_id
    writes = len(zoom.writes)
    second = cli("webinar", "apply")
    assert second.exit_code == 0
    assert f"webinar {webinar_id} is up to date: nothing sent" in second.stderr
    assert len(zoom.writes) == writes


def test_apply_dry_run_sends_nothing(zoom: Any, cli: Cli) -> None:
    result = cli("--json", "webinar", "apply", "--dry-run")
    assert result.exit_code == 0
    assert zoom.writes == []
    data = json.loads(result.stdout)
    assert data["dry_run"] is True and data["plan"]["webinar"]["action"] == "create"
    assert "dry run: nothing was sent" in result.stderr


def test_apply_json_reports_what_was_done(zoom: Any, cli: Cli) -> None:
    data = json.loads(cli("--json", "webinar", "apply").stdout)
    assert data["done"][0].startswith("created webinar")
    assert len(data["done"]) == 5


def test_prune_asks_and_refuses_without_a_terminal(zoom: Any, cli: Cli) -> None:
    cli("webinar", "apply")
    webinar_id = next(iter(zoom.webinars))
    zoom.panelists[webinar_id].append({"id": "z", "name": "Extra", "email": "extra@example.org"})
    zoom.writes.clear()
    refused = cli("webinar", "apply", "--prune-panelists")
    assert refused.exit_code == ExitCode.USAGE
    assert "--yes" in refused.stderr
    assert zoom.writes == []
    confirmed = cli("webinar", "apply", "--prune-panelists", "--yes")
    assert confirmed.exit_code == 0
    assert zoom.writes == [("delete_panelist", "extra@example.org")]


def test_show_hides_the_start_url_unless_asked(zoom: Any, cli: Cli) -> None:
    cli("webinar", "apply")
    shown = cli("webinar", "show")
    assert shown.exit_code == 0, shown.stderr
    assert "https://zoom.test/j/" in shown.stdout and "zak=" not in shown.stdout
    with_start = cli("--json", "webinar", "show", "--show-start-url")
    assert json.loads(with_start.stdout)["start_url"].endswith("zak=secret")
    assert "do not share it" in with_start.stderr


def test_show_without_a_recorded_webinar_is_not_found(zoom: Any, cli: Cli) -> None:
    result = cli("webinar", "show")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "wmdctl webinar apply" in result.stderr


def test_delete_needs_confirmation(zoom: Any, isolated_environment: Path, cli: Cli) -> None:
    cli("webinar", "apply")
    refused = cli("webinar", "delete")
    assert refused.exit_code == ExitCode.USAGE and zoom.webinars
    deleted = cli("webinar", "delete", "--yes", "--cancel-reminder")
    assert deleted.exit_code == 0, deleted.stderr
    assert zoom.webinars == {}
    assert zoom.writes[-1][0] == "delete_webinar" and zoom.writes[-1][1][1] is True
    assert StateStore(isolated_environment).webinar_id("https://api.zoom.us/v2", "wmd-2021") is None


def test_delete_dry_run_names_the_webinar_and_deletes_nothing(zoom: Any, cli: Cli) -> None:
    cli("webinar", "apply")
    webinar_id = next(iter(zoom.webinars))
    zoom.writes.clear()
    result = cli("--json", "webinar", "delete", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"would_delete": str(webinar_id), "cancel_reminder": False, "dry_run": True}
    assert zoom.writes == [] and webinar_id in zoom.webinars


def test_invalid_event_file_exits_3_listing_the_problems(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cli: Cli
) -> None:
    path = tmp_path / "event.toml"
    path.write_text('[event]\nkey = "x"\ntopik = "y"\n', encoding="utf-8")
    monkeypatch.setenv("WMD_EVENT_FILE", str(path))
    result = cli("webinar", "plan")
    assert result.exit_code == ExitCode.CONFIG
    assert "event.topik: unknown key (did you mean 'topic'?)" in result.stderr
    assert "event.timezone: required key is missing" in result.stderr
    assert result.stdout == ""


def test_apply_records_a_rediscovered_webinar(zoom: Any, isolated_environment: Path, cli: Cli) -> None:
    cli("webinar", "apply")
    webinar_id = next(iter(zoom.webinars))
    (isolated_environment / "webinars.json").unlink()
    result = cli("webinar", "apply")
    assert result.exit_code == 0
    assert f"found webinar {webinar_id} by topic and start time" in result.stderr
    assert StateStore(isolated_environment).webinar_id("https://api.zoom.us/v2", "wmd-2021") == webinar_id
    assert zoom.write_names().count("create_webinar") == 1
