"""Follow-up lists: attendees, absentees and one panel's people, formula-safe, nobody dropped."""

from __future__ import annotations

import csv
import io

import pytest

from reports.after_support import HOSTILE, after_report
from wmdctl.errors import UsageError
from wmdctl.reports.followup import COLUMNS, follow_up_list, parse_audience
from wmdctl.tabular import write_rows

SHARE = "https://zoom.test/rec/share/abc"


def emails(rows: list[dict[str, object]]) -> set[object]:
    return {r["email"] for r in rows}


def test_attendees_get_minutes_panels_and_the_recording_link() -> None:
    result = follow_up_list(after_report(), parse_audience("attendees", [1, 2]), SHARE)
    assert "absent@example.org" not in emails(result.rows)
    assert len(result.rows) == 6
    wang = next(r for r in result.rows if r["email"] == "wang@example.cn")
    assert wang["minutes"] == 45.0
    assert wang["panels_attended"] == "Panel 1: Creating caring metropolises"
    assert wang["recording_url"] == SHARE


def test_absentees_are_the_approved_registrants_who_never_came() -> None:
    result = follow_up_list(after_report(), parse_audience("absentees", [1, 2]), SHARE)
    assert emails(result.rows) == {"absent@example.org"}


def test_a_panel_audience_is_those_present_in_its_window() -> None:
    result = follow_up_list(after_report(), parse_audience("panel-2", [1, 2]), SHARE)
    assert emails(result.rows) == {"jose@example.org", "mohammed@example.ae", "anil@example.in", "evil@example.org"}
    assert "ivan@example.ru" not in emails(
        follow_up_list(after_report(), parse_audience("panel-1", [1, 2]), SHARE).rows
    )


@pytest.mark.parametrize("text", ["everyone", "panel-9", "panel-x"])
def test_an_unknown_audience_is_a_usage_error_naming_the_choices(text: str) -> None:
    with pytest.raises(UsageError) as error:
        parse_audience(text, [1, 2])
    assert "panel" in (error.value.hint or "")


def test_the_csv_is_formula_safe() -> None:
    result = follow_up_list(after_report(), parse_audience("attendees", [1, 2]), SHARE)
    buffer = io.StringIO()
    write_rows("csv", buffer, COLUMNS, result.rows)
    names = [row["name"] for row in csv.DictReader(io.StringIO(buffer.getvalue()))]
    assert f"'{HOSTILE}" not in names  # the name starts with "<", not a trigger: left as it is
    hostile = {"name": "=cmd|' /C calc'!A0", "email": "x@example.org"}
    buffer = io.StringIO()
    write_rows("csv", buffer, COLUMNS, [hostile])
    assert "'=cmd" in buffer.getvalue()


def test_a_missing_share_link_is_said() -> None:
    result = follow_up_list(after_report(), parse_audience("attendees", [1, 2]), "")
    assert any("share link" in w for w in result.warnings)
