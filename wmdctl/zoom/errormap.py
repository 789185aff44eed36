"""Turn a Zoom error response into the matching exception from ``wmdctl.zoom.errors``.

This is the one place that knows Zoom's status codes, error codes and 429 texts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import requests

from wmdctl.zoom import codes
from wmdctl.zoom.errors import (
    RateLimitScope,
    ZoomAuthError,
    ZoomBadRequestError,
    ZoomConnectError,
    ZoomError,
    ZoomNetworkError,
    ZoomNotFoundError,
    ZoomPermissionError,
    ZoomRateLimitError,
    ZoomServerError,
)

REQUEST_ID_HEADERS = ("x-zm-trackingid", "x-zm-request-id", "x-request-id")
CREDENTIALS_HINT = (
    "check ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET against your Server-to-Server OAuth app "
    "in the Zoom App Marketplace, and that the app is activated"
)
DAILY_HINTS: dict[RateLimitScope, str] = {
    "account": "the account's daily budget for this kind of call is spent (shared by every app on the account)",
    "user": "the host may create or update webinars and meetings 100 times per UTC day; batch changes into one PATCH",
    "registrant": "Zoom allows 3 registrations and 10 status changes per person per UTC day; skip this person today",
}
_REGISTRANT_LIMIT = re.compile(r"\((?:3|10)\)|\"(?:3|10)\"|particular registrant|for the registrant", re.IGNORECASE)
_USER_LIMIT = re.compile(r"\(100\)|particular user|create/update", re.IGNORECASE)


def request_id_of(response: requests.Response) -> str | None:
    for name in REQUEST_ID_HEADERS:
        if response.headers.get(name):
            return response.headers[name]
    return None


def parse_body(response: requests.Response) -> tuple[int | None, str, list[dict[str, Any]]]:
    """Zoom's ``{code, message, errors}``, or the OAuth-style ``{reason, error}``, or raw text."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        text = (response.text or "").strip()[:200]
        return None, text or response.reason or f"HTTP {response.status_code}", []
    code = body.get("code")
    if isinstance(code, str) and code.isdigit():
        code = int(code)
    message = body.get("message") or body.get("reason") or body.get("error") or f"HTTP {response.status_code}"
    raw_errors = body.get("errors")
    errors = [e for e in raw_errors if isinstance(e, dict)] if isinstance(raw_errors, list) else []
    return code if isinstance(code, int) else None, str(message), errors


def next_utc_midnight(now: datetime) -> datetime:
    """Zoom's daily limits reset at 00:00 UTC."""
    today = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return today + timedelta(days=1)


def parse_retry_after(value: str | None, now: datetime) -> tuple[float | None, datetime | None]:
    """``Retry-After`` as (seconds from now, moment): Zoom sends seconds, an ISO date-time or an HTTP date."""
    if not value:
        return None, None
    value = value.strip()
    try:
        seconds = max(0.0, float(value))
    except ValueError:
        pass
    else:
        return seconds, now + timedelta(seconds=seconds)
    moment: datetime | None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None, None
    if moment.tzinfo is None:  # Zoom's dates are UTC even when unmarked
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    return max(0.0, (moment - now).total_seconds()), moment


def rate_limit_error(
    response: requests.Response, message: str, now: datetime, category: str, **common: Any
) -> ZoomRateLimitError:
    limit_type = response.headers.get("X-RateLimit-Type", "").lower()
    lowered = message.lower()
    # The header, when Zoom sends it, is authoritative; the user-level 429 sometimes comes without it.
    daily = limit_type.startswith("daily") if limit_type else ("daily" in lowered and "per-second" not in lowered)
    retry_after, moment = parse_retry_after(response.headers.get("Retry-After"), now)
    scope: RateLimitScope = "account"
    if _REGISTRANT_LIMIT.search(message) and "registrant" in lowered:
        scope = "registrant"
    elif _USER_LIMIT.search(message):
        scope = "user"
    resume_at = None
    if daily:
        resume_at = moment or next_utc_midnight(now)
        retry_after = max(0.0, (resume_at - now).total_seconds())
        common.setdefault("hint", DAILY_HINTS[scope])
    return ZoomRateLimitError(
        message,
        daily=daily,
        scope=scope,
        resume_at=resume_at,
        retry_after=retry_after,
        category=response.headers.get("X-RateLimit-Category", category).lower(),
        **common,
    )


def error_from_response(
    response: requests.Response,
    *,
    method: str,
    path: str,
    category: str,
    now: datetime,
    redact: Callable[[str], str] = lambda text: text,
) -> ZoomError:
    """Map status + Zoom code to the exception class; messages pass through ``redact``."""
    status = response.status_code
    code, message, errors = parse_body(response)
    message = redact(message)
    common: dict[str, Any] = {
        "status": status,
        "code": code,
        "errors": errors,
        "request_id": request_id_of(response),
        "method": method,
        "path": redact(path),
    }
    if status == 429:
        return rate_limit_error(response, message, now, category, **common)
    if code == codes.MISSING_SCOPES:
        return ZoomAuthError(message, hint=_scopes_hint(message), **common)
    if status == 401 or code in codes.AUTH_CODES:
        return ZoomAuthError(message, hint=CREDENTIALS_HINT, **common)
    if status == 404 or code in codes.NOT_FOUND_CODES:
        return ZoomNotFoundError(message, **common)
    if status == 403 or code in codes.PERMISSION_CODES:
        licence = "the host needs a Webinar licence (Pro plan or higher with the Webinar add-on)"
        hint = licence if code == codes.NO_PERMISSION else None
        return ZoomPermissionError(message, hint=hint, **common)
    if status >= 500:
        return ZoomServerError(message, **common)
    return ZoomBadRequestError(message, **common)


def _scopes_hint(message: str) -> str:
    found = re.search(r"scopes?\s*:?\s*\[([^\]]*)\]", message)
    scopes = found.group(1).strip() if found else "the scopes named above"
    return f"add the scopes {scopes} to the Server-to-Server OAuth app in the Zoom App Marketplace, then re-run"


def network_error(
    exc: requests.RequestException,
    *,
    method: str,
    path: str,
    redact: Callable[[str], str] = lambda text: text,
    hint: str | None = None,
) -> ZoomNetworkError:
    """No response: ZoomConnectError when the connection never opened (nothing was sent), else ZoomNetworkError."""
    error_class = ZoomConnectError if _never_connected(exc) else ZoomNetworkError
    kind = "could not connect to Zoom" if error_class is ZoomConnectError else "no response from Zoom"
    return error_class(redact(f"{kind}: {type(exc).__name__}: {exc}"), method=method, path=redact(path), hint=hint)


def _never_connected(exc: requests.RequestException) -> bool:
    from urllib3.exceptions import MaxRetryError, NewConnectionError

    if isinstance(exc, requests.ConnectTimeout):
        return True
    if not isinstance(exc, requests.ConnectionError) or isinstance(exc, requests.ReadTimeout):
        return False
    reason = exc.args[0] if exc.args else None
    if isinstance(reason, MaxRetryError):
        reason = reason.reason
    return isinstance(reason, NewConnectionError)
