"""A manual clock and a tiny raw-HTTP client (requests, not wmdctl's client) for sandbox tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from wmdctl.sandbox import SandboxHandle

START = datetime(2021, 9, 1, 8, 0, tzinfo=UTC)


class ManualClock:
    """Sandbox time under test control; ``tick`` advances it on every read so QPS windows don't fill up."""

    def __init__(self, now: datetime = START, tick: timedelta = timedelta(milliseconds=50)) -> None:
        self.now = now
        self.tick = tick

    def __call__(self) -> datetime:
        self.now += self.tick
        return self.now


class Zoom:
    """Raw HTTP against the sandbox with requests, so the tests don't share the client's assumptions."""

    def __init__(self, handle: SandboxHandle, token: str | None = None) -> None:
        self.handle = handle
        self.session = requests.Session()
        if token is None:
            token = self.new_token()
        self.token = token
        self.session.headers["Authorization"] = f"Bearer {token}"

    def new_token(self) -> str:
        response = requests.post(
            self.handle.oauth_url,
            auth=(self.handle.client_id, self.handle.client_secret),
            data={"grant_type": "account_credentials", "account_id": self.handle.account_id},
        )
        assert response.status_code == 200, response.text
        self.token = response.json()["access_token"]
        self.session.headers["Authorization"] = f"Bearer {self.token}"
        return self.token

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return self.session.request(method, f"{self.handle.api_url}{path}", timeout=30, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.call("POST", path, **kwargs)

    def admin(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return requests.request(method, f"{self.handle.admin_url}{path}", timeout=60, **kwargs)

    def state(self) -> dict[str, Any]:
        return self.admin("GET", "/state").json()

    def advance(self, seconds: float) -> None:
        assert self.admin("POST", "/clock", json={"advance_seconds": seconds}).status_code == 200

    def create_webinar(self, **body: Any) -> dict[str, Any]:
        payload = {
            "topic": "Caring Metropolises",
            "type": 5,
            "start_time": "2021-10-07T15:00:00",
            "timezone": "Europe/Madrid",
            "duration": 90,
            **body,
        }
        response = self.post("/users/me/webinars", json=payload)
        assert response.status_code == 201, response.text
        return dict(response.json())

    def registration_webinar(self, approval_type: int = 0) -> int:
        return int(self.create_webinar(settings={"approval_type": approval_type})["id"])

    def register(self, webinar_id: int, email: str, first_name: str = "Ana", **extra: Any) -> requests.Response:
        return self.post(
            f"/webinars/{webinar_id}/registrants", json={"email": email, "first_name": first_name, **extra}
        )

    def seed_registrants(self, webinar_id: int, count: int, status: str = "approved") -> None:
        response = self.admin("POST", f"/webinars/{webinar_id}/registrants", json={"count": count, "status": status})
        assert response.status_code == 201, response.text
