"""`sandbox serve --webhook-url/--webhook-secret-token`, and `sandbox simulate` finding the admin URL in .env."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cli_support import Cli

from wmdctl.exitcodes import ExitCode
from wmdctl.sandbox import SandboxOptions, start_sandbox

from .helpers import Zoom
from .webhook_support import SECRET, receiver


def _serve_once(monkeypatch: pytest.MonkeyPatch, seen: list[dict[str, object]]) -> None:
    """`sandbox serve` starts, says it is ready, and stops (instead of serving until Ctrl-C)."""
    import wmdctl.sandbox as sandbox_package

    def serve_once(options: SandboxOptions, on_ready) -> None:  # type: ignore[no-untyped-def]
        assert options.webhook_secret_token == SECRET
        with start_sandbox(SandboxOptions(port=0, webhook_url=options.webhook_url,
                                          webhook_secret_token=options.webhook_secret_token)) as handle:  # fmt: skip
            on_ready(handle)
            seen.append(Zoom(handle).admin("GET", "/webhooks").json())

    monkeypatch.setattr(sandbox_package, "serve_forever", serve_once)


def test_serve_says_whether_the_url_passed_zooms_validation(monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    seen: list[dict[str, object]] = []
    _serve_once(monkeypatch, seen)
    with receiver() as listening:
        ok = cli("sandbox", "serve", "--webhook-url", listening.url, "--webhook-secret-token", SECRET)
    assert ok.exit_code == 0, ok.stderr
    assert "(URL validated)" in ok.stderr and seen[-1]["validated"] is True
    nobody = "http://127.0.0.1:9/zoom/webhooks"  # the discard port: nothing listens
    failed = cli("sandbox", "serve", "--webhook-url", nobody, "--webhook-secret-token", SECRET)
    assert failed.exit_code == 0, failed.stderr  # the sandbox still serves; events wait
    assert f"{nobody} failed Zoom's URL validation" in failed.stderr and "/webhooks/validate" in failed.stderr
    assert seen[-1]["validated"] is False and SECRET not in failed.stderr


def test_serve_subscribes_the_url_and_never_prints_the_token(monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    seen: list[dict[str, object]] = []
    _serve_once(monkeypatch, seen)
    url = "http://127.0.0.1:8787/zoom/webhooks"
    result = cli("sandbox", "serve", "--webhook-url", url, "--webhook-secret-token", SECRET)
    assert result.exit_code == 0, result.stderr
    assert SECRET not in result.stdout + result.stderr and url in result.stderr
    assert seen[0]["url"] == url and seen[0]["secret_token_set"] is True


def test_serve_takes_the_token_from_the_environment_and_refuses_a_url_without_one(
    monkeypatch: pytest.MonkeyPatch,
    cli: Cli,
) -> None:
    monkeypatch.delenv("ZOOM_WEBHOOK_SECRET_TOKEN", raising=False)
    refused = cli("sandbox", "serve", "--webhook-url", "http://127.0.0.1:8787/zoom/webhooks")
    assert refused.exit_code == ExitCode.USAGE and "secret token" in refused.stderr


def test_simulate_reads_the_admin_url_from_dotenv(zoom: Zoom, isolated_environment: Path, cli: Cli) -> None:
    webinar_id = zoom.registration_webinar()
    zoom.seed_registrants(webinar_id, 4)
    env_file = Path(os.getcwd()) / ".env"
    env_file.write_text(f"ZOOM_API_URL={zoom.handle.api_url}\nZOOM_SANDBOX_ADMIN_URL={zoom.handle.admin_url}\n")
    env_file.chmod(0o600)
    result = cli("--json", "sandbox", "simulate", "--webinar", str(webinar_id), "--seed", "1")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["webinar_id"] == webinar_id
    shown = cli("config", "show")
    assert zoom.handle.admin_url not in shown.stdout + shown.stderr  # it holds the admin token: redacted
    assert "ZOOM_SANDBOX_ADMIN_URL" in shown.stdout
