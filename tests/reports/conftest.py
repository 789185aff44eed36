"""A real ZoomClient on `responses` (unmatched requests raise), with a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import responses

from wmdctl.zoom.client import ClientConfig, ZoomClient

API = "https://api.zoom.test/v2"
OAUTH = "https://zoom.test/oauth/token"


class _Clock:
    def __init__(self) -> None:
        self.now = 1_633_600_000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add(
            responses.POST,
            OAUTH,
            json={"access_token": "tok-1", "token_type": "bearer", "expires_in": 3600, "scope": "webinar:read"},
        )
        yield mock


@pytest.fixture
def client(rsps: responses.RequestsMock, tmp_path: Path) -> ZoomClient:
    config = ClientConfig(
        api_url=API,
        oauth_url=OAUTH,
        account_id="acct-1",
        client_id="client-1",
        client_secret="not-a-real-secret",
        plan="business",
        token_cache=tmp_path / "token.json",
    )
    clock = _Clock()
    return ZoomClient(config, sleep=clock.sleep, clock=clock)
