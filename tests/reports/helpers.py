"""Hand-built Zoom rows and a small event for the report tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

MADRID = ZoneInfo("Europe/Madrid")
# World Metropolitan Day 2021: 15:00-16:30 Madrid (CEST) = 13:00-14:30 UTC.
START = datetime(2021, 10, 7, 13, 0, tzinfo=UTC)
END = START + timedelta(minutes=90)


def at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def zoom_time(minutes: float) -> str:
    return at(minutes).strftime("%Y-%m-%dT%H:%M:%SZ")


def segment(
    join: float,
    leave: float,
    *,
    name: str = "Ana García",
    email: str = "",
    registrant_id: str = "",
    user_id: str = "",
    participant_user_id: str = "",
    status: str | None = None,
    duration: int | None = None,
) -> dict[str, Any]:
    """One participant row, as Zoom's report returns it (minutes from the webinar start)."""
    row: dict[str, Any] = {
        "id": participant_user_id,
        "user_id": user_id or f"u-{name}-{join}",
        "participant_user_id": participant_user_id,
        "name": name,
        "user_email": email,
        "join_time": zoom_time(join),
        "leave_time": zoom_time(leave),
        "duration": int((leave - join) * 60) if duration is None else duration,
        "registrant_id": registrant_id,
    }
    if status is not None:
        row["status"] = status
    return row


def registrant(
    rid: str, first: str, last: str, email: str, *, status: str = "approved", **extra: Any
) -> dict[str, Any]:
    return {"id": rid, "first_name": first, "last_name": last, "email": email, "status": status, **extra}


@dataclass(frozen=True)
class FakePanel:
    number: int
    title: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class FakePanelist:
    email: str
    role: str = "speaker"


@dataclass(frozen=True)
class FakeQuestion:
    title: str


@dataclass(frozen=True)
class FakeRegistration:
    custom_questions: tuple[FakeQuestion, ...] = ()


@dataclass(frozen=True)
class FakePollQuestion:
    name: str
    answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class FakePoll:
    title: str
    questions: tuple[FakePollQuestion, ...]
    panel: int | None = None


@dataclass(frozen=True)
class FakeEvent:
    timezone: str = "Europe/Madrid"
    start: datetime = datetime(2021, 10, 7, 15, 0, tzinfo=MADRID)
    end: datetime = datetime(2021, 10, 7, 16, 30, tzinfo=MADRID)
    panels: tuple[FakePanel, ...] = (
        FakePanel(1, "Creating caring metropolises", at(10).astimezone(MADRID), at(45).astimezone(MADRID)),
        FakePanel(2, "Framing recovery for all", at(45).astimezone(MADRID), at(85).astimezone(MADRID)),
    )
    panelists: tuple[FakePanelist, ...] = (FakePanelist("moderator@example.org", "moderator"),)
    registration: FakeRegistration = field(
        default_factory=lambda: FakeRegistration(
            (FakeQuestion("Which panel breakout session would you like to join?"),)
        )
    )
    polls: tuple[FakePoll, ...] = (
        FakePoll(
            "Panel 1: Creating caring metropolises",
            (FakePollQuestion("Which matters most for care?", ("Care", "Housing")), FakePollQuestion("Your city?")),
            1,
        ),
        FakePoll(
            "Panel 2: Framing recovery for all",
            (FakePollQuestion("Which recovery first?", ("Jobs", "Health")), FakePollQuestion("Your city?")),
            2,
        ),
    )
