"""A small in-memory Zoom for the webinar job: it keeps state and records every write."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from wmdctl.event.load import load_event
from wmdctl.event.model import Event
from wmdctl.zoom.errors import ZoomNotFoundError

HOST = "host@example.org"
WORLD = "https://api.zoom.test/v2"


def to_utc_z(local: str, zone: str) -> str:
    """What Zoom answers for a local start_time: the same instant in UTC with Z."""
    moment = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def merge(target: dict[str, Any], patch: dict[str, Any]) -> None:
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


class FakeZoom:
    """Behaves like Zoom where the webinar job can tell: UTC start times, server-added fields, 404s."""

    def __init__(self) -> None:
        self.webinars: dict[str, dict[str, Any]] = {}
        self.panelists: dict[str, list[dict[str, Any]]] = {}
        self.questions: dict[str, dict[str, Any]] = {}
        self.polls: dict[str, list[dict[str, Any]]] = {}
        self.writes: list[tuple[str, Any]] = []
        self.fail_on: dict[str, Exception] = {}
        self._ids = itertools.count(81234567890)

    def _write(self, name: str, arg: Any) -> None:
        if name in self.fail_on:
            raise self.fail_on.pop(name)
        self.writes.append((name, copy.deepcopy(arg)))

    def _get(self, webinar_id: str | int) -> dict[str, Any]:
        if str(webinar_id) not in self.webinars:
            raise ZoomNotFoundError(f"Webinar does not exist: {webinar_id}.", status=404, code=3001)
        return self.webinars[str(webinar_id)]

    def create_webinar(self, user_id: str, body: dict[str, Any]) -> dict[str, Any]:
        self._write("create_webinar", body)
        webinar_id = str(next(self._ids))
        webinar = copy.deepcopy(body)
        webinar["start_time"] = to_utc_z(body["start_time"], body["timezone"])
        webinar.update(
            id=int(webinar_id), uuid="abc==", host_email=user_id, join_url=f"https://zoom.test/j/{webinar_id}"
        )
        webinar["registration_url"] = f"https://zoom.test/webinar/register/{webinar_id}"
        webinar["start_url"] = f"https://zoom.test/s/{webinar_id}?zak=secret"
        webinar["settings"].update(audio="both", registrants_restrict_number=0)
        for interpreter in webinar["settings"]["language_interpretation"]["interpreters"]:
            interpreter["languages"] = "US,ES"  # Zoom adds the deprecated form
        self.webinars[webinar_id] = webinar
        self.panelists[webinar_id], self.polls[webinar_id] = [], []
        self.questions[webinar_id] = {"questions": [], "custom_questions": []}
        return copy.deepcopy(webinar)

    def get_webinar(self, webinar_id: str | int) -> dict[str, Any]:
        return copy.deepcopy(self._get(webinar_id))

    def update_webinar(self, webinar_id: str | int, body: dict[str, Any]) -> None:
        webinar = self._get(webinar_id)
        self._write("update_webinar", body)
        merge(webinar, body)
        if "start_time" in body:
            webinar["start_time"] = to_utc_z(body["start_time"], body["timezone"])

    def delete_webinar(self, webinar_id: str | int, *, cancel_reminder: bool = False) -> None:
        self._get(webinar_id)
        self._write("delete_webinar", (str(webinar_id), cancel_reminder))
        del self.webinars[str(webinar_id)]

    def iter_webinars(self, user_id: str, type: str = "scheduled") -> Iterator[dict[str, Any]]:
        for webinar_id, w in self.webinars.items():
            yield {"id": int(webinar_id), "topic": w["topic"], "start_time": w["start_time"], "timezone": w["timezone"]}

    def list_panelists(self, webinar_id: str | int) -> list[dict[str, Any]]:
        self._get(webinar_id)
        return copy.deepcopy(self.panelists[str(webinar_id)])

    def add_panelists(self, webinar_id: str | int, panelists: list[dict[str, Any]]) -> int:
        self._get(webinar_id)
        self._write("add_panelists", panelists)
        for p in panelists:
            self.panelists[str(webinar_id)].append({**p, "id": f"pn{len(self.writes)}{p['email']}", "join_url": "x"})
        return (len(panelists) + 29) // 30

    def delete_panelist(self, webinar_id: str | int, panelist_id_or_email: str) -> None:
        self._write("delete_panelist", panelist_id_or_email)
        self.panelists[str(webinar_id)] = [
            p for p in self.panelists[str(webinar_id)] if panelist_id_or_email not in (p["id"], p["email"])
        ]

    def get_registration_questions(self, webinar_id: str | int) -> dict[str, Any]:
        self._get(webinar_id)
        return copy.deepcopy(self.questions[str(webinar_id)])

    def update_registration_questions(self, webinar_id: str | int, body: dict[str, Any]) -> None:
        self._write("update_registration_questions", body)
        self.questions[str(webinar_id)] = copy.deepcopy(body)

    def list_polls(self, webinar_id: str | int) -> list[dict[str, Any]]:
        self._get(webinar_id)
        return copy.deepcopy(self.polls[str(webinar_id)])

    def create_poll(self, webinar_id: str | int, body: dict[str, Any]) -> dict[str, Any]:
        self._write("create_poll", body)
        poll = {**copy.deepcopy(body), "id": f"poll{len(self.polls[str(webinar_id)])}", "status": "notstart"}
        self.polls[str(webinar_id)].append(poll)
        return poll

    def write_names(self) -> list[str]:
        return [name for name, _ in self.writes]


@pytest.fixture
def fake() -> FakeZoom:
    return FakeZoom()


@pytest.fixture
def event() -> Event:
    return load_event(None)


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "state"
