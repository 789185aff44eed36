"""Account-level rate limits per plan and category (notes §10)."""

from __future__ import annotations

from datetime import timedelta

from wmdctl.sandbox import SandboxOptions, start_sandbox

from .helpers import ManualClock, Zoom


def test_qps_429_has_zoom_headers_and_retry_after_seconds() -> None:
    clock = ManualClock(tick=timedelta(0))  # frozen: every request lands in the same second
    with start_sandbox(SandboxOptions(plan="pro", clock=clock)) as handle:
        zoom = Zoom(handle)
        codes = [zoom.get("/webinars/1").status_code for _ in range(30)]  # Light: 30/s on Pro
        assert set(codes) == {404}
        refused = zoom.get("/webinars/1")
        assert refused.status_code == 429
        assert refused.json() == {
            "code": 429,
            "message": "You have reached the maximum per-second rate limit for this API. Try again later.",
        }
        headers = refused.headers
        assert headers["X-RateLimit-Category"] == "Light" and headers["X-RateLimit-Type"] == "QPS"
        assert headers["X-RateLimit-Limit"] == "30" and headers["X-RateLimit-Remaining"] == "0"
        assert headers["Retry-After"] == "1"
        assert zoom.get("/users/me/webinars").status_code == 200  # Medium has its own budget
        clock.now += timedelta(seconds=1)
        assert zoom.get("/webinars/1").status_code == 404


def test_free_plan_daily_heavy_cap_retry_after_is_next_midnight() -> None:
    clock = ManualClock(tick=timedelta(seconds=1.01))  # stays under 1 Heavy call per second
    with start_sandbox(SandboxOptions(plan="free", clock=clock)) as handle:
        zoom = Zoom(handle)
        last = None
        for _ in range(1000):
            last = zoom.get("/report/webinars/1")
        assert last is not None and last.status_code == 404
        assert last.headers["X-RateLimit-Remaining"] == "0" and last.headers["X-RateLimit-Limit"] == "1000"
        zoom.new_token()
        refused = zoom.get("/report/webinars/1")
        assert refused.status_code == 429
        assert refused.headers["X-RateLimit-Type"] == "Daily-limit"
        assert refused.headers["X-RateLimit-Category"] == "Heavy"
        midnight = (clock.now + timedelta(days=1)).strftime("%Y-%m-%dT00:00:00Z")
        assert refused.headers["Retry-After"] == midnight
        assert "maximum daily rate limit" in refused.json()["message"]


def test_pro_plan_has_no_daily_cap_on_light_calls_and_reports_remaining_on_heavy(zoom: Zoom) -> None:
    heavy = zoom.get("/report/webinars/1")
    assert heavy.headers["X-RateLimit-Category"] == "Heavy"
    assert heavy.headers["X-RateLimit-Limit"] == "30000" and heavy.headers["X-RateLimit-Remaining"] == "29999"
    light = zoom.get("/webinars/1")
    assert light.headers["X-RateLimit-Category"] == "Light" and "X-RateLimit-Limit" not in light.headers
