"""Writing rows as CSV, XLSX or JSON, safe to open in a spreadsheet.

A value such as ``=HYPERLINK(...)`` typed into a registration form becomes a
live formula when an organiser opens the export in Excel (CSV injection), so
every text cell that starts with a formula trigger is prefixed with ``'``.
Shared by the registrant export and the attendance reports.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Literal

Format = Literal["csv", "json", "xlsx"]
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Excel caps a sheet title at 31 characters and forbids these.
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))

Row = Mapping[str, Any] | Sequence[Any]


def escape_formula(value: Any) -> str:
    """The cell text for ``value``, with a leading ``'`` if a spreadsheet would run it."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _cells(columns: Sequence[str], row: Row) -> list[Any]:
    if isinstance(row, Mapping):
        return [row.get(column) for column in columns]
    return list(row)


def write_csv(
    path_or_stream: Path | str | IO[str], columns: Sequence[str], rows: Iterable[Row], *, bom: bool = False
) -> int:
    """Write a header and the rows; returns how many rows were written.

    ``bom`` writes a UTF-8 byte order mark so Excel opens accented names correctly.
    Rows are either mappings keyed by column or sequences in column order.
    """
    if isinstance(path_or_stream, (str, Path)):
        encoding = "utf-8-sig" if bom else "utf-8"
        with open(path_or_stream, "w", encoding=encoding, newline="") as stream:
            return _write_csv_stream(stream, columns, rows)
    if bom:
        path_or_stream.write("\ufeff")
    return _write_csv_stream(path_or_stream, columns, rows)


def _write_csv_stream(stream: IO[str], columns: Sequence[str], rows: Iterable[Row]) -> int:
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([escape_formula(c) for c in columns])
    count = 0
    for row in rows:
        writer.writerow([escape_formula(v) for v in _cells(columns, row)])
        count += 1
    return count


def _xlsx_cell(value: Any) -> Any:
    # Numbers and booleans stay typed; all text is neutralised.
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return escape_formula(value)


def write_xlsx(path: Path | str, columns: Sequence[str], rows: Iterable[Row], sheet_title: str = "Sheet1") -> int:
    """Write one sheet with a bold, frozen header; returns how many rows were written."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title.translate(_SHEET_TITLE_FORBIDDEN)[:31] or "Sheet1"
    sheet.append([escape_formula(c) for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    count = 0
    for row in rows:
        values = [_xlsx_cell(v) for v in _cells(columns, row)]
        sheet.append(values)
        count += 1
    workbook.save(str(path))
    return count


def write_json(path_or_stream: Path | str | IO[str], columns: Sequence[str], rows: Iterable[Row]) -> int:
    """A JSON array of objects keyed by column (no formula escaping: JSON is not a spreadsheet)."""
    records = [dict(zip(columns, _cells(columns, row), strict=False)) for row in rows]
    text = json.dumps(records, indent=2, ensure_ascii=False, default=str) + "\n"
    if isinstance(path_or_stream, (str, Path)):
        Path(path_or_stream).write_text(text, encoding="utf-8")
    else:
        path_or_stream.write(text)
    return len(records)


def write_rows(
    fmt: Format,
    destination: Path | str | IO[str],
    columns: Sequence[str],
    rows: Iterable[Row],
    *,
    bom: bool = False,
    sheet_title: str = "Sheet1",
) -> int:
    """Write ``rows`` in ``fmt`` to a path (or, for csv/json, a text stream)."""
    if fmt == "csv":
        return write_csv(destination, columns, rows, bom=bom)
    if fmt == "json":
        return write_json(destination, columns, rows)
    if fmt == "xlsx":
        if not isinstance(destination, (str, Path)):
            raise ValueError("xlsx needs a file path, not a stream: pass --out FILE")
        return write_xlsx(destination, columns, rows, sheet_title=sheet_title)
    raise ValueError(f"unknown format {fmt!r}: use csv, json or xlsx")


def csv_text(columns: Sequence[str], rows: Iterable[Row]) -> str:
    """The CSV as a string (for tests and for printing to stdout)."""
    buffer = io.StringIO()
    _write_csv_stream(buffer, columns, rows)
    return buffer.getvalue()
