"""The meeting id record in the state dir."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wmdctl.breakouts.state import STATE_FILE, forget_meeting_id, load_meeting_id, save_meeting_id


def test_ids_are_kept_per_world_and_event(tmp_path: Path) -> None:
    save_meeting_id(tmp_path, "https://api.zoom.us/v2", "wmd-2021", "111")
    save_meeting_id(tmp_path, "sandbox:/s.db", "wmd-2021", "222")
    assert load_meeting_id(tmp_path, "https://api.zoom.us/v2", "wmd-2021") == "111"
    assert load_meeting_id(tmp_path, "sandbox:/s.db", "wmd-2021") == "222"
    assert load_meeting_id(tmp_path, "sandbox:/s.db", "wmd-2022") is None
    forget_meeting_id(tmp_path, "sandbox:/s.db", "wmd-2021")
    assert load_meeting_id(tmp_path, "sandbox:/s.db", "wmd-2021") is None
    assert load_meeting_id(tmp_path, "https://api.zoom.us/v2", "wmd-2021") == "111"


def test_writes_are_atomic_and_leave_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    state = tmp_path / "state-here"
    save_meeting_id(state, "w", "e", "1")
    save_meeting_id(state, "w", "e", "2")
    assert [p.name for p in state.iterdir() if not p.name.endswith(".lock")] == [STATE_FILE]
    assert json.loads((state / STATE_FILE).read_text()) == {"w": {"e": {"meeting_id": "2"}}}

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("wmdctl.state.files.json.dump", crash)
    with pytest.raises(OSError):
        save_meeting_id(state, "w", "e", "3")
    assert [p.name for p in state.iterdir() if not p.name.endswith(".lock")] == [
        STATE_FILE
    ]  # the half-written temporary file is gone
    assert load_meeting_id(state, "w", "e") == "2"  # and the previous record is intact


def test_a_missing_state_dir_means_no_meeting(tmp_path: Path) -> None:
    assert load_meeting_id(tmp_path / "nowhere", "w", "e") is None
