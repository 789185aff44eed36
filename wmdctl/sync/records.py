"""A registration list's records and tables, and the header rules every reader shares (CSV and XLSX).

Every record keeps the physical line (CSV) or row (XLSX) it started on, so a rejected row can be found again
by the person who has to fix it. A table is read as a stream: each ``SourceTable.iter_records()`` reads its
rows one at a time, so a 200,000-row list is never held in memory whole. The readers (csv_source,
xlsx_source, encoding) build on this module; ``sources.read_source`` picks the reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from wmdctl.errors import UsageError

HEADER_SEARCH_ROWS = 20  # the header row is looked for among the first rows (a title or notes may come first)
MAX_CELL = 32_767  # characters: Excel's own cell limit, so a longer cell never came from a spreadsheet's cell
_EMAILISH = re.compile(r"^\s*(?:mailto:)?<?[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[A-Za-z]{2,63}>?\s*$")


class SourceUnreadable(UsageError):
    """One list cannot be read (missing, protected, corrupt, no header...): it is reported, the others sync."""


def looks_like_email(text: str) -> bool:
    return bool(_EMAILISH.match(text))


def has_email_column(headers: Sequence[str]) -> bool:
    from wmdctl.sync.mapping import map_columns

    return "email" in map_columns(headers).fields.values()


@dataclass(frozen=True)
class ReadOptions:
    sheets: tuple[str, ...] = ()  # XLSX sheets to read; () picks one, ("all",) reads every sheet
    header_row: int | None = None  # 1-based row of the header; None: found among the first rows
    no_header: bool = False  # the list starts with data: columns are "column 1", "column 2"...
    is_header: Callable[[Sequence[str]], bool] = has_email_column  # whether a row is a header with an email

    @property
    def all_sheets(self) -> bool:
        return any(s.casefold() == "all" for s in self.sheets)


@dataclass(frozen=True, slots=True)
class SourceRecord:
    line: int
    values: dict[str, str]  # header -> cell text, as found in the file
    problem: str | None = None  # why the row cannot be read as a registrant (a broken quote, a huge cell)


class SourceTable:
    """A list's shape (encoding, delimiter, headers) and a way to read its rows, one at a time."""

    def __init__(
        self,
        path: Path,
        encoding: str,  # "utf-8", "utf-8-sig", "utf-16", "cp1252", or "xlsx"
        delimiter: str | None,  # None for XLSX
        headers: list[str],
        rows: Callable[[], Iterator[SourceRecord]] | None = None,
        *,
        label: str | None = None,  # how rejects name the source: the path, or "path[sheet]"
        sheet: str | None = None,
        header_line: int | None = None,  # None: headerless
    ) -> None:
        self.path = path
        self.encoding = encoding
        self.delimiter = delimiter
        self.headers = headers
        self._rows = rows
        self.label = label or str(path)
        self.sheet = sheet
        self.header_line = header_line
        self.count: int | None = None  # records seen by the last complete read
        self.warnings: list[str] = []  # what the reader noticed on the way (lines decoded as cp1252...)

    def iter_records(self) -> Iterator[SourceRecord]:
        """The non-blank rows in file order, read from the file as they are consumed.

        ``count`` follows the reading, so a list damaged part-way still says how many rows came before.
        """
        self.count = 0
        if self._rows is not None:
            for record in self._rows():
                self.count += 1
                yield record

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
        header = f"header on row {self.header_line}" if self.header_line else "no header row"
        if self.delimiter is None:
            return f"{self.path.name}: XLSX sheet {self.sheet!r}, {header}, {self.row_count} rows"
        names = {",": "comma", ";": "semicolon", "\t": "tab"}
        return f"{self.path.name}: {self.encoding}, {names[self.delimiter]}-separated, {header}, {self.row_count} rows"


@dataclass
class SourceSet:
    """What one list argument gave: its tables (one per sheet read) and the reader's warnings."""

    tables: list[SourceTable] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[tuple[str, SourceUnreadable]] = field(default_factory=list)  # (label, why) of sheets not read


# --- header rows (shared by CSV and XLSX) --------------------------------------------
def locate_header(first_rows: Sequence[Sequence[str]], options: ReadOptions, where: str) -> int | None:
    """The 0-based index of the header row among ``first_rows``; None for a list without one."""
    if options.no_header:
        return None
    if options.header_row is not None:
        if options.header_row > len(first_rows):
            raise SourceUnreadable(f"{where}: --header-row {options.header_row} is past the end of the list")
        return options.header_row - 1
    for index, row in enumerate(first_rows[:HEADER_SEARCH_ROWS]):
        if options.is_header(clean_headers(row)):
            return index
    first = next((i for i, row in enumerate(first_rows) if any(c.strip() for c in row)), 0)
    email = next((c for c in (first_rows[first] if first_rows else ()) if looks_like_email(c)), None)
    if email is not None:
        raise SourceUnreadable(
            f"{where}: row {first + 1} holds an email address ({email.strip()}), so the list has no header row",
            hint='add a header row, or pass --no-header with --map, e.g. --no-header --map "1=email" --map "2=name"',
        )
    return first


def clean_headers(cells: Sequence[str]) -> list[str]:
    names = [c.strip() for c in cells]
    while names and not names[-1]:
        names.pop()  # formatted but empty columns at the right edge
    return names


def positional_headers(width: int) -> list[str]:
    return [f"column {n}" for n in range(1, width + 1)]


def unique_headers(headers: Sequence[str]) -> list[str]:
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


def make_record(line: int, headers: Sequence[str], cells: Sequence[str]) -> SourceRecord:
    """Cells under their headers (extra cells kept under "(extra column N)"); an over-long cell is a problem."""
    values = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers)}
    for extra, cell in enumerate(cells[len(headers) :], start=1):
        if cell.strip():
            values[f"(extra column {len(headers) + extra})"] = cell  # kept so nothing is lost
    longest = max((len(c) for c in cells), default=0)
    if longest > MAX_CELL:
        problem = (f"a cell holds {longest:,} characters, more than a spreadsheet cell can ({MAX_CELL:,}): "
                   "a broken quote or pasted text? Shorten it")  # fmt: skip
        return SourceRecord(line, values, problem)
    return SourceRecord(line, values)
