"""Contract test: every request wmdctl sends, and every answer the sandbox gives, during a whole
end-to-end run of the CLI, fits Zoom's own OpenAPI spec (read from ../shared, never copied)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests.adapters
from contract_support import load_spec, spec_available, validate_request, validate_response

from e2e.support import write_registrants

pytestmark = pytest.mark.skipif(not spec_available(), reason="Zoom OpenAPI spec not found in ../shared/zoom-openapi")


@dataclass
class Exchange:
    method: str
    path: str
    request_body: object
    status: int
    response_body: object


@pytest.fixture
def exchanges(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Exchange]]:
    """Records every HTTP exchange with the sandbox's API, as it went over the wire."""
    seen: list[Exchange] = []
    original = requests.adapters.HTTPAdapter.send

    def recording_send(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = original(self, request, *args, **kwargs)
        path = urlsplit(request.url).path
        if path.startswith("/v2/"):
            body = request.body.decode() if isinstance(request.body, bytes) else request.body
            seen.append(Exchange(
                request.method, path[3:], json.loads(body) if body else None,
                response.status_code, response.json() if response.content else None,
            ))  # fmt: skip
        return response

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", recording_send)
    yield seen


def template_for(path: str) -> str:
    """The spec's path template for a concrete path: the match with the most literal segments."""
    parts = path.strip("/").split("/")
    best: tuple[int, str] | None = None
    for template in load_spec()["paths"]:
        pattern = template.strip("/").split("/")
        if len(pattern) != len(parts):
            continue
        if all(p.startswith("{") or p == s for p, s in zip(pattern, parts, strict=True)):
            literals = sum(not p.startswith("{") for p in pattern)
            if best is None or literals > best[0]:
                best = (literals, template)
    assert best is not None, f"{path} matches no path in the Zoom spec"
    return best[1]


def assert_zoom_error_shape(body: object) -> None:
    """The spec documents error statuses without bodies; Zoom sends {code, message[, errors]} (notes §2)."""
    assert isinstance(body, dict), body
    assert isinstance(body.get("code"), int) and isinstance(body.get("message"), str), body
    for error in body.get("errors", []):
        assert set(error) == {"field", "message"}, error


def test_every_exchange_of_a_whole_run_fits_the_zoom_spec(sandbox, cli, exchanges, tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    write_registrants(source, 45)
    batch_source = tmp_path / "plain.csv"
    write_registrants(batch_source, 35, start=1000, custom=False)
    steps = [
        ("webinar", "apply", "--yes"),
        ("webinar", "show"),
        ("registrants", "sync", str(source), "--approve"),
        ("registrants", "sync", str(batch_source)),
        ("registrants", "list", "--status", "all"),
        ("breakouts", "apply", "--yes"),
        ("sandbox", "simulate", "--seed", "5"),
        ("report", "attendance"),
        ("report", "qa"),
        ("report", "polls"),
    ]
    for step in steps:
        result = cli("--json", *step)
        assert result.exit_code == 0, (step, result.stderr)

    checked = set()
    for exchange in exchanges:
        template = template_for(exchange.path)
        if exchange.request_body is not None:
            validate_request(exchange.method, template, exchange.request_body)
        if exchange.status >= 400:
            assert_zoom_error_shape(exchange.response_body)
        else:
            validate_response(exchange.method, template, exchange.status, exchange.response_body)
        checked.add(f"{exchange.method} {template}")

    # The run must have exercised the operations wmdctl is built on.
    for operation in (
        "POST /users/{userId}/webinars",
        "POST /webinars/{webinarId}/panelists",
        "PATCH /webinars/{webinarId}/registrants/questions",
        "POST /webinars/{webinarId}/polls",
        "GET /webinars/{webinarId}/registrants",
        "POST /webinars/{webinarId}/registrants",
        "POST /webinars/{webinarId}/batch_registrants",
        "PUT /webinars/{webinarId}/registrants/status",
        "POST /users/{userId}/meetings",
        "GET /report/webinars/{webinarId}/participants",
    ):
        assert operation in checked, f"{operation} was not exercised"
