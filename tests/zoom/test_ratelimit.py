"""Client-side pacing: at most N starts per category in any (slightly padded) second."""

from __future__ import annotations

import threading

import pytest
import responses

from wmdctl.zoom.client import ZoomClient
from wmdctl.zoom.ratelimit import DEFAULT_MARGIN_SECONDS, PLAN_LIMITS, RateLimiter

from .helpers import API, FakeClock, add_token

WINDOW = 1.0 + DEFAULT_MARGIN_SECONDS


def test_plan_limits_follow_zoom_table() -> None:
    assert PLAN_LIMITS["free"] == {"light": 4, "medium": 2, "heavy": 1}
    assert PLAN_LIMITS["pro"] == {"light": 30, "medium": 20, "heavy": 10}
    assert PLAN_LIMITS["business"] == {"light": 80, "medium": 60, "heavy": 40}


def test_a_burst_up_to_the_limit_goes_out_at_once_then_waits_a_window(clock: FakeClock) -> None:
    limiter = RateLimiter("free", clock=clock, sleep=clock.sleep)
    for _ in range(2):
        limiter.acquire("medium")
    assert clock.sleeps == []
    limiter.acquire("medium")  # third in the same second
    assert clock.sleeps == [pytest.approx(WINDOW)]


def test_pacing_never_exceeds_the_limit_in_any_window(clock: FakeClock) -> None:
    limiter = RateLimiter("free", clock=clock, sleep=clock.sleep)
    starts = []
    for _ in range(20):
        limiter.acquire("light")
        starts.append(clock.now)
    for i, start in enumerate(starts):
        in_window = [s for s in starts[i:] if s - start < WINDOW - 1e-5]  # epoch floats carry ~1e-7 error
        assert len(in_window) <= 4
    assert starts[-1] - starts[0] == pytest.approx(4 * WINDOW)  # 20 requests, 4 per window: 5 windows


def test_categories_are_paced_independently(clock: FakeClock) -> None:
    limiter = RateLimiter("free", clock=clock, sleep=clock.sleep)
    limiter.acquire("heavy")
    limiter.acquire("light")
    limiter.acquire("medium")
    assert clock.sleeps == []
    limiter.acquire("heavy")
    assert clock.sleeps == [pytest.approx(WINDOW)]


def test_time_passing_frees_the_window(clock: FakeClock) -> None:
    limiter = RateLimiter("free", clock=clock, sleep=clock.sleep)
    limiter.acquire("heavy")
    clock.advance(2.0)
    limiter.acquire("heavy")
    assert clock.sleeps == []


def test_threads_reserve_distinct_slots() -> None:
    """Concurrent callers each get their own start time: waits are 0 x limit, then one window each."""
    now = [1000.0]
    waits: list[float] = []
    lock = threading.Lock()

    def record(seconds: float) -> None:
        with lock:
            waits.append(seconds)

    limiter = RateLimiter("free", clock=lambda: now[0], sleep=record, margin=0.0)
    threads = [threading.Thread(target=limiter.acquire, args=("heavy",)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(waits) == [pytest.approx(1.0), pytest.approx(2.0), pytest.approx(3.0)]


def test_unknown_plan_or_category_is_an_error(clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="plan"):
        RateLimiter("enterprise-plus")
    with pytest.raises(ValueError, match="category"):
        RateLimiter("pro").acquire("resource-intensive")


def test_the_client_paces_heavy_report_calls_on_a_free_plan(
    make_client: object, rsps: responses.RequestsMock, clock: FakeClock
) -> None:
    add_token(rsps)
    client: ZoomClient = make_client(plan="free")  # type: ignore[operator]
    rsps.add(responses.GET, f"{API}/report/webinars/1", json={"id": 1})
    for _ in range(3):
        client.get_webinar_report(1)
    assert clock.sleeps == [pytest.approx(WINDOW), pytest.approx(WINDOW)]
