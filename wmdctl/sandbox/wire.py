"""The wire format: Zoom error bodies, JSON bodies, opaque page tokens, Zoom-looking ids."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from werkzeug.wrappers import Request, Response

from wmdctl.sandbox.store import dumps

PAGE_TOKEN_TTL_SECONDS = 15 * 60  # DOCS pagination: next_page_token expires after 15 minutes
MAX_PAGE_SIZE = 300
DEFAULT_PAGE_SIZE = 30
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
INT64_MAX = 2**63 - 1
BODY_KEY = "wmdctl.sandbox.body"  # where validation leaves the checked, pruned JSON body
# Zoom caps bodies well below this; the cap keeps four huge bodies at once from costing gigabytes.
MAX_BODY_BYTES = 4 * 1024 * 1024


class ApiError(Exception):
    """A Zoom error response: ``{code, message[, errors]}`` with an HTTP status."""

    def __init__(
        self,
        status: int,
        code: int,
        message: str,
        *,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors
        self.headers = headers or {}

    def response(self) -> Response:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.errors:
            body["errors"] = self.errors
        return json_response(body, self.status, self.headers)


def validation_failed(*problems: tuple[str, str]) -> ApiError:
    """Zoom's validation variant: code 300 with per-field errors."""
    return ApiError(400, 300, "Validation Failed.", errors=[{"field": f, "message": m} for f, m in problems])


def webinar_not_found(webinar_id: str) -> ApiError:
    return ApiError(404, 3001, f"Webinar does not exist: {webinar_id}.")


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    response = Response(dumps(body), status=status, mimetype="application/json")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def no_content() -> Response:
    return Response(b"", status=204)


def body_bytes(request: Request) -> bytes:
    """The raw body; 413 when it reaches the cap (a chunked body has no Content-Length to refuse up front)."""
    raw = request.get_data(cache=True)
    if len(raw) >= MAX_BODY_BYTES:
        raise ApiError(413, 413, "Request Entity Too Large")
    return raw


def read_json(request: Request) -> dict[str, Any]:
    """The JSON object body: the validated, pruned one when the operation has rules, else parsed here."""
    if BODY_KEY in request.environ:
        return dict(request.environ[BODY_KEY])
    raw = body_bytes(request)
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        body = None
    if not isinstance(body, dict):
        raise ApiError(400, 300, "Request Body should be a valid JSON object.")
    return body


def page_size(request: Request) -> int:
    """page_size: default 30, at most 300.

    UNCONFIRMED: what Zoom does with page_size > 300 (clamp or code 300); the sandbox clamps,
    which is the behaviour a client must cope with anyway (fewer rows than asked for).
    """
    try:
        size = int(request.args.get("page_size", DEFAULT_PAGE_SIZE))
    except ValueError:
        raise validation_failed(("page_size", "Invalid field.")) from None
    return DEFAULT_PAGE_SIZE if size < 1 else min(size, MAX_PAGE_SIZE)


@dataclass
class PageTokens:
    """Opaque, signed, expiring next_page_token values that carry an SQL offset."""

    secret: bytes

    def issue(self, scope: str, offset: int, now: datetime) -> str:
        payload = base64.urlsafe_b64encode(dumps({"s": scope, "o": offset, "t": int(now.timestamp())}).encode())
        return payload.decode().rstrip("=") + "." + self._sign(payload.rstrip(b"=")).decode()

    def offset(self, token: str, scope: str, now: datetime) -> int:
        invalid = ApiError(400, 300, "The next page token is invalid or expired.")
        payload, _, signature = token.partition(".")
        if not payload.isascii() or not hmac.compare_digest(self._sign(payload.encode()), signature.encode()):
            raise invalid
        try:
            data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        except ValueError:
            raise invalid from None
        # A clock moved back makes a token younger, never unusable: the sandbox clock may move both ways.
        if data.get("s") != scope or now.timestamp() - data["t"] > PAGE_TOKEN_TTL_SECONDS:
            raise invalid
        return int(data["o"])

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self.secret, payload, hashlib.sha256).hexdigest()[:20].encode()


def paginate(
    request: Request, tokens: PageTokens, scope: str, now: datetime, total: int
) -> tuple[int, int, dict[str, Any]]:
    """(limit, offset, envelope) for a token-paginated list; the caller adds the rows."""
    size = page_size(request)
    token = request.args.get("next_page_token", "")
    offset = tokens.offset(token, scope, now) if token else 0
    following = offset + size
    envelope = {
        "page_count": (total + size - 1) // size,
        "page_number": 1 + offset // size,  # deprecated (notes §2), still in the answers
        "page_size": size,
        "total_records": total,
        "next_page_token": tokens.issue(scope, following, now) if following < total else "",
    }
    return size, offset, envelope


class IdFactory:
    """Zoom-looking identifiers from a seeded RNG, so a seed reproduces a whole session."""

    _ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def numeric_id(self) -> int:
        # 11 digits: above 2^31, like real webinar/meeting ids, so 32-bit clients break here too.
        return self.rng.randrange(10_000_000_000, 99_999_999_999)

    def zoom_id(self) -> str:
        return "".join(self.rng.choice(self._ALPHABET) for _ in range(22))

    def uuid(self) -> str:
        return base64.b64encode(self.rng.randbytes(16)).decode()

    def passcode(self) -> str:
        return "".join(self.rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(6))


def int64_id(raw: str) -> int | None:
    """A path id as Zoom's int64, or None when it is not one (too long, too big, not digits)."""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19:
        return None
    value = int(raw)
    return value if value <= INT64_MAX else None


def valid_email(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= 128 and bool(EMAIL_PATTERN.match(value))
