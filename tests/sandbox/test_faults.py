"""Injected faults: 5xx before handling, dropped connections before or after the commit, latency."""

from __future__ import annotations

import time

import pytest
import requests

from wmdctl.sandbox import SandboxOptions, start_sandbox

from .helpers import ManualClock, Zoom


def _outcomes(seed: int, drop_rate: float = 0.0, fail_rate: float = 0.0, calls: int = 40) -> tuple[list, int]:
    with start_sandbox(SandboxOptions(seed=seed, clock=ManualClock())) as handle:
        zoom = Zoom(handle)  # the token endpoint is never faulted
        zoom.admin("POST", "/faults", json={"drop_rate": drop_rate, "fail_rate": fail_rate})
        outcomes: list = []
        for n in range(calls):
            try:
                outcomes.append(zoom.post("/users/me/webinars", json={"topic": f"t{n}"}).status_code)
            except requests.ConnectionError:
                outcomes.append("dropped")
        zoom.admin("POST", "/faults", json={"drop_rate": 0, "fail_rate": 0})
        stored = zoom.get("/users/me/webinars", params={"page_size": 300}).json()["total_records"]
        return outcomes, stored


def test_fail_rate_answers_5xx_and_commits_nothing() -> None:
    outcomes, stored = _outcomes(seed=5, fail_rate=0.5)
    failures = [o for o in outcomes if o != 201]
    assert failures and set(failures) <= {500, 502, 503}
    assert stored == outcomes.count(201)


def test_drops_happen_before_and_after_the_commit() -> None:
    outcomes, stored = _outcomes(seed=9, drop_rate=1.0)
    assert set(outcomes) == {"dropped"}
    assert 0 < stored < len(outcomes)  # some writes took effect although the client heard nothing


def test_same_seed_same_fault_sequence() -> None:
    assert _outcomes(seed=21, fail_rate=0.3, drop_rate=0.2) == _outcomes(seed=21, fail_rate=0.3, drop_rate=0.2)


def test_faults_never_touch_token_or_admin_endpoints() -> None:
    with start_sandbox(SandboxOptions(drop_rate=1.0)) as handle:
        zoom = Zoom(handle)  # the token call itself would fail otherwise
        assert zoom.admin("GET", "/state").status_code == 200
        with pytest.raises(requests.ConnectionError):
            zoom.get("/users/me/webinars")
    with start_sandbox(SandboxOptions(fail_rate=1.0)) as handle:
        zoom = Zoom(handle)
        assert zoom.admin("POST", "/clock", json={"advance_seconds": 1}).status_code == 200
        assert zoom.get("/users/me/webinars").status_code in (500, 502, 503)


def test_latency_delays_api_calls() -> None:
    with start_sandbox(SandboxOptions(latency_ms=150)) as handle:
        zoom = Zoom(handle)
        began = time.monotonic()
        zoom.get("/users/me/webinars")
        assert time.monotonic() - began >= 0.15
