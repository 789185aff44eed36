"""One test per exit code, through the real command line (see wmdctl/exitcodes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import responses
from typer.testing import CliRunner

from wmdctl.cli.main import app
from wmdctl.exitcodes import ExitCode
from wmdctl.webinar.state import save_webinar_id

API = "https://api.zoom.test/v2"
OAUTH = "https://zoom.test/oauth/token"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


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


def test_0_ok(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == ExitCode.OK
    assert result.stdout.startswith("wmdctl ")


def test_1_partial_when_rows_are_rejected(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:
    source = tmp_path / "list.csv"
    source.write_text("Email,First name\ngood@cities.example,Ana\nnot-an-email,Bad\n", encoding="utf-8")
    applied = runner.invoke(app, ["--sandbox", "webinar", "apply", "--yes"])
    assert applied.exit_code == 0, applied.stderr
    result = runner.invoke(app, ["--sandbox", "registrants", "sync", str(source)])
    assert result.exit_code == ExitCode.PARTIAL, result.stderr
    assert "list.csv:3" in result.stderr  # the bad row, by file and line


def test_2_usage_for_an_unknown_option(runner: CliRunner) -> None:
    result = runner.invoke(app, ["webinar", "plan", "--no-such-flag"])
    assert result.exit_code == ExitCode.USAGE


def test_2_usage_when_confirmation_cannot_be_asked(runner: CliRunner) -> None:
    assert runner.invoke(app, ["--sandbox", "webinar", "apply", "--yes"]).exit_code == 0
    result = runner.invoke(app, ["--sandbox", "webinar", "delete"])
    assert result.exit_code == ExitCode.USAGE
    assert "--yes" in result.stderr


def test_3_config_names_the_missing_variable(runner: CliRunner) -> None:
    result = runner.invoke(app, ["webinar", "show"])
    assert result.exit_code == ExitCode.CONFIG
    assert "ZOOM_" in result.stderr and "is not set" in result.stderr


def test_3_config_for_an_invalid_event_file(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "event.toml"
    bad.write_text("[event]\ntopic = 'x'\nsurprise = 1\n", encoding="utf-8")
    result = runner.invoke(app, ["--event", str(bad), "webinar", "plan"])
    assert result.exit_code == ExitCode.CONFIG
    assert "surprise" in result.stderr


def test_4_not_found_before_apply(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--sandbox", "webinar", "show"])
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "wmdctl webinar apply" in result.stderr


@responses.activate
def test_5_rate_limited_by_a_daily_limit(runner: CliRunner, fake_zoom_settings, isolated_environment: Path) -> None:
    save_webinar_id(isolated_environment, API, "wmd-2021", "81234567890")
    responses.post(OAUTH, json={"access_token": "tok", "token_type": "bearer", "expires_in": 3600, "scope": ""})
    responses.get(
        f"{API}/webinars/81234567890",
        status=429,
        json={"code": 429, "message": "You have reached the maximum daily rate limit for this API."},
        headers={"X-RateLimit-Type": "Daily-limit", "Retry-After": "2030-01-02T00:00:00Z"},
    )
    result = runner.invoke(app, ["webinar", "show"])
    assert result.exit_code == ExitCode.RATE_LIMITED
    assert "resume at 2030-01-02 00:00:00 UTC" in result.stderr
    assert len([c for c in responses.calls if "/webinars/" in c.request.url]) == 1  # never retried


def test_130_interrupted(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("wmdctl.event.load.load_event", interrupted)
    result = runner.invoke(app, ["webinar", "plan"])
    assert result.exit_code == ExitCode.INTERRUPTED
    assert "interrupted" in result.stderr


def test_2_usage_for_a_path_that_cannot_be_written(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = runner.invoke(app, ["init", str(blocker / "inside")])  # a directory under a regular file
    assert result.exit_code == ExitCode.USAGE
    assert "cannot use" in result.stderr and str(blocker) in result.stderr
    assert "Traceback" not in result.stderr
