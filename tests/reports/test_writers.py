"""Writers: formula neutralising, both time zones, JSON contract, Q&A and polls."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reports.helpers import registrant, report_event, segment
from wmdctl.errors import UsageError
from wmdctl.reports.attendance import AttendanceBuilder, AttendanceReport, PanelWindow
from wmdctl.reports.interactions import poll_rows, qa_rows
from wmdctl.reports.segments import to_epoch
from wmdctl.reports.writers import attendance_to_dict, format_for, write_attendance

EVIL = '=HYPERLINK("http://evil.example","click")'


def report_with_formulas() -> AttendanceReport:
    event = report_event()
    registrants = [
        registrant(
            "r1",
            EVIL,
            "+1",
            "ana@example.org",
            org="@SUM(A1:A9)",
            custom_questions=[{"title": "Which panel breakout session would you like to join?", "value": "-2+3"}],
        )
    ]
    builder = AttendanceBuilder(registrants)
    builder.add(segment(5, 50, name=EVIL, registrant_id="r1"))
    report = builder.build(
        panels=[PanelWindow.of(p) for p in event.panels],
        webinar_window=(to_epoch(event.start), to_epoch(event.end)),
        timezone=event.timezone,
        answer_titles=[q.title for q in event.registration.custom_questions],
    )
    report.source = "report"
    return report


def test_csv_neutralises_formulas_and_shows_both_time_zones(tmp_path: Path) -> None:
    path = tmp_path / "attendance.csv"
    write_attendance(report_with_formulas(), "csv", path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["name"] == "'" + EVIL
    assert row["organisation"] == "'@SUM(A1:A9)"
    assert row["Which panel breakout session would you like to join?"] == "'-2+3"
    # 13:05 UTC is 15:05 in Madrid (CEST, +02:00).
    assert row["first_join_utc"] == "2021-10-07T13:05:00Z"
    assert row["first_join_local"] == "2021-10-07T15:05:00+02:00"
    assert row["total_minutes"] == "45.0"
    assert row["panel_1_minutes"] == "35.0" and row["present_panel_1"] == "True"
    assert row["panel_2_minutes"] == "5.0" and row["present_panel_2"] == "False"


def test_xlsx_neutralises_formulas_and_keeps_numbers_numeric(tmp_path: Path) -> None:
    path = tmp_path / "attendance.xlsx"
    write_attendance(report_with_formulas(), "xlsx", path)
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    values = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert values["name"] == EVIL  # as given, and stored as text: a spreadsheet never runs it
    assert sheet.cell(row=2, column=1).data_type == "s"
    assert values["total_minutes"] == 45.0 and values["sessions"] == 1


def test_json_document_has_source_summary_and_people(tmp_path: Path) -> None:
    stream = io.StringIO()
    write_attendance(report_with_formulas(), "json", stream)
    document = json.loads(stream.getvalue())
    assert document == attendance_to_dict(report_with_formulas())
    assert document["source"] == "report"
    assert document["summary"]["registered"] == 1 and document["summary"]["attendance_rate"] == 1.0
    assert document["summary"]["peak_at_local"] == "2021-10-07T15:05:00+02:00"
    # JSON is not a spreadsheet: the value stays exactly what the person typed.
    assert document["people"][0]["name"] == EVIL


def test_format_is_taken_from_the_out_suffix_and_xlsx_needs_a_file() -> None:
    assert format_for(None, Path("a.xlsx")) == "xlsx"
    assert format_for(None, None) == "table"
    assert format_for("csv", None) == "csv"
    with pytest.raises(UsageError, match="XLSX"):
        format_for("xlsx", None)
    with pytest.raises(UsageError, match="unknown"):
        format_for("pdf", None)


def test_qa_rows_keep_asker_time_status_and_answers() -> None:
    payload = {
        "questions": [
            {
                "name": "Ana",
                "email": "",
                "question_details": [
                    {
                        "question": "How do we fund care?",
                        "create_time": "2021-10-07T13:20:00Z",
                        "question_status": "answered",
                        "answer_details": [
                            {"name": "Moderator", "content": "Through the budget", "type": "host_answered_publicly"},
                            {"name": "Bea", "content": "+1", "type": "participant_commented"},
                        ],
                    },
                    {"question": "Earlier question", "create_time": "2021-10-07T13:10:00Z", "question_status": "open"},
                ],
            }
        ]
    }
    rows = qa_rows(payload, "Europe/Madrid")
    assert [r["question"] for r in rows] == ["Earlier question", "How do we fund care?"]
    answered = rows[1]
    assert answered["asked_local"] == "2021-10-07T15:20:00+02:00" and answered["asked_utc"] == "2021-10-07T13:20:00Z"
    assert answered["status"] == "answered"
    assert answered["answers"] == "Moderator: Through the budget | Bea: +1"
    assert answered["answered_by"] == "Moderator; Bea"
    # The past-webinar shape: no time, no status, answers as one string.
    past = qa_rows(
        {"questions": [{"name": "X", "question_details": [{"question": "Q", "answer": "live answered"}]}]}, "UTC"
    )
    assert past[0]["status"] == "answered" and past[0]["answers"] == "live answered" and past[0]["asked_utc"] == ""


def test_poll_rows_count_answers_split_known_multiple_choices_and_show_zeroes() -> None:
    question = "Which matters most?"
    options = ["Care", "Housing", "Mobility"]

    def vote(email: str, answer: str) -> dict[str, object]:
        return {"email": email, "question_details": [{"polling_id": "p1", "question": question, "answer": answer}]}

    payload = {"questions": [vote("a@x", "Care"), vote("b@x", "Care;Housing"), vote("c@x", "Care; but also; more")]}
    rows = poll_rows(payload, {("", question): options})
    counts = {r["answer"]: r["count"] for r in rows}
    assert counts == {"Care": 2, "Housing": 1, "Mobility": 0, "Care; but also; more": 1}
    assert rows[0]["answer"] == "Care" and rows[0]["respondents"] == 3 and rows[0]["share_pct"] == 66.7


def test_two_polls_that_ask_the_same_question_keep_their_own_options() -> None:
    """Both WMD polls ask which question matters most, with different options and one option in common."""
    from wmdctl.reports.interactions import PollTitles

    question = "Which of these questions matters most for your metropolis?"
    shared = "What are the key lessons learned from the pandemic to implement in global agendas?"
    known = {("Panel 1: A", question): [shared, "Care?"], ("Panel 2: B", question): [shared, "Recovery?"]}
    titles = PollTitles(by_id={"p1": "Panel 1: A", "p2": "Panel 2: B"})

    def vote(email: str, poll: str, answer: str) -> dict[str, object]:
        return {"email": email, "question_details": [{"polling_id": poll, "question": question, "answer": answer}]}

    payload = {"questions": [vote("a@x", "p1", shared), vote("b@x", "p2", shared), vote("c@x", "p2", "Recovery?")]}
    rows = poll_rows(payload, known, titles)
    by_poll = {(r["poll_title"], r["answer"]): r["count"] for r in rows}
    assert by_poll == {
        ("Panel 1: A", shared): 1,
        ("Panel 1: A", "Care?"): 0,
        ("Panel 2: B", "Recovery?"): 1,
        ("Panel 2: B", shared): 1,
    }
    assert {r["respondents"] for r in rows if r["poll_title"] == "Panel 2: B"} == {2}
