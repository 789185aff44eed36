"""Admin endpoints of the webhook sender: subscribe, unsubscribe, list deliveries, flush what is due.

POST   /_sandbox/<token>/webhooks            {"url", "secret_token", "paused", "timeout_seconds",
                                              "duplicate_rate", "reorder_rate"} (each optional)
GET    /_sandbox/<token>/webhooks            the configuration, with secret_token_set instead of the token
DELETE /_sandbox/<token>/webhooks            unsubscribe (nothing more is recorded; what waits stays)
GET    /_sandbox/<token>/webhooks/deliveries [?status=pending|retrying|delivered|failed|dropped]
POST   /_sandbox/<token>/webhooks/flush      deliver everything due now; {"attempts": [...], "waiting", "next_due"}
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from werkzeug.wrappers import Request, Response

from wmdctl.sandbox.core import Sandbox
from wmdctl.sandbox.routing import Route
from wmdctl.sandbox.webhooks import WebhookConfig, WebhookSender
from wmdctl.sandbox.wire import ApiError, json_response, read_json, validation_failed

STATUSES = ("pending", "retrying", "delivered", "failed", "dropped")


def sender(sb: Sandbox) -> WebhookSender:
    # The core holds the sender as a Protocol (to stay out of an import cycle); the server only ever puts a
    # WebhookSender there.
    if not isinstance(sb.webhooks, WebhookSender):
        raise ApiError(409, 409, "This sandbox has no webhook sender.")
    return sb.webhooks


def check_url(url: Any) -> str:
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise validation_failed(("url", "must be an http:// or https:// URL"))
    return str(url)


def _rate(body: dict[str, Any], key: str, current: float, low: float = 0.0, high: float = 1.0) -> float:
    value = body.get(key, current)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise validation_failed((key, f"must be a number between {low} and {high}"))
    return float(value)


def configure(config: WebhookConfig, body: dict[str, Any]) -> None:
    """Apply the keys given (all checked first, so a bad one changes nothing)."""
    url = config.url if "url" not in body else (None if body["url"] is None else check_url(body["url"]))
    secret = body.get("secret_token", config.secret_token)
    if secret is not None and (not isinstance(secret, str) or not secret):
        raise validation_failed(("secret_token", "must be a non-empty string"))
    if url and not secret:
        raise validation_failed(("secret_token", "is required to send webhooks: Zoom signs every one"))
    paused = body.get("paused", config.paused)
    if not isinstance(paused, bool):
        raise validation_failed(("paused", "must be true or false"))
    timeout = _rate(body, "timeout_seconds", config.timeout_seconds, 0.01, 30.0)
    duplicate = _rate(body, "duplicate_rate", config.duplicate_rate)
    reorder = _rate(body, "reorder_rate", config.reorder_rate)
    config.url, config.secret_token, config.paused = url, secret, paused
    config.timeout_seconds, config.duplicate_rate, config.reorder_rate = timeout, duplicate, reorder


def webhooks(sb: Sandbox, request: Request) -> Response:
    target = sender(sb)
    if request.method == "POST":
        configure(target.config, read_json(request))
    elif request.method == "DELETE":
        target.config.url = target.config.secret_token = None
    return json_response({**target.config.public(), **target.waiting()})


def deliveries(sb: Sandbox, request: Request) -> Response:
    status = request.args.get("status")
    if status is not None and status not in STATUSES:
        raise validation_failed(("status", f"must be one of {', '.join(STATUSES)}"))
    return json_response({"deliveries": sender(sb).deliveries(status)})


def flush(sb: Sandbox, request: Request) -> Response:
    body = read_json(request) if request.content_length else {}
    limit = body.get("limit")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise validation_failed(("limit", "must be a positive integer"))
    return json_response(sender(sb).flush(limit))


ROUTES = [
    Route("GET", "/webhooks", webhooks, "admin"),
    Route("POST", "/webhooks", webhooks, "admin"),
    Route("DELETE", "/webhooks", webhooks, "admin"),
    Route("GET", "/webhooks/deliveries", deliveries, "admin"),
    Route("POST", "/webhooks/flush", flush, "admin"),
]
