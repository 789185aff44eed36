"""Creating and updating the companion meeting: idempotent, sticky, one write at most."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from factories import make_job

from wmdctl.breakouts.job import BreakoutResult, apply_breakouts, describe_breakouts
from wmdctl.errors import NotFoundError
from wmdctl.jobs import JobContext
from wmdctl.state.store import StateStore
from wmdctl.zoom.errors import ZoomBadRequestError

from .helpers import FakeClient, breakout_event, registrant

HOST = "host@example.org"
WORLD = "sandbox:/tmp/x.db"


def _registrants(count: int, start: int = 0) -> list[dict]:
    answers = ["Creating caring metropolises", "Framing recovery for all", None]
    return [registrant(i, answers[i % 3], org=f"Org {i % 4}") for i in range(start, start + count)]


def _apply(
    client: FakeClient,
    state: Path,
    *,
    dry_run: bool = False,
    confirm: Callable[[BreakoutResult], bool] | None = None,
) -> BreakoutResult:
    return apply_breakouts(_job(client, state), dry_run=dry_run, confirm=confirm)


def _job(client: FakeClient, state: Path) -> JobContext:
    return make_job(client, breakout_event(), state_dir=state, world=WORLD, host=HOST, webinar_id="900")


def test_first_apply_creates_and_records_the_meeting(tmp_path: Path) -> None:
    client = FakeClient(_registrants(30))
    result = _apply(client, tmp_path)
    assert result.action == "create" and result.written
    assert [(kind, who) for kind, who, _ in client.writes] == [("create", HOST)]
    assert StateStore(tmp_path).meeting_id(WORLD, "wmd-2021") == result.meeting_id
    body = client.writes[0][2]
    assert sum(len(r["participants"]) for r in body["settings"]["breakout_room"]["rooms"]) == 35
    assert result.join_url.endswith(str(result.meeting_id))


def test_second_apply_with_no_new_registrants_writes_nothing(tmp_path: Path) -> None:
    client = FakeClient(_registrants(30))
    _apply(client, tmp_path)
    again = _apply(client, tmp_path)
    assert again.action == "noop" and not again.written and again.changes == ()
    assert len(client.writes) == 1


def test_new_registrants_are_added_without_moving_anyone(tmp_path: Path) -> None:
    client = FakeClient(_registrants(60))
    first = _apply(client, tmp_path)
    client.registrants += _registrants(5, start=500)
    second = _apply(client, tmp_path)
    assert second.action == "update"
    kind, meeting_id, patch = client.writes[-1]
    assert (kind, meeting_id) == ("update", first.meeting_id)
    assert set(patch) == {"settings"}  # one PATCH, only what changed
    after = {room.name: set(room.participants) for room in second.plan.rooms}
    for room in first.plan.rooms:
        assert set(room.participants) <= after[room.name]
    assert second.plan.added_count == 5


def test_dry_run_and_declined_confirmation_send_nothing(tmp_path: Path) -> None:
    client = FakeClient(_registrants(10))
    dry = _apply(client, tmp_path, dry_run=True)
    assert dry.action == "create" and dry.dry_run and not dry.written
    seen: list[BreakoutResult] = []

    def decline(preview: BreakoutResult) -> bool:
        seen.append(preview)
        return False

    declined = _apply(client, tmp_path, confirm=decline)
    assert not declined.written and seen[0].changes[0].startswith("new meeting")
    assert client.writes == []
    assert StateStore(tmp_path).meeting_id(WORLD, "wmd-2021") is None


def test_a_meeting_deleted_in_zoom_is_created_again(tmp_path: Path) -> None:
    client = FakeClient(_registrants(10))
    StateStore(tmp_path).save_meeting_id(WORLD, "wmd-2021", "404404")
    result = _apply(client, tmp_path)
    assert result.action == "create"
    assert "the recorded breakout meeting 404404 no longer exists in Zoom" in result.plan.warnings
    assert StateStore(tmp_path).meeting_id(WORLD, "wmd-2021") == result.meeting_id != "404404"


def test_a_lost_record_finds_the_meeting_instead_of_creating_a_second(tmp_path: Path) -> None:
    client = FakeClient(_registrants(10))
    first = _apply(client, tmp_path / "one")
    client.registrants.append(registrant(321, "Creating caring metropolises"))
    again = _apply(client, tmp_path / "fresh-state-dir")
    assert again.action == "update" and again.meeting_id == first.meeting_id
    assert [kind for kind, _, _ in client.writes] == ["create", "update"]
    assert StateStore(tmp_path / "fresh-state-dir").meeting_id(WORLD, "wmd-2021") == first.meeting_id
    assert any("found breakout meeting" in w for w in again.plan.warnings)


def test_a_failed_search_for_an_earlier_meeting_is_said_and_apply_goes_on(tmp_path: Path) -> None:
    class NoListing(FakeClient):
        def iter_meetings(self, user_id: str, type: str = "scheduled") -> Iterator[dict[str, Any]]:
            raise ZoomBadRequestError("Method Not Allowed", status=405)

    client = NoListing(_registrants(3))
    result = _apply(client, tmp_path)
    assert result.action == "create" and result.written
    assert "could not search the host's meetings for an earlier breakout meeting (Method Not Allowed)" in (
        result.plan.warnings
    )


def test_show_lists_rooms_and_who_is_not_in_the_meeting_yet(tmp_path: Path) -> None:
    client = FakeClient(_registrants(12))
    with pytest.raises(NotFoundError):
        describe_breakouts(_job(client, tmp_path))
    _apply(client, tmp_path)
    client.registrants.append(registrant(777, "Framing recovery for all"))
    shown = describe_breakouts(_job(client, tmp_path))
    assert shown.assigned_count == 17
    assert [(u.email, u.panel, u.reason) for u in shown.unplaced] == [
        ("r0777@example.org", 2, "not in the meeting yet: run `wmdctl breakouts apply`")
    ]
    assert shown.rooms[0].facilitators == ("mod1@example.org", "sp1a@example.org", "sp1b@example.org")
