"""How many requests to keep in flight: enough to use a category's rate at the latency we measure.

Little's law: in flight = rate × latency. The pacer (``ratelimit.py`` or the account budget) caps the
rate; this caps the requests in flight so that the rate is reached and no more threads wait than needed.
The latency is a moving percentile (p90 of the last answers), so a slow tail does not starve the pipe.
Before the first answer it assumes ``INITIAL_LATENCY`` and corrects itself as answers arrive.

On a per-second 429 the ceiling halves (at most once per round trip, so one burst of 429s counts once)
and then grows back by one per round trip without a 429: AIMD, as TCP does. 429s mean someone else on
the account is spending the same budget, and backing off is the polite answer.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

DEFAULT_BOUND = 64
DEFAULT_WINDOW = 50  # answers the percentile is taken over
DEFAULT_PERCENTILE = 0.9
INITIAL_LATENCY = 0.5  # seconds, until measured: Zoom is often a few hundred ms away


class ConcurrencyController:
    """Thread-safe. ``slot()`` holds one place in flight; ``observe`` and ``throttled`` steer the size."""

    def __init__(
        self,
        rate: float,
        *,
        bound: int = DEFAULT_BOUND,
        window: int = DEFAULT_WINDOW,
        percentile: float = DEFAULT_PERCENTILE,
        initial_latency: float = INITIAL_LATENCY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate <= 0 or bound < 1:
            raise ValueError("rate must be positive and bound at least 1")
        self.rate = rate
        self.bound = bound
        self._percentile = percentile
        self._initial_latency = initial_latency
        self._clock = clock
        self._latencies: deque[float] = deque(maxlen=window)
        self._ceiling = bound  # the AIMD ceiling: halved on 429s, grows back by one per round trip
        self._last_grow = clock()
        self._last_shrink = -math.inf
        self._in_flight = 0
        self._condition = threading.Condition()

    # --- sizing -------------------------------------------------------------------
    def latency(self) -> float:
        """The ``percentile`` of the recent latencies (seconds); the initial guess before any answer."""
        with self._condition:
            return self._latency()

    def _latency(self) -> float:
        if not self._latencies:
            return self._initial_latency
        ordered = sorted(self._latencies)
        return ordered[min(len(ordered) - 1, math.ceil(self._percentile * len(ordered)) - 1)]

    @property
    def wanted(self) -> int:
        """Little's law, plus one so the pipe stays full while an answer is on its way back."""
        with self._condition:
            return self._wanted()

    def _wanted(self) -> int:
        return math.ceil(self.rate * self._latency()) + 1

    @property
    def limit(self) -> int:
        with self._condition:
            return self._limit()

    def _limit(self) -> int:
        return max(1, min(self.bound, self._ceiling, self._wanted()))

    @property
    def ceiling(self) -> int:
        """The AIMD ceiling: the bound until a 429, then halved and growing back."""
        with self._condition:
            return self._ceiling

    @property
    def in_flight(self) -> int:
        with self._condition:
            return self._in_flight

    # --- feedback -----------------------------------------------------------------
    def observe(self, seconds: float) -> None:
        """One answer took ``seconds`` (sending to response, without the pacer's wait)."""
        with self._condition:
            self._latencies.append(max(0.0, seconds))
            now = self._clock()
            quiet_since = max(self._last_grow, self._last_shrink)
            if self._ceiling < self.bound and now - quiet_since >= self._latency():
                self._ceiling += 1  # additive increase: one more per round trip without a 429
                self._last_grow = now
            self._condition.notify_all()

    def throttled(self) -> None:
        """A per-second 429: halve what is in use now (not the bound), once per round trip."""
        with self._condition:
            now = self._clock()
            if now - self._last_shrink < self._latency():
                return  # the same burst: already halved for it
            self._ceiling = max(1, self._limit() // 2)
            self._last_shrink = now

    # --- use ----------------------------------------------------------------------
    def acquire(self) -> None:
        with self._condition:
            while self._in_flight >= self._limit():
                self._condition.wait()
            self._in_flight += 1

    def release(self) -> None:
        with self._condition:
            self._in_flight -= 1
            self._condition.notify_all()

    @contextmanager
    def slot(self) -> Iterator[None]:
        self.acquire()
        try:
            yield
        finally:
            self.release()


class FixedConcurrency(ConcurrencyController):
    """A fixed number in flight (``--workers``-style override): the feedback is recorded but not followed."""

    def __init__(self, size: int) -> None:
        super().__init__(rate=1.0, bound=max(1, size))
        self._size = max(1, size)

    def _limit(self) -> int:
        return self._size
