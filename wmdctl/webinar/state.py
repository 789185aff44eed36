"""Which webinar belongs to which event, remembered in ``<state dir>/webinars.json``.

Keyed by Zoom "world" (the API URL, or the sandbox's database) and event key,
so a sandbox run never hands a sandbox id to the real Zoom. The file is
rewritten atomically (temporary file + os.replace) under a lock, so a crash or
two overlapping runs never leave it half-written.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from filelock import FileLock

STATE_FILE = "webinars.json"
FORMAT_VERSION = 1


def load_webinar_id(state_dir: Path, world: str, event_key: str) -> str | None:
    webinar_id = _read(state_dir / STATE_FILE).get(world, {}).get(event_key)
    return str(webinar_id) if webinar_id else None


def save_webinar_id(state_dir: Path, world: str, event_key: str, webinar_id: str | int) -> None:
    _update(state_dir, world, event_key, str(webinar_id))


def forget_webinar_id(state_dir: Path, world: str, event_key: str) -> None:
    _update(state_dir, world, event_key, None)


def _read(path: Path) -> dict[str, dict[str, str]]:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        # A corrupt file must not stop the job: rediscovery by topic + start finds the webinar again.
        return {}
    webinars = data.get("webinars") if isinstance(data, dict) else None
    return webinars if isinstance(webinars, dict) else {}


def _update(state_dir: Path, world: str, event_key: str, webinar_id: str | None) -> None:
    state_dir.mkdir(parents=True, exist_ok=True)
    path = state_dir / STATE_FILE
    with FileLock(str(path) + ".lock"):
        webinars = _read(path)
        by_event = dict(webinars.get(world, {}))
        if webinar_id is None:
            by_event.pop(event_key, None)
        else:
            by_event[event_key] = webinar_id
        if by_event:
            webinars[world] = by_event
        else:
            webinars.pop(world, None)
        write_json_atomic(path, {"version": FORMAT_VERSION, "webinars": webinars})


def write_json_atomic(path: Path, payload: Any) -> None:
    """Write JSON so that readers see the old file or the new one, never a torn one."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as tmp:
            json.dump(payload, tmp, indent=2, sort_keys=True)
            tmp.write("\n")
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
