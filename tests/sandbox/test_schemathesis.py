"""schemathesis, driven by Zoom's own OpenAPI spec, against a live sandbox: every operation the sandbox routes.

Checks: not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance.
The only tolerated findings are those in schemathesis_allowlist.toml, each with its reason; anything else
fails. Bounded for CI on a 2-core machine: a few examples per operation, derandomized (the same inputs
each run), no example database. Path ids are mostly swapped for real objects made for each operation,
so the answers checked are real 200/201/204s, not only 404s.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from contract_support import load_spec, require_spec, spec_available
from shared_files import require_module

from wmdctl.sandbox import SandboxHandle, SandboxOptions, start_sandbox
from wmdctl.sandbox.app import API_ROUTES

from .helpers import Zoom

schemathesis: Any = require_module("schemathesis")  # pinned in the test extra; a failure in CI
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.failures import FailureGroup  # noqa: E402

ALLOWLIST = Path(__file__).with_name("schemathesis_allowlist.toml")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MAX_EXAMPLES = 20  # 150 ran clean too (3 min); 20 keeps CI near 20 s on 2 cores
METHODS = ("get", "post", "put", "patch", "delete")


def _routed_operations() -> list[str]:
    return [route.operation for route in API_ROUTES]


def _filtered_spec() -> dict[str, Any]:
    """Zoom's spec cut down to the operations the sandbox routes."""
    spec = load_spec()
    paths: dict[str, Any] = {}
    for operation in _routed_operations():
        method, path = operation.split(" ", 1)
        item = spec["paths"].get(path, {})
        if method.lower() in item:
            kept = paths.setdefault(path, {k: v for k, v in item.items() if k not in METHODS})
            kept[method.lower()] = item[method.lower()]
    return {**spec, "paths": paths}


# Routed operations that the Meetings spec in ../shared does not describe: they belong to Zoom's Users API,
# whose spec is not in ../shared. Named here so that nothing else can drop out of the run unnoticed.
NOT_IN_THE_MEETINGS_SPEC = {"GET /users", "GET /users/{userId}"}


def _labels() -> list[str]:
    if not spec_available():
        return ["(spec missing)"]
    return [op for op in _routed_operations() if op.split(" ", 1)[1] in _filtered_spec()["paths"]]


def test_only_the_users_api_operations_are_left_out_of_the_run() -> None:
    require_spec()
    left_out = {op for op in _routed_operations() if op not in _labels()}
    assert left_out == NOT_IN_THE_MEETINGS_SPEC


@dataclass(frozen=True)
class Allowed:
    operation: str
    failure: str
    status: int | None
    contains: str  # a piece of the failure's message, to tell one schema error from another
    reason: str

    def matches(self, operation: str, failure: Exception, status: int) -> bool:
        return (
            self.operation in ("*", operation)
            and self.failure == type(failure).__name__
            and (self.status is None or self.status == status)
            and self.contains in str(getattr(failure, "message", failure))
        )


def load_allowlist() -> list[Allowed]:
    entries = tomllib.loads(ALLOWLIST.read_text(encoding="utf-8"))["finding"]
    allowed = []
    for entry in entries:
        assert entry.get("reason", "").strip(), f"allowlist entry without a reason: {entry}"
        allowed.append(
            Allowed(
                entry["operation"], entry["failure"], entry.get("status"), entry.get("contains", ""), entry["reason"]
            )
        )
    return allowed


@pytest.fixture(scope="module")
def handle() -> Iterator[SandboxHandle]:
    with start_sandbox(SandboxOptions(seed=14, plan="business")) as running:
        yield running


@pytest.fixture(scope="module")
def schema() -> Any:
    require_spec()
    return schemathesis.openapi.from_dict(_filtered_spec())


def _real_ids(zoom: Zoom) -> dict[str, list[str]]:
    """Objects for one operation's examples: a live webinar with everything in it, an ended one, meetings."""
    zoom.advance(86400)  # a new UTC day: the per-user 100 create/update budget is the operation's own
    zoom.new_token()
    live = zoom.create_webinar(settings={"approval_type": 0})
    wid = live["id"]
    zoom.post(f"/webinars/{wid}/panelists", json={"panelists": [{"name": "Ada", "email": "ada@example.org"}]})
    panelist = zoom.get(f"/webinars/{wid}/panelists").json()["panelists"][0]["id"]
    question = {"name": "Useful?", "type": "single", "answers": ["Yes", "No"]}
    poll = zoom.post(f"/webinars/{wid}/polls", json={"title": "Feedback", "questions": [question]}).json()["id"]
    registrant = zoom.register(wid, "ana@example.org").json()["registrant_id"]
    ended = zoom.registration_webinar()
    zoom.seed_registrants(ended, 12)
    uuid = zoom.admin("POST", f"/webinars/{ended}/simulate", json={"seed": 1}).json()["uuid"]
    meeting = zoom.post("/users/me/meetings", json={"topic": "Panel", "settings": {"approval_type": 0}}).json()["id"]
    ended_meeting = zoom.post("/users/me/meetings", json={"topic": "Done"}).json()["id"]
    zoom.call("PUT", f"/meetings/{ended_meeting}/status", json={"action": "end"})
    zoom.advance(60)
    return {
        "userId": ["me", zoom.handle.host_email],
        "webinarId": [str(wid), live["uuid"]],
        "endedWebinarId": [str(ended), uuid],
        "meetingId": [str(meeting)],
        "endedMeetingId": [str(ended_meeting), str(ended)],
        "panelistId": [panelist, "ada@example.org"],
        "pollId": [poll],
        "registrantId": [registrant],
    }


def _id_kind(label: str, name: str) -> str:
    """past_*, report and recordings paths need an ended object; the rest a live one."""
    ended = any(part in label for part in ("/past_", "/report/", "/recordings"))
    if ended and name in ("webinarId", "meetingId"):
        return "endedMeetingId" if name == "meetingId" and "webinar" not in label else "endedWebinarId"
    return name


def _finding(label: str, failure: Exception, status: int) -> str:
    text = str(getattr(failure, "message", failure)).strip().replace("\n", " ")[:400]
    return f"{label} {type(failure).__name__} [{status}]: {text}"


@pytest.mark.parametrize("label", _labels())
def test_operation_conforms_to_zoom_spec(label: str, handle: SandboxHandle, schema: Any) -> None:
    zoom = Zoom(handle)
    ids = _real_ids(zoom)
    method, path = label.split(" ", 1)
    operation = schema[path][method]
    allowed = load_allowlist()
    findings: list[str] = []

    @given(case=operation.as_strategy(), real=st.data())
    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any, real: Any) -> None:
        for name in list(case.path_parameters or {}):
            if real.draw(st.integers(0, 4)) > 0:  # mostly real objects, sometimes what schemathesis made up
                case.path_parameters[name] = real.draw(st.sampled_from(ids[_id_kind(label, name)]))
        response = case.call(base_url=handle.api_url, headers={"Authorization": f"Bearer {zoom.token}"})
        try:
            case.validate_response(response, checks=CHECKS)
        except (FailureGroup, AssertionError) as error:
            failures = list(getattr(error, "exceptions", [error]))
            for failure in failures:
                if not any(a.matches(label, failure, response.status_code) for a in allowed):
                    findings.append(_finding(label, failure, response.status_code))

    run()
    assert not findings, "schemathesis findings not in the allowlist:\n" + "\n".join(sorted(set(findings)))
