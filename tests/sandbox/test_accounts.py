"""One sandbox, several Zoom accounts: each its own credentials, host, plan, rate limits, data and webhooks."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from cli_support import Cli

from wmdctl.sandbox import SandboxHandle, SandboxOptions, start_sandbox

from .helpers import ManualClock, Zoom
from .webhook_support import SECRET, receiver


class AccountZoom(Zoom):
    """The raw client, logged in as one account's app (``settings`` as the sandbox gives them)."""

    def __init__(self, handle: SandboxHandle, settings: dict[str, str]) -> None:
        self.settings = settings
        super().__init__(handle)

    def new_token(self) -> str:
        response = requests.post(
            self.settings["ZOOM_OAUTH_URL"],
            auth=(self.settings["ZOOM_CLIENT_ID"], self.settings["ZOOM_CLIENT_SECRET"]),
            data={"grant_type": "account_credentials", "account_id": self.settings["ZOOM_ACCOUNT_ID"]},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        self.token = response.json()["access_token"]
        self.session.headers["Authorization"] = f"Bearer {self.token}"
        return self.token


@pytest.fixture
def two(clock: ManualClock) -> Any:
    with start_sandbox(SandboxOptions(seed=1, clock=clock, accounts=2)) as handle:
        first, second = (AccountZoom(handle, handle.settings(c.account_id)) for c in handle.accounts())
        yield handle, first, second


def test_each_account_has_its_own_credentials_and_host(two: Any) -> None:
    handle, first, second = two
    a, b = handle.settings(), handle.settings(handle.accounts()[1].account_id)
    assert a == handle.settings(handle.account_id) and a["ZOOM_API_URL"] == b["ZOOM_API_URL"]
    assert all(a[k] != b[k] for k in ("ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET", "ZOOM_HOST"))
    assert first.get("/users/me").json()["email"] == a["ZOOM_HOST"]
    assert second.get("/users/me").json()["email"] == b["ZOOM_HOST"]
    mixed = requests.post(
        handle.oauth_url,
        auth=(a["ZOOM_CLIENT_ID"], a["ZOOM_CLIENT_SECRET"]),
        data={"grant_type": "account_credentials", "account_id": b["ZOOM_ACCOUNT_ID"]},
        timeout=30,
    )
    assert mixed.status_code == 400  # one account's app cannot ask for another account's token  # fmt: skip
    wrong = requests.post(
        handle.oauth_url,
        auth=(b["ZOOM_CLIENT_ID"], a["ZOOM_CLIENT_SECRET"]),
        data={"grant_type": "account_credentials", "account_id": b["ZOOM_ACCOUNT_ID"]},
        timeout=30,
    )
    assert wrong.status_code == 401  # fmt: skip


def test_a_token_never_sees_another_accounts_data(two: Any) -> None:
    handle, first, second = two
    mine = first.create_webinar(topic="Metropolis session")
    theirs = second.create_webinar(topic="Partner city session")
    assert [w["topic"] for w in first.get("/users/me/webinars").json()["webinars"]] == ["Metropolis session"]
    assert [w["topic"] for w in second.get("/users/me/webinars").json()["webinars"]] == ["Partner city session"]
    for path in (f"/webinars/{mine['id']}", f"/webinars/{mine['id']}/registrants"):
        assert second.get(path).status_code == 404
    assert second.call("DELETE", f"/webinars/{mine['id']}").status_code == 404
    assert first.get(f"/webinars/{mine['id']}").status_code == 200  # still there
    assert second.get(f"/users/{handle.host_email}/webinars").status_code == 404  # not their host
    second_admin = handle.account_admin_url(handle.accounts()[1].account_id)
    assert [w["id"] for w in requests.get(f"{second_admin}/state", timeout=30).json()["webinars"]] == [theirs["id"]]
    assert [w["id"] for w in handle.state()["webinars"]] == [mine["id"]]


def test_rate_limits_are_per_account() -> None:
    clock = ManualClock(tick=timedelta(microseconds=10))  # a whole burst falls inside one second of sandbox time
    with start_sandbox(SandboxOptions(seed=1, clock=clock)) as handle:
        created = requests.post(f"{handle.admin_url}/accounts", json={"plan": "free"}, timeout=30)
        assert created.status_code == 201, created.text
        assert created.json()["account"]["plan"] == "free"
        pro, free = Zoom(handle), AccountZoom(handle, created.json()["settings"])
        answers = [free.get("/users/me").status_code for _ in range(8)]
        assert answers[:4] == [200] * 4 and 429 in answers  # free: 4 Light requests a second
        assert [pro.get("/users/me").status_code for _ in range(8)] == [200] * 8  # pro: its own 30 a second
        assert free.get("/users/me").status_code == 429  # and the free account is still over its own


def test_accounts_created_at_run_time_and_kept_in_the_state_file(tmp_path: Path) -> None:
    state = tmp_path / "sandbox.db"
    with start_sandbox(SandboxOptions(seed=1, clock=ManualClock(), state_path=state)) as handle:
        made = requests.post(f"{handle.admin_url}/accounts", json={"host_email": "host@partner-city.example"},
                             timeout=30).json()  # fmt: skip
        assert made["settings"]["ZOOM_HOST"] == "host@partner-city.example"
        again = requests.post(f"{handle.admin_url}/accounts", json={"account_id": made["account"]["account_id"]},
                              timeout=30)  # fmt: skip
        assert again.status_code == 400 and "already" in again.text
        assert requests.post(f"{handle.admin_url}/accounts", json={"plan": "gold"}, timeout=30).status_code == 400
        partner = AccountZoom(handle, made["settings"])
        wid = partner.create_webinar(topic="Kept")["id"]
        listed = requests.get(f"{handle.admin_url}/accounts", timeout=30).json()["accounts"]
        assert [a["account"]["account_id"] for a in listed] == [handle.account_id, made["account"]["account_id"]]
    with start_sandbox(SandboxOptions(seed=1, clock=ManualClock(), state_path=state)) as handle:
        assert len(handle.accounts()) == 2
        partner = AccountZoom(handle, handle.settings(made["account"]["account_id"]))
        assert partner.get(f"/webinars/{wid}").json()["topic"] == "Kept"


def test_webhooks_are_per_account(two: Any) -> None:
    handle, first, second = two
    second_admin = handle.account_admin_url(handle.accounts()[1].account_id)
    with receiver() as hooks:
        body = {"url": hooks.url, "secret_token": SECRET, "paused": True}
        assert requests.post(f"{second_admin}/webhooks", json=body, timeout=30).status_code == 200
        first.register(first.registration_webinar(), "ana@metropolis.org")
        second.register(second.registration_webinar(), "bob@partner.example")
        requests.post(f"{handle.admin_url}/webhooks/flush", timeout=30)
        requests.post(f"{second_admin}/webhooks/flush", timeout=30)
        assert [r.body["payload"]["object"]["registrant"]["email"] for r in hooks.received] == ["bob@partner.example"]
        assert hooks.received[0].body["payload"]["account_id"] == handle.accounts()[1].account_id


def test_serve_accounts_prints_each_accounts_settings(monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    import wmdctl.sandbox as sandbox_package

    def serve_once(options: SandboxOptions, on_ready) -> None:  # type: ignore[no-untyped-def]
        with start_sandbox(SandboxOptions(port=0, accounts=options.accounts)) as handle:
            on_ready(handle)

    monkeypatch.setattr(sandbox_package, "serve_forever", serve_once)
    result = cli("--json", "sandbox", "serve", "--accounts", "3")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    accounts = shown["accounts"]
    assert len(accounts) == 3 and accounts[0]["ZOOM_ACCOUNT_ID"] == shown["ZOOM_ACCOUNT_ID"]
    assert len({a["ZOOM_CLIENT_ID"] for a in accounts}) == 3
    assert accounts[2]["ZOOM_SANDBOX_ADMIN_URL"].endswith(f"/accounts/{accounts[2]['ZOOM_ACCOUNT_ID']}")
