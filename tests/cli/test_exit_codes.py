"""One test per exit code, through the real command line (see wmdctl/exitcodes.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import responses
from cli_support import Cli

from wmdctl.exitcodes import ExitCode
from wmdctl.state.store import StateStore

API = "https://api.zoom.test/v2"
OAUTH = "https://zoom.test/oauth/token"


@pytest.fixture
def fake_zoom_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "ZOOM_API_URL": API,
        "ZOOM_OAUTH_URL": OAUTH,
        "ZOOM_ACCOUNT_ID": "acct",
        "ZOOM_CLIENT_ID": "client",
        "ZOOM_CLIENT_SECRET": "do-not-print-me",
        "ZOOM_HOST": "host@example.org",
    }.items():
        monkeypatch.setenv(name, value)


def test_0_ok(cli: Cli) -> None:
    result = cli("--version")
    assert result.exit_code == ExitCode.OK
    assert result.stdout.startswith("wmdctl ")


@pytest.mark.e2e
def test_1_partial_when_rows_are_rejected(cli: Cli, tmp_path: Path, monkeypatch) -> None:
    source = tmp_path / "list.csv"
    source.write_text("Email,First name\ngood@cities.example,Ana\nnot-an-email,Bad\n", encoding="utf-8")
    applied = cli("--sandbox", "webinar", "apply", "--yes")
    assert applied.exit_code == 0, applied.stderr
    result = cli("--sandbox", "registrants", "sync", str(source))
    assert result.exit_code == ExitCode.PARTIAL, result.stderr
    assert "list.csv:3" in result.stderr  # the bad row, by file and line


def test_2_usage_for_an_unknown_option(cli: Cli) -> None:
    result = cli("webinar", "plan", "--no-such-flag")
    assert result.exit_code == ExitCode.USAGE


@pytest.mark.e2e
def test_2_usage_when_confirmation_cannot_be_asked(cli: Cli) -> None:
    assert cli("--sandbox", "webinar", "apply", "--yes").exit_code == 0
    result = cli("--sandbox", "webinar", "delete")
    assert result.exit_code == ExitCode.USAGE
    assert "--yes" in result.stderr


def test_3_config_names_the_missing_variable(cli: Cli) -> None:
    result = cli("webinar", "show")
    assert result.exit_code == ExitCode.CONFIG
    assert "ZOOM_" in result.stderr and "is not set" in result.stderr


def test_3_config_for_an_invalid_event_file(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "event.toml"
    bad.write_text("[event]\ntopic = 'x'\nsurprise = 1\n", encoding="utf-8")
    result = cli("--event", str(bad), "webinar", "plan")
    assert result.exit_code == ExitCode.CONFIG
    assert "surprise" in result.stderr


@pytest.mark.e2e
def test_4_not_found_before_apply(cli: Cli) -> None:
    result = cli("--sandbox", "webinar", "show")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "wmdctl webinar apply" in result.stderr


@responses.activate
def test_5_rate_limited_by_a_daily_limit(cli: Cli, fake_zoom_settings, isolated_environment: Path) -> None:
    StateStore(isolated_environment).save_webinar_id(API, "wmd-2021", "81234567890")
    responses.post(OAUTH, json={"access_token": "tok", "token_type": "bearer", "expires_in": 3600, "scope": ""})
    responses.get(
        f"{API}/webinars/81234567890",
        status=429,
        json={"code": 429, "message": "You have reached the maximum daily rate limit for this API."},
        headers={"X-RateLimit-Type": "Daily-limit", "Retry-After": "2030-01-02T00:00:00Z"},
    )
    result = cli("webinar", "show")
    assert result.exit_code == ExitCode.RATE_LIMITED
    assert "resume at 2030-01-02 00:00:00 UTC" in result.stderr
    assert len([c for c in responses.calls if "/webinars/" in c.request.url]) == 1  # never retried


def test_130_interrupted(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("wmdctl.event.load.load_event", interrupted)
    result = cli("webinar", "plan")
    assert result.exit_code == ExitCode.INTERRUPTED
    assert "interrupted" in result.stderr


def test_2_usage_for_a_path_that_cannot_be_written(cli: Cli, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = cli("init", str(blocker / "inside"))  # a directory under a regular file
    assert result.exit_code == ExitCode.USAGE
    assert "cannot use" in result.stderr and str(blocker) in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if run by a person at a terminal: prompts are asked (answers come from the test)."""
    monkeypatch.setattr("wmdctl.output._is_tty", lambda stream: True)


@pytest.mark.e2e
def test_6_declined_does_nothing_and_says_so(cli: Cli, a_terminal: None) -> None:
    assert cli("--sandbox", "webinar", "apply", "--yes").exit_code == 0
    result = cli("--sandbox", "webinar", "delete", input="n\n")
    assert result.exit_code == ExitCode.DECLINED
    assert "declined: nothing was deleted" in result.stderr
    assert cli("--sandbox", "webinar", "show").exit_code == 0  # still there


def test_6_declined_deny_says_nobody_was_denied(cli: Cli, a_terminal: None) -> None:
    result = cli("--sandbox", "registrants", "deny", "a@example.org", input="no\n")
    assert result.exit_code == ExitCode.DECLINED
    assert "nobody was denied" in result.stderr


@pytest.mark.e2e
def test_130_ctrl_c_at_a_confirmation_prompt(cli: Cli, a_terminal: None, monkeypatch) -> None:
    def ctrl_c() -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("builtins.input", ctrl_c)
    assert cli("--sandbox", "webinar", "apply", "--yes").exit_code == 0
    result = cli("--sandbox", "webinar", "delete")
    assert result.exit_code == ExitCode.INTERRUPTED
    assert "interrupted" in result.stderr and "Aborted" not in result.stderr


def test_2_approving_more_than_ten_asks_first(cli: Cli) -> None:
    emails = [f"p{i}@example.org" for i in range(11)]
    result = cli("--sandbox", "registrants", "approve", *emails)
    assert result.exit_code == ExitCode.USAGE
    assert "--yes" in result.stderr and "approve 11 registrants" in result.stderr


def test_2_no_input_refuses_even_on_a_terminal(cli: Cli, a_terminal: None) -> None:
    result = cli("--sandbox", "registrants", "deny", "a@example.org", "--no-input", input="y\n")
    assert result.exit_code == ExitCode.USAGE and "--yes" in result.stderr


@responses.activate
def test_5_approve_that_hits_a_daily_limit_prints_the_resume_time(
    cli: Cli, fake_zoom_settings, isolated_environment: Path
) -> None:
    StateStore(isolated_environment).save_webinar_id(API, "wmd-2021", "81234567890")
    responses.post(OAUTH, json={"access_token": "tok", "token_type": "bearer", "expires_in": 3600, "scope": ""})
    person = {"id": "r1", "email": "ana@example.org", "first_name": "Ana", "status": "pending"}
    responses.get(
        f"{API}/webinars/81234567890/registrants",
        json={"registrants": [person], "next_page_token": "", "page_size": 300, "total_records": 1},
    )
    responses.put(
        f"{API}/webinars/81234567890/registrants/status",
        status=429,
        json={"code": 429, "message": "You have exceeded the daily rate limit (10) of this API for the registrant."},
        headers={"X-RateLimit-Type": "Daily-limit", "Retry-After": "2030-01-02T00:00:00Z"},
    )
    result = cli("registrants", "approve", "ana@example.org")
    assert result.exit_code == ExitCode.RATE_LIMITED, result.stderr
    assert "resume at 2030-01-02 00:00:00 UTC" in result.stderr


def _closed_pipe_run(args: list[str], isolated_environment: Path) -> subprocess.CompletedProcess[str]:
    """Run wmdctl with stdout on a pipe whose reader has already gone, as `wmdctl … | head -0` does."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "WMD_STATE_DIR": str(isolated_environment)}
    try:
        return subprocess.run(
            [sys.executable, "-m", "wmdctl", *args], stdout=write_end, stderr=subprocess.PIPE, text=True, env=env
        )
    finally:
        os.close(write_end)


@pytest.mark.e2e
@pytest.mark.parametrize("args", [["config", "show"], ["--help"], ["registrants", "--help"]])
def test_0_a_closed_pipe_is_a_quiet_success(args: list[str], isolated_environment: Path) -> None:
    done = _closed_pipe_run(args, isolated_environment)
    assert done.returncode == ExitCode.OK, done.stderr
    assert done.stderr == ""


def test_0_a_pipe_closed_while_writing_data_ends_quietly(cli: Cli, monkeypatch) -> None:
    def reader_gone(self: object, payload: object) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("wmdctl.output.Output.data", reader_gone)
    result = cli("--json", "config", "show")
    assert result.exit_code == ExitCode.OK
    assert result.stderr == ""
