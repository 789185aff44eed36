"""The breakout meeting's id in the state store: per world and event, written atomically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wmdctl.state.store import BREAKOUTS_FILE as STATE_FILE
from wmdctl.state.store import StateStore


def test_ids_are_kept_per_world_and_event(tmp_path: Path) -> None:
    StateStore(tmp_path).save_meeting_id("https://api.zoom.us/v2", "wmd-2021", "111")
    StateStore(tmp_path).save_meeting_id("sandbox:/s.db", "wmd-2021", "222")
    assert StateStore(tmp_path).meeting_id("https://api.zoom.us/v2", "wmd-2021") == "111"
    assert StateStore(tmp_path).meeting_id("sandbox:/s.db", "wmd-2021") == "222"
    assert StateStore(tmp_path).meeting_id("sandbox:/s.db", "wmd-2022") is None
    StateStore(tmp_path).save_meeting_id("sandbox:/s.db", "wmd-2021", None)  # forgotten
    assert StateStore(tmp_path).meeting_id("sandbox:/s.db", "wmd-2021") is None
    assert StateStore(tmp_path).meeting_id("https://api.zoom.us/v2", "wmd-2021") == "111"


def test_writes_are_atomic_and_leave_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    state = tmp_path / "state-here"
    StateStore(state).save_meeting_id("w", "e", "1")
    StateStore(state).save_meeting_id("w", "e", "2")
    assert [p.name for p in state.iterdir() if not p.name.endswith(".lock")] == [STATE_FILE]
    assert json.loads((state / STATE_FILE).read_text()) == {"w": {"e": {"meeting_id": "2"}}}

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("wmdctl.state.files.json.dump", crash)
    with pytest.raises(OSError):
        StateStore(state).save_meeting_id("w", "e", "3")
    assert [p.name for p in state.iterdir() if not p.name.endswith(".lock")] == [
        STATE_FILE
    ]  # the half-written temporary file is gone
    assert StateStore(state).meeting_id("w", "e") == "2"  # and the previous record is intact


def test_a_missing_state_dir_means_no_meeting(tmp_path: Path) -> None:
    assert StateStore(tmp_path / "nowhere").meeting_id("w", "e") is None
