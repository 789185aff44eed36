"""Retries: bounded, honouring Retry-After, never on daily limits or 4xx, never blind for creating POSTs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests
import responses
from urllib3.exceptions import MaxRetryError, NewConnectionError

from wmdctl.zoom.client import ZoomClient
from wmdctl.zoom.errors import (
    ZoomBadRequestError,
    ZoomNetworkError,
    ZoomRateLimitError,
    ZoomServerError,
)
from wmdctl.zoom.retry import MAX_ATTEMPTS

from .helpers import API, START, FakeClock, api_calls

WEBINAR = f"{API}/webinars/81234567890"
QPS_MESSAGE = "You have reached the maximum per-second rate limit for this API. Try again later."
DAILY_MESSAGE = (
    "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when "
    "you can make another request."
)


def refused_connection() -> requests.ConnectionError:
    """What requests raises when nothing listens on the port: the request never left."""
    reason = NewConnectionError(None, "Failed to establish a new connection: [Errno 111] Connection refused")  # type: ignore[arg-type]
    return requests.ConnectionError(MaxRetryError(None, "/v2/x", reason))  # type: ignore[arg-type]


def test_qps_429_waits_retry_after_seconds(client: ZoomClient, rsps: responses.RequestsMock, clock: FakeClock) -> None:
    rsps.add(
        responses.GET,
        WEBINAR,
        status=429,
        json={"code": 429, "message": QPS_MESSAGE},
        headers={"Retry-After": "2", "X-RateLimit-Type": "QPS"},
    )
    rsps.add(responses.GET, WEBINAR, json={"id": 81234567890})

    assert client.get_webinar(81234567890) == {"id": 81234567890}
    assert clock.sleeps == [2.0]


def test_qps_429s_that_outlast_the_retries_are_a_partial_failure_not_exit_5(
    client: ZoomClient, rsps: responses.RequestsMock, clock: FakeClock
) -> None:
    for _ in range(MAX_ATTEMPTS):
        rsps.add(responses.GET, WEBINAR, status=429, json={"code": 429, "message": QPS_MESSAGE},
                 headers={"Retry-After": "1", "X-RateLimit-Type": "QPS"})  # fmt: skip
    with pytest.raises(ZoomRateLimitError) as caught:
        client.get_webinar(81234567890)
    assert not caught.value.daily
    assert caught.value.exit_code == 1  # 5 is for daily limits, which come with a resume time
    assert len(api_calls(rsps)) == MAX_ATTEMPTS


def test_qps_429_waits_until_a_retry_after_date(
    client: ZoomClient, rsps: responses.RequestsMock, clock: FakeClock
) -> None:
    http_date = format_datetime(START + timedelta(seconds=7), usegmt=True)
    rsps.add(
        responses.GET,
        WEBINAR,
        status=429,
        json={"code": 429, "message": QPS_MESSAGE},
        headers={"Retry-After": http_date},
    )
    iso_date = (START + timedelta(seconds=7 + 3)).isoformat().replace("+00:00", "Z")
    rsps.add(
        responses.GET,
        WEBINAR,
        status=429,
        json={"code": 429, "message": QPS_MESSAGE},
        headers={"Retry-After": iso_date},
    )
    rsps.add(responses.GET, WEBINAR, json={"id": 81234567890})

    client.get_webinar(81234567890)
    assert clock.sleeps == [7.0, 3.0]


def test_daily_429_is_not_retried_and_says_when_to_resume(
    client: ZoomClient, rsps: responses.RequestsMock, clock: FakeClock
) -> None:
    rsps.add(
        responses.GET, f"{API}/report/webinars/81234567890", status=429, json={"code": 429, "message": DAILY_MESSAGE}
    )

    with pytest.raises(ZoomRateLimitError) as caught:
        client.get_webinar_report(81234567890)
    error = caught.value
    assert error.daily is True
    assert error.resume_at == datetime(2021, 10, 8, 0, 0, tzinfo=UTC)  # next 00:00 UTC after START
    assert error.scope == "account"
    assert error.category == "heavy"
    assert len(api_calls(rsps)) == 1
    assert clock.sleeps == []


def test_daily_429_header_and_retry_after_date_set_resume_at(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(
        responses.GET,
        WEBINAR,
        status=429,
        json={"code": 429, "message": "limit"},
        headers={
            "X-RateLimit-Type": "Daily-limit",
            "Retry-After": "2021-10-08T00:00:00Z",
            "X-RateLimit-Category": "Light",
        },
    )
    with pytest.raises(ZoomRateLimitError) as caught:
        client.get_webinar(81234567890)
    assert caught.value.daily
    assert caught.value.resume_at == datetime(2021, 10, 8, tzinfo=UTC)
    assert caught.value.category == "light"
    assert len(api_calls(rsps)) == 1


@pytest.mark.parametrize(
    ("message", "scope"),
    [
        (
            "You have exceeded the daily rate limit (3) of Add a webinar registrant API requests for the registrant "
            '"ana@example.org". You can resume these API requests at GMT 00:00:00.',
            "registrant",
        ),
        (
            "You have exceeded the daily rate limit (3) of Webinar Batch Registration API requests permitted for "
            "(ana@example.org) this particular registrant.",
            "registrant",
        ),
        (
            "You have exceeded the daily rate limit (10) of Update webinar registrant status API requests for the "
            'registrant "ana@example.org".',
            "registrant",
        ),
        (
            "You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this "
            "particular user. You may resume these requests at GMT 00:00:00.",
            "user",
        ),
        (DAILY_MESSAGE, "account"),
    ],
)
def test_daily_429_scope_comes_from_the_message(
    client: ZoomClient, rsps: responses.RequestsMock, message: str, scope: str
) -> None:
    rsps.add(
        responses.POST, f"{API}/webinars/81234567890/registrants", status=429, json={"code": 429, "message": message}
    )
    with pytest.raises(ZoomRateLimitError) as caught:
        client.add_registrant(81234567890, {"email": "ana@example.org", "first_name": "Ana"})
    assert caught.value.daily
    assert caught.value.scope == scope
    assert caught.value.resume_at == datetime(2021, 10, 8, tzinfo=UTC)
    assert len(api_calls(rsps)) == 1


def test_5xx_is_retried_with_bounded_backoff(
    client: ZoomClient, rsps: responses.RequestsMock, clock: FakeClock
) -> None:
    rsps.add(responses.GET, WEBINAR, status=502, body="Bad Gateway")
    rsps.add(responses.GET, WEBINAR, status=500, json={"code": 500, "message": "Internal error"})
    rsps.add(responses.GET, WEBINAR, json={"id": 1})

    assert client.get_webinar(81234567890) == {"id": 1}
    assert len(clock.sleeps) == 2
    assert 0.5 <= clock.sleeps[0] <= 1.0  # 0.5 s plus up to 0.5 s of jitter
    assert 1.0 <= clock.sleeps[1] <= 1.5


def test_5xx_exhausted_raises_server_error(client: ZoomClient, rsps: responses.RequestsMock, clock: FakeClock) -> None:
    rsps.add(responses.GET, WEBINAR, status=503, json={"code": 503, "message": "Service unavailable"})
    with pytest.raises(ZoomServerError) as caught:
        client.get_webinar(81234567890)
    assert caught.value.status == 503
    assert len(api_calls(rsps)) == MAX_ATTEMPTS
    assert len(clock.sleeps) == MAX_ATTEMPTS - 1
    assert all(wait <= 30.0 for wait in clock.sleeps)


def test_400_is_not_retried(client: ZoomClient, rsps: responses.RequestsMock, clock: FakeClock) -> None:
    rsps.add(
        responses.PATCH,
        WEBINAR,
        status=400,
        json={
            "code": 300,
            "message": "Validation Failed.",
            "errors": [{"field": "settings.approval_type", "message": "Invalid field."}],
        },
    )
    with pytest.raises(ZoomBadRequestError) as caught:
        client.update_webinar(81234567890, {"settings": {"approval_type": 7}})
    assert caught.value.code == 300
    assert "settings.approval_type: Invalid field." in str(caught.value)
    assert len(api_calls(rsps)) == 1
    assert clock.sleeps == []


def test_get_is_retried_after_a_dropped_connection(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(responses.GET, WEBINAR, body=requests.ConnectionError("Connection aborted: RemoteDisconnected"))
    rsps.add(responses.GET, WEBINAR, body=requests.ReadTimeout("read timed out"))
    rsps.add(responses.GET, WEBINAR, json={"id": 1})
    assert client.get_webinar(81234567890) == {"id": 1}


def test_network_errors_exhausted_raise_network_error(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(responses.GET, WEBINAR, body=requests.ReadTimeout("read timed out"))
    with pytest.raises(ZoomNetworkError):
        client.get_webinar(81234567890)
    assert len(api_calls(rsps)) == MAX_ATTEMPTS


def test_daily_user_limit_hint_explains_the_budget(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    message = (
        "You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this "
        "particular user. You may resume these requests at GMT 00:00:00."
    )
    rsps.add(responses.PATCH, WEBINAR, status=429, json={"code": 429, "message": message})
    with pytest.raises(ZoomRateLimitError) as caught:
        client.update_webinar(81234567890, {"topic": "t"})
    assert caught.value.scope == "user"
    assert "100 times per UTC day" in (caught.value.hint or "")
    assert caught.value.exit_code == 5
