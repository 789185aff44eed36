"""Which webinar belongs to which event: a thin view of the state store's ``webinars.json``."""

from __future__ import annotations

from pathlib import Path

from wmdctl.state.store import WEBINARS_FILE, StateStore

STATE_FILE = WEBINARS_FILE


def load_webinar_id(state_dir: Path, world: str, event_key: str) -> str | None:
    return StateStore(state_dir).webinar_id(world, event_key)


def save_webinar_id(state_dir: Path, world: str, event_key: str, webinar_id: str | int) -> None:
    StateStore(state_dir).save_webinar_id(world, event_key, webinar_id)


def forget_webinar_id(state_dir: Path, world: str, event_key: str) -> None:
    StateStore(state_dir).save_webinar_id(world, event_key, None)
