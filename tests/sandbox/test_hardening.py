"""No input makes the sandbox answer a 500 or HTML; the admin API serves only its owner on loopback."""

from __future__ import annotations

import base64
import json
import socket
from urllib.parse import urlsplit

import pytest
import requests

from wmdctl.sandbox import SandboxHandle, SandboxOptions, start_sandbox

from .helpers import Zoom


def _is_zoom_error(response: requests.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["code"], int) and isinstance(body["message"], str)
    return body


@pytest.mark.parametrize("raw_id", [str(2**63), "9" * 5000, str(2**63 - 1)])
def test_ids_outside_int64_are_not_found(zoom: Zoom, raw_id: str) -> None:
    for path in (f"/webinars/{raw_id}", f"/meetings/{raw_id}", f"/report/webinars/{raw_id}"):
        assert _is_zoom_error(zoom.get(path), 404)["code"] == 3001


def test_frameworks_own_errors_are_json(zoom: Zoom) -> None:
    _is_zoom_error(zoom.get("/no/such/path"), 404)
    _is_zoom_error(zoom.call("PUT", "/users/me/webinars"), 405)
    _is_zoom_error(requests.get(f"{zoom.handle.base_url}/elsewhere", timeout=10), 404)


def test_a_body_over_the_cap_is_a_json_413(zoom: Zoom) -> None:
    huge = b'{"topic": "' + b"x" * (5 * 1024 * 1024) + b'"}'
    response = zoom.post("/users/me/webinars", data=huge, headers={"Content-Type": "application/json"})
    _is_zoom_error(response, 413)
    chunked = zoom.post("/users/me/webinars", data=iter([huge]), headers={"Content-Type": "application/json"})
    _is_zoom_error(chunked, 413)  # no Content-Length to refuse up front: stopped at the cap


@pytest.mark.parametrize(
    "body", [b"[1, 2]", b'"text"', b"5", b"{not json", b"\xff\xfe", b"[" * 100_000]
)  # fmt: skip
def test_non_object_bodies_are_a_clean_400(zoom: Zoom, body: bytes) -> None:
    response = zoom.post("/users/me/webinars", data=body, headers={"Content-Type": "application/json"})
    assert _is_zoom_error(response, 400)["code"] == 300


def test_non_ascii_basic_credentials_and_page_tokens(zoom: Zoom) -> None:
    handle = zoom.handle
    credentials = base64.b64encode("clïent:sécret".encode()).decode()
    response = requests.post(
        handle.oauth_url,
        headers={"Authorization": f"Basic {credentials}"},
        data={"grant_type": "account_credentials", "account_id": handle.account_id},
        timeout=10,
    )
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"
    raw = requests.post(handle.oauth_url, headers={"Authorization": "Basic é"}, timeout=10)
    assert raw.status_code == 401
    for token in ("x.é", "é", ".", "x" * 3000):
        response = zoom.get("/users/me/webinars", params={"next_page_token": token})
        assert _is_zoom_error(response, 400)["code"] == 300


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/users/me/webinars", {"topic": {"a": 1}}, "topic"),
        ("/users/me/webinars", {"timezone": 5}, "timezone"),
        ("/users/me/webinars", {"settings": {"hd_video": "yes"}}, "settings.hd_video"),
        ("/users/me/meetings", {"settings": {"breakout_room": {"rooms": [{"participants": 1}]}}},
         "settings.breakout_room.rooms[0].participants"),
    ],
)  # fmt: skip
def test_wrong_types_are_refused_and_never_stored(zoom: Zoom, path: str, body: dict, field: str) -> None:
    error = _is_zoom_error(zoom.post(path, json=body), 400)
    assert error["message"] == "Validation Failed." and {"field": field, "message": "Invalid field."} in error["errors"]
    state = zoom.state()
    assert state["webinars"] == [] and state["meetings"] == []


def test_wrong_types_on_nested_operations(zoom: Zoom) -> None:
    wid = zoom.registration_webinar()
    checks = [
        ("PUT", f"/webinars/{wid}/registrants/status", {"action": {}, "registrants": [{"email": "a@b.org"}]}),
        ("PATCH", f"/webinars/{wid}/registrants/questions", {"questions": 5}),
        ("POST", f"/webinars/{wid}/panelists", {"panelists": [{"name": "A", "email": "a@b.org", "name_tag_id": 123}]}),
        ("POST", f"/webinars/{wid}/polls", {"title": "t", "questions": [{"name": "q", "show_as_dropdown": {}}]}),
    ]
    for method, path, body in checks:
        assert _is_zoom_error(zoom.call(method, path, json=body), 400)["code"] == 300, path
    assert zoom.state()["webinars"][0]["_sandbox"]["panelists"] == []


def test_unknown_properties_are_not_stored(zoom: Zoom) -> None:
    webinar = zoom.create_webinar(settings={"approval_type": 0, "made_up": True}, extra_top_level=1)
    assert "made_up" not in webinar["settings"] and "extra_top_level" not in webinar


def test_meeting_patch_refuses_type_99_like_post(zoom: Zoom) -> None:
    meeting = zoom.post("/users/me/meetings", json={"topic": "Panel A"}).json()
    assert _is_zoom_error(zoom.post("/users/me/meetings", json={"type": 99}), 400)["code"] == 300
    assert _is_zoom_error(zoom.call("PATCH", f"/meetings/{meeting['id']}", json={"type": 99}), 400)["code"] == 300
    assert zoom.get(f"/meetings/{meeting['id']}").json()["type"] == 2


# -- the admin API ---------------------------------------------------------------------------


def test_admin_needs_the_token_printed_at_start(handle: SandboxHandle) -> None:
    assert requests.get(f"{handle.admin_url}/clock", timeout=10).status_code == 200
    for wrong in (f"{handle.base_url}/_sandbox/clock", f"{handle.base_url}/_sandbox/guess/state"):
        _is_zoom_error(requests.get(wrong, timeout=10), 403)


def test_admin_refuses_foreign_host_and_origin(handle: SandboxHandle) -> None:
    for headers in (
        {"Host": "evil.example:9100"},
        {"Host": "127.0.0.1.evil.example"},
        {"Origin": "https://evil.example"},
    ):
        _is_zoom_error(requests.get(f"{handle.admin_url}/state", headers=headers, timeout=10), 403)
    for host in ("localhost:1", "127.0.0.2", "[::1]:80"):
        assert requests.get(f"{handle.admin_url}/clock", headers={"Host": host}, timeout=10).status_code == 200


def test_admin_refuses_bodies_that_are_not_json(zoom: Zoom) -> None:
    wid = zoom.registration_webinar()
    zoom.seed_registrants(wid, 3)
    response = zoom.admin("POST", "/reset", data="{}", headers={"Content-Type": "text/plain"})
    _is_zoom_error(response, 415)
    _is_zoom_error(zoom.admin("POST", f"/webinars/{wid}/registrants", json=[1]), 400)
    _is_zoom_error(zoom.admin("POST", f"/webinars/{wid}/registrants", json={"registrants": [1]}), 400)
    assert len(zoom.state()["webinars"][0]["_sandbox"]["registrants"]) == 3  # nothing was reset


# -- the server --------------------------------------------------------------------------------


def test_slow_clients_do_not_get_a_thread_each(handle: SandboxHandle, zoom: Zoom) -> None:
    """Many silent connections: the pool and its queue stay bounded, and the others are closed, not served."""
    host, port = urlsplit(handle.base_url).hostname, urlsplit(handle.base_url).port
    silent = [socket.create_connection((host, port), timeout=5) for _ in range(200)]
    try:
        import threading

        names = [t.name for t in threading.enumerate() if t.name.startswith(f"zoom-sandbox-{port}")]
        assert len(names) <= 18  # 16 workers, the accept loop, the waiting room
        assert zoom.get("/users/me").status_code == 200  # silent connections hold no worker
    finally:
        for sock in silent:
            sock.close()


def test_a_request_http_server_refuses_is_answered_in_json(handle: SandboxHandle) -> None:
    host, port = urlsplit(handle.base_url).hostname, urlsplit(handle.base_url).port
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(b"GET /v2/users/me HTTP/1.1\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b" 431 " in head.split(b"\r\n")[0] and b"application/json" in head
    assert json.loads(body)["code"] == 431


def test_a_bug_in_a_handler_is_a_json_500_not_a_traceback(
    handle: SandboxHandle, zoom: Zoom, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a sandbox bug")

    monkeypatch.setattr(handle.app, "_api", broken)
    response = zoom.get("/users/me")
    assert _is_zoom_error(response, 500)["message"] == "Internal Server Error"


def _address(handle: SandboxHandle) -> tuple[str, int]:
    parts = urlsplit(handle.base_url)
    return str(parts.hostname), int(parts.port or 0)


def test_partial_headers_do_not_starve_the_sandbox(handle: SandboxHandle, zoom: Zoom) -> None:
    """The reviewer's repro (issue 14): 150 clients send a request line and stop; a normal request is still served."""
    stuck = [socket.create_connection(_address(handle), timeout=10) for _ in range(150)]
    try:
        for sock in stuck:
            sock.sendall(b"GET /v2/users HTTP/1.1\r\n")
        assert zoom.get("/users/me").status_code == 200
    finally:
        for sock in stuck:
            sock.close()


@pytest.mark.parametrize("sent", [b"", b"GET /v2/users/me HTTP/1.1\r\n", b"GET /v2/users/me HTTP/1.1\r\nX-Slow: "])
def test_a_client_that_stops_sending_its_head_is_closed_at_the_deadline(sent: bytes) -> None:
    """Silent or stuck mid-headers (both in the waiting room): the server closes, the client doesn't have to."""
    with (
        start_sandbox(SandboxOptions(header_timeout=0.3)) as short,
        socket.create_connection(_address(short), timeout=10) as sock,
    ):
        sock.sendall(sent)
        assert sock.recv(65536) == b""  # closed by the server, well before the client's own 10 s


def test_a_client_that_stops_sending_its_body_is_closed_at_the_read_timeout(
    handle: SandboxHandle, zoom: Zoom, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The body is a worker's to read, under its own timeouts: a stalled body frees the worker too."""
    from wmdctl.sandbox import pool

    monkeypatch.setattr(pool, "READ_TIMEOUT_SECONDS", 0.3)
    with socket.create_connection(_address(handle), timeout=10) as sock:
        sock.sendall(b"POST /v2/users/me/webinars HTTP/1.1\r\nContent-Type: application/json\r\n"
                     b"Authorization: Bearer " + zoom.token.encode() + b"\r\n"
                     b"Content-Length: 100\r\n\r\n{\"topic\": ")  # fmt: skip
        answer = b""
        while chunk := sock.recv(65536):  # whatever the answer, the server ends the connection itself
            answer += chunk
    assert b" 201 " not in answer.split(b"\r\n")[0]
    assert zoom.state()["webinars"] == []  # the half body created nothing
