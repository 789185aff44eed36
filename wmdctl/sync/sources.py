"""Reading organisers' registration lists: CSV in whatever encoding Excel chose, or XLSX.

Every record keeps the physical line (CSV) or row (XLSX) it started on, so a
rejected row can be found again by the person who has to fix it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from wmdctl.errors import UsageError

DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


@dataclass(frozen=True)
class SourceRecord:
    line: int
    values: dict[str, str]  # header -> cell text, as found in the file


@dataclass
class SourceTable:
    path: Path
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "cp1252", or "xlsx"
    delimiter: str | None  # None for XLSX
    headers: list[str]
    records: list[SourceRecord] = field(default_factory=list)

    @property
    def description(self) -> str:
        if self.delimiter is None:
            return f"{self.path.name}: XLSX, {len(self.records)} rows"
        return (
            f"{self.path.name}: {self.encoding}, {_DELIMITER_NAMES[self.delimiter]}-separated, {len(self.records)} rows"
        )


def read_source(path: Path) -> SourceTable:
    """Read one list; XLSX by extension, anything else as delimited text."""
    if not path.is_file():
        raise UsageError(f"registrant list {path} does not exist", hint="check the SOURCE path")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    return read_csv_bytes(path, path.read_bytes())


# --- encoding ---------------------------------------------------------------------
def detect_encoding(data: bytes) -> str:
    """The codec name that decodes ``data``: BOMs first, then UTF-16 without BOM, UTF-8, cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"  # the codec reads the BOM and picks the byte order
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 4:
        # ASCII text in UTF-16 has a NUL in every other byte; which half tells the byte order.
        return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        # Excel's "CSV" on Western Windows. cp1252 leaves 5 bytes undefined; latin-1 takes anything.
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return "latin-1"
        return "cp1252"
    return "utf-8"


# --- delimiter ----------------------------------------------------------------------
def detect_delimiter(text: str) -> str:
    """The delimiter among `,` `;` tab that splits the header into the most columns, consistently."""
    lines = text.splitlines()[:20]
    if not lines:
        return ","
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
        if not rows:
            continue
        width = len(rows[0])
        consistent = sum(1 for row in rows[1:] if len(row) == width)
        score = (width, consistent)
        if width > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_bytes(path: Path, data: bytes) -> SourceTable:
    encoding = detect_encoding(data)
    text = data.decode(encoding)
    text = text.removeprefix("\ufeff")  # a BOM that survived (utf-16-le/be without codec handling)
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = [h.strip() for h in next(reader)]
    except StopIteration:
        return SourceTable(path, encoding, delimiter, [])
    table = SourceTable(path, encoding, delimiter, _unique_headers(headers))
    start_line = reader.line_num + 1
    for cells in reader:
        # A quoted field may span lines: the record starts where the previous one ended.
        line, start_line = start_line, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        table.records.append(SourceRecord(line, _record(table.headers, cells)))
    return table


def _record(headers: list[str], cells: list[str]) -> dict[str, str]:
    values = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers)}
    for extra, cell in enumerate(cells[len(headers) :], start=1):
        if cell.strip():
            values[f"(extra column {len(headers) + extra})"] = cell  # kept so nothing is lost
    return values


def _unique_headers(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for index, header in enumerate(headers, start=1):
        name = header or f"(column {index})"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        result.append(name)
    return result


# --- xlsx ---------------------------------------------------------------------------
def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone numbers typed as numbers come back as 34600111222.0
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def read_xlsx(path: Path) -> SourceTable:
    """The first sheet; row numbers are the sheet's own (header = row 1)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or mislabelled file
        raise UsageError(f"{path}: cannot read as XLSX ({exc})", hint="save the list as .xlsx or .csv") from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header_row = next(rows, None)
        if header_row is None:
            return SourceTable(path, "xlsx", None, [])
        names = [_cell_text(v).strip() for v in header_row]
        while names and not names[-1]:
            names.pop()  # formatted but empty columns at the right edge
        headers = _unique_headers(names)
        table = SourceTable(path, "xlsx", None, headers)
        for number, row in enumerate(rows, start=2):
            cells = [_cell_text(v) for v in row]
            if any(c.strip() for c in cells):
                table.records.append(SourceRecord(number, _record(headers, cells)))
        return table
    finally:
        workbook.close()
