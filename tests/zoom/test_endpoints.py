"""Endpoint methods: paths, encoding, batching of 30, 204 handling."""

from __future__ import annotations

import json

import pytest
import responses
from responses import matchers

from wmdctl.zoom.client import ZoomClient
from wmdctl.zoom.encoding import chunks, encode_uuid

from .helpers import API, api_calls

WID = 81234567890


def sent_json(call: object) -> dict[str, object]:
    return json.loads(call.request.body)  # type: ignore[attr-defined,no-any-return]


def test_encode_uuid_double_encodes_slash_uuids() -> None:
    assert encode_uuid("/ab//c==") == "%252Fab%252F%252Fc%253D%253D"
    assert encode_uuid("ab//c==") == "ab%252F%252Fc%253D%253D"
    assert encode_uuid("4444AAAiAAAAAiAiAiiAii==") == "4444AAAiAAAAAiAiAiiAii%3D%3D"
    assert encode_uuid("ab/c+d=") == "ab%2Fc%2Bd%3D"
    assert encode_uuid(WID) == str(WID)
    assert encode_uuid(str(WID)) == str(WID)


def test_chunks_split_in_order() -> None:
    assert [len(c) for c in chunks(list(range(65)))] == [30, 30, 5]
    assert list(chunks([1, 2, 3], 2)) == [[1, 2], [3]]
    assert list(chunks([])) == []
    with pytest.raises(ValueError):
        list(chunks([1], 0))


def test_a_double_encoded_uuid_reaches_the_wire_unchanged(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(responses.GET, f"{API}/report/webinars/%252Fab%252F%252Fc%253D%253D", json={"uuid": "/ab//c=="})
    assert client.get_webinar_report("/ab//c==") == {"uuid": "/ab//c=="}
    assert api_calls(rsps)[0].request.path_url == "/v2/report/webinars/%252Fab%252F%252Fc%253D%253D"


def test_65_panelists_go_in_posts_of_30_30_5(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(responses.POST, f"{API}/webinars/{WID}/panelists", status=201, json={"id": str(WID)})
    panelists = [{"name": f"P{i}", "email": f"p{i}@example.org"} for i in range(65)]

    assert client.add_panelists(WID, panelists) == 3

    batches = [sent_json(c)["panelists"] for c in api_calls(rsps, "POST")]
    assert [len(b) for b in batches] == [30, 30, 5]  # type: ignore[arg-type]
    assert [p for b in batches for p in b] == panelists  # type: ignore[attr-defined]


def test_no_panelists_send_nothing(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    assert client.add_panelists(WID, []) == 0
    assert api_calls(rsps) == []


def test_status_changes_go_in_puts_of_30(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(responses.PUT, f"{API}/webinars/{WID}/registrants/status", status=204)
    registrants = [{"id": f"r{i}", "email": f"r{i}@example.org"} for i in range(61)]

    assert client.update_registrant_status(WID, "approve", registrants) == 3

    bodies = [sent_json(c) for c in api_calls(rsps, "PUT")]
    assert [len(b["registrants"]) for b in bodies] == [30, 30, 1]  # type: ignore[arg-type]
    assert {b["action"] for b in bodies} == {"approve"}


def test_unknown_status_or_action_is_refused_before_any_request(client: ZoomClient) -> None:
    with pytest.raises(ValueError, match="pending, approved, denied"):
        list(client.iter_registrants(WID, "all"))
    with pytest.raises(ValueError, match="approve, deny, cancel"):
        client.update_registrant_status(WID, "delete", [{"id": "1"}])


def test_batch_registrants_chunk_and_accept_200_or_201(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    url = f"{API}/webinars/{WID}/batch_registrants"
    rsps.add(responses.POST, url, status=201, json={"registrants": [{"email": "a", "registrant_id": "1"}]})
    rsps.add(responses.POST, url, status=200, json={"registrants": [{"email": "b", "registrant_id": "2"}]})
    people = [{"email": f"p{i}@x.org", "first_name": "P"} for i in range(31)]

    rows = client.batch_add_registrants(WID, people, auto_approve=True)

    assert [r["registrant_id"] for r in rows] == ["1", "2"]
    bodies = [sent_json(c) for c in api_calls(rsps, "POST")]
    assert [len(b["registrants"]) for b in bodies] == [30, 1]  # type: ignore[arg-type]
    assert all(b["auto_approve"] is True for b in bodies)


def test_204_returns_none_and_delete_sends_the_reminder_flag(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(
        responses.DELETE,
        f"{API}/webinars/{WID}",
        status=204,
        match=[matchers.query_param_matcher({"cancel_webinar_reminder": "true"})],
    )
    rsps.add(
        responses.PUT,
        f"{API}/webinars/{WID}/status",
        status=204,
        match=[matchers.json_params_matcher({"action": "end"})],
    )
    assert client.end_webinar(WID) is None
    assert client.delete_webinar(WID, cancel_reminder=True) is None


def test_ids_and_emails_are_quoted_as_one_path_segment(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(responses.DELETE, f"{API}/webinars/{WID}/panelists/a%2Bb%40example.org", status=204)
    rsps.add(responses.GET, f"{API}/webinars/{WID}/registrants/r%2F1", json={"id": "r/1"})
    client.delete_panelist(WID, "a+b@example.org")
    assert client.get_registrant(WID, "r/1") == {"id": "r/1"}


def test_list_endpoints_unwrap_their_items(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.add(responses.GET, f"{API}/webinars/{WID}/panelists", json={"total_records": 1, "panelists": [{"id": "1"}]})
    rsps.add(responses.GET, f"{API}/webinars/{WID}/polls", json={"total_records": 0, "polls": []})
    rsps.add(responses.GET, f"{API}/past_webinars/{WID}/instances", json={"webinars": [{"uuid": "u=="}]})
    assert client.list_panelists(WID) == [{"id": "1"}]
    assert client.list_polls(WID) == []
    assert client.list_past_instances(WID) == [{"uuid": "u=="}]


def test_server_time_comes_from_the_date_header(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    assert client.server_time() is None
    rsps.add(responses.GET, f"{API}/users/h", json={"id": "h"}, headers={"Date": "Thu, 07 Oct 2021 12:00:05 GMT"})
    client.get_user("h")
    assert client.server_time() is not None
    assert client.server_time().isoformat() == "2021-10-07T12:00:05+00:00"  # type: ignore[union-attr]
