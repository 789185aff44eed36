"""The assignment rules: capacity, balance, organisations, facilitators, limits, stickiness."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections import Counter

import pytest

from wmdctl.breakouts.model import MAX_PREASSIGNED, BreakoutPlan, Person
from wmdctl.breakouts.planner import plan_breakouts

from .helpers import PANELS, attendee, facilitators

BASE1 = "Panel 1: Creating caring metropolises"
BASE2 = "Panel 2: Framing recovery for all"


def rooms_of(plan: BreakoutPlan, panel: int) -> list:
    return [room for room in plan.rooms if room.panel == panel]


def room_of(plan: BreakoutPlan, email: str) -> str:
    return next(room.name for room in plan.rooms if email in room.participants)


def test_one_room_per_panel_is_named_after_the_panel() -> None:
    people = [attendee(i, 1 + i % 2) for i in range(20)]
    plan = plan_breakouts(PANELS, facilitators(), people, capacity=50)
    assert [room.name for room in plan.rooms] == [BASE1, BASE2]
    assert plan.assigned_count == 25
    assert not plan.unplaced


def test_capacity_splits_a_panel_into_lettered_rooms() -> None:
    people = [attendee(i, 1) for i in range(120)] + [attendee(500 + i, 2) for i in range(10)]
    plan = plan_breakouts(PANELS, facilitators(), people, capacity=50)
    # panel 1: 120 attendees + 3 facilitators = 123 → 3 rooms of at most 50
    assert [room.name for room in rooms_of(plan, 1)] == [f"{BASE1} — Room {x}" for x in "ABC"]
    assert sorted(room.size for room in rooms_of(plan, 1)) == [41, 41, 41]
    assert [room.name for room in rooms_of(plan, 2)] == [BASE2]
    assert all(room.size <= 50 for room in plan.rooms)


@pytest.mark.parametrize(("count", "capacity"), [(7, 3), (99, 10), (101, 50), (250, 50), (13, 4)])
def test_rooms_of_a_panel_differ_by_at_most_one_person(count: int, capacity: int) -> None:
    people = [attendee(i, 1, org=f"Org {i % 5}") for i in range(count)]
    plan = plan_breakouts(PANELS, facilitators(), people, capacity=capacity)
    sizes = [room.size for room in rooms_of(plan, 1)]
    assert max(sizes) - min(sizes) <= 1
    assert max(sizes) <= capacity
    assert sum(sizes) == count + 3


def test_people_from_one_organisation_are_spread_over_the_rooms() -> None:
    people = [attendee(i, 1, org="Big City Council") for i in range(12)]
    people += [attendee(100 + i, 1, org=f"Small org {i}") for i in range(60)]
    people += [attendee(200 + i, 1, org="big city council ") for i in range(3)]  # same org, other spelling
    plan = plan_breakouts(PANELS, [], people, capacity=25)
    rooms = rooms_of(plan, 1)
    assert len(rooms) == 3
    per_room = [
        sum(1 for e in room.participants if plan.people[e].organisation.strip().lower() == "big city council")
        for room in rooms
    ]
    assert per_room == [5, 5, 5]


def test_facilitators_go_to_their_own_panel_and_spread_over_its_rooms() -> None:
    people = [attendee(i, 1) for i in range(90)] + [attendee(500 + i, 2) for i in range(5)]
    plan = plan_breakouts(PANELS, facilitators(), people, capacity=50)
    panel1 = rooms_of(plan, 1)
    assert len(panel1) == 2
    assert [len(room.facilitators) for room in panel1] == [2, 1]
    assert panel1[0].facilitators[0] == "mod1@example.org"  # the moderator leads Room A
    for person in facilitators():
        room = next(room for room in plan.rooms if person.email in room.participants)
        assert room.panel == person.panel
        assert person.email in room.facilitators


def test_a_room_without_facilitator_is_flagged() -> None:
    one_speaker = [f for f in facilitators() if f.email == "mod1@example.org"]
    plan = plan_breakouts(PANELS, one_speaker, [attendee(i, 1) for i in range(80)], capacity=50)
    assert any("Room B" in w and "no panel speaker" in w for w in plan.warnings)


def test_a_panelist_who_also_registered_is_a_facilitator_once() -> None:
    registered_speaker = Person("mod1@example.org", "Ana", "Metropolis", "attendee", 2)
    plan = plan_breakouts(PANELS, facilitators(), [registered_speaker, attendee(1, 2)], capacity=50)
    assert room_of(plan, "mod1@example.org") == BASE1
    assert plan.assigned_count == 6


def test_same_inputs_in_any_order_give_the_same_assignment() -> None:
    people = [attendee(i, [1, 2, None][i % 3], org=f"Org {i % 7}") for i in range(300)]
    first = plan_breakouts(PANELS, facilitators(), people, capacity=40)
    shuffled = people[:]
    random.Random(4).shuffle(shuffled)
    second = plan_breakouts(PANELS, list(reversed(facilitators())), shuffled, capacity=40)
    assert first.to_dict() == second.to_dict()


_SCRIPT = """
import json
from breakouts.helpers import PANELS, attendee, facilitators
from wmdctl.breakouts.planner import plan_breakouts
people = [attendee(i, [1, 2, None][i % 3], org=f"Org {i % 7}") for i in range(200)]
print(json.dumps(plan_breakouts(PANELS, facilitators(), people, capacity=30).assignment()))
"""


@pytest.mark.e2e
def test_assignment_does_not_depend_on_the_process_hash_seed() -> None:
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _SCRIPT],
            capture_output=True,
            text=True,
            env=env,
            cwd=os.path.dirname(os.path.dirname(__file__)),
            check=True,
        )
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1]


def test_no_choice_spread_balances_the_panels() -> None:
    people = [attendee(i, 1) for i in range(30)] + [attendee(100 + i, None) for i in range(40)]
    plan = plan_breakouts(PANELS, facilitators(), people, capacity=100, no_choice="spread")
    sizes = {panel: sum(r.size for r in rooms_of(plan, panel)) for panel in (1, 2)}
    assert sizes[1] + sizes[2] == 75
    assert abs(sizes[1] - sizes[2]) <= 1
    assert not plan.unplaced
    spread_note = '40 registrant(s) gave no usable panel choice: spread over the panels (no_choice = "spread")'
    assert spread_note in plan.warnings


def test_no_choice_exclude_lists_them_with_the_reason() -> None:
    odd_answer = Person("odd@example.org", "Odd Answer", "", "attendee", None, choice="Both please")
    people = [attendee(1, 1), attendee(2, None), odd_answer]
    plan = plan_breakouts(PANELS, facilitators(), people, capacity=50, no_choice="exclude")
    reasons = {u.email: u.reason for u in plan.unplaced}
    assert reasons == {
        "a0002@example.org": 'no panel chosen in the registration form (no_choice = "exclude")',
        "odd@example.org": "registration answer 'Both please' matches no panel (no_choice = \"exclude\")",
    }
    assert plan.assigned_count == 6


def test_past_the_participant_limit_exactly_the_latest_registrants_do_not_fit() -> None:
    people = [
        attendee(i, 1 + i % 2, registered_at=f"2021-09-01T{i // 60 % 24:02d}:{i % 60:02d}:00Z") for i in range(1000)
    ]
    plan = plan_breakouts(PANELS, facilitators(), people, capacity=50)
    assert plan.assigned_count == MAX_PREASSIGNED
    # 5 facilitators come first, so the 5 latest registrants (995..999) are left out.
    assert [u.email for u in sorted(plan.unplaced, key=lambda u: u.email)] == [
        f"a{i:04d}@example.org" for i in range(995, 1000)
    ]
    assert {u.reason for u in plan.unplaced} == {"over Zoom's limit of 1,000 pre-assigned participants per meeting"}


def test_past_the_room_limit_the_rooms_are_shared_and_the_rest_listed() -> None:
    people = [attendee(i, 1) for i in range(150)] + [attendee(500 + i, 2) for i in range(60)]
    plan = plan_breakouts(PANELS, [], people, capacity=2)
    assert len(plan.rooms) == 100
    assert plan.assigned_count == 200
    assert len(plan.unplaced) == 10
    assert all("Zoom allows at most 100 breakout rooms" in u.reason for u in plan.unplaced)
    assert any(w.startswith("panel 1 needs 75 rooms of 2 but gets") for w in plan.warnings)
    assert all(room.size <= 2 for room in plan.rooms)


def test_existing_assignment_is_kept_and_newcomers_fill_in() -> None:
    people = [attendee(i, 1 + i % 2, org=f"Org {i % 3}") for i in range(140)]
    before = plan_breakouts(PANELS, facilitators(), people, capacity=50)
    arrivals = [attendee(900 + i, 1) for i in range(4)]
    after = plan_breakouts(PANELS, facilitators(), people + arrivals, capacity=50, existing=before.assignment())
    for room in before.rooms:
        kept = next(r for r in after.rooms if r.name == room.name)
        assert set(room.participants) <= set(kept.participants)
    assert sorted(e for room in after.rooms for e in room.added) == [a.email for a in arrivals]
    sizes = [room.size for room in rooms_of(after, 1)]
    assert max(sizes) - min(sizes) <= 1


def test_sticky_people_stay_even_when_their_answer_changes() -> None:
    before = plan_breakouts(PANELS, facilitators(), [attendee(1, 1)], capacity=50)
    changed = [attendee(1, 2)]
    after = plan_breakouts(PANELS, facilitators(), changed, capacity=50, existing=before.assignment())
    assert room_of(after, "a0001@example.org") == BASE1
    assert after.added_count == 0


def test_a_growing_panel_renames_its_room_without_moving_anyone() -> None:
    people = [attendee(i, 1) for i in range(40)]
    before = plan_breakouts(PANELS, facilitators(), people, capacity=50)
    more = people + [attendee(100 + i, 1) for i in range(30)]
    after = plan_breakouts(PANELS, facilitators(), more, capacity=50, existing=before.assignment())
    room_a = next(r for r in after.rooms if r.name == f"{BASE1} — Room A")
    assert set(before.assignment()[BASE1]) <= set(room_a.participants)
    room_b = next(r for r in after.rooms if r.name == f"{BASE1} — Room B")
    assert room_a.size == 43 and room_b.size == 30  # nobody moved out of A, so B takes the newcomers


def test_people_no_longer_registered_are_dropped_and_unknown_rooms_kept() -> None:
    existing = {BASE1: ["a0001@example.org", "gone@example.org"], "Staff lounge": ["a0002@example.org"]}
    plan = plan_breakouts(PANELS, [], [attendee(1, 1), attendee(2, 1)], capacity=50, existing=existing)
    assert plan.dropped == ("gone@example.org",)
    assert plan.assignment()["Staff lounge"] == ("a0002@example.org",)
    assert any("Staff lounge" in w for w in plan.warnings)
    assert Counter(plan.assignment()[BASE1]) == Counter(["a0001@example.org"])
