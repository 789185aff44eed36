"""Helpers for the sync's end-to-end tests: a real sandbox on loopback and a real ZoomClient."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import requests
from cli_support import VirtualTime

from wmdctl.config import load_settings
from wmdctl.sandbox import SandboxHandle
from wmdctl.sync import SyncOptions, SyncResult, run_sync
from wmdctl.zoom.client import ZoomClient

PANEL = "Which panel breakout session would you like to join?"
PANEL_QUESTION = {"title": PANEL, "type": "single_radio", "required": True,
                  "answers": ["Creating caring metropolises", "Framing recovery for all"]}  # fmt: skip


def client_env(handle: SandboxHandle) -> dict[str, str]:
    return handle.settings()


def make_client(env: dict[str, str], state_dir: Path, clock: VirtualTime, plan: str = "pro") -> ZoomClient:
    """A client on the test's virtual time: its pacing and backoff move the clock instead of waiting."""
    settings = load_settings(env={**env, "ZOOM_PLAN": plan}, cwd=state_dir)
    config = settings.client_config(token_cache=state_dir / "token.json")
    return ZoomClient(config, sleep=clock.sleep, clock=clock.time)


def create_webinar(client: ZoomClient, host: str, *, approval_type: int = 1, questions: bool = True) -> str:
    body = {"topic": "Caring Metropolises", "type": 5, "start_time": "2031-10-07T15:00:00",
            "timezone": "Europe/Madrid", "duration": 90, "settings": {"approval_type": approval_type}}  # fmt: skip
    webinar_id = str(client.create_webinar(host, body)["id"])
    if questions:
        client.update_registration_questions(webinar_id, {"questions": [], "custom_questions": [PANEL_QUESTION]})
    return webinar_id


def write_people(path: Path, count: int, *, answers: bool = False, start: int = 0) -> Path:
    header = ["email", "first_name", "last_name"] + ([PANEL] if answers else [])
    lines = [",".join(header)]
    for i in range(start, start + count):
        cells = [f"person{i}@example.org", f"Nombre{i}", f"Apellido{i}"]
        if answers:
            cells.append(PANEL_QUESTION["answers"][i % 2])
        lines.append(",".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sync(client: Any, webinar_id: str, sources: Sequence[Path], state_dir: Path, **options: Any) -> SyncResult:
    return run_sync(client, webinar_id, list(sources), event=None, ledger_path=state_dir / "registrants.sqlite",
                    rejects_path=state_dir / "rejects.csv", options=SyncOptions(**options))  # fmt: skip


def registrants(handle: SandboxHandle, webinar_id: str) -> list[dict[str, Any]]:
    state = requests.get(f"{handle.admin_url}/state", timeout=60).json()
    webinar = next(w for w in state["webinars"] if str(w["id"]) == webinar_id)
    return list(webinar["_sandbox"]["registrants"])


def write_counters(handle: SandboxHandle) -> dict[str, int]:
    """The sandbox's own per-registrant add and status-change counters (all days summed).

    Read from the sandbox, not from wmdctl, to prove independently that nobody was posted again.
    """
    state = requests.get(f"{handle.admin_url}/state", timeout=60).json()
    counts: dict[str, int] = {}
    for row in state["counters"]:
        if row["key"].startswith(("add:", "status:")):
            counts[row["key"]] = counts.get(row["key"], 0) + int(row["count"])
    return counts


def child_environment(env: dict[str, str]) -> dict[str, str]:
    return {**os.environ, **env}
