"""Which Zoom meeting holds an event's breakout rooms: a thin view of the state store's ``breakouts.json``.

Written atomically and under a lock, so a crash mid-write leaves the previous record rather than an empty
file that would cause a duplicate meeting on the next run.
"""

from __future__ import annotations

from pathlib import Path

from wmdctl.state.store import BREAKOUTS_FILE, StateStore

STATE_FILE = BREAKOUTS_FILE


def load_meeting_id(state_dir: Path, world: str, event_key: str) -> str | None:
    return StateStore(state_dir).meeting_id(world, event_key)


def save_meeting_id(state_dir: Path, world: str, event_key: str, meeting_id: str) -> None:
    StateStore(state_dir).save_meeting_id(world, event_key, meeting_id)


def forget_meeting_id(state_dir: Path, world: str, event_key: str) -> None:
    StateStore(state_dir).save_meeting_id(world, event_key, None)
