from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import responses
from typer.testing import CliRunner

from wmdctl.cli.main import app
from wmdctl.doctor import _clock_check, _scope_check

API = "https://api.zoom.test/v2"
OAUTH = "https://zoom.test/oauth/token"


@pytest.fixture
def zoom_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "ZOOM_API_URL": API,
        "ZOOM_OAUTH_URL": OAUTH,
        "ZOOM_ACCOUNT_ID": "acct",
        "ZOOM_CLIENT_ID": "client",
        "ZOOM_CLIENT_SECRET": "never-shown",
        "ZOOM_HOST": "host@example.org",
    }.items():
        monkeypatch.setenv(name, value)


def test_doctor_passes_against_the_sandbox() -> None:
    result = CliRunner().invoke(app, ["--sandbox", "--json", "doctor"])
    assert result.exit_code == 0, result.stderr
    checks = {c["check"]: c for c in json.loads(result.stdout)}
    assert set(checks) == {"configuration", "token", "scopes", "host user", "webinar licence", "clock", "today's use"}
    assert all(c["ok"] for c in checks.values())
    assert checks["today's use"]["detail"].startswith(
        "Light 1; Medium 1; Heavy 0 of 30,000 (this UTC day"
    )  # get_user, list webinars


def test_doctor_without_configuration_fails_with_exit_3() -> None:
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 3
    assert "configuration" in result.stdout and "is not set" in result.stdout


@responses.activate
def test_doctor_reports_a_missing_webinar_licence(zoom_env: None) -> None:
    responses.post(
        OAUTH,
        json={
            "access_token": "a-long-access-token-value",
            "token_type": "bearer",
            "expires_in": 3600,
            "scope": "webinar:read:admin webinar:write:admin meeting:write:admin report:read:admin",
        },
    )
    responses.get(f"{API}/users/host%40example.org", json={"id": "u1", "email": "host@example.org"})
    responses.get(
        f"{API}/users/host%40example.org/webinars",
        status=400,
        json={"code": 200, "message": "Webinar plan is missing. You must subscribe to the webinar plan."},
    )
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 3
    assert "✗ webinar licence" in result.stdout and "Webinar licence" in result.stdout
    assert "never-shown" not in result.stdout + result.stderr


def test_scope_check_names_what_is_missing() -> None:
    check = _scope_check(["webinar:read:admin", "webinar:write:admin"])
    assert not check.ok and "meeting:write" in check.detail and "report:read" in check.detail
    assert _scope_check(
        ["webinar:read:list_webinars:admin", "webinar:write:admin", "meeting:write:admin", "report:read:admin"]
    ).ok


def test_clock_check_flags_skew_over_a_minute() -> None:
    now = datetime(2026, 1, 1, 12, tzinfo=UTC)
    assert _clock_check(now - timedelta(seconds=30), now).ok
    skewed = _clock_check(now - timedelta(minutes=5), now)
    assert not skewed.ok and "+300s" in skewed.detail
