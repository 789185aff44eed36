"""Zoom's rate limits: account-level per category (per second and per day) and the user-level caps.

Numbers and messages come from the notes §10 / §14.2 (DOCS rate-limits, devforum quotes).
The account-level 429s carry X-RateLimit-* headers and Retry-After (seconds for QPS, the next
00:00 UTC as an ISO date-time for daily caps). The user- and registrant-level 429s carry only
the message: Zoom is observed to omit Type/Retry-After on them, so clients must read the text.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from datetime import datetime

from wmdctl.sandbox.store import Store, iso, next_midnight
from wmdctl.sandbox.wire import ApiError

LIGHT, MEDIUM, HEAVY = "Light", "Medium", "Heavy"

PER_SECOND: dict[str, dict[str, int]] = {
    "free": {LIGHT: 4, MEDIUM: 2, HEAVY: 1},
    "pro": {LIGHT: 30, MEDIUM: 20, HEAVY: 10},
    "business": {LIGHT: 80, MEDIUM: 60, HEAVY: 40},
}
# Pro and Business have no daily cap on Light/Medium; their Heavy cap is shared with Resource-intensive.
PER_DAY: dict[str, dict[str, int]] = {
    "free": {LIGHT: 6000, MEDIUM: 2000, HEAVY: 1000},
    "pro": {HEAVY: 30000},
    "business": {HEAVY: 60000},
}
CREATE_UPDATE_PER_USER_PER_DAY = 100
ADDS_PER_REGISTRANT_PER_DAY = 3
STATUS_CHANGES_PER_REGISTRANT_PER_DAY = 10

QPS_MESSAGE = "You have reached the maximum per-second rate limit for this API. Try again later."
DAILY_MESSAGE = (
    "You have reached the maximum daily rate limit for this API. "
    "Refer to the response header for details on when you can make another request."
)


def utc_day(moment: datetime) -> str:
    return iso(moment)[:10]


class AccountLimiter:
    """Per-category budgets shared by every app on the account (here: every client of this sandbox)."""

    def __init__(self, plan: str, store: Store, now: Callable[[], datetime]) -> None:
        self.plan = plan
        self.store = store
        self.now = now
        self._recent: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def admit(self, category: str) -> dict[str, str]:
        """Count one request; return headers for the response, or raise the 429."""
        now = self.now()
        self._admit_per_second(category, now)
        daily_cap = PER_DAY[self.plan].get(category)
        if daily_cap is None:
            return {"X-RateLimit-Category": category}
        day = utc_day(now)
        with self.store.transaction():
            used = self.store.count(f"daily:{category}", day)
            if used >= daily_cap:
                raise ApiError(
                    429,
                    429,
                    DAILY_MESSAGE,
                    headers={
                        "X-RateLimit-Category": category,
                        "X-RateLimit-Type": "Daily-limit",
                        "X-RateLimit-Limit": str(daily_cap),
                        "X-RateLimit-Remaining": "0",
                        "Retry-After": iso(next_midnight(now)),
                    },
                )
            used = self.store.increment(f"daily:{category}", day)
        return {
            "X-RateLimit-Category": category,
            "X-RateLimit-Limit": str(daily_cap),
            "X-RateLimit-Remaining": str(daily_cap - used),
        }

    def _admit_per_second(self, category: str, now: datetime) -> None:
        # A sliding one-second window on the sandbox clock, so tests can freeze time.
        limit = PER_SECOND[self.plan][category]
        stamp = now.timestamp()
        with self._lock:
            window = self._recent.setdefault(category, deque())
            if window and stamp < window[-1]:
                window.clear()  # the clock went back: a window from the "future" would never drain
            while window and window[0] <= stamp - 1.0:
                window.popleft()
            if len(window) >= limit:
                raise ApiError(
                    429,
                    429,
                    QPS_MESSAGE,
                    headers={
                        "X-RateLimit-Category": category,
                        "X-RateLimit-Type": "QPS",
                        "X-RateLimit-Limit": str(limit),
                        "X-RateLimit-Remaining": "0",
                        "Retry-After": "1",
                    },
                )
            window.append(stamp)

    def reset(self) -> None:
        with self._lock:
            self._recent.clear()


def charge_create_update(store: Store, now: datetime, host_id: str) -> None:
    """Meeting+webinar create/update: 100 per host user per UTC day (callers hold the transaction)."""
    key = f"create_update:{host_id}"
    if store.count(key, utc_day(now)) >= CREATE_UPDATE_PER_USER_PER_DAY:
        raise ApiError(
            429,
            429,
            (
                f"You have exceeded the daily rate limit ({CREATE_UPDATE_PER_USER_PER_DAY}) of Meeting Create/Update "
                "API requests permitted for this particular user. You may resume these requests at GMT 00:00:00."
            ),
        )
    store.increment(key, utc_day(now))


def registrant_adds_left(store: Store, now: datetime, webinar_id: int, email_key: str) -> int:
    return ADDS_PER_REGISTRANT_PER_DAY - store.count(f"add:{webinar_id}:{email_key}", utc_day(now))


def charge_registrant_add(store: Store, now: datetime, webinar_id: int, email: str, *, batch: bool) -> None:
    """3 add/batch-add requests per registrant email per webinar per UTC day, duplicates included."""
    email_key = email.lower()
    if registrant_adds_left(store, now, webinar_id, email_key) <= 0:
        if batch:
            message = (
                f"You have exceeded the daily rate limit ({ADDS_PER_REGISTRANT_PER_DAY}) of Webinar Batch "
                f"Registration API requests permitted for ({email}) this particular registrant."
            )
        else:
            # Word for word the text notes §5 quotes from Zoom's older spec, with its placeholders filled.
            message = (
                f'You have exceeded the daily rate limit of "{ADDS_PER_REGISTRANT_PER_DAY}" for Add a webinar '
                f'registrant API requests for the registrant "{email}". '
                "You can resume these API requests at GMT 00:00:00."
            )
        raise ApiError(429, 429, message)
    store.increment(f"add:{webinar_id}:{email_key}", utc_day(now))


def charge_status_change(store: Store, now: datetime, webinar_id: int, registrant_id: str, email: str) -> None:
    key = f"status:{webinar_id}:{registrant_id}"
    if store.count(key, utc_day(now)) >= STATUS_CHANGES_PER_REGISTRANT_PER_DAY:
        # UNCONFIRMED: no source quotes Zoom's text for this limit; it follows the add-registrant message's shape.
        raise ApiError(
            429,
            429,
            (
                f"You have exceeded the daily rate limit ({STATUS_CHANGES_PER_REGISTRANT_PER_DAY}) of Update a webinar "
                f'registrant\'s status API requests for the registrant "{email}". '
                "You can resume these API requests at GMT 00:00:00."
            ),
        )
    store.increment(key, utc_day(now))
