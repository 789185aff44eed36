"""Zoom's webhook signatures (notes §11): verify what arrives, sign what `trigger` sends.

``x-zm-signature`` is ``"v0=" + hex(HMAC-SHA256(secret token, "v0:{x-zm-request-timestamp}:{raw body}"))``.
It is computed over the raw bytes as they arrived: parsing the JSON and serialising it again (as Zoom's own
Node sample does) changes spacing and escapes, and then a genuine event fails the check.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from wmdctl.errors import WmdctlError

SIGNATURE_HEADER = "x-zm-signature"
TIMESTAMP_HEADER = "x-zm-request-timestamp"
DEFAULT_MAX_AGE = 300  # seconds: Zoom names no replay window (notes §11); five minutes is the usual local policy


class SignatureRejected(WmdctlError):
    """A request that must get a 401 and leave no trace; ``reason`` is for the log, never for the sender."""


def sign(secret: str, timestamp: str, body: bytes) -> str:
    message = b"v0:" + timestamp.encode("ascii") + b":" + body
    return "v0=" + hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signed_headers(secret: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The headers Zoom sends with a delivery (the ones a receiver checks)."""
    return {
        "content-type": "application/json",
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: sign(secret, str(timestamp), body),
        "user-agent": "Zoom Marketplace/1.0a",
    }


def verify(secret: str, headers: Mapping[str, str], body: bytes, *, now: float, max_age: float) -> int:
    """The request's timestamp when the signature holds and is fresh; raises SignatureRejected otherwise.

    Zoom stamps each delivery, retries included, with the time it is sent, so a retry 85 minutes after the
    event is still fresh: the window only stops a captured request from being played again later.
    """
    lowered = {name.lower(): value for name, value in headers.items()}  # HTTP header names ignore case
    signature = lowered.get(SIGNATURE_HEADER) or ""
    timestamp = lowered.get(TIMESTAMP_HEADER) or ""
    if not signature or not timestamp:
        raise SignatureRejected(f"missing {SIGNATURE_HEADER} or {TIMESTAMP_HEADER}")
    if not timestamp.isascii() or not timestamp.isdigit():
        raise SignatureRejected(f"{TIMESTAMP_HEADER} is not whole seconds: {timestamp[:20]!r}")
    expected = sign(secret, timestamp, body)
    # Constant time: a byte-by-byte compare would tell an attacker how much of a forged signature is right.
    if not hmac.compare_digest(expected.encode("ascii"), signature.encode("utf-8", "replace")):
        raise SignatureRejected("signature does not match (wrong secret token, or the body was altered)")
    sent = int(timestamp)
    if abs(now - sent) > max_age:
        raise SignatureRejected(
            f"timestamp {sent} is {int(now - sent)} s from now, outside the {int(max_age)} s window"
        )
    return sent


def validation_answer(secret: str, plain_token: str) -> dict[str, str]:
    """The answer to ``endpoint.url_validation``: the token back, and its HMAC as proof we hold the secret."""
    digest = hmac.new(secret.encode("utf-8"), plain_token.encode("utf-8"), hashlib.sha256).hexdigest()
    return {"plainToken": plain_token, "encryptedToken": digest}
