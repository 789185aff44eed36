"""Assign people to panel breakout rooms: pure, deterministic and sticky.

Order of work, and why:
1. People already in a room (read back from the meeting) stay where they are,
   so a rerun after new registrations never moves anyone who was told a room.
2. People without a usable panel choice are spread over the panels (fewest
   people first, in stable-hash order) or excluded, per ``no_choice``.
3. Each panel gets enough rooms for its people at ``capacity`` each, within
   Zoom's 100-room limit; past it, rooms go to the panels with most people left.
4. Admission to Zoom's 1,000 pre-assignment limit: facilitators first, then
   attendees first come, first served (registration time, then email).
5. Facilitators spread over their panel's rooms (moderator first); attendees go
   to the smallest room, ties broken by fewest colleagues from the same
   organisation. Processing one organisation's members back to back makes
   them cycle through the rooms, which spreads them out.
Every ordering is by email or a SHA-256 of it, never Python's salted hash().
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from wmdctl.breakouts.model import (
    MAX_PREASSIGNED,
    MAX_ROOMS,
    BreakoutPlan,
    NoChoicePolicy,
    Person,
    Room,
    Unplaced,
    normalise_email,
    panel_room_base,
    room_name,
    stable_hash,
)
from wmdctl.event.model import Panel


@dataclass(eq=False)  # identity matters: two empty rooms are still two rooms
class _Draft:
    panel: int | None
    foreign_name: str = ""  # for rooms wmdctl did not make
    members: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)


def _org_key(person: Person) -> str:
    org = " ".join(person.organisation.split()).casefold()
    return org or f"\0{person.email}"  # no organisation: a group of one


def _letters_to_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + (ord(char) - ord("A") + 1)
    return index - 1


class _Planner:
    def __init__(self, panels: Sequence[Panel], people: Sequence[Person], capacity: int, no_choice: str) -> None:
        self.titles = {panel.number: panel.title for panel in sorted(panels, key=lambda p: p.number)}
        self.capacity = capacity
        self.no_choice = no_choice
        self.people: dict[str, Person] = {person.email: person for person in people}
        self.drafts: dict[int, list[_Draft]] = {number: [] for number in self.titles}
        self.foreign: list[_Draft] = []
        self.room_of: dict[str, _Draft] = {}
        self.unplaced: list[Unplaced] = []
        self.warnings: list[str] = []
        self.dropped: list[str] = []

    # --- 1. sticky existing assignment -------------------------------------
    def _draft_for_name(self, name: str) -> _Draft:
        for number, title in self.titles.items():
            base = panel_room_base(number, title)
            match = re.fullmatch(re.escape(base) + r"(?:\s+[—–-]\s+Room\s+([A-Z]+))?", name.strip())
            if match:
                index = _letters_to_index(match.group(1)) if match.group(1) else 0
                rooms = self.drafts[number]
                while len(rooms) <= index:
                    rooms.append(_Draft(number))
                return rooms[index]
        draft = _Draft(None, foreign_name=name)
        self.foreign.append(draft)
        self.warnings.append(f"room {name!r} was not made by wmdctl: kept as it is")
        return draft

    def seat_existing(self, existing: Mapping[str, Sequence[str]]) -> None:
        for name, emails in existing.items():
            draft = self._draft_for_name(name)
            for email in map(normalise_email, emails):
                if email not in self.people:
                    self.dropped.append(email)
                elif email in self.room_of:
                    self.warnings.append(f"{email} was in two rooms; kept in {self.name_of(self.room_of[email])!r}")
                else:
                    draft.members.append(email)
                    self.room_of[email] = draft
        self.dropped.sort()

    # --- 2. who goes to which panel ----------------------------------------
    def newcomers(self) -> list[Person]:
        """People not yet in a room whose panel is known (after applying the no-choice policy)."""
        waiting = [p for email, p in sorted(self.people.items()) if email not in self.room_of]
        known: list[Person] = []
        undecided: list[Person] = []
        for person in waiting:
            if person.panel in self.titles:
                known.append(person)
            elif person.is_facilitator:
                self._unplace(person, f"panel {person.panel} is not in the event")
            elif self.no_choice == "exclude":
                self._unplace(person, self._no_choice_reason(person) + ' (no_choice = "exclude")')
            else:
                undecided.append(person)
        demand = self.panel_sizes()
        for person in known:
            demand[person.panel] += 1  # type: ignore[index]
        for person in sorted(undecided, key=lambda p: stable_hash(p.email)):
            panel = min(self.titles, key=lambda n: (demand[n], n))
            demand[panel] += 1
            known.append(replace(person, panel=panel))
        if undecided:
            self.warnings.append(
                f"{len(undecided)} registrant(s) gave no usable panel choice: spread over the panels "
                '(no_choice = "spread")'
            )
        return known

    @staticmethod
    def _no_choice_reason(person: Person) -> str:
        if person.choice:
            return f"registration answer {person.choice!r} matches no panel"
        return "no panel chosen in the registration form"

    def panel_sizes(self) -> dict[int, int]:
        return {number: sum(len(d.members) for d in rooms) for number, rooms in self.drafts.items()}

    # --- 3. rooms within Zoom's limit --------------------------------------
    def allocate_rooms(self, newcomers: Sequence[Person]) -> None:
        demand = self.panel_sizes()
        for person in newcomers:
            demand[person.panel] += 1  # type: ignore[index]
        wanted = {n: max(len(self.drafts[n]), math.ceil(demand[n] / self.capacity), 1) for n in self.titles}
        budget = MAX_ROOMS - len(self.foreign)
        granted = dict(wanted)
        if sum(wanted.values()) > budget:
            granted = {n: max(len(self.drafts[n]), 1) for n in self.titles}
            while sum(granted.values()) < budget:
                left = {n: demand[n] - granted[n] * self.capacity for n in self.titles if granted[n] < wanted[n]}
                if not left:
                    break
                busiest = min(left, key=lambda n: (-left[n], n))
                granted[busiest] += 1
            for number in self.titles:
                if granted[number] < wanted[number]:
                    self.warnings.append(
                        f"panel {number} needs {wanted[number]} rooms of {self.capacity} but gets {granted[number]}: "
                        f"Zoom allows at most {MAX_ROOMS} breakout rooms per meeting"
                    )
        for number, count in granted.items():
            while len(self.drafts[number]) < count:
                self.drafts[number].append(_Draft(number))

    # --- 4. admission to the limits ----------------------------------------
    def admit(self, newcomers: Sequence[Person]) -> list[Person]:
        total = len(self.room_of)
        sizes = self.panel_sizes()
        priority = sorted(
            newcomers,
            key=lambda p: (not p.is_facilitator, p.registered_at or "~", p.role != "moderator", p.email),
        )
        admitted: list[Person] = []
        for person in priority:
            number = person.panel
            assert number is not None
            seats = len(self.drafts[number]) * self.capacity - sizes[number]
            if total >= MAX_PREASSIGNED:
                self._unplace(person, f"over Zoom's limit of {MAX_PREASSIGNED:,} pre-assigned participants per meeting")
            elif seats <= 0 and not person.is_facilitator:
                rooms = len(self.drafts[number])
                self._unplace(
                    person,
                    f"panel {number}'s {rooms} room(s) of {self.capacity} are full and Zoom allows at most "
                    f"{MAX_ROOMS} breakout rooms per meeting",
                )
            else:
                total += 1
                sizes[number] += 1
                admitted.append(person)
        return admitted

    # --- 5. placement -------------------------------------------------------
    def place(self, admitted: Sequence[Person]) -> None:
        facilitators = sorted((p for p in admitted if p.is_facilitator), key=lambda p: (p.role != "moderator", p.email))
        for person in facilitators:
            rooms = self.drafts[person.panel]  # type: ignore[index]
            best = min(range(len(rooms)), key=lambda i: (self._facilitator_count(rooms[i]), len(rooms[i].members), i))
            self._seat(person, rooms[best])
        for person in self._organisation_order([p for p in admitted if not p.is_facilitator]):
            rooms = self.drafts[person.panel]  # type: ignore[index]
            org = _org_key(person)
            best = min(range(len(rooms)), key=lambda i: (len(rooms[i].members), self._org_count(rooms[i], org), i))
            self._seat(person, rooms[best])

    @staticmethod
    def _organisation_order(people: Sequence[Person]) -> list[Person]:
        """Biggest organisations first, each one's members back to back, by email."""
        groups: dict[str, list[Person]] = {}
        for person in sorted(people, key=lambda p: p.email):
            groups.setdefault(_org_key(person), []).append(person)
        ordered = sorted(groups, key=lambda key: (-len(groups[key]), key))
        return [person for key in ordered for person in groups[key]]

    def _facilitator_count(self, draft: _Draft) -> int:
        return sum(1 for email in draft.members if self.people[email].is_facilitator)

    def _org_count(self, draft: _Draft, org: str) -> int:
        return sum(1 for email in draft.members if _org_key(self.people[email]) == org)

    def _seat(self, person: Person, draft: _Draft) -> None:
        draft.members.append(person.email)
        draft.added.append(person.email)
        self.room_of[person.email] = draft

    def _unplace(self, person: Person, reason: str) -> None:
        self.unplaced.append(Unplaced(person.email, person.name, person.panel, reason))

    # --- result -------------------------------------------------------------
    def name_of(self, draft: _Draft) -> str:
        if draft.panel is None:
            return draft.foreign_name
        rooms = self.drafts[draft.panel]
        return room_name(draft.panel, self.titles[draft.panel], rooms.index(draft), len(rooms))

    def _member_order(self, email: str) -> tuple[int, str]:
        role = self.people[email].role
        return ({"moderator": 0, "speaker": 1}.get(role, 2), email)

    def build(self) -> BreakoutPlan:
        rooms: list[Room] = []
        for draft in [d for number in self.titles for d in self.drafts[number]] + self.foreign:
            members = tuple(sorted(draft.members, key=self._member_order))
            facilitators = tuple(e for e in members if self.people[e].is_facilitator)
            room = Room(self.name_of(draft), draft.panel, members, facilitators, tuple(sorted(draft.added)))
            if draft.panel is not None and not facilitators:
                self.warnings.append(f"{room.name!r} has no panel speaker or moderator: ask a co-host to facilitate")
            if room.size > self.capacity:
                self.warnings.append(f"{room.name!r} holds {room.size}, over the capacity of {self.capacity}")
            rooms.append(room)
        unplaced = sorted(self.unplaced, key=lambda u: (u.panel or 0, u.email))
        return BreakoutPlan(
            tuple(rooms), tuple(unplaced), tuple(self.dropped), tuple(self.warnings), dict(self.people), self.capacity
        )


def plan_breakouts(
    panels: Sequence[Panel],
    facilitators: Sequence[Person],
    attendees: Sequence[Person],
    *,
    capacity: int = 50,
    no_choice: NoChoicePolicy | str = "spread",
    existing: Mapping[str, Sequence[str]] | None = None,
) -> BreakoutPlan:
    """Assign facilitators and attendees to rooms; ``existing`` (room name → emails) never moves."""
    if capacity < 1:
        raise ValueError("room capacity must be at least 1")
    # A panelist who also registered is a facilitator, not an attendee.
    facilitator_emails = {f.email for f in facilitators}
    people = [p for p in attendees if p.email not in facilitator_emails] + list(facilitators)
    planner = _Planner(panels, people, capacity, no_choice)
    planner.seat_existing(existing or {})
    newcomers = planner.newcomers()
    planner.allocate_rooms(newcomers)
    planner.place(planner.admit(newcomers))
    return planner.build()
