"""Server-to-Server OAuth: one cached token shared across clients, threads and processes."""

from __future__ import annotations

import base64
import json
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import responses

from wmdctl.zoom.client import ZoomClient
from wmdctl.zoom.errors import ZoomAuthError

from .helpers import API, OAUTH, SECRET, FakeClock, add_token, api_calls, token_calls

ClientFactory = Callable[..., ZoomClient]


def add_user(rsps: responses.RequestsMock, **kwargs: object) -> None:
    rsps.add(responses.GET, f"{API}/users/host%40example.org", **kwargs)  # type: ignore[arg-type]


def test_token_request_is_a_form_body_with_basic_auth(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    add_user(rsps, json={"id": "u1"})
    client.get_user("host@example.org")

    token_request = rsps.calls[0].request
    assert token_request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qs(token_request.body) == {"grant_type": ["account_credentials"], "account_id": ["acct-1"]}
    assert "?" not in token_request.url
    expected = base64.b64encode(f"client-1:{SECRET}".encode()).decode()
    assert token_request.headers["Authorization"] == f"Basic {expected}"
    assert rsps.calls[1].request.headers["Authorization"] == "Bearer tok-1"


def test_two_clients_share_one_cached_token_in_a_0600_file(
    make_client: ClientFactory, rsps: responses.RequestsMock, tmp_path: Path
) -> None:
    add_token(rsps, "tok-1", "tok-2")
    add_user(rsps, json={"id": "u1"})

    make_client().get_user("host@example.org")
    make_client().get_user("host@example.org")

    assert token_calls(rsps) == 1
    assert [c.request.headers["Authorization"] for c in api_calls(rsps)] == ["Bearer tok-1", "Bearer tok-1"]
    cache = tmp_path / "state" / "token.json"
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert SECRET not in cache.read_text()
    assert list(cache.parent.glob(".token-*")) == []  # the temp file of the atomic write is gone


def test_a_cached_token_is_reused_until_five_minutes_before_expiry(
    make_client: ClientFactory, rsps: responses.RequestsMock, clock: FakeClock
) -> None:
    add_token(rsps, "tok-1", "tok-2", expires_in=3600)
    client = make_client()
    add_user(rsps, json={"id": "u1"})

    client.get_user("host@example.org")
    clock.advance(3600 - 301)  # 301 s left: still good
    client.get_user("host@example.org")
    clock.advance(2)  # 299 s left: refresh before using it
    client.get_user("host@example.org")

    assert token_calls(rsps) == 2
    assert [c.request.headers["Authorization"] for c in api_calls(rsps)] == [
        "Bearer tok-1",
        "Bearer tok-1",
        "Bearer tok-2",
    ]


def test_invalid_token_refreshes_once_and_retries(make_client: ClientFactory, rsps: responses.RequestsMock) -> None:
    add_token(rsps, "tok-1", "tok-2")
    client = make_client()
    add_user(rsps, status=401, json={"code": 124, "message": "Invalid access token."})
    add_user(rsps, json={"id": "u1"})

    assert client.get_user("host@example.org") == {"id": "u1"}
    assert token_calls(rsps) == 2
    assert [c.request.headers["Authorization"] for c in api_calls(rsps)] == ["Bearer tok-1", "Bearer tok-2"]


def test_a_second_invalid_token_raises_auth_error(make_client: ClientFactory, rsps: responses.RequestsMock) -> None:
    add_token(rsps, "tok-1", "tok-2", "tok-3")
    client = make_client()
    add_user(rsps, status=401, json={"code": 124, "message": "Invalid access token."})

    with pytest.raises(ZoomAuthError) as caught:
        client.get_user("host@example.org")
    assert caught.value.code == 124
    assert token_calls(rsps) == 2
    assert len(api_calls(rsps)) == 2


def test_invalid_token_uses_a_token_another_process_already_refreshed(
    make_client: ClientFactory, rsps: responses.RequestsMock, tmp_path: Path, clock: FakeClock
) -> None:
    add_token(rsps, "tok-1", "tok-should-not-be-minted")
    first = make_client()
    first.auth.access_token()
    # Another process minted tok-9 (invalidating tok-1) and cached it.
    cache = tmp_path / "state" / "token.json"
    data = json.loads(cache.read_text())
    (key,) = data["tokens"]
    data["tokens"][key] = {"access_token": "tok-9", "expires_at": clock.now + 3600, "scope": ""}
    cache.write_text(json.dumps(data))
    add_user(rsps, status=401, json={"code": 124, "message": "Invalid access token."})
    add_user(rsps, json={"id": "u1"})

    first.get_user("host@example.org")

    assert token_calls(rsps) == 1
    assert [c.request.headers["Authorization"] for c in api_calls(rsps)] == ["Bearer tok-1", "Bearer tok-9"]


def test_concurrent_threads_mint_one_token(make_client: ClientFactory, rsps: responses.RequestsMock) -> None:
    add_token(rsps, "tok-1", "tok-2")
    client = make_client()
    barrier = threading.Barrier(8)
    seen: list[str] = []

    def worker() -> None:
        barrier.wait()
        seen.append(client.auth.access_token())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == ["tok-1"] * 8
    assert token_calls(rsps) == 1


def test_memory_only_cache_when_no_token_file(make_client: ClientFactory, rsps: responses.RequestsMock) -> None:
    add_token(rsps, "tok-1", "tok-2")
    add_user(rsps, json={"id": "u1"})
    client = make_client(token_cache=None)
    client.get_user("host@example.org")
    client.get_user("host@example.org")
    assert token_calls(rsps) == 1


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (401, {"reason": "Invalid client_id or client_secret", "error": "invalid_client"}),
        (400, {"reason": "unsupported grant type", "error": "unsupported_grant_type"}),
    ],
)
def test_token_endpoint_errors_name_the_credentials(
    make_client: ClientFactory, rsps: responses.RequestsMock, status: int, body: dict[str, str]
) -> None:
    rsps.add(responses.POST, OAUTH, status=status, json=body)
    with pytest.raises(ZoomAuthError) as caught:
        make_client().get_user("host@example.org")
    assert caught.value.status == status
    assert body["reason"] in str(caught.value)
    hint = caught.value.hint or ""
    assert all(name in hint for name in ("ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET"))
    assert token_calls(rsps) == 1  # a refusal is not retried


def test_missing_scopes_raise_auth_error_naming_them(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    message = "Invalid access token, does not contain scopes:[report:read:admin]."
    rsps.add(responses.GET, f"{API}/report/webinars/123", status=400, json={"code": 4711, "message": message})
    with pytest.raises(ZoomAuthError) as caught:
        client.get_webinar_report(123)
    assert "report:read:admin" in (caught.value.hint or "")
    assert token_calls(rsps) == 1  # a scope problem is not an expired token: no refresh


def test_token_scopes_come_from_the_token_response(make_client: ClientFactory, rsps: responses.RequestsMock) -> None:
    add_token(rsps, "tok-1", scope="webinar:read:admin webinar:write:admin report:read:admin")
    assert make_client().token_scopes() == ["webinar:read:admin", "webinar:write:admin", "report:read:admin"]


def test_a_corrupt_cache_file_is_replaced(
    make_client: ClientFactory, rsps: responses.RequestsMock, tmp_path: Path
) -> None:
    cache = tmp_path / "state" / "token.json"
    cache.parent.mkdir(parents=True)
    cache.write_text("{not json")
    add_token(rsps, "tok-1")
    assert make_client().auth.access_token() == "tok-1"
    assert json.loads(cache.read_text())["tokens"]


def test_a_token_endpoint_outage_is_retried_and_never_makes_a_post_ambiguous(
    make_client: ClientFactory, rsps: responses.RequestsMock, clock: FakeClock
) -> None:
    rsps.add(responses.POST, OAUTH, status=503, body="unavailable")
    add_token(rsps, "tok-1")
    rsps.add(responses.POST, f"{API}/webinars/1/registrants", status=201, json={"registrant_id": "r1"})

    result = make_client().add_registrant(1, {"email": "a@example.org", "first_name": "A"})

    assert result == {"registrant_id": "r1"}
    assert token_calls(rsps) == 2
    assert [c.request.method for c in api_calls(rsps)] == ["POST"]  # no verify look-ups were needed
    assert len(clock.sleeps) == 1


def test_an_old_state_dir_cache_is_adopted_once_then_removed(
    make_client: ClientFactory, rsps: responses.RequestsMock, tmp_path: Path, clock: FakeClock
) -> None:
    # Before the upgrade the token lived in the state dir: its still-valid token is used, not re-minted.
    add_token(rsps, "tok-1", "tok-must-not-be-minted")
    make_client().auth.access_token()
    legacy = tmp_path / "state" / "token.json"
    assert legacy.exists()
    accounts = tmp_path / "state-home" / "wmdctl" / "accounts"
    add_user(rsps, json={"id": "u1"})

    upgraded = make_client(accounts_dir=accounts)
    upgraded.get_user("host@example.org")

    assert token_calls(rsps) == 1
    assert [c.request.headers["Authorization"] for c in api_calls(rsps)] == ["Bearer tok-1"]
    assert not legacy.exists()  # read once: it holds a credential and would only go stale
    [cache] = accounts.rglob("token.json")
    assert "tok-1" in cache.read_text() and stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700


def _client_with_secret(tmp_path: Path, clock: FakeClock, secret: str) -> ZoomClient:
    from wmdctl.zoom.client import ClientConfig

    config = ClientConfig(
        api_url=API, oauth_url=OAUTH, account_id="acct-1", client_id="client-1", client_secret=secret,
        plan="business", token_cache=tmp_path / "state" / "token.json", accounts_dir=None,
    )  # fmt: skip
    return ZoomClient(config, sleep=clock.sleep, clock=clock)


def test_a_wrong_secret_never_runs_on_a_token_another_secret_minted(
    rsps: responses.RequestsMock, tmp_path: Path, clock: FakeClock
) -> None:
    """The cached token still works for up to an hour; running on it would hide the wrong secret until then."""
    add_token(rsps, "tok-1")
    add_user(rsps, json={"id": "u1"})
    _client_with_secret(tmp_path, clock, SECRET).get_user("host@example.org")
    rsps.replace(responses.POST, OAUTH, status=401, json={"reason": "Invalid client_id or client_secret"})

    wrong = _client_with_secret(tmp_path, clock, "not-the-secret")
    assert wrong.auth.has_cached_token()  # doctor can still say the cached token works
    with pytest.raises(ZoomAuthError) as caught:
        wrong.get_user("host@example.org")
    assert caught.value.hint is not None and "minted with another client secret" in caught.value.hint
    assert "not-the-secret" not in str(caught.value) + caught.value.hint
    assert token_calls(rsps) == 2 and len(api_calls(rsps)) == 1  # the wrong secret sent no API call

    right = _client_with_secret(tmp_path, clock, SECRET)
    right.get_user("host@example.org")  # the right secret still uses the cached token: no new mint
    assert token_calls(rsps) == 2
    cache = (tmp_path / "state" / "token.json").read_text()
    assert SECRET not in cache and "not-the-secret" not in cache


def test_a_token_cached_by_an_older_wmdctl_without_a_fingerprint_is_still_used(
    rsps: responses.RequestsMock, tmp_path: Path, clock: FakeClock
) -> None:
    from wmdctl.zoom.auth import Credentials

    key = Credentials(OAUTH, "acct-1", "client-1", SECRET).cache_key
    cache = tmp_path / "state" / "token.json"
    cache.parent.mkdir(parents=True)
    cache.write_text(json.dumps({"tokens": {key: {"access_token": "old-tok", "expires_at": clock() + 3000}}}))
    add_user(rsps, json={"id": "u1"})
    _client_with_secret(tmp_path, clock, SECRET).get_user("host@example.org")
    assert token_calls(rsps) == 0
    assert api_calls(rsps)[0].request.headers["Authorization"] == "Bearer old-tok"
