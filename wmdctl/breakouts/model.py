"""What the breakout planner produces: rooms, the people in them, and who could not be placed.

It reads the real event model (``wmdctl.event.model``); tests build real events with tests/factories.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

# Zoom's published pre-assignment limits (support article KB0061353; not in the OpenAPI spec).
MAX_ROOMS = 100
MAX_PREASSIGNED = 1000

NoChoicePolicy = Literal["spread", "exclude"]
Role = Literal["moderator", "speaker", "attendee"]

CAVEAT = (
    "Zoom pre-assigns a breakout room only to people who join signed in to Zoom with the exact email they "
    "registered with. Everyone else lands in the main session and must be placed by the host during the meeting "
    "(or imported beforehand with the portal CSV)."
)


def stable_hash(text: str) -> str:
    """A hash that is the same in every process (Python's hash() is salted per run)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def room_letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: spreadsheet-style, so any number of rooms gets a name."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def panel_room_base(number: int, title: str) -> str:
    return f"Panel {number}: {title}"


def room_name(number: int, title: str, index: int, count: int) -> str:
    """A lone room is named after its panel; siblings get "— Room A", "— Room B", ..."""
    base = panel_room_base(number, title)
    return base if count == 1 else f"{base} — Room {room_letters(index)}"


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    organisation: str = ""
    role: Role = "attendee"
    panel: int | None = None  # the panel chosen (attendees) or served (panelists)
    choice: str = ""  # the raw registration answer, quoted back in reasons
    registered_at: str = ""  # Zoom's create_time: first come, first served at the limits

    @property
    def is_facilitator(self) -> bool:
        return self.role != "attendee"


@dataclass(frozen=True)
class Room:
    name: str
    panel: int | None  # None: a room wmdctl did not make (kept as it is)
    participants: tuple[str, ...]
    facilitators: tuple[str, ...] = ()
    added: tuple[str, ...] = ()  # emails this plan adds; the rest were already assigned

    @property
    def size(self) -> int:
        return len(self.participants)


@dataclass(frozen=True)
class Unplaced:
    email: str
    name: str
    panel: int | None
    reason: str


@dataclass(frozen=True)
class BreakoutPlan:
    rooms: tuple[Room, ...]
    unplaced: tuple[Unplaced, ...] = ()
    dropped: tuple[str, ...] = ()  # were assigned, but are no longer approved registrants or panelists
    warnings: tuple[str, ...] = ()
    people: Mapping[str, Person] = field(default_factory=dict)
    capacity: int = 50
    meeting_id: str | None = None  # filled in once the companion meeting is known
    join_url: str = ""

    @property
    def assigned_count(self) -> int:
        return sum(room.size for room in self.rooms)

    @property
    def added_count(self) -> int:
        return sum(len(room.added) for room in self.rooms)

    def assignment(self) -> dict[str, tuple[str, ...]]:
        return {room.name: room.participants for room in self.rooms}

    def to_dict(self) -> dict[str, Any]:
        """The stable --json shape."""
        return {
            "meeting_id": self.meeting_id,
            "join_url": self.join_url,
            "rooms": [
                {
                    "name": room.name,
                    "panel": room.panel,
                    "size": room.size,
                    "facilitators": list(room.facilitators),
                    "participants": list(room.participants),
                    "added": list(room.added),
                }
                for room in self.rooms
            ],
            "assigned": self.assigned_count,
            "added": self.added_count,
            "capacity": self.capacity,
            "limits": {"rooms": MAX_ROOMS, "participants": MAX_PREASSIGNED},
            "unplaced": [
                {"email": u.email, "name": u.name, "panel": u.panel, "reason": u.reason} for u in self.unplaced
            ],
            "dropped": list(self.dropped),
            "warnings": list(self.warnings),
            "caveat": CAVEAT,
        }
