"""When to retry a failed request, and how long to wait: bounded, with jitter, honouring Retry-After.

Idempotent methods (GET, PUT, PATCH, DELETE) are retried on network errors,
5xx and per-second 429s. A POST creates something, so it is retried only when
the request provably did not take effect: the connection never opened, Zoom
answered 429 (per second) or 503, or the caller's ``verify`` hook looked and
did not find the write (the transport calls it before this policy is asked).
Daily 429s and other 4xx are never retried.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from wmdctl.zoom.errors import ZoomConnectError, ZoomError, ZoomNetworkError, ZoomRateLimitError, ZoomServerError

MAX_ATTEMPTS = 5
BACKOFF_INITIAL_SECONDS = 0.5
BACKOFF_CAP_SECONDS = 30.0
MAX_RETRY_AFTER_SECONDS = 60.0  # a longer per-second Retry-After is not per-second any more: give up instead
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"})
NOT_PROCESSED_STATUSES = frozenset({429, 503})


def is_ambiguous(exc: BaseException) -> bool:
    """Did the request fail in a way that leaves unknown whether Zoom acted on it?"""
    if isinstance(exc, ZoomConnectError):
        return False
    if isinstance(exc, ZoomNetworkError):
        return True  # read timeout, connection dropped after the request was sent
    return isinstance(exc, ZoomServerError) and exc.status not in NOT_PROCESSED_STATUSES


def is_transient(exc: BaseException) -> bool:
    """Could the same request succeed if sent again a little later?"""
    if isinstance(exc, ZoomRateLimitError):
        return not exc.daily and (exc.retry_after is None or exc.retry_after <= MAX_RETRY_AFTER_SECONDS)
    return isinstance(exc, ZoomNetworkError | ZoomServerError)


def should_retry(exc: BaseException, method: str, *, verified_absent: bool) -> bool:
    """``verified_absent``: a verify hook has just confirmed that an ambiguous POST did not land."""
    if not is_transient(exc):
        return False
    if method.upper() in IDEMPOTENT_METHODS or not is_ambiguous(exc):
        return True
    return verified_absent


class RetryAfterOrBackoff:
    """Wait what Zoom's Retry-After says; without one, exponential backoff with jitter, capped."""

    def __init__(self, initial: float = BACKOFF_INITIAL_SECONDS, cap: float = BACKOFF_CAP_SECONDS) -> None:
        self._backoff = wait_exponential_jitter(multiplier=initial, max=cap, jitter=initial)
        self._cap = cap

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, ZoomRateLimitError) and exc.retry_after is not None:
            return exc.retry_after
        return min(self._cap, float(self._backoff(state)))


def build_retrying(
    method: str,
    *,
    sleep: Callable[[float], None],
    can_verify: bool,
    attempts: int = MAX_ATTEMPTS,
    before_sleep: Callable[[RetryCallState], Any] | None = None,
) -> Retrying:
    def predicate(exc: BaseException) -> bool:
        return isinstance(exc, ZoomError) and should_retry(exc, method, verified_absent=can_verify)

    return Retrying(
        stop=stop_after_attempt(attempts),
        wait=RetryAfterOrBackoff(),
        retry=retry_if_exception(predicate),
        sleep=sleep,
        reraise=True,
        before_sleep=before_sleep,
    )
