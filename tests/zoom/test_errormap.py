"""Zoom status + code → exception class, message, request id."""

from __future__ import annotations

import pytest
import responses

from wmdctl.exitcodes import ExitCode
from wmdctl.zoom.client import ZoomClient
from wmdctl.zoom.errors import (
    ZoomAuthError,
    ZoomBadRequestError,
    ZoomError,
    ZoomNotFoundError,
    ZoomPermissionError,
    ZoomRateLimitError,
)

from .helpers import API


@pytest.mark.parametrize(
    ("status", "code", "expected"),
    [
        (404, 3001, ZoomNotFoundError),
        (400, 3079, ZoomNotFoundError),  # registrant does not exist is a 400 in the spec
        (404, 1001, ZoomNotFoundError),
        (404, None, ZoomNotFoundError),
        (401, None, ZoomAuthError),
        (400, 4711, ZoomAuthError),
        (403, None, ZoomPermissionError),
        (400, 200, ZoomPermissionError),  # webinar plan missing
        (400, 3038, ZoomBadRequestError),  # webinar is over
        (409, None, ZoomBadRequestError),
        (429, 429, ZoomRateLimitError),
    ],
)
def test_status_and_code_map_to_the_exception_class(
    client: ZoomClient, rsps: responses.RequestsMock, status: int, code: int | None, expected: type[ZoomError]
) -> None:
    body = {"message": "Zoom says no"} | ({"code": code} if code is not None else {})
    headers = {"x-zm-trackingid": "rid-42"} | ({"X-RateLimit-Type": "Daily-limit"} if status == 429 else {})
    rsps.add(responses.GET, f"{API}/webinars/9", status=status, json=body, headers=headers)

    with pytest.raises(ZoomError) as caught:
        client.get_webinar(9)

    error = caught.value
    assert type(error) is expected
    assert (error.status, error.code, error.request_id) == (status, code, "rid-42")
    assert (error.method, error.path) == ("GET", "/webinars/9")
    assert str(error).startswith("GET /webinars/9: Zoom says no (HTTP")


def test_exit_codes_of_the_common_errors(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    body = {"code": 3001, "message": "Webinar does not exist: 9."}
    rsps.add(responses.GET, f"{API}/webinars/9", status=404, json=body)
    with pytest.raises(ZoomNotFoundError) as caught:
        client.get_webinar(9)
    assert caught.value.exit_code == ExitCode.NOT_FOUND


def test_a_non_json_error_body_still_maps(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(responses.GET, f"{API}/webinars/9", status=418, body="<html>teapot</html>")
    with pytest.raises(ZoomBadRequestError) as caught:
        client.get_webinar(9)
    assert "teapot" in caught.value.message
