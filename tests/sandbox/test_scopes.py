"""OAuth scopes: tokens carry the configured scopes, routes refuse a token without theirs (notes §1)."""

from __future__ import annotations

import pytest

from wmdctl.sandbox.app import API_ROUTES
from wmdctl.sandbox.scopes import ALL_SCOPES, granted, required_scope

from .helpers import Zoom

NO_REPORTS = [s for s in ALL_SCOPES if s != "report:read:admin"]


def _set_scopes(zoom: Zoom, scopes: list[str] | None) -> dict:
    response = zoom.admin("POST", "/account", json={"scopes": scopes})
    assert response.status_code == 200, response.text
    return dict(response.json())


def _token_scope(zoom: Zoom) -> list[str]:
    response = zoom.session.post(
        zoom.handle.oauth_url,
        auth=(zoom.handle.client_id, zoom.handle.client_secret),
        data={"grant_type": "account_credentials", "account_id": zoom.handle.account_id},
    )
    zoom.token = response.json()["access_token"]
    zoom.session.headers["Authorization"] = f"Bearer {zoom.token}"
    return str(response.json()["scope"]).split()


def _ended_webinar(zoom: Zoom) -> int:
    webinar_id = zoom.registration_webinar()
    assert zoom.call("PUT", f"/webinars/{webinar_id}/status", json={"action": "end"}).status_code == 204
    return webinar_id


def test_by_default_every_scope_is_granted(zoom: Zoom) -> None:
    assert zoom.admin("GET", "/account").json()["scopes"] == list(ALL_SCOPES)
    assert _token_scope(zoom) == list(ALL_SCOPES)
    assert zoom.state()["account"]["scopes"] == list(ALL_SCOPES)


def test_a_token_without_the_report_scope_gets_4711_on_reports_only(zoom: Zoom) -> None:
    webinar_id = _ended_webinar(zoom)
    assert _set_scopes(zoom, NO_REPORTS)["scopes"] == NO_REPORTS
    assert zoom.get(f"/report/webinars/{webinar_id}").status_code == 200  # the old token keeps its scopes
    assert _token_scope(zoom) == NO_REPORTS
    for path in ("/report/webinars/{}", "/report/webinars/{}/participants", "/report/webinars/{}/qa"):
        response = zoom.get(path.format(webinar_id))
        assert response.status_code == 401
        assert response.json() == {
            "code": 4711,
            "message": "Invalid access token, does not contain scopes:[report:read:admin].",
        }
    assert zoom.get(f"/past_webinars/{webinar_id}/participants").status_code == 200
    assert zoom.get(f"/past_webinars/{webinar_id}/instances").status_code == 200


def test_granular_scopes_with_the_same_prefix_pass(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar()
    _set_scopes(zoom, ["webinar:read:list_registrants:admin", "webinar:write:webinar:admin", "user:read"])
    _token_scope(zoom)
    assert zoom.get(f"/webinars/{webinar_id}/registrants").status_code == 200
    assert zoom.call("PATCH", f"/webinars/{webinar_id}", json={"agenda": "x"}).status_code == 204
    assert zoom.get("/users/me").status_code == 200
    refused = {
        "/users/me/meetings": "meeting:read:admin",
        f"/report/webinars/{webinar_id}": "report:read:admin",
    }
    for path, scope in refused.items():
        response = zoom.get(path)
        assert (response.status_code, response.json()["code"]) == (401, 4711)
        assert f"scopes:[{scope}]" in response.json()["message"]
    response = zoom.post("/users/me/meetings", json={"topic": "Breakouts", "type": 2})
    assert "scopes:[meeting:write:admin]" in response.json()["message"]


def test_a_missing_scope_is_refused_before_the_resource_is_looked_up(zoom: Zoom) -> None:
    _set_scopes(zoom, ["meeting:read:admin"])
    _token_scope(zoom)
    response = zoom.get("/webinars/123")  # unknown webinar: still the scope error, not 3001
    assert response.json()["code"] == 4711 and "webinar:read:admin" in response.json()["message"]


def test_null_restores_every_scope_and_bad_values_are_refused(zoom: Zoom) -> None:
    _set_scopes(zoom, [])
    assert _token_scope(zoom) == []
    for bad in ("report:read:admin", [""], ["two scopes"], [3]):
        response = zoom.admin("POST", "/account", json={"scopes": bad})
        assert response.status_code == 400 and response.json()["code"] == 300
    assert _set_scopes(zoom, None)["scopes"] == list(ALL_SCOPES)
    assert _token_scope(zoom) == list(ALL_SCOPES)
    assert zoom.admin("POST", "/account", json={"webinar_polls": False}).json()["scopes"] == list(ALL_SCOPES)


@pytest.mark.parametrize(
    ("method", "rule", "scope"),
    [
        ("GET", "/webinars/<webinar_id>/registrants", "webinar:read:admin"),
        ("GET", "/webinars/<webinar_id>/polls", "webinar:read:admin"),
        ("GET", "/past_webinars/<webinar_id>/instances", "webinar:read:admin"),
        ("POST", "/webinars/<webinar_id>/batch_registrants", "webinar:write:admin"),
        ("PUT", "/webinars/<webinar_id>/status", "webinar:write:admin"),
        ("GET", "/users/<user_id>/webinars", "webinar:read:admin"),
        ("GET", "/meetings/<meeting_id>", "meeting:read:admin"),
        ("POST", "/users/<user_id>/meetings", "meeting:write:admin"),
        ("GET", "/report/webinars/<webinar_id>/participants", "report:read:admin"),
        ("GET", "/users/<user_id>", "user:read:admin"),
    ],
)
def test_required_scope_per_route(method: str, rule: str, scope: str) -> None:
    assert required_scope(method, rule) == scope


def test_every_api_route_needs_a_known_scope() -> None:
    assert {required_scope(r.method, r.rule) for r in API_ROUTES} == set(ALL_SCOPES)


def test_granted_matches_the_resource_and_action_prefix_only() -> None:
    assert granted("webinar:read:admin", ["webinar:read:admin"])
    assert granted("webinar:read:admin", ["webinar:read:list_registrants:admin"])
    assert not granted("webinar:read:admin", ["webinar:write:admin", "webinar:readers"])
    assert not granted("report:read:admin", [])
