from __future__ import annotations

from typing import Any

from reports.helpers import registrant, report_event, segment
from wmdctl.reports.attendance import AttendanceBuilder, AttendanceReport, PanelWindow, PersonRow
from wmdctl.reports.segments import to_epoch

EVENT = report_event()
WINDOW = (to_epoch(EVENT.start), to_epoch(EVENT.end))


def build(
    rows: list[dict[str, Any]],
    registrants: list[dict[str, Any]] = (),  # type: ignore[assignment]
    absentees: list[dict[str, Any]] = (),  # type: ignore[assignment]
    threshold: float = 10,
) -> AttendanceReport:
    builder = AttendanceBuilder(
        registrants, host_emails=["host@example.org"], panelist_emails=[p.email for p in EVENT.panelists]
    )
    for row in rows:
        builder.add(row)
    for absentee in absentees:
        builder.add_absentee(absentee)
    return builder.build(
        panels=[PanelWindow.of(p) for p in EVENT.panels],
        webinar_window=WINDOW,
        timezone=EVENT.timezone,
        threshold_minutes=threshold,
    )


def person(report: AttendanceReport, name: str) -> PersonRow:
    matches = [r for r in report.rows if r.name == name]
    assert len(matches) == 1, f"{name}: {len(matches)} rows"
    return matches[0]


def test_rejoin_with_a_new_user_id_is_one_person_with_merged_minutes() -> None:
    rows = [
        segment(0, 30, name="Ana García", email="ana@city.example", user_id="u1"),
        segment(20, 40, name="Ana García", email="ANA@city.example", user_id="u2"),  # overlapping second device
        segment(60, 70, name="Ana García", email="ana@city.example", user_id="u3"),  # rejoin
    ]
    report = build(rows)
    ana = person(report, "Ana García")
    assert ana.sessions == 3
    assert ana.total_seconds == (40 + 10) * 60
    assert ana.first_join == WINDOW[0]
    assert ana.last_leave == WINDOW[0] + 70 * 60
    assert ana.attended_pct == round(100 * 50 / 90, 1)


def test_registrant_id_then_email_lands_on_the_registrant() -> None:
    registrants = [registrant("r1", "Bea", "Soler", "bea@city.example", org="Barcelona City Council")]
    rows = [
        segment(0, 10, name="Bea (phone)", registrant_id="r1", email=""),
        segment(15, 25, name="Bea S.", email="Bea@City.example"),
    ]
    report = build(rows, registrants)
    assert len(report.rows) == 1
    bea = report.rows[0]
    assert bea.registered and bea.identity == "registrant"
    assert bea.organisation == "Barcelona City Council"
    assert bea.email == "Bea@City.example"
    assert bea.total_seconds == 20 * 60


def test_distinct_people_are_never_merged() -> None:
    rows = [
        # Same display name, different e-mails: two people.
        segment(0, 10, name="Ana García", email="ana1@example.org"),
        segment(0, 10, name="Ana García", email="ana2@example.org"),
        # Two dial-ins, same caller label, no e-mail, different sessions: two people.
        segment(5, 20, name="+34 93 000 0000", user_id="d1"),
        segment(5, 20, name="+34 93 000 0000", user_id="d2"),
        # A guest without e-mail who has the same name as a signed-in person.
        segment(0, 10, name="Ana García", user_id="g1"),
    ]
    report = build(rows)
    assert len(report.rows) == 5
    assert sum(1 for r in report.rows if r.name == "+34 93 000 0000") == 2
    assert all(r.total_seconds > 0 for r in report.rows)
    assert {r.identity for r in report.rows} == {"email", "session"}


def test_stable_zoom_id_keeps_a_guest_together_across_rejoins() -> None:
    rows = [
        segment(0, 10, name="Guest", user_id="s1", participant_user_id="p-42"),
        segment(30, 40, name="Guest", user_id="s2", participant_user_id="p-42"),
    ]
    report = build(rows)
    assert len(report.rows) == 1
    assert report.rows[0].sessions == 2 and report.rows[0].total_seconds == 20 * 60


def test_blank_emails_and_unmatched_rows_are_kept() -> None:
    registrants = [registrant("r1", "Carla", "Mendes", "carla@example.org")]
    rows = [segment(0, 90, name="iPhone", user_id="x1"), segment(0, 90, name="", user_id="x2")]
    report = build(rows, registrants)
    names = sorted(r.name for r in report.rows)
    assert names == ["", "Carla Mendes", "iPhone"]
    unregistered = [r for r in report.rows if not r.registered]
    assert len(unregistered) == 2 and all(r.total_seconds == 90 * 60 for r in unregistered)
    assert report.summary.unregistered_attendees == 2


def test_absentees_are_included_with_zero_minutes() -> None:
    registrants = [
        registrant("r1", "Dana", "Ng", "dana@example.org"),
        registrant("r2", "Eli", "Roy", "eli@example.org"),
    ]
    absentees = [registrant("r2", "Eli", "Roy", "eli@example.org"), registrant("r3", "Fé", "Lo", "fe@example.org")]
    report = build([segment(0, 60, name="Dana Ng", registrant_id="r1")], registrants, absentees)
    eli, fe = person(report, "Eli Roy"), person(report, "Fé Lo")
    for absent in (eli, fe):
        assert absent.registered and absent.total_seconds == 0 and absent.sessions == 0
        assert absent.first_join is None and absent.panel_present == {1: False, 2: False}
    assert report.summary.registered == 3
    assert report.summary.registered_attended == 1
    assert abs(report.summary.attendance_rate - 1 / 3) < 1e-9


def test_pending_and_denied_registrants_who_did_not_come_are_not_rows_but_are_counted() -> None:
    registrants = [
        registrant("r1", "Gil", "Ma", "gil@example.org"),
        registrant("r2", "Hal", "No", "hal@example.org", status="pending"),
        registrant("r3", "Ida", "Ox", "ida@example.org", status="denied"),
    ]
    report = build([], registrants)
    assert [r.name for r in report.rows] == ["Gil Ma"]
    assert report.summary.registrants_by_status == {"approved": 1, "denied": 1, "pending": 1}


def test_panel_minutes_and_threshold() -> None:
    # Panel 1 is minutes 10-45, panel 2 is 45-80 (the WMD event file; see helpers.report_event).
    rows = [
        segment(0, 45, name="Only panel one", email="one@example.org"),
        segment(40, 90, name="Mostly panel two", email="two@example.org"),
        segment(35, 50, name="Brief", email="brief@example.org"),
    ]
    report = build(rows, threshold=10)
    one, two, brief = person(report, "Only panel one"), person(report, "Mostly panel two"), person(report, "Brief")
    assert one.panel_seconds == {1: 35 * 60, 2: 0}
    assert one.panel_present == {1: True, 2: False}
    assert two.panel_seconds == {1: 5 * 60, 2: 35 * 60}
    assert two.panel_present == {1: False, 2: True}
    assert brief.panel_seconds == {1: 10 * 60, 2: 5 * 60}
    assert brief.panel_present == {1: True, 2: False}  # exactly the threshold counts
    stricter = build(rows, threshold=11)
    assert person(stricter, "Brief").panel_present == {1: False, 2: False}
    assert [p.present for p in report.summary.panels] == [2, 1]


def test_roles_come_from_the_host_email_and_the_event_panelists() -> None:
    rows = [
        segment(0, 90, name="Host", email="host@example.org"),
        segment(0, 90, name="Moderator", email="Moderator@example.org"),
        segment(0, 30, name="Someone", email="someone@example.org"),
    ]
    report = build(rows)
    assert [(r.name, r.role) for r in report.rows] == [
        ("Host", "host"),
        ("Moderator", "panelist"),
        ("Someone", "attendee"),
    ]
    # The summary counts attendees only: the stage would flatter every number.
    assert report.summary.attendees == 1
    assert report.summary.peak_attendees == 1
    assert report.summary.average_minutes == 30


def test_peak_concurrency_and_when() -> None:
    rows = [
        segment(0, 20, name="A", email="a@example.org"),
        segment(10, 30, name="B", email="b@example.org"),
        segment(15, 16, name="C", email="c@example.org"),
        # C's second device overlaps: still one person at the peak.
        segment(15, 16, name="C", email="c@example.org", user_id="c2"),
    ]
    summary = build(rows).summary
    assert summary.peak_attendees == 3
    assert summary.peak_at == WINDOW[0] + 15 * 60


def test_leave_before_join_is_reported_and_counted_as_zero() -> None:
    row = segment(30, 20, name="Glitch", email="glitch@example.org")
    report = build([row, segment(40, 50, name="Glitch", email="glitch@example.org")])
    glitch = person(report, "Glitch")
    assert glitch.total_seconds == 10 * 60 and glitch.sessions == 2
    assert len(report.problems) == 1 and "before join time" in report.problems[0]
    assert report.incomplete == []


def test_live_or_unfinished_rows_make_the_report_incomplete() -> None:
    open_row = segment(0, 10, name="Live", email="live@example.org")
    open_row["leave_time"] = ""
    assert build([open_row]).incomplete
    still_in = segment(0, 10, name="Live", email="live@example.org", status="in_meeting")
    del still_in["leave_time"]
    assert "still open" in build([still_in]).incomplete[0]
    # Zoom's status enum has no "left": an ended row says "in_meeting" too, so status alone is no signal.
    ended = segment(0, 10, name="Done", email="done@example.org", status="in_meeting")
    assert build([ended]).incomplete == []
    zero = segment(0, 10, name="Zero", email="zero@example.org", duration=0)
    assert "duration of 0" in build([zero]).incomplete[0]
    # A genuinely instant segment (join == leave) is not "unfinished".
    assert build([segment(10, 10, name="Blink", email="b@example.org", duration=0)]).incomplete == []
