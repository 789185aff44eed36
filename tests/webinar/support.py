"""The job context the webinar job gets in these tests: a fake (or real) client, the event, a state dir."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factories import make_job

from wmdctl.event.model import Event
from wmdctl.jobs import JobContext

HOST = "host@example.org"
WORLD = "https://api.zoom.test/v2"


def webinar_job(client: Any, event: Event, state_dir: Path, *, host: str = HOST, world: str = WORLD) -> JobContext:
    return make_job(client, event, state_dir=state_dir, world=world, host=host)
