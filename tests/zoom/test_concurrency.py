"""The concurrency control: Little's law over a moving p90 of latency, bounded, AIMD on 429s.

Synthetic latencies and an injected clock: nothing here depends on the machine's speed.
"""

from __future__ import annotations

import threading

import pytest

from wmdctl.sync.execute import run_gated
from wmdctl.zoom.concurrency import INITIAL_LATENCY, ConcurrencyController, FixedConcurrency


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def controller(rate: float = 30, *, bound: int = 64, window: int = 50) -> tuple[ConcurrencyController, Clock]:
    clock = Clock()
    return ConcurrencyController(rate, bound=bound, window=window, clock=clock), clock


@pytest.mark.parametrize(("latency", "expected"), [(0.05, 3), (0.25, 9), (0.5, 16), (1.0, 31)])
def test_in_flight_is_rate_times_latency_plus_one(latency: float, expected: int) -> None:
    control, _ = controller(rate=30)
    for _ in range(50):
        control.observe(latency)
    assert control.limit == expected  # ceil(30 × latency) + 1


def test_before_any_answer_it_assumes_the_initial_latency() -> None:
    control, _ = controller(rate=30)
    assert control.latency() == INITIAL_LATENCY
    assert control.limit == 16  # ceil(30 × 0.5) + 1


def test_the_size_follows_the_p90_not_the_mean() -> None:
    control, _ = controller(rate=10, window=10)
    for seconds in [0.1] * 8 + [1.0, 2.0]:  # p90 of ten = the 9th smallest
        control.observe(seconds)
    assert control.latency() == 1.0
    assert control.limit == 11


def test_old_latencies_leave_the_window() -> None:
    control, _ = controller(rate=10, window=5)
    for _ in range(5):
        control.observe(2.0)
    assert control.limit == 21
    for _ in range(5):
        control.observe(0.2)
    assert control.limit == 3


def test_the_bound_holds_at_any_latency() -> None:
    control, _ = controller(rate=80, bound=64)
    control.observe(10.0)
    assert control.wanted == 801
    assert control.limit == 64


def test_a_429_halves_what_is_in_use_and_it_grows_back_one_per_round_trip() -> None:
    control, clock = controller(rate=30)
    for _ in range(50):
        control.observe(0.5)
    assert control.limit == 16

    control.throttled()
    assert control.limit == 8

    clock.now += 0.1  # the rest of the same burst, within one round trip: counted once
    control.throttled()
    assert control.limit == 8

    sizes = []
    for _ in range(10):
        clock.now += 0.6  # a round trip (0.5 s) without a 429
        control.observe(0.5)
        sizes.append(control.limit)
    assert sizes == [9, 10, 11, 12, 13, 14, 15, 16, 16, 16]  # additive, and never above Little's law


def test_repeated_429s_shrink_to_one_but_never_to_zero() -> None:
    control, clock = controller(rate=30)
    for _ in range(50):
        control.observe(0.5)
    for _ in range(10):
        clock.now += 1.0
        control.throttled()
    assert control.limit == 1


def test_no_growth_within_a_round_trip_of_a_shrink() -> None:
    control, clock = controller(rate=30)
    for _ in range(50):
        control.observe(0.5)
    control.throttled()
    clock.now += 0.2
    control.observe(0.5)
    assert control.limit == 8


def test_slots_block_at_the_limit_and_wake_on_release() -> None:
    control, _ = controller(rate=2)
    control.observe(0.5)  # limit = ceil(2 × 0.5) + 1 = 2
    control.acquire()
    control.acquire()
    third = threading.Thread(target=control.acquire)
    third.start()
    third.join(timeout=0.2)
    assert third.is_alive() and control.in_flight == 2  # waits for a free slot
    control.release()
    third.join(timeout=5)
    assert not third.is_alive() and control.in_flight == 2


def test_fixed_concurrency_ignores_the_feedback() -> None:
    fixed = FixedConcurrency(5)
    fixed.observe(10.0)
    fixed.throttled()
    assert fixed.limit == 5 and fixed.bound == 5


def test_run_gated_keeps_exactly_the_limit_in_flight() -> None:
    # Three workers can only all pass the barrier together: it proves three run at once, and the
    # gate's count proves never more.
    gate = FixedConcurrency(3)
    barrier = threading.Barrier(3, timeout=10)
    peak: list[int] = []

    def work(_: int) -> None:
        peak.append(gate.in_flight)
        barrier.wait()

    run_gated(list(range(9)), gate, work)
    assert max(peak) == 3 and len(peak) == 9 and gate.in_flight == 0


def test_run_gated_reraises_a_worker_error() -> None:
    def work(item: int) -> None:
        if item == 2:
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        run_gated([1, 2, 3], FixedConcurrency(2), work)
