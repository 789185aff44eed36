"""Which Zoom meeting holds an event's breakout rooms, per Zoom "world".

``breakouts.json`` in the state dir: ``{world: {event_key: {"meeting_id": "…"}}}``.
Keyed by world so a sandbox run never points a real apply at a sandbox id.
Written atomically (temporary file + os.replace) so a crash mid-write leaves the
previous record intact rather than an empty file that would cause a duplicate
meeting on the next run.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

STATE_FILE = "breakouts.json"


def _read(state_dir: Path) -> dict[str, Any]:
    path = state_dir / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return data if isinstance(data, dict) else {}


def _write(state_dir: Path, data: dict[str, Any]) -> None:
    state_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=state_dir, prefix=f".{STATE_FILE}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            json.dump(data, stream, indent=2, sort_keys=True)
            stream.write("\n")
        os.replace(tmp, state_dir / STATE_FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_meeting_id(state_dir: Path, world: str, event_key: str) -> str | None:
    record = _read(state_dir).get(world, {}).get(event_key) or {}
    meeting_id = record.get("meeting_id")
    return str(meeting_id) if meeting_id else None


def save_meeting_id(state_dir: Path, world: str, event_key: str, meeting_id: str) -> None:
    data = _read(state_dir)
    data.setdefault(world, {})[event_key] = {"meeting_id": str(meeting_id)}
    _write(state_dir, data)


def forget_meeting_id(state_dir: Path, world: str, event_key: str) -> None:
    data = _read(state_dir)
    if data.get(world, {}).pop(event_key, None) is not None:
        _write(state_dir, data)
