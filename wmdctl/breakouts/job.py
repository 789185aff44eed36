"""The breakouts job: read Zoom, plan the rooms, and create or update the companion meeting.

The only module here that talks to Zoom. Reads come first (the recorded
meeting, then the approved registrants); at most one write follows: a POST when
there is no meeting, or one PATCH carrying only the fields that differ, because
Zoom allows a host 100 meeting creates/updates a day. No difference, no write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC
from typing import TYPE_CHECKING, Any, Literal, Protocol

from wmdctl.breakouts.choices import attendees_from_registrants, facilitators_from_panelists
from wmdctl.breakouts.meeting import existing_assignment, meeting_body, meeting_changes
from wmdctl.breakouts.model import BreakoutPlan, Room, Unplaced
from wmdctl.breakouts.planner import plan_breakouts
from wmdctl.errors import NotFoundError
from wmdctl.event.model import Event
from wmdctl.zoom.errors import ZoomBadRequestError, ZoomNotFoundError
from wmdctl.zoom.times import parse_zoom_time

if TYPE_CHECKING:
    from wmdctl.jobs import JobContext

Action = Literal["create", "update", "noop"]


class BreakoutClient(Protocol):
    def create_meeting(self, user_id: str, body: dict[str, Any]) -> dict[str, Any]: ...
    def get_meeting(self, meeting_id: str) -> dict[str, Any]: ...
    def update_meeting(self, meeting_id: str, body: dict[str, Any]) -> Any: ...
    def iter_registrants(self, webinar_id: str, status: str = "approved") -> Iterable[dict[str, Any]]: ...
    def iter_meetings(self, user_id: str, type: str = "scheduled") -> Iterable[dict[str, Any]]: ...


@dataclass(frozen=True)
class BreakoutResult:
    action: Action
    meeting_id: str | None
    join_url: str
    plan: BreakoutPlan
    changes: tuple[str, ...] = ()
    written: bool = False  # False for noop, --dry-run and a declined confirmation
    dry_run: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "meeting_id": self.meeting_id,
            "join_url": self.join_url,
            "written": self.written,
            "dry_run": self.dry_run,
            "changes": list(self.changes),
            "plan": self.plan.to_dict(),
        }


def plan_for_event(
    event: Event, registrants: Iterable[Mapping[str, Any]], existing: Mapping[str, Sequence[str]] | None = None
) -> BreakoutPlan:
    """The pure step: registrants (Zoom objects) + the event + the current rooms → a plan."""
    config = event.breakouts
    return plan_breakouts(
        event.panels,
        facilitators_from_panelists(event.panelists),
        attendees_from_registrants(registrants, event.panels, config.choice_question),
        capacity=config.room_capacity,
        no_choice=config.no_choice,
        existing=existing,
    )


def _rediscover(client: BreakoutClient, host: str, event: Event) -> dict[str, Any] | None:
    """The host's meeting with our topic and start time: the record was lost, the meeting was not."""
    config = event.breakouts
    wanted = config.start.astimezone(UTC)
    for listed in client.iter_meetings(host, type="scheduled"):
        # Zoom lists start times in UTC with a Z; compare the instants, never the strings.
        same_start = parse_zoom_time(listed.get("start_time")) == wanted
        if same_start and listed.get("topic") == config.meeting_topic[:200]:
            return client.get_meeting(str(listed["id"]))
    return None


def _current_meeting(client: BreakoutClient, job: JobContext) -> tuple[dict[str, Any] | None, list[str]]:
    """The meeting we made before: by its recorded id, else found by topic and start on the host's meetings."""
    event, store, world = job.event(), job.store, job.world()
    meeting_id = store.meeting_id(world, event.key)
    if meeting_id is not None:
        try:
            return client.get_meeting(meeting_id), []
        except ZoomNotFoundError:
            return None, [f"the recorded breakout meeting {meeting_id} no longer exists in Zoom"]
    try:
        found = _rediscover(client, job.host, event)
    except (ZoomNotFoundError, ZoomBadRequestError) as exc:
        # The search is a safety net against duplicates, not a precondition: say so and go on.
        return None, [f"could not search the host's meetings for an earlier breakout meeting ({exc.message})"]
    if found is None:
        return None, []
    store.save_meeting_id(world, event.key, str(found["id"]))
    return found, [f"found breakout meeting {found['id']} by topic and start time; recorded it again"]


def compute_plan(job: JobContext) -> tuple[BreakoutPlan, dict[str, Any] | None]:
    """Plan against the live meeting (its rooms are the sticky input); writes nothing to Zoom."""
    client = job.client()  # first: the in-process sandbox sets the host when it starts
    meeting, notes = _current_meeting(client, job)
    registrants = list(client.iter_registrants(job.webinar_id(), status="approved"))
    plan = plan_for_event(job.event(), registrants, existing_assignment(meeting))
    if meeting is not None:
        plan = replace(plan, meeting_id=str(meeting["id"]), join_url=str(meeting.get("join_url") or ""))
    return replace(plan, warnings=(*notes, *plan.warnings)), meeting


def apply_breakouts(
    job: JobContext,
    *,
    dry_run: bool = False,
    confirm: Callable[[BreakoutResult], bool] | None = None,
) -> BreakoutResult:
    """Create or update the breakout meeting; ``confirm`` sees the preview before the one write."""
    plan, meeting = compute_plan(job)
    desired = meeting_body(job.event(), plan)
    if meeting is None:
        summary = f"new meeting {desired['topic']!r}: {len(plan.rooms)} rooms, {plan.assigned_count} people"
        preview = BreakoutResult("create", None, "", plan, (summary,), dry_run=dry_run)
    else:
        patch, lines = meeting_changes(desired, meeting)
        action: Action = "update" if patch else "noop"
        preview = BreakoutResult(action, plan.meeting_id, plan.join_url, plan, tuple(lines), dry_run=dry_run)
    if preview.action == "noop" or dry_run or (confirm is not None and not confirm(preview)):
        return preview
    client = job.client()
    if meeting is None:
        created = client.create_meeting(job.host, desired)
        meeting_id = str(created["id"])
        # Saved before anything else can fail, so a rerun updates this meeting instead of making a second one.
        job.store.save_meeting_id(job.world(), job.event().key, meeting_id)
        join_url = str(created.get("join_url") or "")
        plan = replace(plan, meeting_id=meeting_id, join_url=join_url)
        return replace(preview, meeting_id=meeting_id, join_url=join_url, plan=plan, written=True)
    assert preview.meeting_id is not None
    client.update_meeting(preview.meeting_id, patch)
    return replace(preview, written=True)


def describe_breakouts(job: JobContext) -> BreakoutPlan:
    """The rooms as the meeting holds them now, and everyone who is in none of them (with why)."""
    plan, meeting = compute_plan(job)
    if meeting is None:
        raise NotFoundError(
            f"no breakout meeting recorded for event {job.event().key!r}", hint="run `wmdctl breakouts apply` first"
        )
    planned = {room.name: room for room in plan.rooms}
    current: list[Room] = []
    for name, emails in existing_assignment(meeting).items():
        people = plan.people
        facilitators = tuple(e for e in emails if e in people and people[e].is_facilitator)
        panel = planned[name].panel if name in planned else None
        current.append(Room(name, panel, tuple(emails), facilitators))
    pending = [
        Unplaced(email, plan.people[email].name, room.panel, "not in the meeting yet: run `wmdctl breakouts apply`")
        for room in plan.rooms
        for email in room.added
    ]
    unplaced = tuple(sorted([*plan.unplaced, *pending], key=lambda u: (u.panel or 0, u.email)))
    return replace(plan, rooms=tuple(current), unplaced=unplaced)
