"""A corrupt id record is kept aside and named before a write replaces it; reading alone never touches it."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from wmdctl.state.store import BREAKOUTS_FILE, WEBINARS_FILE, StateStore

CORRUPT = '{"version": 1, "webinars": {"w": {"other-event": "81234567890", '  # cut short mid-write by a full disk


def store(root: Path, said: list[str]) -> StateStore:
    root.mkdir(exist_ok=True)
    return StateStore(root, warn=said.append)


@pytest.mark.parametrize(
    ("name", "save"),
    [
        (WEBINARS_FILE, lambda s: s.save_webinar_id("w", "e", "7")),
        (BREAKOUTS_FILE, lambda s: s.save_meeting_id("w", "e", "9")),
    ],
)
def test_a_write_moves_a_corrupt_record_aside_and_says_where(tmp_path: Path, name: str, save: object) -> None:
    said: list[str] = []
    state = store(tmp_path / "state", said)
    (state.root / name).write_text(CORRUPT, encoding="utf-8")
    save(state)  # type: ignore[operator]
    [aside] = state.root.glob(f"{name}.corrupt-*")
    assert aside.read_text(encoding="utf-8") == CORRUPT  # the other event's id is still there to copy back
    assert stat.S_IMODE(aside.stat().st_mode) == 0o600
    assert aside.name[len(name) + len(".corrupt-") :].endswith("Z")  # a UTC timestamp
    [warning] = said
    assert str(aside) in warning and str(state.root / name) in warning
    json.loads((state.root / name).read_text(encoding="utf-8"))  # written anew, whole


def test_reading_a_corrupt_record_leaves_it_alone(tmp_path: Path) -> None:
    said: list[str] = []
    state = store(tmp_path / "state", said)
    (state.root / WEBINARS_FILE).write_bytes(b"\xff\xfe not json")
    assert state.webinar_id("w", "e") is None and state.meeting_id("w", "e") is None
    assert (state.root / WEBINARS_FILE).read_bytes() == b"\xff\xfe not json"
    assert list(state.root.glob("*.corrupt-*")) == [] and said == []


def test_a_record_of_the_wrong_shape_is_kept_too(tmp_path: Path) -> None:
    said: list[str] = []
    state = store(tmp_path / "state", said)
    (state.root / WEBINARS_FILE).write_text('["81234567890"]', encoding="utf-8")
    state.save_webinar_id("w", "e", "7")
    assert len(list(state.root.glob(f"{WEBINARS_FILE}.corrupt-*"))) == 1 and len(said) == 1


def test_a_good_record_keeps_the_other_events_and_warns_nothing(tmp_path: Path) -> None:
    said: list[str] = []
    state = store(tmp_path / "state", said)
    state.save_webinar_id("w", "other", "1")
    state.save_webinar_id("w", "e", "2")
    assert state.webinar_id("w", "other") == "1" and state.webinar_id("w", "e") == "2"
    assert said == [] and list(state.root.glob("*.corrupt-*")) == []


def test_without_a_warn_callable_the_warning_is_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = tmp_path / "state"
    root.mkdir()
    (root / WEBINARS_FILE).write_text(CORRUPT, encoding="utf-8")
    StateStore(root).save_webinar_id("w", "e", "7")
    assert any("corrupt-" in r.getMessage() and r.levelname == "WARNING" for r in caplog.records)
