"""`wmdctl sandbox serve|simulate` and the foreground server."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
import requests
from cli_support import Cli

from wmdctl.exitcodes import ExitCode
from wmdctl.sandbox import SandboxHandle, SandboxOptions, serve_forever, start_sandbox

from .helpers import Zoom


def test_help_lists_both_commands_with_examples(cli: Cli) -> None:
    result = cli("sandbox", "--help")
    assert result.exit_code == 0 and "serve" in result.stdout and "simulate" in result.stdout
    for command in ("serve", "simulate"):
        assert "Example:" in cli("sandbox", command, "--help").stdout


def test_serve_refuses_a_non_loopback_host(cli: Cli) -> None:
    result = cli("sandbox", "serve", "--host", "0.0.0.0")
    assert result.exit_code == ExitCode.USAGE
    assert "--allow-remote" in result.stderr


def test_simulate_against_the_sandbox_in_zoom_api_url(zoom: Zoom, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    webinar_id = zoom.registration_webinar()
    zoom.seed_registrants(webinar_id, 10)
    monkeypatch.setenv("ZOOM_API_URL", zoom.handle.api_url)
    monkeypatch.setenv("ZOOM_SANDBOX_ADMIN_URL", zoom.handle.admin_url)
    result = cli("--json", "sandbox", "simulate", "--webinar", str(webinar_id), "--attendance", "0.5", "--seed", "2")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["webinar_id"] == webinar_id and summary["registrants_attended"] == 5
    assert zoom.get(f"/past_webinars/{webinar_id}/instances").status_code == 200


def test_simulate_unknown_webinar_is_not_found(zoom: Zoom, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.setenv("ZOOM_API_URL", zoom.handle.api_url)
    monkeypatch.setenv("ZOOM_SANDBOX_ADMIN_URL", zoom.handle.admin_url)
    result = cli("sandbox", "simulate", "--webinar", "123")
    assert result.exit_code == ExitCode.NOT_FOUND


def test_simulate_without_the_admin_url_says_where_to_find_it(
    zoom: Zoom, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.setenv("ZOOM_API_URL", zoom.handle.api_url)
    monkeypatch.delenv("ZOOM_SANDBOX_ADMIN_URL", raising=False)
    result = cli("sandbox", "simulate", "--webinar", "123")
    assert result.exit_code == ExitCode.CONFIG and "ZOOM_SANDBOX_ADMIN_URL" in result.stderr


def test_simulate_refuses_an_admin_url_of_another_server(zoom: Zoom, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.setenv("ZOOM_API_URL", zoom.handle.api_url)
    monkeypatch.setenv("ZOOM_SANDBOX_ADMIN_URL", "http://127.0.0.1:1/_sandbox/guess")
    result = cli("sandbox", "simulate", "--webinar", "123")
    assert result.exit_code == ExitCode.CONFIG and "does not belong" in result.stderr


def test_simulate_refuses_a_real_zoom_url(monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.setenv("ZOOM_API_URL", "https://api.zoom.us/v2")
    result = cli("sandbox", "simulate", "--webinar", "123")
    assert result.exit_code == ExitCode.CONFIG and "loopback" in result.stderr


def test_simulate_with_the_in_process_sandbox(isolated_environment: Path, cli: Cli) -> None:
    isolated_environment.mkdir(parents=True, exist_ok=True)
    with start_sandbox(SandboxOptions(state_path=isolated_environment / "sandbox.db")) as handle:
        webinar_id = Zoom(handle).create_webinar()["id"]
    result = cli("--sandbox", "sandbox", "simulate", "--webinar", str(webinar_id))
    assert result.exit_code == 0, result.stderr
    assert str(webinar_id) in result.stdout


def test_serve_forever_prints_nothing_itself_and_stops_on_request() -> None:
    stop = threading.Event()
    seen: list[SandboxHandle] = []

    def ready(handle: SandboxHandle) -> None:
        seen.append(handle)
        assert requests.get(f"{handle.admin_url}/clock", timeout=5).status_code == 200
        stop.set()

    serve_forever(SandboxOptions(), ready, stop_event=stop)
    assert seen
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{seen[0].admin_url}/clock", timeout=5)


def test_serve_prints_settings_ready_to_paste(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cli: Cli) -> None:
    import wmdctl.sandbox as sandbox_package

    captured: list[SandboxOptions] = []

    def serve_once(options: SandboxOptions, on_ready) -> None:  # type: ignore[no-untyped-def]
        captured.append(options)
        with start_sandbox(SandboxOptions(port=0)) as handle:  # port 0: the test must not need 9100 free
            on_ready(handle)

    monkeypatch.setattr(sandbox_package, "serve_forever", serve_once)
    result = cli(
        "sandbox", "serve", "--state", str(tmp_path / "s.db"), "--plan", "free", "--fail-rate", "0.1", "--seed", "3"
    )
    assert result.exit_code == 0, result.stderr
    settings = dict(line.split("=", 1) for line in result.stdout.splitlines())
    assert settings["ZOOM_API_URL"].startswith("http://127.0.0.1:") and settings["ZOOM_API_URL"].endswith("/v2")
    admin_token = settings["ZOOM_SANDBOX_ADMIN_URL"].rsplit("/", 1)[1]
    assert len(admin_token) >= 24 and settings["ZOOM_SANDBOX_ADMIN_URL"].startswith(settings["ZOOM_API_URL"][:-3])
    assert set(settings) == {
        "ZOOM_SANDBOX_ADMIN_URL",
        "ZOOM_API_URL",
        "ZOOM_OAUTH_URL",
        "ZOOM_ACCOUNT_ID",
        "ZOOM_CLIENT_ID",
        "ZOOM_CLIENT_SECRET",
        "ZOOM_HOST",
    }
    options = captured[0]
    assert (options.plan, options.fail_rate, options.seed, options.port) == ("free", 0.1, 3, 9100)
    assert "Ctrl-C" in result.stderr
