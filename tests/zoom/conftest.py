"""Fixtures for the Zoom client tests: a fake clock whose sleep advances time, and clients on `responses`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import responses

from wmdctl.zoom.client import ClientConfig, ZoomClient

from .helpers import API, OAUTH, SECRET, FakeClock, add_token


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def make_client(tmp_path: Path, clock: FakeClock) -> Callable[..., ZoomClient]:
    """A client on the fake clock; business plan by default so pacing stays out of the way."""

    def make(**overrides: Any) -> ZoomClient:
        config = ClientConfig(
            api_url=API,
            oauth_url=OAUTH,
            account_id="acct-1",
            client_id="client-1",
            client_secret=SECRET,
            plan=overrides.pop("plan", "business"),
            token_cache=overrides.pop("token_cache", tmp_path / "state" / "token.json"),
            accounts_dir=overrides.pop("accounts_dir", None),
        )
        return ZoomClient(config, sleep=clock.sleep, clock=clock, log=overrides.pop("log", None))

    return make


@pytest.fixture
def client(make_client: Callable[..., ZoomClient], rsps: responses.RequestsMock) -> ZoomClient:
    add_token(rsps)
    return make_client()
