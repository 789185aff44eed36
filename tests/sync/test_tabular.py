from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from wmdctl.tabular import csv_text, escape_formula, write_csv, write_rows, write_xlsx


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+34 600 000 000", "'+34 600 000 000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Ana = Bob", "Ana = Bob"),
        ("王小明", "王小明"),
        (None, ""),
        (42, "42"),
    ],
)
def test_escape_formula(value: object, expected: str) -> None:
    assert escape_formula(value) == expected


def test_csv_escapes_cells_and_keeps_unicode() -> None:
    text = csv_text(["name", "note"], [{"name": "Núria", "note": "=1+1"}, ["李娜", "ok"]])
    assert text.splitlines() == ["name,note", "Núria,'=1+1", "李娜,ok"]


def test_csv_bom_for_excel(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert write_csv(path, ["a"], [["é"]], bom=True) == 1
    assert path.read_bytes().startswith(b"\xef\xbb\xbfa\r\n")
    stream = io.StringIO()
    write_csv(stream, ["a"], [["é"]], bom=True)
    assert stream.getvalue().startswith("\ufeffa")


def test_xlsx_stores_text_as_strings_as_given_and_keeps_numbers(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "out.xlsx"
    rows = [["=SUM(A1:A9)", 7], ["Ayşe", -3], ["-mG-x1Ab_Q", 0], ["+34 600 111 222", 1]]
    write_xlsx(path, ["=text", "number"], rows, sheet_title="Registrants: all/now")
    sheet = load_workbook(path).active
    assert sheet.title == "Registrants  all now"
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == rows  # no apostrophe added
    assert all(sheet.cell(r, 1).data_type == "s" for r in range(1, 6))  # strings, not formulas
    with zipfile.ZipFile(path) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()  # nothing a spreadsheet runs


def test_write_rows_dispatch(tmp_path: Path) -> None:
    stream = io.StringIO()
    write_rows("json", stream, ["a"], [{"a": "=x"}])
    assert '"a": "=x"' in stream.getvalue()  # JSON is data, not a spreadsheet: left as is
    with pytest.raises(ValueError, match="--out"):
        write_rows("xlsx", io.StringIO(), ["a"], [])
    with pytest.raises(ValueError, match="unknown format"):
        write_rows("pdf", tmp_path / "x", ["a"], [])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("  =1+1", "'  =1+1"), ("\uff1dSUM(A1)", "'\uff1dSUM(A1)"), ("\ncmd", "'\ncmd"), ("a=b", "a=b")],
)
def test_neutralise_formula_looks_past_leading_spaces_and_full_width_signs(value: str, expected: str) -> None:
    from wmdctl.tabular import neutralise_formula

    assert neutralise_formula(value) == expected


def test_private_files_are_0600_and_xlsx_drops_control_characters(tmp_path: Path) -> None:
    import stat

    for fmt in ("csv", "json", "xlsx"):
        path = tmp_path / f"out.{fmt}"
        write_rows(fmt, path, ["name", "join_url"], [["Jo\x00sé", "https://zoom.example/j/1?tk=x"]], private=True)  # type: ignore[arg-type]
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, fmt
    sheet = load_workbook(tmp_path / "out.xlsx").active
    assert sheet is not None and sheet["A2"].value == "José"
