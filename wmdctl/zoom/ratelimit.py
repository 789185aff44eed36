"""Client-side pacing at Zoom's per-second limits, so that a healthy run sees no 429.

Zoom's limits are per account and per endpoint category (notes §10). Each
category gets a sliding one-second window: at most ``limit`` requests may start
in any window. Unlike fixed-interval pacing this lets a short burst (a handful
of calls) go out at once, and unlike a token bucket it never lets 2x the limit
through across a window edge. A small margin on the window absorbs network
jitter between our clock and Zoom's.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Literal

Category = Literal["light", "medium", "heavy"]
CATEGORIES: tuple[Category, ...] = ("light", "medium", "heavy")

# Requests per second, by plan and category (notes §10, DOCS rate-limits 2026-02-07).
PLAN_LIMITS: dict[str, dict[Category, int]] = {
    "free": {"light": 4, "medium": 2, "heavy": 1},
    "pro": {"light": 30, "medium": 20, "heavy": 10},
    "business": {"light": 80, "medium": 60, "heavy": 40},
}
WINDOW_SECONDS = 1.0
DEFAULT_MARGIN_SECONDS = 0.05


class RateLimiter:
    """Thread-safe: each thread reserves its start time under the lock, then sleeps outside it."""

    def __init__(
        self,
        plan: str = "pro",
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        margin: float = DEFAULT_MARGIN_SECONDS,
        limits: dict[Category, int] | None = None,
    ) -> None:
        if limits is None:
            if plan not in PLAN_LIMITS:
                raise ValueError(f"unknown Zoom plan {plan!r}; expected one of {', '.join(PLAN_LIMITS)}")
            limits = PLAN_LIMITS[plan]
        self.limits: dict[str, int] = {str(category): n for category, n in limits.items()}
        self._clock = clock
        self._sleep = sleep
        self._window = WINDOW_SECONDS + margin
        self._lock = threading.Lock()
        # Start times of the last ``limit`` requests (some may be reserved in the future).
        self._starts: dict[str, deque[float]] = {c: deque(maxlen=n) for c, n in self.limits.items()}

    def acquire(self, category: str) -> float:
        """Wait until a request of ``category`` may start; return the seconds waited."""
        if category not in self._starts:
            raise ValueError(f"unknown rate-limit category {category!r}; expected one of {', '.join(CATEGORIES)}")
        with self._lock:
            now = self._clock()
            starts = self._starts[category]
            start = now
            if len(starts) == starts.maxlen:
                # The request ``limit`` places back must be a full window behind this one.
                start = max(now, starts[0] + self._window)
            starts.append(start)
        wait = start - now
        if wait > 0:
            self._sleep(wait)
        return wait
