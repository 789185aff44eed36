"""--verbose log lines: one per request, relative path, status, time; never a secret."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import requests
import responses

from wmdctl.zoom.client import ClientConfig, ZoomClient
from wmdctl.zoom.errors import ZoomBadRequestError, ZoomNetworkError
from wmdctl.zoom.redaction import redact

from .helpers import API, SECRET, add_token


def test_redact_masks_known_secrets_and_token_shapes() -> None:
    text = (
        f"Authorization: Bearer eyJhbGciOi.abc-def Basic Y2xpZW50OnNlY3JldA== secret={SECRET} "
        'url?access_token=abc123&x=1 {"access_token": "tok-xyz", "scope": "a"}'
    )
    cleaned = redact(text, [SECRET])
    for leaked in ("eyJhbGciOi", "Y2xpZW50", SECRET, "abc123", "tok-xyz"):
        assert leaked not in cleaned
    assert "Bearer ****" in cleaned
    assert "access_token=****&x=1" in cleaned
    assert '"scope": "a"' in cleaned


def test_one_log_line_per_request_with_no_secret(
    make_client: Callable[..., ZoomClient], rsps: responses.RequestsMock
) -> None:
    lines: list[str] = []
    add_token(rsps, "tok-very-secret")
    client = make_client(log=lines.append)
    rsps.add(
        responses.GET,
        f"{API}/webinars/1/registrants",
        json={"registrants": [], "next_page_token": ""},
        headers={"x-zm-trackingid": "v=2.0;clid=us05;rid=WEB_1"},
    )
    # A careless server echoing the token must not leak it through an error message either.
    rsps.add(
        responses.PATCH,
        f"{API}/webinars/1",
        status=400,
        json={"code": 300, "message": "bad header Authorization: Bearer tok-very-secret"},
    )

    list(client.iter_registrants(1, "denied"))
    with pytest.raises(ZoomBadRequestError) as caught:
        client.update_webinar(1, {"topic": "x"})

    assert re.fullmatch(r"POST /oauth/token 200 \d+ms", lines[0])
    assert re.fullmatch(r"GET /webinars/1/registrants\?page_size=300&status=denied 200 \d+ms", lines[1])
    assert re.fullmatch(r"PATCH /webinars/1 400 \d+ms", lines[2])
    assert len(lines) == 3
    joined = "\n".join(lines) + str(caught.value)
    assert "tok-very-secret" not in joined
    assert SECRET not in joined
    assert "api.zoom.test" not in "\n".join(lines)


def test_network_errors_are_logged_and_redacted(
    make_client: Callable[..., ZoomClient], rsps: responses.RequestsMock
) -> None:
    lines: list[str] = []
    add_token(rsps, "tok-abc")
    client = make_client(log=lines.append)
    rsps.add(responses.GET, f"{API}/users/u", body=requests.ReadTimeout("read timed out; access_token=tok-abc"))
    with pytest.raises(ZoomNetworkError) as caught:
        client.get_user("u")
    assert "tok-abc" not in str(caught.value)
    assert re.fullmatch(r"GET /users/u ERR ReadTimeout \d+ms", lines[1])
    assert len(lines) == 1 + 5  # the token request, then five attempts


def test_config_repr_hides_the_secret() -> None:
    config = ClientConfig(api_url=API, oauth_url="o", account_id="a", client_id="c", client_secret=SECRET)
    assert SECRET not in repr(config)
