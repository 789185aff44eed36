"""Real `Event` objects for tests, built the way users build them: from an event file's data.

Tests start from the embedded World Metropolitan Day 2021 event and change what they need through
``edit`` (a function that mutates the parsed TOML), so every test exercises the real model and its
validation instead of a hand-made stand-in that can drift from it.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from wmdctl.event.load import build_event, default_event_text
from wmdctl.event.model import Event

if TYPE_CHECKING:
    from wmdctl.jobs import JobContext

EventData = dict[str, Any]


@lru_cache(maxsize=1)
def _embedded_data() -> EventData:
    return tomllib.loads(default_event_text())


def event_data() -> EventData:
    """A fresh, mutable copy of the embedded event file's data."""
    return copy.deepcopy(_embedded_data())


def make_event(edit: Callable[[EventData], None] | None = None, *, source: str = "factory.toml") -> Event:
    data = event_data()
    if edit is not None:
        edit(data)
    return build_event(data, source)


def make_job(client: Any, event: Event | None = None, **parts: Any) -> JobContext:
    """The job context a job gets in tests: this client (a fake, or a real one over HTTP) and a real event.

    ``parts`` are JobContext's own keywords (state_dir, world, host, webinar_id, timing); settings are empty,
    so nothing comes from the machine's environment.
    """
    from wmdctl.config import load_settings
    from wmdctl.jobs import JobContext

    return JobContext(load_settings(env={}), client=client, event=event or make_event(), **parts)


def person(name: str, email: str, organisation: str = "") -> dict[str, str]:
    return {"name": name, "email": email, "organisation": organisation}


def with_panel_people(panel: int, moderator: dict[str, str], *speakers: dict[str, str]) -> Callable[[EventData], None]:
    """An ``edit`` that replaces panel ``panel`` (1-based)'s moderator and speakers."""

    def edit(data: EventData) -> None:
        table = data["panels"][panel - 1]
        table["moderator"] = moderator
        table["speakers"] = list(speakers)

    return edit


def edits(*steps: Callable[[EventData], None]) -> Callable[[EventData], None]:
    def edit(data: EventData) -> None:
        for step in steps:
            step(data)

    return edit


def shifted(delta: timedelta) -> Callable[[EventData], None]:
    """An ``edit`` that moves every time in the event file (event, panels, breakouts) by ``delta``."""

    def shift(value: Any) -> Any:
        if isinstance(value, datetime):
            return value + delta
        if isinstance(value, dict):
            return {key: shift(item) for key, item in value.items()}
        if isinstance(value, list):
            return [shift(item) for item in value]
        return value

    def edit(data: EventData) -> None:
        data.update(shift(data))

    return edit


def uncomment_survey_and_livestream(text: str) -> str:
    """The event file text with its commented-out ``[survey]`` and ``[livestream]`` examples turned on."""
    import re

    head, marker, rest = text.partition("# --- Survey and live stream")
    section, next_marker, tail = rest.partition("\n# ---")
    section = re.sub(r"^# (\[(?:survey|livestream)\]|[a-z_]+ = .*)$", r"\1", section, flags=re.MULTILINE)
    return head + marker + section + next_marker + tail
