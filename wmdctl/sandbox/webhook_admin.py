"""Admin endpoints of the webhook sender: subscribe, validate, unsubscribe, list deliveries, flush what is due.

POST   /_sandbox/<token>/webhooks            {"url", "secret_token", "paused", "timeout_seconds",
                                              "duplicate_rate", "reorder_rate"} (each optional)
GET    /_sandbox/<token>/webhooks            the configuration, with secret_token_set instead of the token, and
                                             validated, validated_at (when last checked, sandbox time) and
                                             validation_error (why it failed; never the secret)
DELETE /_sandbox/<token>/webhooks            unsubscribe (nothing more is recorded; what waits stays)
POST   /_sandbox/<token>/webhooks/validate   send endpoint.url_validation again now (after fixing the receiver)
GET    /_sandbox/<token>/webhooks/deliveries [?status=pending|retrying|delivered|failed|dropped]
POST   /_sandbox/<token>/webhooks/flush      deliver everything due now; {"attempts": [...], "validated",
                                             "waiting", "next_due"}

URL validation, as Zoom's (notes §11): a POST that sets the url or the secret_token sends the URL a signed
endpoint.url_validation (so does the sandbox's start with SandboxOptions.webhook_url), and only a URL that
answered it right (within timeout_seconds, default Zoom's 3 s; HTTP 200/204; its plainToken back with
encryptedToken = hex(HMAC-SHA256(secret_token, plainToken))) gets events. Until then they wait, none lost, and go
out once /webhooks/validate passes. A delivery pass whose last check is 72 h old (sandbox time) checks again
first, a failed one too: Zoom keeps re-validating every 72 h.
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
        body = read_json(request)
        configure(target.config, body)
        if target.subscribed and ("url" in body or "secret_token" in body):  # saved: Zoom validates it now
            check_validation(target)
    elif request.method == "DELETE":
        target.config.url = target.config.secret_token = None
    return json_response(target.public())


def check_validation(target: WebhookSender) -> None:
    """Validate the subscribed URL; a 400 naming why when it fails.

    Zoom's app page refuses to save a URL that fails; the sandbox keeps the subscription all the same (marked
    not validated, its events waiting) so that nothing is lost and a test can fix its receiver and call
    /webhooks/validate, but it answers the 400 a caller must not mistake for success.
    """
    done = target.validate()
    if not done.validated:
        reason = f"URL validation failed: {done.error}"
        raise ApiError(400, 300, reason, errors=[{"field": "url", "message": done.error or ""}])


def validate(sb: Sandbox, request: Request) -> Response:
    target = sender(sb)
    if not target.subscribed:
        raise ApiError(409, 409, "There is no webhook subscription to validate: POST /webhooks a url first.")
    check_validation(target)
    return json_response(target.public())


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
    Route("POST", "/webhooks/validate", validate, "admin"),
    Route("GET", "/webhooks/deliveries", deliveries, "admin"),
    Route("POST", "/webhooks/flush", flush, "admin"),
]
