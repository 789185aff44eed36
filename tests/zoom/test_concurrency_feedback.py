"""The transport feeds the client's concurrency control: latencies, and per-second 429s only."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import responses

from wmdctl.zoom.budget import MARGIN_STEP_SECONDS
from wmdctl.zoom.client import ZoomClient
from wmdctl.zoom.errors import ZoomRateLimitError

from .helpers import API, add_token


def test_a_per_second_429_halves_the_ceiling(
    make_client: Callable[..., ZoomClient], rsps: responses.RequestsMock
) -> None:
    add_token(rsps)
    client = make_client()
    rsps.add(responses.GET, f"{API}/webinars/9", status=429, json={"code": 429, "message": "per-second"},
             headers={"X-RateLimit-Type": "QPS", "Retry-After": "1"})  # fmt: skip
    rsps.add(responses.GET, f"{API}/webinars/9", json={"id": 9})

    assert client.get_webinar(9) == {"id": 9}
    light = client.concurrency["light"]
    assert light.ceiling < light.bound
    assert client.concurrency["medium"].ceiling == client.concurrency["medium"].bound  # per category


def test_a_registrants_daily_429_says_nothing_about_the_pipe(
    make_client: Callable[..., ZoomClient], rsps: responses.RequestsMock
) -> None:
    add_token(rsps)
    client = make_client()
    message = ('You have exceeded the daily rate limit of "3" for Add a webinar registrant API requests for the '
               'registrant "a@example.org". You can resume these API requests at GMT 00:00:00.')  # fmt: skip
    rsps.add(responses.POST, f"{API}/webinars/9/registrants", status=429, json={"code": 429, "message": message})

    with pytest.raises(ZoomRateLimitError) as caught:
        client.add_registrant("9", {"email": "a@example.org", "first_name": "A"})
    assert caught.value.scope == "registrant"
    light = client.concurrency["light"]
    assert light.ceiling == light.bound


def test_answers_teach_the_latency(make_client: Callable[..., ZoomClient], rsps: responses.RequestsMock) -> None:
    add_token(rsps)
    client = make_client()
    rsps.add(responses.GET, f"{API}/webinars/9", json={"id": 9})
    before = client.concurrency["light"].latency()
    client.get_webinar(9)
    assert client.concurrency["light"].latency() < before  # a mocked answer is far quicker than the initial guess


def test_a_per_second_429_widens_the_accounts_margin(
    make_client: Callable[..., ZoomClient], rsps: responses.RequestsMock, tmp_path: Path
) -> None:
    add_token(rsps)
    client = make_client(accounts_dir=tmp_path / "accounts")
    rsps.add(responses.GET, f"{API}/webinars/9", status=429, json={"code": 429, "message": "per-second"},
             headers={"X-RateLimit-Type": "QPS", "Retry-After": "1"})  # fmt: skip
    rsps.add(responses.GET, f"{API}/webinars/9", json={"id": 9})

    client.get_webinar(9)
    assert client.budget is not None
    with sqlite3.connect(client.budget.path) as db:
        assert db.execute("SELECT category, extra FROM widened").fetchall() == [("light", MARGIN_STEP_SECONDS)]
