"""Zoom's URL validation ("CRC", notes §11): the challenge the sandbox sends, and how it judges the answer.

Zoom POSTs ``{"payload": {"plainToken": T}, "event_ts": <ms>, "event": "endpoint.url_validation"}``, signed like
any event, when a subscription's URL is saved and again every 72 hours. The endpoint passes when it answers
within 3 s with HTTP 200 or 204 and the JSON ``{"plainToken": T, "encryptedToken": hex(HMAC-SHA256(secret, T))}``;
an endpoint that has not passed gets no events. A reason says why one failed, and never holds the secret,
the token or what the receiver computed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from wmdctl.sandbox.store import iso
from wmdctl.sandbox.webhook_http import Answer

VALIDATION_EVENT = "endpoint.url_validation"
REVALIDATE_AFTER = timedelta(hours=72)  # Zoom re-validates every 72 hours (notes §11)
PASSING_STATUSES = (200, 204)


@dataclass(frozen=True)
class Validation:
    """The last check of one (url, secret token) pair; ``validated_at`` is when it was made, in sandbox time."""

    validated: bool = False
    validated_at: datetime | None = None
    error: str | None = None
    url: str | None = None
    secret_token: str | None = field(default=None, repr=False)  # which secret it proved; memory only, never shown

    def holds_for(self, url: str | None, secret_token: str | None) -> bool:
        """Whether this check was of that subscription (a changed URL or secret token needs a new one)."""
        return self.validated_at is not None and (self.url, self.secret_token) == (url, secret_token)

    def stale(self, now: datetime) -> bool:
        """Due again: 72 h of sandbox time have passed, or the clock was taken back before the check
        (a validation made in the sandbox's future proves nothing about its present)."""
        return self.validated_at is None or not timedelta(0) <= now - self.validated_at <= REVALIDATE_AFTER

    def public(self, url: str | None, secret_token: str | None) -> dict[str, Any]:
        mine = self.holds_for(url, secret_token)
        return {
            "validated": mine and self.validated,
            "validated_at": iso(self.validated_at) if mine and self.validated_at else None,
            "validation_error": self.error if mine else None,
        }


def challenge(now: datetime) -> tuple[str, bytes]:
    """A fresh plainToken (unguessable, as Zoom's: 16 random bytes, URL-safe base64) and the request body."""
    plain = secrets.token_urlsafe(16)
    body = {"payload": {"plainToken": plain}, "event_ts": int(now.timestamp() * 1000), "event": VALIDATION_EVENT}
    return plain, json.dumps(body, separators=(",", ":")).encode()


def expected_token(secret_token: str, plain: str) -> str:
    return hmac.new(secret_token.encode(), plain.encode(), hashlib.sha256).hexdigest()


def problem(answer: Answer, secret_token: str, plain: str, limit_seconds: float) -> str | None:
    """Why the answer fails the validation, or None when it passes."""
    outcome = answer.outcome
    if outcome == "timeout" or answer.seconds > limit_seconds:
        return f"no answer within {limit_seconds:g} s"
    if isinstance(outcome, str):
        return f"no answer: {outcome}"
    if outcome not in PASSING_STATUSES:
        return f"HTTP {outcome}, not 200 or 204"
    try:
        shown = json.loads(answer.body)
    except (UnicodeDecodeError, ValueError):
        return "the answer is not JSON" if answer.body else "the answer has no JSON body"
    if not isinstance(shown, dict):
        return "the answer is not a JSON object"
    if shown.get("plainToken") != plain:
        return "plainToken is not the one sent"
    encrypted = shown.get("encryptedToken")
    if not isinstance(encrypted, str):
        return "encryptedToken is missing"
    # Exact lower-case hex, as Zoom's samples compute it (digest('hex')); that Zoom refuses upper case is UNCONFIRMED.
    if not hmac.compare_digest(encrypted.encode(), expected_token(secret_token, plain).encode()):
        return "encryptedToken is not HMAC-SHA256 of plainToken with the secret token (a different secret?)"
    return None
