"""The webinar job through the real ZoomClient, with HTTP mocked by `responses`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import responses

from wmdctl.event.model import Event
from wmdctl.event.payloads import panelists_body, poll_bodies, registration_questions_body, webinar_body
from wmdctl.state.store import StateStore
from wmdctl.webinar.job import apply_webinar
from wmdctl.zoom.client import ClientConfig, ZoomClient

from .support import webinar_job

API = "https://api.zoom.test/v2"
OAUTH = "https://zoom.test/oauth/token"
HOST = "host@example.org"


@pytest.fixture
def client(tmp_path: Path) -> ZoomClient:
    config = ClientConfig(API, OAUTH, "acct", "cid", "csecret", token_cache=tmp_path / "token.json")
    return ZoomClient(config, sleep=lambda seconds: None)


@pytest.fixture
def mocked() -> Any:
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        rsps.add(responses.POST, OAUTH, json={"access_token": "tok", "token_type": "bearer", "expires_in": 3600})
        yield rsps


def test_create_sends_one_post_with_local_start_then_the_parts(
    client: ZoomClient, mocked: Any, event: Event, state_dir: Path
) -> None:
    mocked.add(responses.GET, f"{API}/users/host%40example.org/webinars", json={"webinars": [], "next_page_token": ""})
    created = {**webinar_body(event), "id": 81234567890, "start_time": "2021-10-07T13:00:00Z"}
    mocked.add(responses.POST, f"{API}/users/host%40example.org/webinars", json=created, status=201)
    mocked.add(responses.POST, f"{API}/webinars/81234567890/panelists", json={"id": "81234567890"}, status=201)
    mocked.add(responses.PATCH, f"{API}/webinars/81234567890/registrants/questions", status=204)
    mocked.add(responses.POST, f"{API}/webinars/81234567890/polls", json={"id": "p1"}, status=201)
    mocked.add(responses.POST, f"{API}/webinars/81234567890/polls", json={"id": "p2"}, status=201)

    result = apply_webinar(webinar_job(client, event, state_dir, host=HOST, world=API))

    assert result.webinar_id == "81234567890"
    assert StateStore(state_dir).webinar_id(API, event.key) == "81234567890"
    create = json.loads(mocked.calls[2].request.body)
    assert create["start_time"] == "2021-10-07T15:00:00" and create["timezone"] == "Europe/Madrid"
    assert json.loads(mocked.calls[3].request.body) == {"panelists": panelists_body(event)}
    methods = [(c.request.method, re.sub(r"\?.*", "", c.request.url.replace(API, ""))) for c in mocked.calls[1:]]
    assert methods == [
        ("GET", "/users/host%40example.org/webinars"),
        ("POST", "/users/host%40example.org/webinars"),
        ("POST", "/webinars/81234567890/panelists"),
        ("PATCH", "/webinars/81234567890/registrants/questions"),
        ("POST", "/webinars/81234567890/polls"),
        ("POST", "/webinars/81234567890/polls"),
    ]


def test_up_to_date_webinar_gets_reads_only(client: ZoomClient, mocked: Any, event: Event, state_dir: Path) -> None:
    StateStore(state_dir).save_webinar_id(API, event.key, "81234567890")
    live = {**webinar_body(event), "id": 81234567890, "start_time": "2021-10-07T13:00:00Z", "join_url": "j"}
    panelists = [{**p, "id": str(i)} for i, p in enumerate(panelists_body(event))]
    mocked.add(responses.GET, f"{API}/webinars/81234567890", json=live)
    mocked.add(
        responses.GET, f"{API}/webinars/81234567890/registrants/questions", json=registration_questions_body(event)
    )
    mocked.add(responses.GET, f"{API}/webinars/81234567890/panelists", json={"panelists": panelists})
    mocked.add(responses.GET, f"{API}/webinars/81234567890/polls", json={"polls": poll_bodies(event)})

    result = apply_webinar(webinar_job(client, event, state_dir, host=HOST, world=API))

    assert result.plan.up_to_date and result.done == []
    assert [c.request.method for c in mocked.calls] == ["POST", "GET", "GET", "GET", "GET"]  # the POST is the token
