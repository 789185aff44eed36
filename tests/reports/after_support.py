"""An attendance report of the real embedded event with people in many scripts, for the after-event reports."""

from __future__ import annotations

import importlib.util
import os

import pytest
from factories import make_event

from reports.helpers import registrant, segment
from wmdctl.event.model import Event
from wmdctl.reports.attendance import AttendanceReport
from wmdctl.reports.job import AttendanceInputs, build_attendance

# Panel 1 runs 10-45 minutes after the 15:00 start, panel 2 45-80 (embedded event, Madrid time).
HOSTILE = '<script>alert("x")</script>=HYPERLINK("http://evil.example")'
PEOPLE = [
    # (registrant id, first, last, email, join, leave) in minutes from the start; None = never came
    ("r1", "José", "Núñez", "jose@example.org", 0, 90),
    ("r2", "王", "小明", "wang@example.cn", 5, 50),
    ("r3", "محمد", "الأحمد", "mohammed@example.ae", 40, 85),
    ("r4", "Иван", "Петров", "ivan@example.ru", 12, 20),  # 8 minutes only: below a 10-minute threshold
    ("r5", "अनिल", "कुमार", "anil@example.in", 0, 60),
    ("r6", HOSTILE, "", "evil@example.org", 30, 70),
    ("r7", "Absent", "Person", "absent@example.org", None, None),
]


def after_event() -> Event:
    return make_event()


def after_report(event: Event | None = None, threshold: float = 10) -> AttendanceReport:
    event = event or after_event()
    registrants = [
        registrant(rid, first, last, email, org=f"{first} City Council", country="ES" if n % 2 else "CN")
        for n, (rid, first, last, email, _, _) in enumerate(PEOPLE)
    ]
    rows = [
        segment(join, leave, name=f"{first} {last}".strip(), email=email, registrant_id=rid)
        for rid, first, last, email, join, leave in PEOPLE
        if join is not None and leave is not None
    ]
    report = build_attendance(
        AttendanceInputs(
            rows=rows, registrants=registrants, absentees=lambda: [], details={}, host_email="host@example.org"
        ),
        event,
        threshold,
    )
    report.source = "report"
    return report


def needs(*modules: str, reason: str) -> None:
    """Skip (locally) or fail (in CI, where the test extra installs them) when a module is missing."""
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        message = f"{reason}: {', '.join(missing)} not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
