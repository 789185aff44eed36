"""`campaign report`: everyone's attendance across the sessions, and who came back from earlier years.

Each session's attendance is the attendance report itself (``collect_attendance``); this module only
joins them by email. People Zoom could not identify by email (guests not signed in) cannot be matched
across sessions and keep a row each. Earlier years come from `report archive` folders: their manifest
and the attendance report built into them, so they stay readable after Zoom has deleted the data.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wmdctl.campaign.accounts import Account, Accounts, Outcome, run_sessions
from wmdctl.campaign.model import Session
from wmdctl.errors import NotFoundError, UsageError
from wmdctl.reports.attendance import AttendanceReport
from wmdctl.reports.people import normalise_email

MANIFEST = "manifest.json"
ATTENDANCE_JSON = "reports/attendance.json"


def session_attendance(session: Session, account: Account) -> AttendanceReport:
    from wmdctl.reports.job import collect_attendance

    job = account.job_for(session)
    if job.recorded_webinar_id() is None:
        raise NotFoundError(f"no webinar recorded for session {session.key!r}", hint="run `wmdctl campaign apply`")
    return collect_attendance(job.pinned())  # the webinar just checked for, not one recorded since


def report_campaign(
    sessions: Sequence[Session], accounts: Accounts, compare: Iterable[Path] = ()
) -> tuple[CampaignReport, list[Outcome[AttendanceReport]]]:
    """The campaign report from every session whose attendance Zoom has; the others are named in its warnings."""
    earlier, warnings = earlier_attendees(compare)  # first: a wrong --compare fails before any Zoom call
    outcomes = run_sessions(sessions, accounts, session_attendance)
    built = build_campaign_report([(o.session, o.result) for o in outcomes if o.result], earlier)
    built.warnings = warnings + [f"{o.session.key}: {o.error}" for o in outcomes if not o.ok]
    return built, outcomes


@dataclass
class PersonLine:
    email: str
    name: str = ""
    organisation: str = ""
    role: str = "attendee"
    registered: list[str] = field(default_factory=list)  # session keys
    attended: list[str] = field(default_factory=list)
    minutes: dict[str, float] = field(default_factory=dict)
    returning_from: list[str] = field(default_factory=list)  # labels of earlier archives they attended

    @property
    def total_minutes(self) -> float:
        return round(sum(self.minutes.values()), 1)


@dataclass
class SessionTotals:
    key: str
    title: str
    registered: int = 0
    attended: int = 0
    minutes: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        average = round(self.minutes / self.attended, 1) if self.attended else 0.0
        return {"key": self.key, "title": self.title, "registered": self.registered, "attended": self.attended,
                "total_minutes": round(self.minutes, 1), "average_minutes": average}  # fmt: skip


@dataclass
class CampaignReport:
    sessions: list[Session]  # the sessions whose report was built, in file order
    people: list[PersonLine]
    totals: list[SessionTotals]
    compared: list[str] = field(default_factory=list)  # labels of the archives compared against
    warnings: list[str] = field(default_factory=list)

    def campaign_totals(self) -> dict[str, Any]:
        attendees = [p for p in self.people if p.role == "attendee"]
        return {
            "sessions": len(self.sessions),
            "people": len(attendees),
            "registered": sum(1 for p in attendees if p.registered),
            "attended": sum(1 for p in attendees if p.attended),
            "attended_several_sessions": sum(1 for p in attendees if len(p.attended) > 1),
            "total_minutes": round(sum(p.total_minutes for p in attendees), 1),
            "returning_attendees": sum(1 for p in attendees if p.attended and p.returning_from),
        }

    def columns(self) -> list[str]:
        columns = ["email", "name", "organisation", "role", "registered_for", "attended"]
        columns += [f"{s.key} minutes" for s in self.sessions]
        return [*columns, "total_minutes", "sessions_attended", "returning_from"]

    def records(self) -> list[dict[str, Any]]:
        rows = []
        for person in self.people:
            row: dict[str, Any] = {"email": person.email, "name": person.name, "organisation": person.organisation,
                                   "role": person.role, "registered_for": "; ".join(person.registered),
                                   "attended": "; ".join(person.attended)}  # fmt: skip
            for session in self.sessions:
                row[f"{session.key} minutes"] = person.minutes.get(session.key, 0.0)
            row |= {"total_minutes": person.total_minutes, "sessions_attended": len(person.attended),
                    "returning_from": "; ".join(person.returning_from)}  # fmt: skip
            rows.append(row)
        return rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "sessions": [t.to_dict() for t in self.totals],
            "totals": self.campaign_totals(),
            "compared_with": self.compared,
            "warnings": self.warnings,
            "people": self.records(),
        }


def build_campaign_report(
    reports: Sequence[tuple[Session, AttendanceReport]], earlier: Sequence[tuple[str, set[str]]] = ()
) -> CampaignReport:
    """Join the sessions' attendance by email; ``earlier`` is (label, emails who attended) per archive."""
    people: dict[str, PersonLine] = {}
    totals = []
    for session, report in reports:
        total = SessionTotals(session.key, session.title)
        for n, row in enumerate(report.rows):
            if row.role == "host":
                continue
            email = normalise_email(row.email)
            person = people.setdefault(email or f"(no email) {session.key} #{n}", PersonLine(email))
            person.name = person.name or row.name
            person.organisation = person.organisation or row.organisation
            if row.role == "panelist":
                person.role = "panelist"
            if row.registered:
                person.registered.append(session.key)
                total.registered += row.role == "attendee"
            if row.attended:
                person.attended.append(session.key)
                person.minutes[session.key] = row.total_minutes
                if row.role == "attendee":
                    total.attended += 1
                    total.minutes += row.total_minutes
        totals.append(total)
    for person in people.values():
        person.returning_from = [label for label, emails in earlier if person.email and person.email in emails]
    ordered = sorted(people.values(), key=lambda p: (p.role != "attendee", -p.total_minutes, p.email, p.name))
    return CampaignReport([s for s, _ in reports], ordered, totals, [label for label, _ in earlier])


def archive_folders(directory: Path) -> list[Path]:
    """An archive folder itself, or the `report archive --dir` folder holding several."""
    if (directory / MANIFEST).is_file():
        return [directory]
    if not directory.is_dir():
        raise UsageError(f"{directory} is not a folder", hint="give --compare a `report archive` folder")
    found = sorted(p for p in directory.iterdir() if (p / MANIFEST).is_file())
    if not found:
        raise UsageError(f"{directory} holds no `report archive` folder (none has a {MANIFEST})",
                         hint="give --compare the folder `wmdctl report archive --dir` wrote")  # fmt: skip
    return found


def earlier_attendees(directories: Iterable[Path]) -> tuple[list[tuple[str, set[str]]], list[str]]:
    """(label, emails that attended) for every archive under ``directories``, and warnings."""
    from wmdctl.reports.archive import verify

    archives: list[tuple[str, set[str]]] = []
    warnings: list[str] = []
    for directory in directories:
        for folder in archive_folders(directory):
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            problems = verify(folder)
            if problems:
                warnings.append(f"{folder}: does not match its manifest ({'; '.join(problems)}); read anyway")
            built = folder / ATTENDANCE_JSON
            if not built.is_file():
                warnings.append(f"{folder}: has no {ATTENDANCE_JSON}; skipped")
                continue
            people = json.loads(built.read_text(encoding="utf-8")).get("people") or []
            emails = {normalise_email(p.get("email")) for p in people
                      if p.get("role") == "attendee" and (p.get("total_minutes") or p.get("sessions"))}  # fmt: skip
            emails.discard("")
            start = str(manifest.get("instance_start_time") or "")[:10]
            archives.append((f"{start or folder.name} ({manifest.get('webinar_id', '?')})", emails))
    return archives, warnings
