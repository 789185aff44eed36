from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from wmdctl.errors import UsageError
from wmdctl.sync.csv_source import detect_delimiter
from wmdctl.sync.encoding import detect_encoding
from wmdctl.sync.sources import SourceRecord, SourceTable
from wmdctl.sync.sources import read_source as read_sources


def read_source(path: Path) -> SourceTable:
    (table,) = read_sources(path).tables
    return table


HEADER = "Email;Nombre;Ciudad\n"
ROWS = "núria@example.org;Núria;L'Hospitalet\nçağla@example.org;Çağla;İstanbul\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ((HEADER + ROWS).encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + (HEADER + ROWS).encode("utf-8"), "utf-8-sig"),
        ((HEADER + ROWS).encode("utf-16"), "utf-16"),  # with BOM, as Excel's "Unicode Text" writes it
        ((HEADER + ROWS).encode("utf-16-le"), "utf-16-le"),
        ((HEADER + ROWS).encode("utf-16-be"), "utf-16-be"),
        ("Email;Nombre\nana@example.org;Núria Muñoz – «ok»\n".encode("cp1252"), "cp1252"),
    ],
)
def test_detect_encoding(data: bytes, expected: str) -> None:
    assert detect_encoding(data) == expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le"])
def test_every_encoding_reads_the_same_values(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes((HEADER + ROWS).encode(encoding))
    table = read_source(path)
    assert table.headers == ["Email", "Nombre", "Ciudad"]
    assert [r.values["Nombre"] for r in table.records] == ["Núria", "Çağla"]
    assert [r.values["Ciudad"] for r in table.records] == ["L'Hospitalet", "İstanbul"]


def test_cp1252_from_excel_keeps_accents(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("Email;First name\r\njose@example.org;José Ibáñez\r\n".encode("cp1252"))
    table = read_source(path)
    assert table.encoding == "cp1252"
    assert table.records[0].values["First name"] == "José Ibáñez"
    assert "cp1252" in table.description and "semicolon" in table.description


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("email,first_name,last_name\na@example.org,A,B\n", ","),
        ("email;first_name;last_name\na@example.org;A,B;C\n", ";"),  # a comma inside a value
        ("email\tfirst_name\na@example.org\tA\n", "\t"),
        ('"email","name, full"\n"a@example.org","B, A"\n', ","),
        ("email\na@example.org\n", ","),  # one column: any delimiter reads it
    ],
)
def test_detect_delimiter(text: str, delimiter: str) -> None:
    assert detect_delimiter(text) == delimiter


def test_line_numbers_count_physical_lines(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_text(
        "email,comments\n"  # line 1
        'a@example.org,"two\nlines"\n'  # lines 2-3
        "\n"  # line 4: blank, skipped
        "b@example.org,plain\n"  # line 5
        ",\n"  # line 6: only delimiters, skipped
        "c@example.org,x,extra\n",  # line 7: a cell beyond the header is kept
        encoding="utf-8",
    )
    table = read_source(path)
    assert [r.line for r in table.records] == [2, 5, 7]
    assert table.records[0].values["comments"] == "two\nlines"
    assert table.records[2].values["(extra column 3)"] == "extra"


def test_duplicate_and_blank_headers_stay_distinct(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("email,Name,Name,\na@example.org,A,B,C\n", encoding="utf-8")
    assert read_source(path).headers == ["email", "Name", "Name (2)", "(column 4)"]


def test_xlsx_rows_and_cell_types(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["E-mail", "First name", "Phone", None])
    sheet.append(["ana@example.org", "Ana", 34600111222, None])
    sheet.append([None, None, None, None])
    sheet.append(["李娜@example.org", "李娜", "+86 20 1234", None])
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    table = read_source(path)
    assert table.encoding == "xlsx" and table.delimiter is None
    assert table.headers == ["E-mail", "First name", "Phone"]
    assert [r.line for r in table.records] == [2, 4]
    assert table.records[0].values["Phone"] == "34600111222"  # not 34600111222.0


def test_missing_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        read_source(tmp_path / "nope.csv")
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a zip", encoding="utf-8")
    with pytest.raises(UsageError, match="damaged: it is not a complete XLSX"):
        read_source(broken)


def test_encoding_is_judged_on_the_whole_file_not_its_start(tmp_path: Path) -> None:
    # A cp1252 byte far past the bytes read at a time: the file is not UTF-8 and must not be read as such.
    body = "".join(f"p{i}@example.org;Name {i}\n" for i in range(20000))
    path = tmp_path / "late.csv"
    path.write_bytes(("Email;Nombre\n" + body + "jose@example.org;José\n").encode("cp1252"))
    assert len(body) > 4 * 65536
    table = read_source(path)
    assert table.encoding == "cp1252" and table.delimiter == ";"
    assert table.records[-1] == SourceRecord(20002, {"Email": "jose@example.org", "Nombre": "José"})
    truncated = tmp_path / "truncated.csv"
    truncated.write_bytes(("email,name\n" + "a@example.org,Ana\n" * 5000).encode() + b"\xc3")  # cut mid-character
    assert read_source(truncated).encoding == "cp1252"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_streamed_rows_keep_line_numbers_across_read_boundaries(tmp_path: Path, encoding: str) -> None:
    lines, want, physical = ["email\tnote"], [], 2  # physical: the line the next record starts on
    for i in range(6000):
        if i % 3 == 0:
            want.append((physical, f"n{i}\r\nsecond, ; line"))
            lines.append(f'p{i}@example.org\t"n{i}\r\nsecond, ; line"')  # a quoted cell over two lines
            physical += 2
        else:
            want.append((physical, f"Núria {i}"))
            lines.append(f"p{i}@example.org\tNúria {i}")
            physical += 1
    path = tmp_path / "big.tsv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    table = read_source(path)
    assert table.delimiter == "\t" and table.headers == ["email", "note"]
    assert [(r.line, r.values["note"]) for r in table.iter_records()] == want
    assert [r.line for r in table.iter_records()][-1] == want[-1][0]  # a table can be read again
    assert table.row_count == 6000


def test_delimiter_from_the_first_twenty_lines_even_when_later_ones_differ(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    head = "email;name;city\n" + "".join(f"p{i}@example.org;A, B;C\n" for i in range(25))
    path.write_text(head + "x@example.org,y,z,w,v,u\n" * 100, encoding="utf-8")
    assert read_source(path).delimiter == ";" == detect_delimiter(path.read_text(encoding="utf-8"))
