"""Reading organisers' registration lists: CSV in whatever encoding Excel chose, or XLSX.

Every record keeps the physical line (CSV) or row (XLSX) it started on, so a
rejected row can be found again by the person who has to fix it.

A list is read as a stream: ``read_source`` looks at the file (encoding, delimiter, headers) and
``SourceTable.iter_records()`` reads the rows one at a time, so a 50,000-row list is never held in
memory whole. ``SourceTable.records`` reads them all into a list, for small lists and tests.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

from wmdctl.errors import UsageError

DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_HEAD = 4096  # bytes looked at for a BOM and for UTF-16 without one
_CHUNK = 1 << 16  # bytes read at a time while checking the whole file decodes
_SNIFF_LINES = 20  # lines the delimiter is chosen from


@dataclass(frozen=True, slots=True)
class SourceRecord:
    line: int
    values: dict[str, str]  # header -> cell text, as found in the file


class SourceTable:
    """A list's shape (encoding, delimiter, headers) and a way to read its rows, one at a time."""

    def __init__(
        self,
        path: Path,
        encoding: str,  # "utf-8", "utf-8-sig", "utf-16", "cp1252", or "xlsx"
        delimiter: str | None,  # None for XLSX
        headers: list[str],
        rows: Callable[[], Iterator[SourceRecord]] | None = None,
    ) -> None:
        self.path = path
        self.encoding = encoding
        self.delimiter = delimiter
        self.headers = headers
        self._rows = rows
        self.count: int | None = None  # records seen by the last complete read

    def iter_records(self) -> Iterator[SourceRecord]:
        """The non-blank rows in file order, read from the file as they are consumed."""
        count = 0
        if self._rows is not None:
            for record in self._rows():
                count += 1
                yield record
        self.count = count

    @cached_property
    def records(self) -> list[SourceRecord]:
        return list(self.iter_records())

    @property
    def row_count(self) -> int:
        if self.count is None:
            self.count = len(self.records)
        return self.count

    @property
    def description(self) -> str:
        if self.delimiter is None:
            return f"{self.path.name}: XLSX, {self.row_count} rows"
        return f"{self.path.name}: {self.encoding}, {_DELIMITER_NAMES[self.delimiter]}-separated, {self.row_count} rows"


def read_source(path: Path) -> SourceTable:
    """Open one list; XLSX by extension, anything else as delimited text. Rows are read on iteration."""
    if not path.is_file():
        raise UsageError(f"registrant list {path} does not exist", hint="check the SOURCE path")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    return read_csv(path)


# --- encoding ---------------------------------------------------------------------
def detect_encoding(data: bytes) -> str:
    """The codec name that decodes ``data``: BOMs first, then UTF-16 without BOM, UTF-8, cp1252."""
    return _detect_encoding(data[:_HEAD], lambda: iter((data,)))


def _detect_encoding(head: bytes, chunks: Callable[[], Iterable[bytes]]) -> str:
    """As detect_encoding, from the first bytes and (for the decode checks) the whole content in chunks."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"  # the codec reads the BOM and picks the byte order
    sample = head[:_HEAD]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 4:
        # ASCII text in UTF-16 has a NUL in every other byte; which half tells the byte order.
        return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    if _decodes("utf-8", chunks()):
        return "utf-8"
    # Excel's "CSV" on Western Windows. cp1252 leaves 5 bytes undefined; latin-1 takes anything.
    return "cp1252" if _decodes("cp1252", chunks()) else "latin-1"


def _decodes(encoding: str, chunks: Iterable[bytes]) -> bool:
    """Whether the concatenated chunks decode, checked piece by piece (nothing decoded is kept)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for chunk in chunks:
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _file_chunks(handle: BinaryIO) -> Iterator[bytes]:
    handle.seek(0)
    while chunk := handle.read(_CHUNK):
        yield chunk


# --- delimiter ----------------------------------------------------------------------
def detect_delimiter(text: str) -> str:
    """The delimiter among `,` `;` tab that splits the header into the most columns, consistently."""
    lines = text.splitlines()[:_SNIFF_LINES]
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


def _text_lines(path: Path, encoding: str) -> Generator[str, None, None]:
    """The decoded file as csv wants it (newline="": line ends kept), without a BOM the codec left."""
    with path.open(encoding=encoding, newline="") as handle:
        first = True
        for line in handle:
            if first:
                line, first = line.removeprefix("\ufeff"), False
            yield line


def _sniff_text(path: Path, encoding: str) -> str:
    """Enough of the start of the decoded text to hold its first _SNIFF_LINES lines (or all of it)."""
    with path.open(encoding=encoding, newline="") as handle:
        text = ""
        while chunk := handle.read(_CHUNK):
            text += chunk
            # More than _SNIFF_LINES pieces: the first ones are complete, whatever the rest of the file holds.
            if len(text.splitlines()) > _SNIFF_LINES:
                break
    return text.removeprefix("\ufeff")  # a BOM that survived (utf-16-le/be without codec handling)


def read_csv(path: Path) -> SourceTable:
    with path.open("rb") as handle:
        encoding = _detect_encoding(handle.read(_HEAD), lambda: _file_chunks(handle))
    delimiter = detect_delimiter(_sniff_text(path, encoding))
    lines = _text_lines(path, encoding)
    try:
        header_cells = next(csv.reader(lines, delimiter=delimiter))
    except StopIteration:
        return SourceTable(path, encoding, delimiter, [])
    finally:
        lines.close()
    headers = _unique_headers([h.strip() for h in header_cells])

    def rows() -> Iterator[SourceRecord]:
        lines = _text_lines(path, encoding)
        try:
            reader = csv.reader(lines, delimiter=delimiter)
            next(reader)  # the header, read above
            start_line = reader.line_num + 1
            for cells in reader:
                # A quoted field may span lines: the record starts where the previous one ended.
                line, start_line = start_line, reader.line_num + 1
                if any(c.strip() for c in cells):
                    yield SourceRecord(line, _record(headers, cells))
        finally:
            lines.close()

    return SourceTable(path, encoding, delimiter, headers, rows)


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


def _open_workbook(path: Path):  # type: ignore[no-untyped-def]  # openpyxl's Workbook
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or mislabelled file
        raise UsageError(f"{path}: cannot read as XLSX ({exc})", hint="save the list as .xlsx or .csv") from exc


def read_xlsx(path: Path) -> SourceTable:
    """The first sheet; row numbers are the sheet's own (header = row 1)."""
    workbook = _open_workbook(path)
    try:
        header_row = next(workbook.worksheets[0].iter_rows(values_only=True), None)
    finally:
        workbook.close()
    if header_row is None:
        return SourceTable(path, "xlsx", None, [])
    names = [_cell_text(v).strip() for v in header_row]
    while names and not names[-1]:
        names.pop()  # formatted but empty columns at the right edge
    headers = _unique_headers(names)

    def rows() -> Iterator[SourceRecord]:
        workbook = _open_workbook(path)
        try:
            sheet_rows = workbook.worksheets[0].iter_rows(values_only=True)
            next(sheet_rows, None)  # the header
            for number, row in enumerate(sheet_rows, start=2):
                cells = [_cell_text(v) for v in row]
                if any(c.strip() for c in cells):
                    yield SourceRecord(number, _record(headers, cells))
        finally:
            workbook.close()

    return SourceTable(path, "xlsx", None, headers, rows)
