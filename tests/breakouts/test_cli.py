"""`wmdctl breakouts ...` in-process, with a fake Zoom client and the embedded default event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import Cli

from wmdctl.cli.context import AppContext
from wmdctl.exitcodes import ExitCode

from .helpers import FakeClient, registrant


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> FakeClient:
    answers = ["Creating caring metropolises", "Framing recovery for all", ""]
    fake = FakeClient([registrant(i, answers[i % 3], org=f"Org {i % 4}") for i in range(24)])
    monkeypatch.setenv("ZOOM_HOST", "host@example.org")
    monkeypatch.setattr(AppContext, "client", lambda self: fake)
    monkeypatch.setattr(AppContext, "webinar_id", lambda self: "88812345678")
    return fake


def test_apply_needs_yes_without_a_terminal(client: FakeClient, cli: Cli) -> None:
    result = cli("breakouts", "apply")
    assert result.exit_code == ExitCode.USAGE
    assert "--yes" in result.stderr
    assert client.writes == []


def test_apply_creates_then_says_up_to_date(client: FakeClient, cli: Cli) -> None:
    first = cli("breakouts", "apply", "--yes")
    assert first.exit_code == 0, first.stderr
    assert "Panel 1: Creating caring metropolises" in first.stdout
    assert "signed in to Zoom with the exact email" in first.stderr
    assert "breakout meeting 81234567890 created" in first.stderr
    second = cli("breakouts", "apply", "--yes")
    assert second.exit_code == 0
    assert "up to date: nothing written" in second.stderr
    assert len(client.writes) == 1


def test_dry_run_sends_nothing(client: FakeClient, cli: Cli) -> None:
    result = cli("breakouts", "apply", "--dry-run")
    assert result.exit_code == 0
    assert "would create: new meeting" in result.stderr
    assert "dry run: nothing sent to Zoom" in result.stderr
    assert client.writes == []


def test_plan_json_goes_to_stdout_and_the_caveat_to_stderr(client: FakeClient, cli: Cli) -> None:
    result = cli("--json", "breakouts", "plan")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [room["name"] for room in data["rooms"]] == [
        "Panel 1: Creating caring metropolises",
        "Panel 2: Framing recovery for all",
    ]
    assert data["assigned"] == 24 + 8  # every registrant (no answer: spread) and the eight panelists
    assert data["limits"] == {"rooms": 100, "participants": 1000}
    assert "signed in" in result.stderr


def test_export_writes_files_and_lists_them(client: FakeClient, cli: Cli) -> None:
    result = cli("breakouts", "export", "--out", "exported")
    assert result.exit_code == 0, result.stderr
    listed = result.stdout.split()
    assert listed[0].endswith("breakout-preassign.csv") and listed[-1].endswith("breakout-run-sheet.md")
    assert all(Path(p).is_file() for p in listed)


def test_show_before_apply_is_not_found_and_after_lists_rooms(client: FakeClient, cli: Cli) -> None:
    missing = cli("breakouts", "show")
    assert missing.exit_code == ExitCode.NOT_FOUND
    assert "breakouts apply" in missing.stderr
    cli("breakouts", "apply", "--yes")
    shown = cli("breakouts", "show")
    assert shown.exit_code == 0
    assert "Ana Ejemplo" in shown.stdout  # the embedded event's panel 1 moderator facilitates room 1


@pytest.mark.parametrize("command", ["plan", "apply", "export", "show"])
def test_every_command_has_help_with_an_example(command: str, cli: Cli) -> None:
    result = cli("breakouts", command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
