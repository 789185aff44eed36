"""The portal CSV, the per-room CSVs and the host's run sheet."""

from __future__ import annotations

import csv
from pathlib import Path

from wmdctl.breakouts.export import PREASSIGN_FILE, RUN_SHEET_FILE, export_breakouts
from wmdctl.breakouts.model import CAVEAT, BreakoutPlan, Person
from wmdctl.breakouts.planner import plan_breakouts

from .helpers import PANELS, attendee, breakout_event, facilitators

TRICKY = [
    Person("comma@example.org", 'Smith, "Jo"', "Acme, Inc.", "attendee", 1),
    Person("formula@example.org", '=HYPERLINK("http://evil")', "+cmd|' /C calc'!A0", "attendee", 1),
    Person("pipe@example.org", "Pipe | Name", "", "attendee", 2),
]


def _export(tmp_path: Path, people: list[Person] | None = None, **kwargs: object) -> tuple[list[Path], BreakoutPlan]:
    plan = plan_breakouts(PANELS, facilitators(), people if people is not None else TRICKY, **kwargs)  # type: ignore[arg-type]
    return export_breakouts(plan, breakout_event(), tmp_path / "out"), plan


def test_the_portal_csv_uses_zoom_pre_assign_columns(tmp_path: Path) -> None:
    _, plan = _export(tmp_path)
    raw = (tmp_path / "out" / PREASSIGN_FILE).read_bytes()
    assert raw.startswith(b"Pre-assign Room Name,Email Address\r\n")  # no BOM: Zoom reads the header literally
    rows = list(csv.DictReader(raw.decode().splitlines()))
    assert len(rows) == plan.assigned_count
    assert {
        "Pre-assign Room Name": "Panel 1: Creating caring metropolises",
        "Email Address": "comma@example.org",
    } in rows


def test_room_csvs_quote_commas_and_quotes_and_neutralise_formulas(tmp_path: Path) -> None:
    paths, _ = _export(tmp_path)
    room_files = sorted(p.name for p in paths if p.name.startswith("room-"))
    assert room_files == [
        "room-01-panel-1-creating-caring-metropolises.csv",
        "room-02-panel-2-framing-recovery-for-all.csv",
    ]
    text = (tmp_path / "out" / room_files[0]).read_text(encoding="utf-8-sig")
    assert '"Smith, ""Jo""",comma@example.org,"Acme, Inc."' in text
    rows = list(csv.DictReader(text.splitlines()))
    assert rows[0] == {
        "Role": "moderator",
        "Name": "Ana Moderator",
        "Email": "mod1@example.org",
        "Organisation": "Metropolis",
    }
    formula = next(r for r in rows if r["Email"] == "formula@example.org")
    assert formula["Name"] == '\'=HYPERLINK("http://evil")'
    assert formula["Organisation"] == "'+cmd|' /C calc'!A0"


def test_run_sheet_has_rooms_facilitators_timings_questions_and_manual_list(tmp_path: Path) -> None:
    people = [*TRICKY, attendee(7, None), Person("odd@example.org", "Odd", "", "attendee", None, choice="Both")]
    _export(tmp_path, people, no_choice="exclude")
    sheet = (tmp_path / "out" / RUN_SHEET_FILE).read_text(encoding="utf-8")
    assert CAVEAT in sheet
    assert "### Panel 1: Creating caring metropolises" in sheet
    assert "- Ana Moderator (moderator, Metropolis) — mod1@example.org" in sheet
    assert "1. What are the key lessons learned from the pandemic to implement in global agendas?" in sheet
    assert "| 16:30 | Meeting opens." in sheet and "| 17:00 | Close the rooms" in sheet
    assert "| Attendee 7 | a0007@example.org | — | no panel chosen in the registration form" in sheet
    assert "registration answer 'Both' matches no panel" in sheet
    assert "not signed in" in sheet
    assert "Pipe \\| Name" not in sheet  # attendees are not listed in the run sheet, only in room files


def test_a_re_export_removes_lists_of_rooms_that_no_longer_exist(tmp_path: Path) -> None:
    many = [attendee(i, 1) for i in range(120)]
    first, _ = _export(tmp_path, many, capacity=50)
    assert sum(p.name.startswith("room-") for p in first) == 4
    (tmp_path / "out" / "notes.csv").write_text("mine")
    second, _ = _export(tmp_path, many[:10], capacity=50)
    on_disk = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert on_disk == sorted([p.name for p in second] + ["notes.csv"])


def test_run_sheet_neutralises_formulas_and_is_private(tmp_path: Path) -> None:
    import stat

    evil = Person("evil@example.org", '=HYPERLINK("http://evil","click")', "", "attendee", None)
    paths, _ = _export(tmp_path, [*TRICKY, evil], no_choice="exclude")
    sheet = (tmp_path / "out" / RUN_SHEET_FILE).read_text(encoding="utf-8")
    assert '| \'=HYPERLINK("http://evil","click") | evil@example.org |' in sheet
    assert "| =HYPERLINK" not in sheet
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in paths)  # emails and the join link
