"""Writing rows as CSV, XLSX or JSON, safe to open in a spreadsheet.

A value such as ``=HYPERLINK(...)`` typed into a registration form becomes a
live formula when an organiser opens the export in Excel (CSV injection), so
in a CSV every text cell that starts with a formula trigger is prefixed with
``'``: ``neutralise_formula`` is the one function every CSV output calls
(registrant exports, the rejects file, the breakout run sheet and CSVs, the
reports). An XLSX cell has a type: text is stored as a string, which no
spreadsheet evaluates, so it is written as given (no ``'`` before a registrant
id such as ``-mG-...``). Registrants are registered with their values as given.

Files go through ``wmdctl.state.files`` (atomic; ``private=True`` for 0600,
for anything holding join links or personal details).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Literal

Format = Literal["csv", "json", "xlsx"]
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # and full-width
# Excel caps a sheet title at 31 characters and forbids these.
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))

Row = Mapping[str, Any] | Sequence[Any]


def neutralise_formula(value: Any) -> str:
    """The cell text for ``value``, with a leading ``'`` if a spreadsheet would run it as a formula.

    Leading spaces do not hide a formula (LibreOffice and Excel import ``  =1+1`` as one), so they are
    looked past. ``None`` is an empty cell.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.lstrip(" ").startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


escape_formula = neutralise_formula  # the earlier name, kept for callers


def _cells(columns: Sequence[str], row: Row) -> list[Any]:
    if isinstance(row, Mapping):
        return [row.get(column) for column in columns]
    return list(row)


def write_csv(
    path_or_stream: Path | str | IO[str],
    columns: Sequence[str],
    rows: Iterable[Row],
    *,
    bom: bool = False,
    private: bool = False,
) -> int:
    """Write a header and the rows; returns how many rows were written.

    ``bom`` writes a UTF-8 byte order mark so Excel opens accented names correctly.
    Rows are either mappings keyed by column or sequences in column order.
    """
    if isinstance(path_or_stream, (str, Path)):
        from wmdctl.state.files import atomic_writer

        encoding = "utf-8-sig" if bom else "utf-8"
        with atomic_writer(Path(path_or_stream), private=private, encoding=encoding, newline="") as stream:
            return _write_csv_stream(stream, columns, rows)
    if bom:
        path_or_stream.write("\ufeff")
    return _write_csv_stream(path_or_stream, columns, rows)


def _write_csv_stream(stream: IO[str], columns: Sequence[str], rows: Iterable[Row]) -> int:
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([neutralise_formula(c) for c in columns])
    count = 0
    for row in rows:
        writer.writerow([neutralise_formula(v) for v in _cells(columns, row)])
        count += 1
    return count


def _xlsx_cell(value: Any) -> Any:
    # Numbers and booleans stay typed; text loses the control characters XML forbids (and is typed as text
    # by _append_row, so it needs no apostrophe).
    if value is None or isinstance(value, (bool, int, float)):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value if isinstance(value, str) else str(value))


def _append_row(sheet: Any, values: Sequence[Any]) -> None:
    """Append a row whose text cells are typed strings: openpyxl takes a text starting with "=" for a formula,
    and a stored string is never one, so a registrant id "-mG-..." or a name "=cmd" is kept exactly as given."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def write_xlsx(
    path: Path | str, columns: Sequence[str], rows: Iterable[Row], sheet_title: str = "Sheet1", *, private: bool = False
) -> int:
    """Write one sheet with a bold, frozen header; returns how many rows were written."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title.translate(_SHEET_TITLE_FORBIDDEN)[:31] or "Sheet1"
    _append_row(sheet, [_xlsx_cell(c) for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    count = 0
    for row in rows:
        _append_row(sheet, [_xlsx_cell(v) for v in _cells(columns, row)])
        count += 1
    from wmdctl.state.files import write_with

    write_with(Path(path), lambda target: workbook.save(str(target)), private=private)
    return count


def write_json(
    path_or_stream: Path | str | IO[str], columns: Sequence[str], rows: Iterable[Row], *, private: bool = False
) -> int:
    """A JSON array of objects keyed by column (no formula escaping: JSON is not a spreadsheet)."""
    records = [dict(zip(columns, _cells(columns, row), strict=False)) for row in rows]
    text = json.dumps(records, indent=2, ensure_ascii=False, default=str) + "\n"
    if isinstance(path_or_stream, (str, Path)):
        from wmdctl.state.files import write_text_atomic

        write_text_atomic(Path(path_or_stream), text, private=private)
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
    private: bool = False,
) -> int:
    """Write ``rows`` in ``fmt`` to a path (or, for csv/json, a text stream); ``private``: a 0600 file."""
    if fmt == "csv":
        return write_csv(destination, columns, rows, bom=bom, private=private)
    if fmt == "json":
        return write_json(destination, columns, rows, private=private)
    if fmt == "xlsx":
        if not isinstance(destination, (str, Path)):
            raise ValueError("xlsx needs a file path, not a stream: pass --out FILE")
        return write_xlsx(destination, columns, rows, sheet_title=sheet_title, private=private)
    raise ValueError(f"unknown format {fmt!r}: use csv, json or xlsx")


def csv_text(columns: Sequence[str], rows: Iterable[Row]) -> str:
    """The CSV as a string (for tests and for printing to stdout)."""
    buffer = io.StringIO()
    _write_csv_stream(buffer, columns, rows)
    return buffer.getvalue()
