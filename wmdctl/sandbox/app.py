"""The WSGI application: faults, auth, routing on the raw path, validation, rate limits, one transaction per request.

Whatever happens, the answer is Zoom-shaped JSON: werkzeug's own 404/405/413 and any unexpected
exception included, never an HTML page.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import random
import socket
import threading
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from wmdctl.sandbox import (
    admin,
    meeting_extras,
    meetings,
    panelists,
    recordings,
    registrant_batches,
    registrants,
    reports,
    users,
    webhook_admin,
    webinar_extras,
    webinars,
)
from wmdctl.sandbox.account_admin import admin_accounts
from wmdctl.sandbox.accounts import Account, Accounts
from wmdctl.sandbox.auth import basic_credentials, check_bearer, issue_token
from wmdctl.sandbox.guard import admin_refusal
from wmdctl.sandbox.routing import Route
from wmdctl.sandbox.scopes import check_scope, required_scope
from wmdctl.sandbox.validation import validate
from wmdctl.sandbox.wire import MAX_BODY_BYTES, ApiError, json_response

API_ROUTES: list[Route] = [
    *webinars.ROUTES, *panelists.ROUTES, *registrants.ROUTES, *registrant_batches.ROUTES, *reports.ROUTES,
    *meetings.ROUTES, *users.ROUTES, *recordings.ROUTES, *webinar_extras.ROUTES, *meeting_extras.ROUTES,
]  # fmt: skip
SERVER_ERRORS = ((500, "Internal Server Error"), (502, "Bad Gateway"), (503, "Service Unavailable"))
log = logging.getLogger("wmdctl.sandbox")


class SandboxRequest(Request):
    max_content_length = MAX_BODY_BYTES
    max_form_memory_size = MAX_BODY_BYTES


def _route_map(routes: list[Route], *, scoped: bool) -> Map:
    """Endpoints are (handler, rate-limit label, required OAuth scope or None for the admin API)."""
    return Map(
        [
            Rule(
                r.rule,
                endpoint=(*r.endpoint(), required_scope(r.method, r.rule) if scoped else None, r.operation),
                methods=[r.method],
            )
            for r in routes
        ],
        strict_slashes=False,
    )


def raw_path(environ: dict[str, Any]) -> str:
    """The path as sent, still percent-encoded.

    werkzeug decodes PATH_INFO once, which would turn a single-encoded UUID's %2F into a path
    separator; routing on the raw path and decoding each segment ourselves keeps UUIDs whole.
    """
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if raw:
        return urlsplit(raw).path or "/"
    return quote(environ.get("PATH_INFO", "/"))


def decode_segment(segment: str) -> str:
    """Undo the URL-encoding of a path segment; a real id or UUID never contains '%'.

    A UUID that begins with '/' or contains '//' must come double-encoded (notes §2): sent
    encoded once, it reaches Zoom as a different path, so the sandbox answers as if it did not
    exist rather than forgiving a client bug that the real Zoom would not forgive.
    """
    once = unquote(segment)
    if "%" in once:
        return unquote(once)
    if once.startswith("/") or "//" in once:
        raise ApiError(404, 3001, f"Webinar does not exist: {once}.")
    return once


def http_error(error: HTTPException) -> Response:
    """werkzeug's own refusals (404, 405, 413, 400 for a malformed request) as Zoom-shaped JSON."""
    status = error.code or 400
    return json_response({"code": status, "message": error.name}, status)


class SandboxApp:
    def __init__(self, accounts: Accounts, fault_seed: str | None, admin_token: str) -> None:
        self.accounts = accounts
        self.sb = accounts.default.sb  # the default account; the faults are shared by all of them
        self.admin_token = admin_token
        self.api_map = _route_map(API_ROUTES, scoped=True)
        self.admin_map = _route_map([*admin.ROUTES, *webhook_admin.ROUTES], scoped=False)
        self._fault_rng = random.Random(fault_seed)
        self._fault_lock = threading.Lock()
        self.base_url = ""

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = SandboxRequest(environ)
        try:
            response = self._route(environ, request)
        except ConnectionAbortedError:
            raise  # an injected drop: no answer at all, on purpose
        except HTTPException as error:
            response = http_error(error)
        except Exception:  # the last line of defence: a bug still answers in Zoom's shape
            log.exception("sandbox: unhandled error on %s %s", request.method, request.path)
            response = json_response({"code": 500, "message": "Internal Server Error"}, 500)
        return response(environ, start_response)

    def _route(self, environ: dict[str, Any], request: Request) -> Response:
        if (request.content_length or 0) > MAX_BODY_BYTES:
            return json_response({"code": 413, "message": "Request Entity Too Large"}, 413)
        path = raw_path(environ)
        if path.rstrip("/") == "/oauth/token" and request.method == "POST":
            given = basic_credentials(request)
            account = (self.accounts.by_client_id(given[0]) if given else None) or self.accounts.default
            return issue_token(account.sb, request, self.base_url)
        if path.startswith("/_sandbox/"):
            return self._admin(request, path[len("/_sandbox/") :])
        if path.startswith("/v2/"):
            return self._api_with_faults(environ, request, path[len("/v2") :])
        if path.startswith("/rec/download/") and request.method in ("GET", "HEAD"):
            return self._download(request, decode_segment(path[len("/rec/download/") :]))
        return json_response({"code": 404, "message": "Not Found"}, 404)

    def _admin(self, request: Request, rest: str) -> Response:
        """/_sandbox/<admin token>/...: the token is the capability; loopback Host and JSON bodies only."""
        token, _, path = rest.partition("/")
        refusal = admin_refusal(request)
        if refusal is not None:
            return refusal
        if not hmac.compare_digest(token.encode(), self.admin_token.encode()):
            return json_response(
                {"code": 403, "message": "Unknown sandbox admin URL: use the one printed at start."}, 403
            )
        account = self.accounts.default
        if path.rstrip("/") == "accounts":
            try:
                return admin_accounts(self.accounts, request, self.admin_url(request))
            except ApiError as error:
                return error.response()
        if path.startswith("accounts/"):
            account_id, _, path = path[len("accounts/") :].partition("/")
            found = self.accounts.get(unquote(account_id))
            if found is None:
                return json_response({"code": 404, "message": f"No sandbox account {unquote(account_id)}."}, 404)
            account = found
        response = self._dispatch(account, self.admin_map, request, "/" + path, scopes=None)
        if path.rstrip("/") == "reset":
            account.limiter.reset()
        return response

    def admin_url(self, request: Request) -> str:
        return f"{self.base_url}/_sandbox/{self.admin_token}"

    def _download(self, request: Request, file_id: str) -> Response:
        """A recording file, from the account whose store has it (each account checks its own tokens)."""
        for account in self.accounts.all():
            try:
                return recordings.download(account.sb, request, file_id)
            except ApiError as error:
                if error.status != 404:
                    return error.response()
        return ApiError(404, 3301, "This recording does not exist.").response()

    def _api_with_faults(self, environ: dict[str, Any], request: Request, path: str) -> Response:
        response = self._api_or_fault(environ, request, path)
        latency_ms = self.sb.faults.latency_ms
        if latency_ms:
            # Real time on purpose: clients must cope with slow answers. The delay comes after the
            # request was counted, as Zoom's gateway counts a request when it arrives, not when it answers.
            time.sleep(latency_ms / 1000)
        return response

    def _api_or_fault(self, environ: dict[str, Any], request: Request, path: str) -> Response:
        faults = self.sb.faults
        with self._fault_lock:  # always four draws, so a seed gives the same fault sequence
            fail_roll, drop_roll, after_commit, error = (
                self._fault_rng.random(),
                self._fault_rng.random(),
                self._fault_rng.random() < 0.5,
                self._fault_rng.choice(SERVER_ERRORS),
            )
        if fail_roll < faults.fail_rate:  # decided before handling: nothing is committed
            return json_response({"code": error[0], "message": error[1]}, error[0])
        drop = drop_roll < faults.drop_rate
        if drop and not after_commit:
            self._drop(environ)
        response = self._api(request, path)
        if drop:
            self._drop(environ)  # the write (if any) is committed, the client never hears about it
        return response

    def _api(self, request: Request, path: str) -> Response:
        refusal: ApiError | None = None
        for account in self.accounts.all():  # a token opens its own account only
            try:
                scopes = check_bearer(account.sb, request)
            except ApiError as error:
                refusal = refusal or error
                continue
            return self._dispatch(account, self.api_map, request, path, scopes=scopes)
        assert refusal is not None
        return refusal.response()

    def _dispatch(
        self, account: Account, url_map: Map, request: Request, path: str, *, scopes: list[str] | None
    ) -> Response:
        """An API request (with the token's scopes) runs in one transaction; an admin one (None) doesn't."""
        try:
            (handler, category, needed, operation), args = url_map.bind("sandbox", "/").match(
                path, method=request.method
            )
        except NotFound:
            return json_response({"code": 404, "message": "Not Found"}, 404)
        except MethodNotAllowed:
            return json_response({"code": 405, "message": "Method Not Allowed"}, 405)
        response: Response
        try:
            if needed is not None and scopes is not None:
                # SANDBOX CHOICE: checked before the rate limiter, as a gateway refusal that costs no quota.
                check_scope(needed, scopes)
            params = {name: decode_segment(value) for name, value in args.items()}
            sb = account.sb
            if scopes is None:
                response = handler(sb, request, **params)
                return response
            validate(request, operation)
            headers = account.limiter.admit(category)
            with sb.store.transaction():
                try:
                    response = handler(sb, request, **params)
                except ApiError as error:  # a refusal still commits what it counted (e.g. a 3/day attempt)
                    response = error.response()
        except ApiError as error:
            response = error.response()
            headers = {}
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response

    @staticmethod
    def _drop(environ: dict[str, Any]) -> None:
        """Close the connection without any response, like a proxy or a network cut would."""
        sock = environ.get("werkzeug.socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        raise ConnectionAbortedError("sandbox fault: connection dropped")
