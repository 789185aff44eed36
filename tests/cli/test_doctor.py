from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import responses
from cli_support import Cli

from wmdctl.doctor import _clock_check, _scope_check
from wmdctl.zoom.auth import Credentials, Token, TokenCacheFile

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


@pytest.mark.e2e
def test_doctor_passes_against_the_sandbox(cli: Cli) -> None:
    result = cli("--sandbox", "--json", "doctor")
    assert result.exit_code == 0, result.stderr
    checks = {c["check"]: c for c in json.loads(result.stdout)}
    assert set(checks) == {
        "event file",
        "configuration",
        "token",
        "scopes",
        "host user",
        "webinar licence",
        "clock",
        "today's use",
    }
    assert all(c["ok"] for c in checks.values())
    assert checks["today's use"]["detail"].startswith(
        "Light 1; Medium 1; Heavy 0 of 30,000 (this UTC day"
    )  # get_user, list webinars


def test_doctor_without_configuration_fails_with_exit_3(cli: Cli) -> None:
    result = cli("doctor")
    assert result.exit_code == 3
    assert "configuration" in result.stdout and "is not set" in result.stdout


@responses.activate
def test_doctor_reports_a_missing_webinar_licence(zoom_env: None, cli: Cli) -> None:
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
    result = cli("doctor")
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


TOKEN_BODY = {"access_token": "fresh-token-value", "token_type": "bearer", "expires_in": 3600, "scope": ""}


def _cache_a_token(state_dir) -> None:
    key = Credentials(OAUTH, "acct", "client", "never-shown").cache_key
    now = datetime.now(UTC).timestamp()
    TokenCacheFile(state_dir / "token.json").write(key, Token("cached-token-value", now + 3000), now)


def _host_found() -> None:
    responses.get(f"{API}/users/host%40example.org", json={"id": "u1", "email": "host@example.org"})
    responses.get(f"{API}/users/host%40example.org/webinars", json={"webinars": [], "next_page_token": ""})


@responses.activate
def test_a_working_cached_token_and_a_wrong_secret_are_told_apart(
    zoom_env: None, isolated_environment, cli: Cli
) -> None:
    _cache_a_token(isolated_environment)
    _host_found()
    responses.post(OAUTH, status=401, json={"reason": "Invalid client_id or client_secret", "error": "invalid_client"})
    result = cli("--json", "doctor")
    assert result.exit_code == 3, result.stderr
    checks = {c["check"]: c for c in json.loads(result.stdout)}
    assert "the cached token works, but the configured secret is wrong" in checks["token"]["detail"]
    assert "ZOOM_CLIENT_SECRET" in checks["token"]["setting"]
    assert checks["host user"]["ok"]  # not blamed on ZOOM_HOST
    user_call = next(c for c in responses.calls if "/users/" in c.request.url)
    assert user_call.request.headers["Authorization"] == "Bearer cached-token-value"  # authenticated, no mint
    assert "never-shown" not in result.stdout + result.stderr


@responses.activate
def test_right_secret_with_a_cached_token_caches_the_fresh_one(zoom_env: None, isolated_environment, cli: Cli) -> None:
    _cache_a_token(isolated_environment)
    _host_found()
    responses.post(OAUTH, json=TOKEN_BODY)
    result = cli("doctor")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "the cached token works, and so do the credentials" in result.stdout
    key = Credentials(OAUTH, "acct", "client", "never-shown").cache_key
    [account_cache] = (isolated_environment.parent / "state-home").rglob("token.json")  # the account's cache
    cached = TokenCacheFile(account_cache).read(key)
    assert cached is not None and cached.access_token == "fresh-token-value"  # every process picks it up


@responses.activate
def test_without_a_cached_token_a_wrong_secret_fails_the_token_check(zoom_env: None, cli: Cli) -> None:
    responses.post(OAUTH, status=401, json={"reason": "Invalid client_id or client_secret", "error": "invalid_client"})
    result = cli("doctor")
    assert result.exit_code == 3
    assert "✗ token" in result.stdout and "ZOOM_CLIENT_SECRET" in result.stdout
    assert "host user" not in result.stdout  # not blamed on ZOOM_HOST


@responses.activate
def test_an_unknown_host_is_blamed_on_zoom_host(zoom_env: None, cli: Cli) -> None:
    responses.post(OAUTH, json=TOKEN_BODY)
    responses.get(f"{API}/users/host%40example.org", status=404, json={"code": 1001, "message": "User not exist"})
    result = cli("--json", "doctor")
    assert result.exit_code == 3
    checks = {c["check"]: c for c in json.loads(result.stdout)}
    assert checks["token"]["ok"] and not checks["host user"]["ok"]
    assert checks["host user"]["setting"] == "ZOOM_HOST"


@pytest.mark.e2e
def test_an_invalid_event_file_fails_doctor_and_names_each_problem(tmp_path, cli: Cli) -> None:
    bad = tmp_path / "event.toml"
    bad.write_text("[event]\ntopic = 'x'\nsurprise = 1\n", encoding="utf-8")
    result = cli("--sandbox", "--event", str(bad), "--json", "doctor")
    assert result.exit_code == 3
    checks = {c["check"]: c for c in json.loads(result.stdout)}
    assert not checks["event file"]["ok"] and checks["event file"]["setting"] == "WMD_EVENT_FILE"
    assert "surprise" in checks["event file"]["detail"]
