"""Every hostile list: rows in = registered + rejected + duplicates, and each reject says where and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from wmdctl.sync.inputs import LoadedRows, load_rows
from wmdctl.sync.sources import ReadOptions

from . import hostile_files as build

Events = list[tuple[str, str]]


def load(paths: list[Path], *, options: ReadOptions | None = None, column_map: tuple[str, ...] = ()) -> tuple[
    LoadedRows, Events
]:  # fmt: skip
    events: Events = []
    loaded = load_rows(paths, [], column_map, lambda kind, message: events.append((kind, message)), options)
    return loaded, events


def accounted(loaded: LoadedRows, rows_in: int) -> None:
    """Nobody lost: each data row is registered or rejected (invalid or duplicate), once, with line and reason."""
    duplicates = [r for r in loaded.rejects if r.kind == "duplicate"]
    invalid = [r for r in loaded.rejects if r.kind == "invalid"]
    assert len(loaded.rows) + len(invalid) + len(duplicates) == rows_in
    assert loaded.records == rows_in
    places = [(r.source, r.line) for r in loaded.rows] + [(r.source, r.line) for r in loaded.rejects]
    assert len(places) == len(set(places)), "a row counted twice"
    for reject in loaded.rejects:
        assert reject.line > 0 and reject.reason, reject


def warnings(events: Events) -> list[str]:
    return [message for kind, message in events if kind == "warn"]


# --- XLSX -----------------------------------------------------------------------------
@pytest.mark.parametrize("ref", ["A1", "A1:C3"])
def test_xlsx_rows_past_a_stale_dimension_are_read(tmp_path: Path, ref: str) -> None:
    path = build.xlsx_stale_dimension(tmp_path, ref, rows=10)
    loaded, _ = load([path])
    accounted(loaded, 10)
    assert len(loaded.rows) == 10 and loaded.rows[-1].line == 11


def test_xlsx_list_on_the_second_sheet_is_found_and_named(tmp_path: Path) -> None:
    path = build.xlsx_sheets(tmp_path, "two.xlsx", {"Notes": [("nothing here",)],
                                                    "Registrants": [build.HEADER, *build.people(10)]})  # fmt: skip
    loaded, events = load([path])
    accounted(loaded, 10)
    assert loaded.sources[0].sheet == "Registrants"
    assert any("sheet 'Registrants'" in m for kind, m in events if kind == "info")


def test_other_sheets_with_emails_are_warned_about_and_all_reads_them(tmp_path: Path) -> None:
    sheets = {"Early": [build.HEADER, *build.people(10, "e")], "Late": [build.HEADER, *build.people(10, "l")]}
    sheets |= {f"More{n}": [build.HEADER, *build.people(100, f"m{n}-")] for n in range(5)}
    path = build.xlsx_sheets(tmp_path, "many.xlsx", sheets)
    loaded, events = load([path])
    accounted(loaded, 10)
    said = warnings(events)
    assert any("sheet 'Late' also holds email addresses (row 2)" in m and "--sheet all" in m for m in said)
    assert sum("also holds email addresses" in m for m in said) == 6
    everything, _ = load([path], options=ReadOptions(sheets=("all",)))
    accounted(everything, 520)
    assert {r.source for r in everything.rows} == {f"{path}[{title}]" for title in sheets}
    late, _ = load([path], options=ReadOptions(sheets=("Late",)))
    assert [r.email for r in late.rows][:1] == ["l1@example.org"]


def test_unknown_sheet_is_a_problem_naming_the_sheets(tmp_path: Path) -> None:
    path = build.xlsx_sheets(tmp_path, "one.xlsx", {"Data": [build.HEADER, *build.people(2)]})
    loaded, _ = load([path], options=ReadOptions(sheets=("Dat",)))
    [problem] = loaded.problems
    assert "no sheet 'Dat'" in problem.message and "'Data'" in (problem.hint or "")


def test_a_title_row_above_the_header_is_skipped(tmp_path: Path) -> None:
    path = build.xlsx_sheets(tmp_path, "title.xlsx", {"Sheet1": build.title_rows(8)})
    loaded, _ = load([path])
    accounted(loaded, 8)
    assert loaded.rows[0].line == 4 and "header on row 3" in loaded.sources[0].description


def test_header_row_option_overrides_detection(tmp_path: Path) -> None:
    path = build.xlsx_sheets(tmp_path, "title.xlsx", {"Sheet1": build.title_rows(3)})
    loaded, _ = load([path], options=ReadOptions(header_row=3))
    accounted(loaded, 3)


def test_an_instructions_sheet_first_is_passed_over(tmp_path: Path) -> None:
    path = build.xlsx_sheets(tmp_path, "instr.xlsx", {"Instructions": build.instructions_rows(),
                                                      "Registrants": [build.HEADER, *build.people(4)]})  # fmt: skip
    loaded, _ = load([path])
    accounted(loaded, 4)
    only_instructions = build.xlsx_sheets(tmp_path, "only.xlsx", {"Instructions": build.instructions_rows()})
    loaded, _ = load([only_instructions])
    [problem] = loaded.problems
    assert "no sheet has a header row with an email column" in problem.message


def test_protected_legacy_and_truncated_workbooks_say_what_is_wrong(tmp_path: Path) -> None:
    good = build.xlsx_sheets(tmp_path, "good.xlsx", {"S": [build.HEADER, *build.people(3)]})
    paths = [build.protected_xlsx(tmp_path), build.legacy_xls(tmp_path), build.truncated_xlsx(tmp_path), good]
    loaded, _ = load(paths)
    accounted(loaded, 3)  # the good list still syncs
    messages = [p.message for p in loaded.problems]
    assert "password-protected" in messages[0]
    assert "Excel 97-2003" in messages[1]
    assert "damaged" in messages[2]


def test_headerless_lists_are_an_error_unless_no_header_and_map(tmp_path: Path) -> None:
    path = build.csv_headerless(tmp_path, 5)
    loaded, _ = load([path])
    [problem] = loaded.problems
    assert "row 1 holds an email address (p1@example.org)" in problem.message and "--no-header" in (problem.hint or "")
    assert loaded.rows == [] and loaded.records == 0
    loaded, _ = load([path], options=ReadOptions(no_header=True), column_map=("1=email", "2=first_name"))
    accounted(loaded, 5)
    assert loaded.rows[0].line == 1 and loaded.rows[0].fields["first_name"] == "Name1"
    sheet = build.xlsx_sheets(tmp_path, "nohead.xlsx", {"S": build.people(4)})
    loaded, _ = load([sheet])
    assert "no header row" in loaded.problems[0].message


# --- CSV --------------------------------------------------------------------------------
def test_a_nul_run_in_one_field_is_utf8_and_the_nuls_never_reach_zoom(tmp_path: Path) -> None:
    loaded, _ = load([build.csv_with_nul_run(tmp_path, rows=30)])
    accounted(loaded, 30)
    assert loaded.sources[0].encoding == "utf-8"
    assert loaded.rows[4].fields["first_name"] == "Jörgen"  # NULs stripped, accents intact


def test_a_file_starting_with_nuls_is_not_taken_for_utf16(tmp_path: Path) -> None:
    loaded, _ = load([build.csv_with_nul_run_at_start(tmp_path, rows=30)])
    accounted(loaded, 30)
    assert loaded.rows[19].fields["first_name"] == "Núria"


def test_one_cp1252_row_in_a_utf8_file_is_decoded_alone_and_named(tmp_path: Path) -> None:
    loaded, events = load([build.csv_mixed_encodings(tmp_path, rows=20, cp1252_line=12)])
    accounted(loaded, 20)
    names = {r.line: r.fields["first_name"] for r in loaded.rows}
    assert names[2] == "Jürgen" and names[12] == "Françoise"  # never "JÃ¼rgen"
    assert any("line(s) 12 are not" in m and "cp1252" in m for m in warnings(events))


def test_a_huge_field_rejects_its_row_only(tmp_path: Path) -> None:
    loaded, _ = load([build.csv_with_huge_field(tmp_path, rows=60, huge_line=31)])
    accounted(loaded, 60)
    [reject] = loaded.rejects
    assert reject.line == 31 and "200,000 characters" in reject.reason
    assert reject.email == "p30@example.org"  # listed, so prune never cancels them


def test_an_unterminated_quote_rejects_its_line_and_the_swallowed_rows_are_read(tmp_path: Path) -> None:
    loaded, _ = load([build.csv_unterminated_quote(tmp_path, rows=10, broken_line=4)])
    accounted(loaded, 10)
    [reject] = loaded.rejects
    assert reject.line == 4 and "begins on line 4 is never closed" in reject.reason
    assert reject.email == "p3@example.org"
    assert [r.line for r in loaded.rows] == [2, 3, 5, 6, 7, 8, 9, 10, 11]


def test_an_unterminated_quote_on_the_last_row_is_rejected_not_kept(tmp_path: Path) -> None:
    loaded, _ = load([build.csv_unterminated_quote_last_row(tmp_path, rows=5)])
    # Line 6 opens a quote that runs to the end of the file; line 7 ("thought") is read again on its own.
    accounted(loaded, 6)
    assert [r.line for r in loaded.rows] == [2, 3, 4, 5]
    reasons = {r.line: r.reason for r in loaded.rejects}
    assert "begins on line 6 is never closed" in reasons[6] and "'thought' is not a valid address" in reasons[7]


def test_a_list_with_bytes_but_no_rows_is_a_problem_never_zero_rows(tmp_path: Path) -> None:
    header_only = tmp_path / "header.csv"
    header_only.write_text("Email,First name\n", encoding="utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    loaded, _ = load([header_only, empty])
    assert [p.path for p in loaded.problems] == [str(header_only), str(empty)]
    assert "no registrant rows" in loaded.problems[0].message and "empty" in loaded.problems[1].message


def test_missing_lists_and_unmatched_patterns(tmp_path: Path) -> None:
    good = build.xlsx_sheets(tmp_path, "good.xlsx", {"S": [build.HEADER, *build.people(3)]})
    loaded, events = load([tmp_path / "lists" / "*.csv", tmp_path / "gone.csv", good])
    accounted(loaded, 3)
    assert loaded.unmatched_globs == [str(tmp_path / "lists" / "*.csv")]
    assert [p.path for p in loaded.problems] == [str(tmp_path / "gone.csv")]
    assert any("matched no file" in m for m in warnings(events))


def test_header_row_picks_the_sheet_whose_row_n_is_a_header(tmp_path: Path) -> None:
    path = build.xlsx_sheets(tmp_path, "instr-title.xlsx", {"Instructions": build.instructions_rows(),
                                                            "Registrants": build.title_rows(5)})  # fmt: skip
    loaded, _ = load([path], options=ReadOptions(header_row=3))
    accounted(loaded, 5)
    assert loaded.sources[0].sheet == "Registrants"


def test_a_comment_over_two_lines_that_names_an_address_is_one_row(tmp_path: Path) -> None:
    path = tmp_path / "comments.csv"
    path.write_text("Email,First name,Last name,Comments\n"
                    'ana@example.org,Ana,Garcia,"Please write to\nbob@example.org, my assistant"\n'
                    "cai@example.org,Cai,Lee,none\n", encoding="utf-8")  # fmt: skip
    loaded, _ = load([path])
    accounted(loaded, 2)
    assert [r.email for r in loaded.rows] == ["ana@example.org", "cai@example.org"]
    assert loaded.rows[0].fields["comments"] == "Please write to bob@example.org, my assistant"


def test_a_sheet_damaged_part_way_keeps_the_rows_before_and_reports_the_list(tmp_path: Path) -> None:
    path = build.xlsx_stale_dimension(tmp_path, "A1:C41", rows=40)
    # A writer that died mid-row: the sheet's XML is cut inside row 27.
    build._patch_sheet_xml(path, {r'<row r="27".*': '<row r="27"><c r="A27" t="inlineStr"><is><t>cut'})
    loaded, _ = load([path])
    [problem] = loaded.problems
    assert "sheet 'Sheet' is damaged after row 26" in problem.message and problem.message.startswith(str(path))
    assert loaded.records == len(loaded.rows) == 25  # rows 2-26, and the list is reported (exit 1, no prune)
    cut_early = build.xlsx_stale_dimension(tmp_path, "A1:C11", rows=10)
    build._patch_sheet_xml(cut_early, {r'<row r="7".*': "<row"})
    loaded, _ = load([cut_early])
    assert "damaged" in loaded.problems[0].message and loaded.records == 0


def test_a_stray_cr_near_the_top_rejects_its_row_and_the_other_lists_sync(tmp_path: Path) -> None:
    good = build.xlsx_sheets(tmp_path, "good.xlsx", {"S": [build.HEADER, *build.people(3, "g")]})
    cr = build.csv_stray_cr(tmp_path, rows=5, cr_line=3)
    loaded, _ = load([good, cr])
    accounted(loaded, 8)
    [reject] = loaded.rejects
    assert reject.where == f"{cr}:3" and "stray line break" in reject.reason
    assert not loaded.problems and len(loaded.rows) == 7


def test_random_bytes_are_accounted_for_and_the_other_lists_sync(tmp_path: Path) -> None:
    good = build.xlsx_sheets(tmp_path, "good.xlsx", {"S": [build.HEADER, *build.people(3, "g")]})
    junk = build.random_bytes(tmp_path)
    loaded, _ = load([junk, good])
    assert [r.email for r in loaded.rows] == ["g1@example.org", "g2@example.org", "g3@example.org"]
    junk_rows = loaded.records - 3
    if loaded.problems:  # read as nothing at all: said so, never zero rows in silence
        assert [p.path for p in loaded.problems] == [str(junk)]
    else:
        assert junk_rows > 0
    accounted(loaded, loaded.records)
    assert all(r.source == str(junk) for r in loaded.rejects)


@pytest.mark.parametrize("sheets", [("all",), ("Registrants", "More")])
def test_one_headerless_sheet_among_several_is_reported_and_the_others_are_read(
    tmp_path: Path, sheets: tuple[str, ...]
) -> None:
    from wmdctl.exitcodes import ExitCode
    from wmdctl.sync.result import SyncResult

    more = [tuple(person) for person in build.people(4, "m")]  # emails from row 1: no header
    path = build.xlsx_sheets(tmp_path, "multi.xlsx", {"Instructions": build.instructions_rows(),
                                                      "Registrants": build.title_rows(10), "More": more})  # fmt: skip
    loaded, _ = load([path], options=ReadOptions(sheets=sheets))
    accounted(loaded, 10)
    assert {r.source for r in loaded.rows} == {f"{path}[Registrants]"}
    [problem] = loaded.problems
    assert problem.path == f"{path}[More]" and "no header row" in problem.message
    assert SyncResult(webinar_id="1", run_id="r", loaded=loaded).exit_code is ExitCode.PARTIAL
