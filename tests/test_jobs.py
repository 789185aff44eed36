"""JobContext: the one bundle a job gets; parts given up front are used as they are, the rest made on first use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from factories import make_event

from wmdctl.config import load_settings
from wmdctl.errors import ConfigError, NotFoundError
from wmdctl.jobs import JobContext
from wmdctl.state.store import StateStore

WORLD = "https://api.zoom.us/v2"


def _settings(tmp_path: Path, **extra: str) -> Any:
    return load_settings(env={"WMD_STATE_DIR": str(tmp_path / "state"), **extra}, cwd=tmp_path)


def test_the_webinar_id_is_the_recorded_one_for_this_world_and_event(tmp_path: Path) -> None:
    event = make_event()
    job = JobContext(_settings(tmp_path), event=event, world=WORLD)
    StateStore(job.state_dir).save_webinar_id(WORLD, event.key, "81234567890")
    StateStore(job.state_dir).save_webinar_id("sandbox:/x.db", event.key, "999")
    assert job.webinar_id() == "81234567890"


def test_no_recorded_webinar_is_not_found_and_says_to_apply_first(tmp_path: Path) -> None:
    job = JobContext(_settings(tmp_path), event=make_event(), world=WORLD)
    with pytest.raises(NotFoundError) as raised:
        job.webinar_id()
    assert raised.value.hint == "run `wmdctl webinar apply` first"


def test_the_record_is_read_each_time_so_an_apply_mid_run_is_seen(tmp_path: Path) -> None:
    event = make_event()
    job = JobContext(_settings(tmp_path), event=event, world=WORLD)
    with pytest.raises(NotFoundError):
        job.webinar_id()
    job.store.save_webinar_id(WORLD, event.key, "123")
    assert job.webinar_id() == "123"


def test_a_pinned_context_keeps_the_webinar_it_read_and_shares_the_client(tmp_path: Path) -> None:
    event = make_event()
    client = object()
    job = JobContext(_settings(tmp_path), client=client, event=event, world=WORLD)
    job.store.save_webinar_id(WORLD, event.key, "123")
    pinned = job.pinned()
    job.store.save_webinar_id(WORLD, event.key, "456")  # a `webinar apply` mid-report
    assert pinned.webinar_id() == "123" and job.webinar_id() == "456"
    assert pinned.client() is client and pinned.event() is event


def test_parts_given_up_front_are_used_as_they_are(tmp_path: Path) -> None:
    client = object()
    job = JobContext(
        _settings(tmp_path), state_dir=tmp_path / "mine", client=client, event=make_event(), world="sandbox:demo",
        host="host@example.org", webinar_id="42",
    )  # fmt: skip
    assert job.client() is client
    assert (job.host, job.world(), job.webinar_id()) == ("host@example.org", "sandbox:demo", "42")
    assert job.state_dir == tmp_path / "mine" and (tmp_path / "mine").stat().st_mode & 0o777 == 0o700


def test_unset_parts_come_from_the_settings_and_name_the_variable_when_missing(tmp_path: Path) -> None:
    job = JobContext(_settings(tmp_path, ZOOM_HOST="host@example.org"))
    assert job.host == "host@example.org"
    assert job.event().key == make_event().key  # the embedded default when no event file is set
    assert job.world() == job.settings.require("ZOOM_API_URL")  # the default API URL
    with pytest.raises(ConfigError) as raised:
        JobContext(_settings(tmp_path)).host  # noqa: B018 (the property raises)
    assert "ZOOM_HOST" in raised.value.message


def test_the_event_state_is_this_events_folder_with_its_ledger_and_lock(tmp_path: Path) -> None:
    event = make_event()
    state = JobContext(_settings(tmp_path), event=event).event_state()
    assert state.ledger.parent == state.sync_lock.parent == tmp_path / "state" / "events" / event.key
