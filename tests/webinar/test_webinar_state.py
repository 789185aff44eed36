"""webinars.json, through the state store: per Zoom world and event, written atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from wmdctl.state import files as state
from wmdctl.state.store import StateStore


def test_round_trip_per_world_and_event(state_dir: Path) -> None:
    store = StateStore(state_dir)
    assert store.webinar_id("https://api.zoom.us/v2", "wmd-2021") is None
    store.save_webinar_id("https://api.zoom.us/v2", "wmd-2021", 81234567890)
    store.save_webinar_id("sandbox:/tmp/s.db", "wmd-2021", "1")
    assert store.webinar_id("https://api.zoom.us/v2", "wmd-2021") == "81234567890"
    assert store.webinar_id("sandbox:/tmp/s.db", "wmd-2021") == "1"
    assert store.webinar_id("https://api.zoom.us/v2", "wmd-2022") is None
    store.save_webinar_id("sandbox:/tmp/s.db", "wmd-2021", None)
    assert store.webinar_id("sandbox:/tmp/s.db", "wmd-2021") is None
    data = json.loads((state_dir / "webinars.json").read_text())
    assert data == {"version": 1, "webinars": {"https://api.zoom.us/v2": {"wmd-2021": "81234567890"}}}


def test_a_failed_write_leaves_the_old_file_and_no_temporary(state_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = StateStore(state_dir)
    store.save_webinar_id("w", "e", "1")
    before = (state_dir / "webinars.json").read_text()

    def crash(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(state.os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        store.save_webinar_id("w", "e", "2")
    assert (state_dir / "webinars.json").read_text() == before
    assert sorted(p.name for p in state_dir.iterdir() if not p.name.endswith(".lock")) == ["webinars.json"]


def test_write_goes_through_a_temporary_file_in_the_same_directory(
    state_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = StateStore(state_dir)
    seen: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        seen.append((str(src), str(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(state.os, "replace", spy)
    store.save_webinar_id("w", "e", "1")
    [(src, dst)] = seen
    assert Path(src).parent == state_dir and Path(src).name.startswith(".webinars.json.")
    assert dst == str(state_dir / "webinars.json")


def test_a_corrupt_file_reads_as_empty(state_dir: Path) -> None:
    store = StateStore(state_dir)
    state_dir.mkdir()
    (state_dir / "webinars.json").write_text("{not json")
    assert store.webinar_id("w", "e") is None
    store.save_webinar_id("w", "e", "7")
    assert store.webinar_id("w", "e") == "7"
