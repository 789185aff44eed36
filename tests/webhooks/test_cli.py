"""The commands: events, trigger against a real receiver, live, and the secret never shown."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_support import Cli

from wmdctl.webhooks.db import db_path
from wmdctl.webhooks.processor import ProcessorConfig
from wmdctl.webhooks.receiver import ReceiverConfig
from wmdctl.webhooks.server import ReceiverHandle, ServeOptions, start_receiver

from .helpers import SECRET

WEBINAR = "81234567890"


@pytest.fixture
def receiver(isolated_environment: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ReceiverHandle]:
    """A receiver on the embedded event's database, as `webhooks serve` would run it (no Zoom client)."""
    monkeypatch.setenv("ZOOM_WEBHOOK_SECRET_TOKEN", SECRET)
    options = ServeOptions(
        db_path=db_path(isolated_environment, "wmd-2021"), port=0, receiver=ReceiverConfig(secret=SECRET),
        processor=ProcessorConfig(webinar_id=WEBINAR, ledger_path=isolated_environment / "registrants.sqlite"),
    )  # fmt: skip
    with start_receiver(options) as handle:
        yield handle


def test_events_is_empty_before_anything_arrives(cli: Cli) -> None:
    assert json.loads(cli("--json", "webhooks", "events").stdout) == []
    result = cli("webhooks", "events")
    assert result.exit_code == 0 and "0 event(s)" in result.stderr


@pytest.mark.e2e
def test_trigger_then_events_shows_what_came_and_why(receiver: ReceiverHandle, cli: Cli) -> None:
    url = receiver.url("/zoom/webhooks")
    sent = cli("webhooks", "trigger", "webinar.registration_created", "--to", url, "--webinar", WEBINAR)
    assert sent.exit_code == 0, sent.output
    assert "accepted webinar.registration_created (200)" in sent.stderr
    assert cli("webhooks", "trigger", "webinar.sharing_started", "--to", url).exit_code == 2  # no such sample
    cli("webhooks", "trigger", "webinar.participant_joined", "--to", url, "--webinar", "999")
    assert receiver.processor is not None and receiver.processor.wait_idle(30)
    events = json.loads(cli("webhooks", "events", "--json").stdout)  # the local --json works too
    assert [(e["type"], e["status"]) for e in events] == [
        ("webinar.registration_created", "processed"), ("webinar.participant_joined", "ignored"),
    ]  # fmt: skip
    assert events[1]["reason"] == f"webinar 999 is not this event's webinar {WEBINAR}"
    only = json.loads(cli("--json", "webhooks", "events", "--type", "webinar.participant_joined").stdout)
    assert [e["type"] for e in only] == ["webinar.participant_joined"]
    assert json.loads(cli("--json", "webhooks", "events", "--since", "2999-01-01").stdout) == []
    bad = cli("webhooks", "events", "--since", "yesterday")
    assert bad.exit_code == 2 and "--since" in bad.stderr
    table = cli("webhooks", "events")
    assert "webinar.registration_created" in table.stdout and "processed" in table.stdout


@pytest.mark.e2e
def test_trigger_checks_the_url_validation_answer(receiver: ReceiverHandle, cli: Cli) -> None:
    result = cli("--json", "webhooks", "trigger", "endpoint.url_validation", "--to", receiver.url("/zoom/webhooks"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["validation_ok"] is True


@pytest.mark.e2e
def test_trigger_with_another_secret_is_refused_and_says_why(
    receiver: ReceiverHandle, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.setenv("ZOOM_WEBHOOK_SECRET_TOKEN", "a-different-secret-token")
    result = cli("--verbose", "webhooks", "trigger", "webinar.started", "--to", receiver.url("/zoom/webhooks"))
    assert result.exit_code == 1
    assert "answered 401" in result.stderr and "ZOOM_WEBHOOK_SECRET_TOKEN differs" in result.stderr
    assert "a-different-secret-token" not in result.output
    assert cli("--json", "webhooks", "events").stdout.strip() == "[]"  # nothing stored


def test_trigger_to_nowhere_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.setenv("ZOOM_WEBHOOK_SECRET_TOKEN", SECRET)
    result = cli("webhooks", "trigger", "webinar.started", "--to", "http://127.0.0.1:9/zoom/webhooks")
    assert result.exit_code == 1 and "could not reach" in result.stderr


def test_the_secret_is_required_and_never_shown(monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    missing = cli("webhooks", "serve", "--port", "0")
    assert missing.exit_code == 3 and "ZOOM_WEBHOOK_SECRET_TOKEN is not set" in missing.stderr
    monkeypatch.setenv("ZOOM_WEBHOOK_SECRET_TOKEN", "s3cr3t-token-value")
    shown = cli("config", "show")
    assert "ZOOM_WEBHOOK_SECRET_TOKEN" in shown.stdout and "****" in shown.stdout
    assert "s3cr3t-token-value" not in shown.output
    as_json = cli("--json", "config", "show")
    assert "s3cr3t-token-value" not in as_json.output


def test_serve_stays_on_loopback_unless_told(monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.setenv("ZOOM_WEBHOOK_SECRET_TOKEN", SECRET)
    result = cli("webhooks", "serve", "--host", "0.0.0.0")
    assert result.exit_code == 2 and "reverse proxy" in result.stderr
    assert cli("webhooks", "serve", "--path", "zoom").exit_code == 2
    assert cli("webhooks", "serve", "--max-age", "0").exit_code == 2


def test_serve_needs_a_webinar(monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.setenv("ZOOM_WEBHOOK_SECRET_TOKEN", SECRET)
    result = cli("webhooks", "serve", "--port", "0")
    assert result.exit_code == 4 and "webinar apply" in result.stderr


@pytest.mark.e2e
def test_live_prints_one_snapshot_without_a_terminal(receiver: ReceiverHandle, cli: Cli) -> None:
    snapshot = json.loads(cli("live", "--webinar", WEBINAR, "--json").stdout)
    assert (snapshot["status"], snapshot["in_now"]["count"]) == ("not started", 0)
    assert [p["number"] for p in snapshot["panels"]] == [1, 2]
    screen = cli("live", "--webinar", WEBINAR)
    assert screen.exit_code == 0 and "in now: 0" in screen.stdout and "Panel 1" in screen.stdout
