"""Figures for the after-event reports: certificates per second, the HTML report at scale, verify speed.

Run: ``.venv/bin/python bench/after_event.py`` (needs the certificates extra). It prints figures; no targets.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from factories import make_event
from reports.helpers import registrant, segment

from wmdctl.reports.certificates import write_certificates
from wmdctl.reports.downloads import sha256_file
from wmdctl.reports.html.page import PageInputs, render_page
from wmdctl.reports.job import AttendanceInputs, build_attendance

NAMES = {
    "latin": ("José", "Núñez"),
    "cjk": ("王", "小明"),
    "arabic": ("محمد", "الأحمد"),
    "devanagari": ("अनिल", "कुमार"),
}


def report_of(people: int, first: str, last: str):  # type: ignore[no-untyped-def]
    event = make_event()
    registrants = [
        registrant(
            f"r{n}", first, f"{last} {n}", f"p{n}@example.org", org=f"City {n % 40}", country=("ES", "CN")[n % 2]
        )
        for n in range(people)
    ]
    rows = [segment(n % 30, 60 + n % 30, name=f"{first} {last} {n}", email=f"p{n}@example.org", registrant_id=f"r{n}")
            for n in range(people)]  # fmt: skip
    inputs = AttendanceInputs(rows=rows, registrants=registrants, absentees=lambda: [], details={})
    return event, build_attendance(inputs, event, 10)


def certificates_per_second(script: str, count: int) -> float:
    event, report = report_of(count, *NAMES[script])
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        written = write_certificates(report, event, Path(folder), min_minutes=10).written
        elapsed = time.perf_counter() - started
    assert len(written) == count
    return count / elapsed


def html_at_scale(people: int) -> tuple[float, int]:
    event, report = report_of(people, *NAMES["latin"])
    registrations = [
        {"status": "approved", "create_time": f"2021-09-{1 + n % 28:02d}T08:00:00Z"} for n in range(people)
    ]
    started = time.perf_counter()
    page = render_page(PageInputs(event, report, registrations, [], [], datetime.now(UTC)))
    return time.perf_counter() - started, len(page.encode())


def verify_speed(megabytes: int) -> float:
    with tempfile.NamedTemporaryFile() as stream:
        block = os.urandom(1 << 20)
        for _ in range(megabytes):
            stream.write(block)
        stream.flush()
        started = time.perf_counter()
        sha256_file(Path(stream.name))
        return megabytes / (time.perf_counter() - started)


def main() -> None:
    for script, count in (("latin", 20), ("devanagari", 10), ("arabic", 10), ("cjk", 10)):
        print(f"certificates, {script} names: {certificates_per_second(script, count):.1f} PDF/s")
    seconds, size = html_at_scale(5000)
    print(f"HTML report, 5,000 attendees: rendered in {seconds:.2f} s, {size / 1024:.0f} KiB")
    print(f"recording verify (SHA-256 of a 256 MiB file): {verify_speed(256):.0f} MiB/s")
    print(f"(hashlib: {hashlib.sha256().name})")


if __name__ == "__main__":
    main()
