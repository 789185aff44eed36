"""The registrant paths look people up through an index, never by reading every registrant of the webinar.

A lookup written as ``id = ? OR email_key = ?`` made SQLite walk all of a webinar's registrants for each
person, so a batch of 30 cost O(registrants): 10 ms at the start of a 6,000-row sync, 340 ms at its end,
and the emulator, not the client, set the pace. These tests record every statement the sandbox runs for a
registration and ask SQLite how it would answer each one, which is deterministic whatever the machine.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from wmdctl.sandbox import SandboxHandle

from .helpers import Zoom


@contextmanager
def statements_run(handle: SandboxHandle) -> Iterator[list[str]]:
    conn = handle.app.sb.store.conn
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        conn.set_trace_callback(None)


def registrant_reads_by_webinar_only(conn: sqlite3.Connection, statements: list[str]) -> list[tuple[str, str]]:
    """Statements whose plan reads the registrants table by scan, or by the webinar id alone."""
    slow = []
    for sql in statements:
        if "registrants" not in sql or not sql.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE")):
            continue
        for *_, detail in conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall():
            if "registrants" in detail and ("SCAN" in detail or detail.endswith("(webinar_id=?)")):
                slow.append((sql, detail))
    return slow


def test_a_batch_of_new_and_known_people_finds_each_by_index(handle: SandboxHandle, zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar()
    zoom.seed_registrants(webinar_id, 200)  # enough rows that a scan and a search plan differently
    known = "person1@registrants.example"  # the first seeded person
    people = [{"email": known, "first_name": "Known"}] + [
        {"email": f"new{i}@example.org", "first_name": "New"} for i in range(29)
    ]
    with statements_run(handle) as seen:
        answer = zoom.post(f"/webinars/{webinar_id}/batch_registrants", json={"registrants": people})
    assert answer.status_code == 201, answer.text
    assert len(answer.json()["registrants"]) == 30
    assert any("email_key" in sql for sql in seen), "the batch looked nobody up: the recording missed it"
    assert registrant_reads_by_webinar_only(handle.app.sb.store.conn, seen) == []


def test_a_single_add_and_a_status_change_find_the_person_by_index(handle: SandboxHandle, zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar(approval_type=1)
    zoom.seed_registrants(webinar_id, 200, status="pending")
    with statements_run(handle) as seen:
        added = zoom.register(webinar_id, "Ana.Lopez@Example.org")
        registrant_id = added.json()["registrant_id"]
        approved = zoom.call(
            "PUT",
            f"/webinars/{webinar_id}/registrants/status",
            json={"action": "approve", "registrants": [{"id": registrant_id}, {"email": "ana.lopez@example.org"}]},
        )
    assert added.status_code == 201 and approved.status_code == 204, (added.text, approved.text)
    assert registrant_reads_by_webinar_only(handle.app.sb.store.conn, seen) == []


def test_a_person_is_found_by_id_or_else_by_email_whatever_its_case(zoom: Zoom) -> None:
    webinar_id = zoom.registration_webinar(approval_type=1)
    ana = zoom.register(webinar_id, "Ana@Example.org").json()["registrant_id"]
    bo = zoom.register(webinar_id, "bo@example.org").json()["registrant_id"]

    def approve(*entries: dict[str, str]) -> list[str]:
        answer = zoom.call(
            "PUT",
            f"/webinars/{webinar_id}/registrants/status",
            json={"action": "approve", "registrants": list(entries)},
        )
        assert answer.status_code == 204, answer.text
        listed = zoom.get(f"/webinars/{webinar_id}/registrants", params={"status": "approved"}).json()["registrants"]
        return sorted(r["id"] for r in listed)

    assert approve({"id": bo, "email": "ana@example.org"}) == [bo]  # the id wins over another person's email
    assert approve({"email": "ANA@EXAMPLE.ORG"}) == sorted([ana, bo])  # no id: the email, in any case
