"""Pagination follows next_page_token, keeps the other parameters, and stops when the caller does."""

from __future__ import annotations

from itertools import islice
from urllib.parse import parse_qs, urlsplit

import responses
from responses import matchers

from wmdctl.zoom.client import ZoomClient

from .helpers import API, api_calls

WID = 81234567890
REGISTRANTS = f"{API}/webinars/{WID}/registrants"


def add_three_pages(rsps: responses.RequestsMock) -> None:
    pages = [
        ({}, {"registrants": [{"id": "1"}, {"id": "2"}], "next_page_token": "t1", "total_records": 5}),
        ({"next_page_token": "t1"}, {"registrants": [{"id": "3"}, {"id": "4"}], "next_page_token": "t2"}),
        ({"next_page_token": "t2"}, {"registrants": [{"id": "5"}], "next_page_token": ""}),
    ]
    for extra, body in pages:
        query = {"status": "pending", "page_size": "300", **extra}
        rsps.add(responses.GET, REGISTRANTS, match=[matchers.query_param_matcher(query)], json=body)


def queries(rsps: responses.RequestsMock) -> list[dict[str, list[str]]]:
    return [parse_qs(urlsplit(call.request.url).query) for call in api_calls(rsps)]


def test_three_pages_keep_the_other_query_parameters(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    add_three_pages(rsps)
    ids = [r["id"] for r in client.iter_registrants(WID, "pending")]
    assert ids == ["1", "2", "3", "4", "5"]
    assert [q["status"] for q in queries(rsps)] == [["pending"]] * 3
    assert [q.get("next_page_token") for q in queries(rsps)] == [None, ["t1"], ["t2"]]


def test_stopping_early_requests_no_more_pages(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    add_three_pages(rsps)
    assert [r["id"] for r in islice(client.iter_registrants(WID, "pending"), 3)] == ["1", "2", "3"]
    assert len(api_calls(rsps)) == 2


def test_raw_pages_are_returned_as_zoom_sent_them(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    add_three_pages(rsps)
    pages = list(client.iter_registrant_pages(WID, "pending"))
    assert len(pages) == 3
    assert pages[0]["total_records"] == 5
    assert pages[2]["next_page_token"] == ""


def test_a_missing_next_page_token_ends_pagination(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(
        responses.GET,
        f"{API}/report/webinars/{WID}/participants",
        match=[matchers.query_param_matcher({"include_fields": "registrant_id", "page_size": "300"})],
        json={"participants": [{"id": "a", "registrant_id": "r1"}]},
    )
    assert list(client.iter_report_participants(WID)) == [{"id": "a", "registrant_id": "r1"}]
    assert len(api_calls(rsps)) == 1


def test_generic_iter_pages_lets_the_caller_set_page_size(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(
        responses.GET,
        f"{API}/users/h/webinars",
        match=[matchers.query_param_matcher({"page_size": "10", "type": "upcoming"})],
        json={"webinars": [], "next_page_token": ""},
    )
    assert list(client.iter_pages("/users/h/webinars", params={"type": "upcoming", "page_size": 10})) == [
        {"webinars": [], "next_page_token": ""}
    ]


def test_an_endpoint_that_ignores_the_token_is_not_fetched_forever(
    client: ZoomClient, rsps: responses.RequestsMock
) -> None:
    # SPEC documents no next_page_token on GET /users/{userId}/webinars: if Zoom answers the same
    # page (and token) again, the generator must stop instead of looping.
    url = f"{API}/users/host%40example.org/webinars"
    rsps.add(responses.GET, url, json={"webinars": [{"id": 1}], "next_page_token": "same"})
    ids = [w["id"] for w in client.iter_webinars("host@example.org")]
    assert len(api_calls(rsps)) == 2  # the first page, then the repeat that gave the token away
    assert ids == [1]  # the repeated page is not yielded twice
