"""Every sample `trigger` sends, and every event the tests post, fits Zoom's webhook spec."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest
from openapi_schema_validator import OAS31Validator
from shared_files import shared_file

from wmdctl.webhooks.events import URL_VALIDATION
from wmdctl.webhooks.samples import SAMPLE_EVENTS, SampleSpec, sample_event

from .helpers import instance, participant, registration


@cache
def _spec() -> dict[str, Any]:
    path = shared_file("zoom-openapi/zoom-meetings-webhooks.openapi.json")
    return json.loads(path.read_text(encoding="utf-8"))


def check(body: dict[str, Any]) -> None:
    schema = _spec()["webhooks"][body["event"]]["post"]["requestBody"]["content"]["application/json"]["schema"]
    OAS31Validator(schema).validate(body)


@pytest.mark.parametrize("kind", [k for k in SAMPLE_EVENTS if k != URL_VALIDATION])
def test_trigger_samples_fit_the_spec(kind: str) -> None:
    check(sample_event(kind, SampleSpec(webinar_id="81234567890")))


def test_the_tests_own_events_fit_the_spec() -> None:
    person = {"id": "r1", "email": "ana@metropolis.org"}
    row = {"id": "p", "name": "Ana", "user_email": "ana@x.org", "user_id": "1", "registrant_id": "r1",
           "join_time": "2021-10-07T13:00:00Z", "leave_time": "2021-10-07T13:30:00Z"}  # fmt: skip
    for kind in ("created", "approved", "denied", "cancelled"):
        check(registration(kind, "81234567890", person, 1))
    for kind in ("joined", "left"):
        check(participant(kind, "81234567890", "u==", row, 1))
    for kind in ("started", "ended"):
        check(instance(kind, "81234567890", "u==", "2021-10-07T13:00:00Z", 1))


def test_the_checker_refuses_what_zoom_would_not_send() -> None:
    body = sample_event("webinar.registration_created", SampleSpec(webinar_id="81234567890"))
    del body["payload"]["object"]["registrant"]["email"]
    with pytest.raises(Exception, match="email"):
        check(body)
