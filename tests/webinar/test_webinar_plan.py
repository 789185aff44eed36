"""The plan: a pure comparison of the event with Zoom's state."""

from __future__ import annotations

import copy
import dataclasses
from datetime import timedelta
from typing import Any

from wmdctl.cli.render.webinar import render_plan
from wmdctl.event.model import Event
from wmdctl.event.payloads import panelists_body, poll_bodies, registration_questions_body, webinar_body
from wmdctl.webinar.plan import LiveState, compute_plan


def zoom_echo(event: Event) -> LiveState:
    """What Zoom returns for a webinar created from the event: UTC start, extra server fields."""
    webinar = webinar_body(event)
    webinar.update(id=8123, uuid="u==", join_url="https://zoom.test/j/8123", created_at="2021-09-01T10:00:00Z")
    webinar["start_time"] = event.start_utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    webinar["agenda"] = webinar["agenda"].replace("\n", "\r\n")
    webinar["settings"]["audio"] = "both"
    for interpreter in webinar["settings"]["language_interpretation"]["interpreters"]:
        interpreter["languages"] = "US,ES"
        interpreter["email"] = interpreter["email"].upper()
    panelists = [{**p, "id": f"id{i}", "join_url": "j"} for i, p in enumerate(panelists_body(event))]
    polls = [{**p, "id": "p", "status": "notstart"} for p in poll_bodies(event)]
    return LiveState(webinar, panelists, registration_questions_body(event), polls)


def test_without_zoom_the_plan_is_a_full_create(event: Event) -> None:
    plan = compute_plan(event, None)
    assert plan.action == "create" and plan.compared is False
    assert plan.webinar_body == webinar_body(event)
    assert len(plan.panelists_to_add) == 8
    assert plan.questions_body == registration_questions_body(event)
    assert [p["title"] for p in plan.polls_to_create] == [poll.title for poll in event.polls]
    assert not plan.up_to_date
    lines = render_plan(plan)
    assert lines[0].startswith("(not compared with Zoom")
    assert "  + start_time = '2021-10-07T15:00:00'" in lines
    assert lines[-1] == "Plan: create the webinar, add 8 panelist(s), set the registration questions, create 2 poll(s)."


def test_matching_zoom_state_is_a_noop(event: Event) -> None:
    plan = compute_plan(event, zoom_echo(event))
    assert plan.action == "noop"
    assert plan.changes == ()
    assert plan.webinar_body == {}
    assert plan.up_to_date
    assert plan.summary() == "up to date: nothing to change"


def test_update_lists_old_and_new_and_patches_only_those_fields(event: Event) -> None:
    live = zoom_echo(event)
    assert live.webinar is not None
    live.webinar["duration"] = 60
    live.webinar["settings"]["practice_session"] = False
    live.webinar["start_time"] = "2021-10-07T14:00:00Z"  # 16:00 in Madrid
    live.webinar["settings"]["hd_video"] = True  # a field the event sets, changed by hand in Zoom
    live.webinar["settings"]["on_demand"] = False
    plan = compute_plan(event, live)
    assert plan.action == "update"
    changes = {c.path: (c.old, c.new) for c in plan.changes}
    assert changes == {
        "start_time": ("2021-10-07T16:00:00", "2021-10-07T15:00:00"),
        "duration": (60, 90),
        "settings.practice_session": (False, True),
        "settings.hd_video": (True, False),
    }
    # One PATCH with only what differs; a local start_time always travels with its zone.
    assert plan.webinar_body == {
        "start_time": "2021-10-07T15:00:00",
        "timezone": "Europe/Madrid",
        "duration": 90,
        "settings": {"practice_session": True, "hd_video": False},
    }
    assert "  ~ duration: 60 → 90" in render_plan(plan)


def test_same_instant_in_another_form_is_not_a_change(event: Event) -> None:
    live = zoom_echo(event)
    assert live.webinar is not None
    live.webinar["start_time"] = "2021-10-07T15:00:00"  # local, in the live zone
    assert compute_plan(event, live).up_to_date


def test_moved_event_changes_start(event: Event) -> None:
    live = zoom_echo(event)
    later = dataclasses.replace(event, start=event.start + timedelta(days=31), end=event.end + timedelta(days=31))
    plan = compute_plan(later, live)
    assert [c.path for c in plan.changes] == ["start_time"]
    assert plan.webinar_body["start_time"] == "2021-11-07T15:00:00"


def test_panelists_are_removed_only_with_prune(event: Event) -> None:
    live = zoom_echo(event)
    live.panelists.append({"id": "x", "name": "Old Speaker", "email": "old@example.org", "join_url": "j"})
    live.panelists[:] = [p for p in live.panelists if p["email"] != "speaker3.panel2@example.org"]
    kept = compute_plan(event, live)
    assert [p["email"] for p in kept.panelists_to_add] == ["speaker3.panel2@example.org"]
    assert kept.panelists_to_remove == ()
    assert kept.panelists_kept == ({"id": "x", "name": "Old Speaker", "email": "old@example.org"},)
    pruned = compute_plan(event, live, prune=True)
    assert pruned.panelists_to_remove == ({"id": "x", "name": "Old Speaker", "email": "old@example.org"},)
    assert pruned.panelists_kept == ()


def test_panelist_email_case_does_not_matter(event: Event) -> None:
    live = zoom_echo(event)
    for p in live.panelists:
        p["email"] = p["email"].upper()
    assert compute_plan(event, live, prune=True).up_to_date


def test_polls_are_created_only_when_missing(event: Event) -> None:
    live = zoom_echo(event)
    del live.polls[1]
    plan = compute_plan(event, live)
    assert [p["title"] for p in plan.polls_to_create] == ["Panel 2: Framing recovery for all"]


def test_registration_questions_set_only_when_different(event: Event) -> None:
    live = zoom_echo(event)
    assert live.questions is not None
    live.questions["questions"].reverse()  # Zoom's own order of standard fields is not a change
    assert compute_plan(event, live).questions_body is None
    changed = copy.deepcopy(live.questions)
    changed["custom_questions"][0]["required"] = False
    plan = compute_plan(event, dataclasses.replace(live, questions=changed))
    assert plan.questions_body == registration_questions_body(event)


def test_to_dict_is_stable(event: Event) -> None:
    data: dict[str, Any] = compute_plan(event, zoom_echo(event)).to_dict()
    assert list(data) == [
        "event", "compared_with_zoom", "up_to_date", "summary",
        "webinar", "panelists", "registration_questions", "polls", "survey", "livestream", "notes",
        "registration_auto_approve",
    ]  # fmt: skip
    assert data["webinar"] == {"id": "8123", "action": "noop", "changes": [], "body": {}}
    assert data["registration_questions"] == {"action": "noop", "body": None}
