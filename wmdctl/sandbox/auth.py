"""Server-to-Server OAuth (notes §1, §14.1): one live token at a time.

Only a hash of the live token is stored, so the state file and the state dump never hold it.
A new token invalidates the previous one (Zoom staff, devforum 72070). A token carries the
scopes configured when it was minted (wmdctl.sandbox.scopes).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from werkzeug.wrappers import Request, Response

from wmdctl.sandbox.core import Sandbox
from wmdctl.sandbox.scopes import ALL_SCOPES, configured_scopes
from wmdctl.sandbox.wire import ApiError, json_response

TOKEN_TTL_SECONDS = 3600


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _oauth_error(status: int, error: str, reason: str) -> Response:
    return json_response({"reason": reason, "error": error}, status)


def basic_credentials(request: Request) -> tuple[str, str] | None:
    header = request.headers.get("Authorization", "")
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        client_id, _, client_secret = base64.b64decode(encoded, validate=True).decode().partition(":")
    except (ValueError, UnicodeError):
        return None
    return client_id, client_secret


def issue_token(sb: Sandbox, request: Request, api_url: str) -> Response:
    """POST /oauth/token; grant_type and account_id may come in the form body or the query string."""
    params = {**request.args.to_dict(), **request.form.to_dict()}
    creds = sb.credentials
    given = basic_credentials(request)
    if given is None or not (
        hmac.compare_digest(given[0].encode(), creds.client_id.encode())
        and hmac.compare_digest(given[1].encode(), creds.client_secret.encode())
    ):
        return _oauth_error(401, "invalid_client", "Invalid client_id or client_secret")
    if params.get("grant_type") != "account_credentials":
        return _oauth_error(400, "unsupported_grant_type", "unsupported grant type")
    if params.get("account_id") != creds.account_id:
        return _oauth_error(400, "invalid_request", "Invalid account_id")
    token = "sbx." + secrets.token_urlsafe(32)
    with sb.store.transaction():
        scopes = configured_scopes(sb)
        expires_at = sb.now().timestamp() + TOKEN_TTL_SECONDS
        sb.store.set_meta("access_token", {"sha256": _digest(token), "expires_at": expires_at, "scopes": scopes})
    return json_response(
        {
            "access_token": token,
            "token_type": "bearer",
            "expires_in": TOKEN_TTL_SECONDS,
            "scope": " ".join(scopes),
            "api_url": api_url,
        }
    )


def check_bearer(sb: Sandbox, request: Request) -> list[str]:
    """The scopes of the request's live token, or the 401 code 124 Zoom gives for a bad one."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        raise ApiError(401, 124, "Invalid access token.")
    return check_token(sb, token)


def check_token(sb: Sandbox, token: str) -> list[str]:
    """The scopes of a live OAuth access token, or 401 code 124."""
    with sb.store.lock:
        live = sb.store.meta("access_token")
    valid = (
        live is not None
        and hmac.compare_digest(_digest(token.strip()).encode(), str(live["sha256"]).encode())
        and sb.now().timestamp() < live["expires_at"]
    )
    if not valid or live is None:
        raise ApiError(401, 124, "Invalid access token.")
    return list(live.get("scopes", ALL_SCOPES))  # a token minted before scopes were recorded has them all
