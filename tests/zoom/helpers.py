"""Shared helpers for the Zoom client tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import responses

API = "https://api.zoom.test/v2"
OAUTH = "https://zoom.test/oauth/token"
SECRET = "s3cr3t-client-secret-value"
START = datetime(2021, 10, 7, 12, 0, 0, tzinfo=UTC)


class FakeClock:
    """``clock()`` returns the fake now; ``sleep(s)`` records s and advances now, so nothing really waits."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start.timestamp()
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def advance(self, seconds: float) -> None:
        self.now += seconds


def add_token(rsps: responses.RequestsMock, *tokens: str, expires_in: int = 3600, scope: str = "webinar:read") -> None:
    """Each call to the token endpoint returns the next token (the last one repeats)."""
    for token in tokens or ("tok-1",):
        rsps.add(
            responses.POST,
            OAUTH,
            json={"access_token": token, "token_type": "bearer", "expires_in": expires_in, "scope": scope},
        )


def token_calls(rsps: responses.RequestsMock) -> int:
    return sum(1 for call in rsps.calls if call.request.url.startswith(OAUTH))


def api_calls(rsps: responses.RequestsMock, method: str | None = None) -> list[Any]:
    return [
        call
        for call in rsps.calls
        if call.request.url.startswith(API) and (method is None or call.request.method == method)
    ]
