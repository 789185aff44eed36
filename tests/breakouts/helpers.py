"""The event (real, from the factory) and a stand-in Zoom client, shared by the breakout tests."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from factories import EventData, edits, make_event, person, with_panel_people

from wmdctl.breakouts.model import Person
from wmdctl.event.model import Event
from wmdctl.zoom.errors import ZoomNotFoundError

MADRID = ZoneInfo("Europe/Madrid")
QUESTION = "Which panel breakout session would you like to join?"
TITLES = {1: "Creating caring metropolises", 2: "Framing recovery for all"}


def _breakout_people() -> Callable[[EventData], None]:
    # Known people, so tests can name who facilitates which room.
    return edits(
        with_panel_people(
            1,
            person("Ana Moderator", "mod1@example.org", "Metropolis"),
            person("Carlos Speaker", "sp1a@example.org", "City A"),
            person("Fatou Speaker", "sp1b@example.org", "City B"),
        ),
        with_panel_people(
            2,
            person("Sofia Moderator", "mod2@example.org", "UN-Habitat"),
            person("Rahul Speaker", "sp2a@example.org", "Agency"),
        ),
    )


def breakout_event(edit: Callable[[EventData], None] | None = None) -> Event:
    """The embedded WMD 2021 event with the panel people above (a real, validated Event)."""
    return make_event(edits(_breakout_people(), edit) if edit else _breakout_people())


PANELS = breakout_event().panels


def attendee(n: int, panel: int | None, org: str = "", registered_at: str = "") -> Person:
    return Person(f"a{n:04d}@example.org", f"Attendee {n}", org, "attendee", panel, registered_at=registered_at)


def facilitators(event: Event | None = None) -> list[Person]:
    from wmdctl.breakouts.choices import facilitators_from_panelists

    return facilitators_from_panelists((event or breakout_event()).panelists)


def registrant(n: int, answer: str | None, org: str = "", create_time: str = "") -> dict[str, Any]:
    questions = [{"title": QUESTION, "value": answer}] if answer is not None else []
    return {
        "id": f"reg{n}",
        "email": f"r{n:04d}@example.org",
        "first_name": f"First{n}",
        "last_name": f"Last{n}",
        "org": org,
        "custom_questions": questions,
        "status": "approved",
        "create_time": create_time or f"2021-09-{1 + n % 28:02d}T10:{n % 60:02d}:00Z",
    }


class FakeClient:
    """Keeps one meeting store like Zoom does and records every write."""

    def __init__(self, registrants: list[dict[str, Any]] | None = None) -> None:
        self.registrants = list(registrants or [])
        self.meetings: dict[str, dict[str, Any]] = {}
        self.writes: list[tuple[str, str, dict[str, Any]]] = []
        self._next_id = 81234567890

    def iter_registrants(self, webinar_id: str, status: str = "approved") -> Iterator[dict[str, Any]]:
        assert status == "approved"
        yield from (copy.deepcopy(r) for r in self.registrants)

    def create_meeting(self, user_id: str, body: dict[str, Any]) -> dict[str, Any]:
        self.writes.append(("create", user_id, copy.deepcopy(body)))
        meeting_id = str(self._next_id)
        self._next_id += 1
        stored = copy.deepcopy(body)
        # Zoom answers with UTC "Z" times, whatever was sent.
        local = datetime.fromisoformat(body["start_time"]).replace(tzinfo=ZoneInfo(body["timezone"]))
        stored["start_time"] = local.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ")
        stored.update(id=int(meeting_id), join_url=f"https://zoom.example/j/{meeting_id}")
        self.meetings[meeting_id] = stored
        return copy.deepcopy(stored)

    def iter_meetings(self, user_id: str, type: str = "scheduled") -> Iterator[dict[str, Any]]:
        for meeting in self.meetings.values():
            yield {key: meeting[key] for key in ("id", "topic", "start_time", "join_url")}

    def get_meeting(self, meeting_id: str) -> dict[str, Any]:
        if meeting_id not in self.meetings:
            raise ZoomNotFoundError("Meeting does not exist", status=404, code=3001)
        return copy.deepcopy(self.meetings[meeting_id])

    def update_meeting(self, meeting_id: str, body: dict[str, Any]) -> None:
        self.writes.append(("update", meeting_id, copy.deepcopy(body)))
        meeting = self.meetings[meeting_id]
        settings = body.pop("settings", None)
        meeting.update(copy.deepcopy(body))
        if settings:
            meeting.setdefault("settings", {}).update(copy.deepcopy(settings))
