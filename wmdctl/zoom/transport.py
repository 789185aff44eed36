"""The transport: one session, the bearer token, pacing, retries, JSON in and out, errors mapped once.

Endpoint methods call ``Transport.request`` and never see HTTP. A request is
paced by the rate limiter, sent with the shared token, retried under the policy
in ``retry.py``, and either returns the decoded JSON (None for 204) or raises a
``ZoomError`` subclass.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Literal, Protocol
from urllib.parse import urlencode

import requests

from wmdctl.zoom import codes
from wmdctl.zoom.auth import TokenProvider
from wmdctl.zoom.errormap import error_from_response, network_error, parse_body, request_id_of
from wmdctl.zoom.errors import ZoomConnectError, ZoomError, ZoomNetworkError, ZoomServerError
from wmdctl.zoom.redaction import Redactor
from wmdctl.zoom.retry import IDEMPOTENT_METHODS, build_retrying, is_ambiguous

Verify = Callable[[], Any]
# What an answer says to the concurrency control: a latency to learn from ("answered"), a per-second 429
# ("throttled"), a daily or per-person 429 that says nothing about the pipe ("refused"), or none ("lost").
Answer = Literal["answered", "throttled", "refused", "lost"]
AnswerObserver = Callable[[str, float, Answer], None]
QuotaObserver = Callable[[str, int, int], None]  # category, X-RateLimit-Limit, X-RateLimit-Remaining
CONNECT_TIMEOUT_SECONDS = 10.0
UNSURE_HINT = "the request may or may not have taken effect on Zoom; check before running it again"


class _VerifyFailed(Exception):
    """The verify hook itself failed, so nobody knows whether the POST landed: stop, do not retry."""

    def __init__(self, original: ZoomError, cause: ZoomError) -> None:
        super().__init__(str(original))
        self.original = original
        self.cause = cause


class Pacer(Protocol):
    """``ratelimit.RateLimiter`` (this process) or ``budget.AccountBudget`` (every process on the account)."""

    limits: dict[str, int]

    def acquire(self, category: str) -> float: ...


class Transport:
    def __init__(
        self,
        base_url: str,
        auth: TokenProvider,
        session: requests.Session,
        *,
        limiter: Pacer,
        timeout: float = 30.0,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        redact: Redactor | None = None,
        log: Callable[[str], None] | None = None,
        on_answer: AnswerObserver | None = None,
        on_quota: QuotaObserver | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._auth = auth
        self._session = session
        self._limiter = limiter
        self._timeout = (min(CONNECT_TIMEOUT_SECONDS, timeout), timeout)
        self._clock = clock
        self._sleep = sleep
        self._redact = redact or Redactor()
        self._log = log
        self._on_answer = on_answer
        self._on_quota = on_quota
        self._date_lock = threading.Lock()
        self._last_server_date: str | None = None

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        category: str = "light",
        verify: Verify | None = None,
    ) -> Any:
        """Send with retries. ``verify`` (POSTs that create) answers "did it land?" after an ambiguous failure:
        it returns the created object (returned as the result, nothing is re-sent) or None (safe to send again)."""
        method = method.upper()
        retrying = build_retrying(method, sleep=self._sleep, can_verify=verify is not None)
        try:
            return retrying(self._attempt, method, path, params, json, category, verify)
        except _VerifyFailed as failed:
            failed.original.hint = failed.original.hint or UNSURE_HINT
            raise failed.original from failed.cause

    def server_time(self) -> datetime | None:
        """Zoom's clock, from the Date header of the last response (None before any)."""
        with self._date_lock:
            value = self._last_server_date
        try:
            return parsedate_to_datetime(value).astimezone(UTC) if value else None
        except (TypeError, ValueError):
            return None

    def _attempt(
        self, method: str, path: str, params: Mapping[str, Any] | None, body: Any, category: str, verify: Verify | None
    ) -> Any:
        try:
            return self._send_authorized(method, path, params, body, category)
        except ZoomError as exc:
            if method in IDEMPOTENT_METHODS or not is_ambiguous(exc):
                raise
            if verify is None:
                exc.hint = exc.hint or UNSURE_HINT
                raise
            try:
                found = verify()
            except ZoomError as verify_error:
                raise _VerifyFailed(exc, verify_error) from verify_error
            if found is not None:
                self._log_line(f"{method} {path}: took effect despite {type(exc).__name__}; not sent again")
                return found
            raise  # verified absent: the retry policy may send it again

    def _send_authorized(
        self, method: str, path: str, params: Mapping[str, Any] | None, body: Any, category: str
    ) -> Any:
        token = _before_sending(self._auth.access_token)
        response = self._send(method, path, params, body, category, token)
        if self._is_invalid_token(response):
            # Zoom invalidates a token when anyone mints a new one: get the newest, retry once.
            token = _before_sending(lambda: self._auth.replace_rejected(token))
            response = self._send(method, path, params, body, category, token)
        return self._decode(response, method, path, category)

    def _send(
        self, method: str, path: str, params: Mapping[str, Any] | None, body: Any, category: str, token: str
    ) -> requests.Response:
        self._limiter.acquire(category)
        shown = path + ("?" + urlencode(params, doseq=True) if params else "")
        started = time.perf_counter()
        try:
            response = self._session.request(
                method,
                self.base_url + path,
                params=params,
                json=body,
                headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
                timeout=self._timeout,
            )
        except requests.RequestException as exc:
            self._answered(category, started, None)
            self._log_line(f"{method} {shown} ERR {type(exc).__name__} {_elapsed_ms(started)}ms")
            raise network_error(exc, method=method, path=path, redact=self._redact) from None
        self._answered(category, started, response)
        self._quota_seen(category, response)
        self._log_line(f"{method} {shown} {response.status_code} {_elapsed_ms(started)}ms")
        if response.headers.get("Date"):
            with self._date_lock:
                self._last_server_date = response.headers["Date"]
        return response

    def _decode(self, response: requests.Response, method: str, path: str, category: str) -> Any:
        if 200 <= response.status_code < 300:
            if response.status_code == 204 or not response.content:
                return None
            try:
                return response.json()
            except ValueError:
                raise ZoomServerError(
                    f"Zoom answered {response.status_code} with a body that is not JSON",
                    status=response.status_code,
                    request_id=request_id_of(response),
                    method=method,
                    path=path,
                ) from None
        now = datetime.fromtimestamp(self._clock(), UTC)
        raise error_from_response(response, method=method, path=path, category=category, now=now, redact=self._redact)

    @staticmethod
    def _is_invalid_token(response: requests.Response) -> bool:
        return response.status_code == 401 and parse_body(response)[0] == codes.INVALID_ACCESS_TOKEN

    def _answered(self, category: str, started: float, response: requests.Response | None) -> None:
        if self._on_answer:
            self._on_answer(category, time.perf_counter() - started, _answer_kind(response))

    def _quota_seen(self, category: str, response: requests.Response) -> None:
        """Pass on what Zoom says is left of a limit (headers UNCONFIRMED on the 2026 docs: only if present)."""
        if self._on_quota is None:
            return
        try:
            limit = int(response.headers["X-RateLimit-Limit"])
            remaining = int(response.headers["X-RateLimit-Remaining"])
        except (KeyError, ValueError):
            return
        # Zoom's label wins over ours: it is the one its counter uses.
        self._on_quota(response.headers.get("X-RateLimit-Category", category).lower(), limit, remaining)

    def _log_line(self, line: str) -> None:
        if self._log:
            self._log(self._redact(line))


def _answer_kind(response: requests.Response | None) -> Answer:
    if response is None:
        return "lost"
    if response.status_code != 429:
        return "answered"
    # Zoom's header says which limit; the user- and registrant-level 429s come without it, and say "daily".
    limit_type = response.headers.get("X-RateLimit-Type", "").lower()
    daily = limit_type.startswith("daily") if limit_type else "daily" in (response.text or "").lower()
    return "refused" if daily else "throttled"


def _before_sending(get_token: Callable[[], str]) -> str:
    """A failure to get a token happens before the API request is sent, so it is never ambiguous:
    even a creating POST may be retried (the retry policy backs off between token attempts too)."""
    try:
        return get_token()
    except (ZoomNetworkError, ZoomServerError) as exc:
        raise ZoomConnectError(
            exc.message, status=exc.status, code=exc.code, method=exc.method, path=exc.path, hint=exc.hint
        ) from exc


def _elapsed_ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)
