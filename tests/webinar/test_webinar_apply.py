"""Applying the plan against an in-memory Zoom that records every write."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from wmdctl.event.model import Event
from wmdctl.exitcodes import ExitCode
from wmdctl.state.store import StateStore
from wmdctl.webinar.job import ApplyIncomplete, apply_webinar, locate_webinar
from wmdctl.webinar.lifecycle import delete_event_webinar, webinar_details
from wmdctl.zoom.errors import ZoomRateLimitError, ZoomServerError

from .support import WORLD, webinar_job


def apply(fake: Any, event: Event, state_dir: Path, **kwargs: Any) -> Any:
    return apply_webinar(webinar_job(fake, event, state_dir), **kwargs)


def test_first_apply_creates_everything_with_one_post_for_the_webinar(fake: Any, event: Event, state_dir: Path) -> None:
    result = apply(fake, event, state_dir)
    assert fake.write_names() == [
        "create_webinar", "add_panelists", "update_registration_questions", "create_poll", "create_poll"
    ]  # fmt: skip
    created_body = fake.writes[0][1]
    assert created_body["settings"]["approval_type"] == 1  # settings travel in the create POST
    assert created_body["start_time"] == "2021-10-07T15:00:00"
    assert StateStore(state_dir).webinar_id(WORLD, event.key) == result.webinar_id
    assert result.done[0] == f"created webinar {result.webinar_id} (id saved)"


def test_second_apply_sends_no_write(fake: Any, event: Event, state_dir: Path) -> None:
    apply(fake, event, state_dir)
    writes = len(fake.writes)
    second = apply(fake, event, state_dir)
    assert len(fake.writes) == writes
    assert second.plan.up_to_date and second.done == []


def test_lost_record_rediscovers_the_webinar_instead_of_creating_a_duplicate(
    fake: Any, event: Event, state_dir: Path
) -> None:
    first = apply(fake, event, state_dir)
    (state_dir / "webinars.json").unlink()
    writes = len(fake.writes)
    second = apply(fake, event, state_dir)
    assert len(fake.webinars) == 1
    assert len(fake.writes) == writes
    assert second.located.rediscovered
    assert StateStore(state_dir).webinar_id(WORLD, event.key) == first.webinar_id


def test_record_of_a_deleted_webinar_leads_to_a_new_one(fake: Any, event: Event, state_dir: Path) -> None:
    StateStore(state_dir).save_webinar_id(WORLD, event.key, "999")
    result = apply(fake, event, state_dir)
    assert result.located.stale_id == "999"
    assert fake.write_names()[0] == "create_webinar"
    assert StateStore(state_dir).webinar_id(WORLD, event.key) == result.webinar_id != "999"


def test_changed_event_is_one_patch_with_only_the_changes(fake: Any, event: Event, state_dir: Path) -> None:
    apply(fake, event, state_dir)
    fake.writes.clear()
    longer = dataclasses.replace(event, end=event.end.replace(hour=17, minute=0))
    result = apply(fake, longer, state_dir)
    assert fake.writes == [("update_webinar", {"duration": 120})]
    assert [c.path for c in result.plan.changes] == ["duration"]
    assert apply(fake, longer, state_dir).plan.up_to_date


def test_prune_only_with_the_flag(fake: Any, event: Event, state_dir: Path) -> None:
    first = apply(fake, event, state_dir)
    fake.panelists[first.webinar_id].append({"id": "z", "name": "Extra", "email": "extra@example.org"})
    fake.writes.clear()
    kept = apply(fake, event, state_dir)
    assert fake.writes == [] and kept.plan.panelists_kept[0]["email"] == "extra@example.org"
    apply(fake, event, state_dir, prune=True)
    assert fake.writes == [("delete_panelist", "extra@example.org")]


def test_only_missing_polls_are_created(fake: Any, event: Event, state_dir: Path) -> None:
    first = apply(fake, event, state_dir)
    fake.polls[first.webinar_id].pop(0)
    fake.writes.clear()
    apply(fake, event, state_dir)
    assert [(name, body["title"]) for name, body in fake.writes] == [
        ("create_poll", "Panel 1: Creating caring metropolises")
    ]


def test_dry_run_sends_nothing(fake: Any, event: Event, state_dir: Path) -> None:
    result = apply(fake, event, state_dir, dry_run=True)
    assert fake.writes == [] and result.dry_run and result.plan.action == "create"
    assert StateStore(state_dir).webinar_id(WORLD, event.key) is None


def test_failure_midway_says_what_was_done_and_the_id_is_already_saved(
    fake: Any, event: Event, state_dir: Path
) -> None:
    fake.fail_on["add_panelists"] = ZoomServerError("Internal error", status=500)
    with pytest.raises(ApplyIncomplete) as caught:
        apply(fake, event, state_dir)
    error = caught.value
    webinar_id = next(iter(fake.webinars))
    assert StateStore(state_dir).webinar_id(WORLD, event.key) == webinar_id
    assert error.done == [f"created webinar {webinar_id} (id saved)"]
    assert error.not_done == [
        "add 8 panelist(s)",
        "set the registration questions",
        "create poll 'Panel 1: Creating caring metropolises'",
        "create poll 'Panel 2: Framing recovery for all'",
    ]
    assert "stopped while trying to add 8 panelist(s)" in error.message
    assert error.exit_code == ExitCode.PARTIAL
    # The rerun resumes: no second webinar, the rest is written.
    apply(fake, event, state_dir)
    assert fake.write_names().count("create_webinar") == 1
    assert len(fake.panelists[webinar_id]) == 8


def test_failure_keeps_the_exit_code_of_a_daily_limit(fake: Any, event: Event, state_dir: Path) -> None:
    apply(fake, event, state_dir)
    fake.fail_on["update_webinar"] = ZoomRateLimitError("daily limit (100)", daily=True, scope="user", status=429)
    renamed = dataclasses.replace(event, agenda="A new agenda")
    with pytest.raises(ApplyIncomplete) as caught:
        apply(fake, renamed, state_dir)
    assert caught.value.exit_code == ExitCode.RATE_LIMITED
    assert caught.value.done == []
    assert caught.value.not_done == ["update the webinar (agenda)"]


def test_show_hides_the_start_url_unless_asked(fake: Any, event: Event, state_dir: Path) -> None:
    webinar_id = apply(fake, event, state_dir).webinar_id
    job = webinar_job(fake, event, state_dir)
    details = webinar_details(job)  # the recorded webinar's
    assert details["id"] == webinar_id
    assert "start_url" not in details
    assert details["start_time_local"] == "2021-10-07T15:00:00"
    assert details["settings"]["registration"] == "manual approval"
    assert len(details["panelists"]) == 8 and len(details["polls"]) == 2
    assert webinar_details(job, show_start_url=True)["start_url"].startswith("https://")


def test_delete_forgets_the_id(fake: Any, event: Event, state_dir: Path) -> None:
    webinar_id = apply(fake, event, state_dir).webinar_id
    assert webinar_id is not None
    job = webinar_job(fake, event, state_dir)
    assert delete_event_webinar(job, webinar_id, cancel_reminder=True) == webinar_id
    assert fake.writes[-1] == ("delete_webinar", (webinar_id, True))
    assert StateStore(state_dir).webinar_id(WORLD, event.key) is None
    assert locate_webinar(job).webinar is None


def test_delete_removes_the_confirmed_webinar_even_if_the_record_changed_meanwhile(
    fake: Any, event: Event, state_dir: Path
) -> None:
    confirmed = apply(fake, event, state_dir).webinar_id
    assert confirmed is not None
    StateStore(state_dir).save_webinar_id(WORLD, event.key, "98765432100")  # a `webinar apply` during the prompt
    job = webinar_job(fake, event, state_dir)
    assert delete_event_webinar(job, confirmed) == confirmed
    assert fake.writes[-1] == ("delete_webinar", (confirmed, False))  # the one the user said yes to
    assert StateStore(state_dir).webinar_id(WORLD, event.key) == "98765432100"  # the newer record is kept


def test_polls_disabled_on_the_account_is_a_note_not_a_failure(fake: Any, event: Event, state_dir: Path) -> None:
    from wmdctl.zoom.errors import ZoomBadRequestError

    first = apply(fake, event, state_dir)
    fake.polls[first.webinar_id].clear()

    def disabled(webinar_id: str | int) -> list[dict[str, Any]]:
        raise ZoomBadRequestError("Webinar polls disabled.", status=400, code=4400)

    fake.list_polls = disabled
    fake.writes.clear()
    result = apply(fake, event, state_dir)
    assert fake.writes == [] and result.plan.polls_to_create == ()
    assert result.plan.notes[0].startswith("2 poll(s) not created: webinar polls are disabled")
