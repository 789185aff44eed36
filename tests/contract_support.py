"""Validate request and response bodies against Zoom's own OpenAPI spec (Meetings API, OAS 3.0).

The spec lives outside the repo (``<repo>/../shared/zoom-openapi``) and must not be copied in;
tests that need it skip with a reason when it is absent. Use ``validate_response`` /
``validate_request`` from any test that sees Zoom-shaped JSON.

Formats: ``date-time`` is checked. ``email`` accepts "" because Zoom blanks the emails of
users outside the account (notes §2 email display rule) even where the spec says format=email.
The spec is followed for types, the notes for behaviour.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

SPEC_PATH = Path(__file__).resolve().parents[1] / ".." / "shared" / "zoom-openapi" / "zoom-meetings-api.openapi.json"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def spec_available() -> bool:
    return SPEC_PATH.is_file()


def require_spec() -> None:
    """Skip without the spec; in CI (CI=true) its absence is a failure, so contract tests can't silently vanish."""
    if not spec_available():
        reason = f"Zoom OpenAPI spec not found at {SPEC_PATH.resolve()} (shared data, not in the repo)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI=true requires it")
        pytest.skip(reason)


@lru_cache(maxsize=1)
def load_spec() -> dict[str, Any]:
    return dict(json.loads(SPEC_PATH.read_text(encoding="utf-8")))


def _resolve(node: Any, root: dict[str, Any]) -> Any:
    """Inline local $refs (the 2026 spec has none, but older copies do)."""
    if isinstance(node, dict):
        if "$ref" in node and node["$ref"].startswith("#/"):
            target: Any = root
            for part in node["$ref"][2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            return _resolve(target, root)
        return {k: _resolve(v, root) for k, v in node.items()}
    if isinstance(node, list):
        return [_resolve(v, root) for v in node]
    return node


def _operation(method: str, path_template: str) -> dict[str, Any]:
    spec = load_spec()
    try:
        return dict(spec["paths"][path_template][method.lower()])
    except KeyError:
        raise AssertionError(f"{method.upper()} {path_template} is not in the Zoom spec") from None


def _json_schema(content: dict[str, Any] | None) -> dict[str, Any] | None:
    media = (content or {}).get("application/json")
    return _resolve(media["schema"], load_spec()) if media and "schema" in media else None


def response_schema(method: str, path_template: str, status: int) -> dict[str, Any] | None:
    responses = _operation(method, path_template)["responses"]
    if str(status) not in responses:
        raise AssertionError(
            f"{method.upper()} {path_template} documents no {status} response (documented: {', '.join(responses)})"
        )
    return _json_schema(responses[str(status)].get("content"))


def request_schema(method: str, path_template: str) -> dict[str, Any] | None:
    body = _operation(method, path_template).get("requestBody") or {}
    return _json_schema(body.get("content"))


def _format_checker() -> Any:
    from jsonschema import FormatChecker
    from openapi_schema_validator import oas30_format_checker

    checker = FormatChecker(formats=())
    checker.checkers = dict(oas30_format_checker.checkers)  # a copy: the shared checker stays untouched

    @checker.checks("date-time", raises=ValueError)
    def is_datetime(value: object) -> bool:
        if isinstance(value, str):
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True

    @checker.checks("email")
    def is_email(value: object) -> bool:
        return not isinstance(value, str) or value == "" or bool(EMAIL.match(value))

    return checker


def _validate(schema: dict[str, Any] | None, instance: Any, what: str) -> None:
    from openapi_schema_validator import OAS30Validator

    if schema is None:
        return
    validator = OAS30Validator(schema, format_checker=_format_checker())
    problems = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    if problems:
        lines = [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message[:200]}" for e in problems[:10]]
        raise AssertionError(f"{what} does not match the Zoom spec:\n  " + "\n  ".join(lines))


def validate_response(method: str, path_template: str, status: int, body: Any) -> None:
    """Raise AssertionError unless ``body`` fits the spec's schema for that operation and status."""
    require_spec()
    schema = response_schema(method, path_template, status)
    if schema is None and body not in (None, b"", ""):
        raise AssertionError(f"{method.upper()} {path_template} {status} has no body in the spec, got one")
    _validate(schema, body, f"response {method.upper()} {path_template} {status}")


def validate_request(method: str, path_template: str, body: Any) -> None:
    """Raise AssertionError unless the request ``body`` fits the spec's request schema."""
    require_spec()
    _validate(request_schema(method, path_template), body, f"request {method.upper()} {path_template}")
