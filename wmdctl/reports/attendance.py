"""Building the attendance report: one row per person, plus a summary.

Pure: it takes Zoom's rows (as dicts) and the event's panel windows and does
no I/O. Participant rows are fed one at a time (``AttendanceBuilder.add``) so
a 30,000-segment report never sits in memory as dicts: each person keeps only
a list of ``(join, leave)`` integer pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from wmdctl.reports import segments
from wmdctl.reports.model import PanelWindow, PersonRow
from wmdctl.reports.people import (
    STANDARD_FIELDS,
    IdentityIndex,
    PersonKey,
    full_name,
    normalise_email,
    organisation_of,
    registration_answers,
)
from wmdctl.reports.segments import Interval
from wmdctl.reports.summary import Summary, summarise

__all__ = ["AttendanceBuilder", "AttendanceReport", "PanelWindow", "PersonRow"]

ROLES = ("host", "panelist", "attendee")
# A row whose segment lasts this long but whose duration is 0 has not been
# computed yet by Zoom (SPEC: "duration 0 means the data is not ready").
_UNCOMPUTED_DURATION_MIN_SECONDS = 60


@dataclass(slots=True)
class _Person:
    key: PersonKey
    name: str = ""
    email: str = ""
    intervals: list[Interval] = field(default_factory=list)
    sessions: int = 0


@dataclass
class AttendanceReport:
    rows: list[PersonRow]
    summary: Summary
    panels: list[PanelWindow]
    timezone: str
    webinar_window: Interval
    threshold_minutes: float
    source: str = ""
    problems: list[str] = field(default_factory=list)  # clamped segments and other oddities, already fixed up
    incomplete: list[str] = field(default_factory=list)  # why Zoom's data looks unfinished; empty when ready
    answer_titles: list[str] = field(default_factory=list)


class AttendanceBuilder:
    """Feed it participant rows, then ``build`` the report."""

    def __init__(
        self,
        registrants: Iterable[Mapping[str, Any]],
        *,
        host_emails: Iterable[str] = (),
        panelist_emails: Iterable[str] = (),
    ) -> None:
        self._registrants: dict[str, Mapping[str, Any]] = {}
        for registrant in registrants:
            registrant_id = str(registrant.get("id") or "")
            if registrant_id:
                self._registrants.setdefault(registrant_id, registrant)
        self._index = IdentityIndex(self._registrants.values())
        self._hosts = {normalise_email(e) for e in host_emails if e}
        self._panelists = {normalise_email(e) for e in panelist_emails if e}
        self._people: dict[PersonKey, _Person] = {}
        self._absentee_ids: set[str] = set()
        self.problems: list[str] = []
        self._live_rows = 0
        self._uncomputed_rows = 0

    def add(self, row: Mapping[str, Any]) -> None:
        """One join/leave segment as Zoom returned it."""
        key = self._index.key_for(row)
        person = self._people.get(key)
        if person is None:
            person = self._people[key] = _Person(key)
        name = str(row.get("name") or "").strip()
        if name and not person.name:
            person.name = name
        email = str(row.get("user_email") or "").strip()
        if email and not person.email:
            person.email = email
        person.sessions += 1
        join = segments.parse_zoom_time(row.get("join_time"))
        leave = segments.parse_zoom_time(row.get("leave_time"))
        if join is None or leave is None:
            # Still in the webinar: Zoom has not closed the segment. The ``status`` field cannot
            # tell: its enum has no "left" value, and ended rows say "in_meeting" too.
            self._live_rows += 1
            return
        interval, clamped = segments.clamp(join, leave)
        if clamped:
            self.problems.append(
                f"{name or email or 'a participant'}: leave time {row.get('leave_time')} is before join time "
                f"{row.get('join_time')}; counted as 0 minutes"
            )
        elif not row.get("duration") and leave - join >= _UNCOMPUTED_DURATION_MIN_SECONDS:
            self._uncomputed_rows += 1
        person.intervals.append(interval)

    def add_absentee(self, registrant: Mapping[str, Any]) -> None:
        """A registrant Zoom lists as absent: kept with zero minutes."""
        registrant_id = str(registrant.get("id") or "")
        if not registrant_id:
            return
        self._absentee_ids.add(registrant_id)
        if registrant_id not in self._registrants:
            self._registrants[registrant_id] = {**registrant, "status": registrant.get("status") or "approved"}
            self._index.add_registrant(registrant)

    def incomplete_reasons(self) -> list[str]:
        reasons = []
        if self._live_rows:
            reasons.append(f"{self._live_rows} participant segment(s) are still open (in the webinar, no leave time)")
        if self._uncomputed_rows:
            reasons.append(f"{self._uncomputed_rows} segment(s) have a duration of 0: Zoom has not finished the report")
        return reasons

    def build(
        self,
        *,
        panels: Sequence[PanelWindow],
        webinar_window: Interval,
        timezone: str,
        threshold_minutes: float = 10,
        answer_titles: Sequence[str] = (),
    ) -> AttendanceReport:
        rows = [self._row_for_person(p, panels, webinar_window, threshold_minutes) for p in self._people.values()]
        rows.extend(self._absent_rows(panels))
        rows.sort(key=lambda r: (ROLES.index(r.role), -r.total_seconds, r.name.casefold(), r.email))
        merged_attendees = [
            segments.merge(p.intervals) for p in self._people.values() if self._role(p.email) == "attendee"
        ]
        statuses = [str(r.get("status") or "approved") for r in self._registrants.values()]
        summary = summarise(rows, merged_attendees, statuses, panels, webinar_window, timezone)
        titles = list(answer_titles)
        for row in rows:
            titles.extend(t for t in row.answers if t not in titles)
        return AttendanceReport(
            rows=rows,
            summary=summary,
            panels=list(panels),
            timezone=timezone,
            webinar_window=webinar_window,
            threshold_minutes=threshold_minutes,
            problems=list(self.problems),
            incomplete=self.incomplete_reasons(),
            answer_titles=titles,
        )

    # --- rows -------------------------------------------------------------
    def _role(self, email: str) -> str:
        normal = normalise_email(email)
        if normal and normal in self._hosts:
            return "host"
        if normal and normal in self._panelists:
            return "panelist"
        return "attendee"

    def _row_for_person(
        self, person: _Person, panels: Sequence[PanelWindow], window: Interval, threshold_minutes: float
    ) -> PersonRow:
        merged = segments.merge(person.intervals)
        registrant = self._registrants.get(person.key.value) if person.key.kind == "registrant" else None
        panel_seconds = {p.number: segments.overlap_seconds(merged, p.window) for p in panels}
        window_length = max(1, window[1] - window[0])
        in_window = segments.overlap_seconds(merged, window)
        email = person.email or str((registrant or {}).get("email") or "")
        return PersonRow(
            name=person.name or full_name(registrant or {}),
            email=email,
            organisation=organisation_of(registrant or {}),
            answers=_answers(registrant),
            role=self._role(email),
            registered=registrant is not None,
            registration_status=str((registrant or {}).get("status") or ("approved" if registrant else "")),
            first_join=min((s for s, _ in person.intervals), default=None),
            last_leave=max((e for _, e in person.intervals), default=None),
            total_seconds=segments.total_seconds(merged),
            sessions=person.sessions,
            attended_pct=round(100 * in_window / window_length, 1),
            panel_seconds=panel_seconds,
            panel_present={n: s >= threshold_minutes * 60 for n, s in panel_seconds.items()},
            identity=person.key.kind,
        )

    def _absent_rows(self, panels: Sequence[PanelWindow]) -> list[PersonRow]:
        """Approved registrants and Zoom's absentees who never joined, with zero minutes."""
        present = {p.key.value for p in self._people.values() if p.key.kind == "registrant"}
        rows = []
        for registrant_id, registrant in self._registrants.items():
            status = str(registrant.get("status") or "approved")
            if registrant_id in present or (status != "approved" and registrant_id not in self._absentee_ids):
                continue
            email = str(registrant.get("email") or "")
            rows.append(
                PersonRow(
                    name=full_name(registrant),
                    email=email,
                    organisation=organisation_of(registrant),
                    answers=_answers(registrant),
                    role=self._role(email),
                    registered=True,
                    registration_status=status,
                    first_join=None,
                    last_leave=None,
                    total_seconds=0,
                    sessions=0,
                    attended_pct=0.0,
                    panel_seconds={p.number: 0 for p in panels},
                    panel_present={p.number: False for p in panels},
                    identity="registrant",
                )
            )
        return rows


def _answers(registrant: Mapping[str, Any] | None) -> dict[str, str]:
    if not registrant:
        return {}
    answers = {label: str(registrant.get(key) or "") for key, label in STANDARD_FIELDS if registrant.get(key)}
    answers.update(registration_answers(registrant))
    return answers
