"""A POST that creates something is never re-sent blindly: after an ambiguous failure, look first."""

from __future__ import annotations

import pytest
import requests
import responses
from responses import matchers

from wmdctl.zoom.client import ZoomClient
from wmdctl.zoom.errors import ZoomNetworkError, ZoomServerError

from .helpers import API, api_calls
from .test_retries import refused_connection

WID = 81234567890
REGISTRANTS = f"{API}/webinars/{WID}/registrants"


def add_registrant_lists(rsps: responses.RequestsMock, by_status: dict[str, list[dict[str, str]]]) -> None:
    for status in ("pending", "approved", "denied"):
        rsps.add(
            responses.GET,
            REGISTRANTS,
            match=[matchers.query_param_matcher({"status": status, "page_size": "300"})],
            json={"registrants": by_status.get(status, []), "next_page_token": ""},
        )


def test_create_webinar_after_read_timeout_finds_the_webinar_instead_of_posting_again(
    client: ZoomClient, rsps: responses.RequestsMock
) -> None:
    rsps.add(responses.POST, f"{API}/users/host%40example.org/webinars", body=requests.ReadTimeout("timed out"))
    rsps.add(
        responses.GET,
        f"{API}/users/host%40example.org/webinars",
        json={
            "webinars": [
                {"id": 1, "topic": "Caring Metropolises", "start_time": "2021-10-07T14:00:00Z"},  # an hour off
                {"id": WID, "topic": "Caring Metropolises", "start_time": "2021-10-07T13:00:00Z"},
            ],
            "next_page_token": "",
        },
    )
    rsps.add(responses.GET, f"{API}/webinars/{WID}", json={"id": WID, "join_url": "https://zoom.test/j/1"})
    body = {"topic": "Caring Metropolises", "start_time": "2021-10-07T15:00:00", "timezone": "Europe/Madrid"}

    created = client.create_webinar("host@example.org", body)

    assert created == {"id": WID, "join_url": "https://zoom.test/j/1"}
    assert len(api_calls(rsps, "POST")) == 1


def test_add_registrant_after_a_502_returns_the_registrant_that_landed(
    client: ZoomClient, rsps: responses.RequestsMock
) -> None:
    rsps.add(responses.POST, REGISTRANTS, status=502, body="Bad Gateway")
    found = {"id": "r-1", "email": "Ana@Example.org", "join_url": "https://zoom.test/w/1?tk=x", "status": "approved"}
    add_registrant_lists(rsps, {"approved": [found]})

    result = client.add_registrant(WID, {"email": "ana@example.org", "first_name": "Ana"})

    assert result["registrant_id"] == "r-1"
    assert result["join_url"] == found["join_url"]
    assert len(api_calls(rsps, "POST")) == 1


def test_add_registrant_is_sent_again_only_after_verify_finds_nothing(
    client: ZoomClient, rsps: responses.RequestsMock
) -> None:
    rsps.add(responses.POST, REGISTRANTS, body=requests.ConnectionError("Connection aborted: RemoteDisconnected"))
    rsps.add(responses.POST, REGISTRANTS, status=201, json={"id": WID, "registrant_id": "r-2", "join_url": "u"})
    add_registrant_lists(rsps, {"approved": [{"id": "r-9", "email": "someone@else.org"}]})

    result = client.add_registrant(WID, {"email": "bo@example.org", "first_name": "Bo"})

    assert result["registrant_id"] == "r-2"
    methods = [call.request.method for call in api_calls(rsps)]
    assert methods == ["POST", "GET", "GET", "GET", "POST"]


def test_a_post_that_never_connected_is_retried_without_looking(
    client: ZoomClient, rsps: responses.RequestsMock
) -> None:
    rsps.add(responses.POST, REGISTRANTS, body=refused_connection())
    rsps.add(
        responses.POST,
        REGISTRANTS,
        status=429,
        json={"code": 429, "message": "per-second"},
        headers={"Retry-After": "1", "X-RateLimit-Type": "QPS"},
    )
    rsps.add(responses.POST, REGISTRANTS, status=503, json={"code": 503, "message": "unavailable"})
    rsps.add(responses.POST, REGISTRANTS, status=201, json={"registrant_id": "r-3"})

    assert client.add_registrant(WID, {"email": "cy@example.org", "first_name": "Cy"})["registrant_id"] == "r-3"
    assert [call.request.method for call in api_calls(rsps)] == ["POST"] * 4


def test_an_ambiguous_post_without_verify_is_not_retried(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(responses.POST, f"{API}/webinars/{WID}/survey_things", status=500, json={"code": 500, "message": "x"})
    with pytest.raises(ZoomServerError) as caught:
        client.request("POST", f"/webinars/{WID}/survey_things", json={})
    assert "may or may not have taken effect" in (caught.value.hint or "")
    assert len(api_calls(rsps)) == 1


def test_when_verify_itself_fails_the_post_is_not_retried(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(responses.POST, f"{API}/webinars/{WID}/polls", body=requests.ReadTimeout("timed out"))
    rsps.add(responses.GET, f"{API}/webinars/{WID}/polls", status=400, json={"code": 4400, "message": "disabled"})
    with pytest.raises(ZoomNetworkError):
        client.create_poll(WID, {"title": "Which panel?"})
    assert len(api_calls(rsps, "POST")) == 1


def test_create_poll_verify_matches_the_title(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(responses.POST, f"{API}/webinars/{WID}/polls", status=504, body="Gateway Timeout")
    rsps.add(
        responses.GET,
        f"{API}/webinars/{WID}/polls",
        json={"polls": [{"id": "p0", "title": "Other"}, {"id": "p1", "title": "Which panel?"}]},
    )
    assert client.create_poll(WID, {"title": "Which panel?"})["id"] == "p1"
    assert len(api_calls(rsps, "POST")) == 1


def test_add_panelists_verify_lists_the_panelists(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(responses.POST, f"{API}/webinars/{WID}/panelists", body=requests.ReadTimeout("timed out"))
    rsps.add(
        responses.GET,
        f"{API}/webinars/{WID}/panelists",
        json={"panelists": [{"id": "1", "email": "MOD@example.org"}, {"id": "2", "email": "sp@example.org"}]},
    )
    posts = client.add_panelists(
        WID, [{"name": "Mod", "email": "mod@example.org"}, {"name": "Sp", "email": "sp@example.org"}]
    )
    assert posts == 1
    assert len(api_calls(rsps, "POST")) == 1


def test_batch_add_registrants_verify_requires_everyone(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    batch_url = f"{API}/webinars/{WID}/batch_registrants"
    rsps.add(responses.POST, batch_url, status=500, json={"code": 500, "message": "x"})
    rsps.add(
        responses.POST,
        batch_url,
        status=200,
        json={"registrants": [{"email": "a@x.org", "registrant_id": "1"}, {"email": "b@x.org", "registrant_id": "2"}]},
    )
    add_registrant_lists(rsps, {"pending": [{"id": "1", "email": "a@x.org"}]})  # only one of two landed

    rows = client.batch_add_registrants(
        WID, [{"email": "a@x.org", "first_name": "A"}, {"email": "b@x.org", "first_name": "B"}], auto_approve=False
    )

    assert [r["registrant_id"] for r in rows] == ["1", "2"]
    assert len(api_calls(rsps, "POST")) == 2
