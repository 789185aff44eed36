"""OAuth token endpoint and bearer checks (notes §1, §14.1)."""

from __future__ import annotations

import requests

from wmdctl.sandbox import SANDBOX_CREDENTIALS, SandboxHandle

from .helpers import Zoom


def test_token_with_form_body_has_zoom_shape(handle: SandboxHandle) -> None:
    response = requests.post(
        handle.oauth_url,
        auth=(handle.client_id, handle.client_secret),
        data={"grant_type": "account_credentials", "account_id": handle.account_id},
    )
    body = response.json()
    assert response.status_code == 200
    assert body["token_type"] == "bearer" and body["expires_in"] == 3600
    assert "webinar:write:admin" in body["scope"].split() and "report:read:admin" in body["scope"].split()
    assert body["api_url"] + "/v2" == handle.api_url


def test_token_params_in_query_string_are_accepted(handle: SandboxHandle) -> None:
    response = requests.post(
        handle.oauth_url,
        auth=(handle.client_id, handle.client_secret),
        params={"grant_type": "account_credentials", "account_id": handle.account_id},
    )
    assert response.status_code == 200


def test_bad_client_secret_is_an_oauth_style_401(handle: SandboxHandle) -> None:
    response = requests.post(
        handle.oauth_url,
        auth=(handle.client_id, "wrong"),
        data={"grant_type": "account_credentials", "account_id": handle.account_id},
    )
    assert response.status_code == 401
    assert response.json() == {"reason": "Invalid client_id or client_secret", "error": "invalid_client"}


def test_wrong_grant_type_is_400_unsupported_grant_type(handle: SandboxHandle) -> None:
    response = requests.post(
        handle.oauth_url,
        auth=(handle.client_id, handle.client_secret),
        data={"grant_type": "client_credentials", "account_id": handle.account_id},
    )
    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"


def test_new_token_invalidates_the_previous_one(zoom: Zoom) -> None:
    old = zoom.token
    zoom.new_token()
    stale = requests.get(f"{zoom.handle.api_url}/users/me/webinars", headers={"Authorization": f"Bearer {old}"})
    assert stale.status_code == 401
    assert stale.json() == {"code": 124, "message": "Invalid access token."}
    assert zoom.get("/users/me/webinars").status_code == 200


def test_missing_or_garbage_bearer_is_124(handle: SandboxHandle) -> None:
    for headers in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic abc"}):
        response = requests.get(f"{handle.api_url}/users/me/webinars", headers=headers)
        assert response.status_code == 401
        assert response.json()["code"] == 124


def test_token_expires_after_an_hour_of_sandbox_time(zoom: Zoom) -> None:
    zoom.advance(3590)
    assert zoom.get("/users/me/webinars").status_code == 200
    zoom.advance(20)
    assert zoom.get("/users/me/webinars").json()["code"] == 124


def test_credentials_constant_matches_the_handle(handle: SandboxHandle) -> None:
    assert SANDBOX_CREDENTIALS.client_id == handle.client_id
    assert SANDBOX_CREDENTIALS["host_email"] == handle.host_email
