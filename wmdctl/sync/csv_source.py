"""Delimited text lists, as spreadsheets and web forms export them, with every row accounted for.

- Encoding: see wmdctl.sync.encoding (a BOM, UTF-16 by its NUL pattern, else UTF-8 or cp1252 line by line).
- Quotes: a quoted field that never closes swallows the rows after it. When a multi-line record reaches the
  end of the file, or holds lines that read on their own as whole rows with an email, it is cut where the
  quote opened: that line is rejected ("the quoted field that begins on line N is never closed") and the
  swallowed lines are read again as rows of their own.
- Sizes: csv's 131,072-character field limit is raised; a cell over wmdctl's own limit rejects its row only.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path

from wmdctl.sync.encoding import HEAD, DecodedLines, check_wide, wide_encoding
from wmdctl.sync.records import (
    HEADER_SEARCH_ROWS,
    ReadOptions,
    SourceRecord,
    SourceSet,
    SourceTable,
    SourceUnreadable,
    locate_header,
    looks_like_email,
    make_record,
    positional_headers,
    unique_headers,
)

DELIMITERS = (",", ";", "\t")
FIELD_LIMIT = 64 * 1024 * 1024  # csv's own cap (default 131,072): only a runaway quote gets near it
_SNIFF_LINES = 20

csv.field_size_limit(FIELD_LIMIT)


# --- records, with line numbers and quote recovery ---------------------------------------
class _Lines:
    """Numbered lines for csv.reader, with push-back so swallowed lines are read again."""

    def __init__(self, source: Iterator[tuple[int, str]]) -> None:
        self._source = source
        self._back: list[tuple[int, str]] = []
        self.taken: list[tuple[int, str]] = []  # the lines of the record being read
        self.exhausted = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._back:
            item = self._back.pop()
        else:
            try:
                item = next(self._source)
            except StopIteration:
                self.exhausted = True
                raise
        self.taken.append(item)
        return item[1]

    def push_back(self, items: list[tuple[int, str]]) -> None:
        self._back.extend(reversed(items))


def _cells(text: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([text], delimiter=delimiter), [])
    except csv.Error:
        return [text]  # a line csv cannot split (a stray CR) is one cell


def _quote_opened(taken: list[tuple[int, str]]) -> int:
    """Index in ``taken`` of the line whose quote is still open at the record's end."""
    opened, is_open = 0, False
    for index, (_, text) in enumerate(taken):
        if text.count('"') % 2:
            is_open = not is_open
            if is_open:
                opened = index
    return opened


def _swallowed(taken: list[tuple[int, str]], delimiter: str, width: int) -> bool:
    """Whether lines after the first read, on their own, as rows of people (a quote that never closed).

    A row: about as many cells as the header, one of them an email. A comment that spans lines and names an
    address ("write to\nana@example.org, please") has too few cells to pass for one.
    """
    for _, text in taken[1:]:
        cells = _cells(text, delimiter)
        if len(cells) >= max(2, width - 1) and any(looks_like_email(c) for c in cells):
            return True
    return False


def _records(lines: _Lines, delimiter: str, headers: list[str]) -> Iterator[SourceRecord]:
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        lines.taken = []
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            first = lines.taken[0] if lines.taken else (0, "")
            yield SourceRecord(first[0], {"(raw line)": first[1][:1000]}, _unreadable_line(exc))
            continue
        taken = lines.taken
        # At the end of the file inside a quote, or with people inside one field: a quote that never closed.
        if len(taken) > 1 and (lines.exhausted or _swallowed(taken, delimiter, len(headers))):
            opened = _quote_opened(taken)
            head = taken[: opened + 1]
            lines.push_back(taken[opened + 1 :])
            start = head[0][0]
            text = "".join(t for _, t in head)
            problem = (f"the quoted field that begins on line {head[-1][0]} is never closed, so the lines after it "
                       "were read again on their own: close the quote (or remove it)")  # fmt: skip
            yield SourceRecord(start, make_record(start, headers, _cells(text.rstrip("\r\n"), delimiter)).values,
                               problem)  # fmt: skip
            continue
        if any(c.strip() for c in cells):
            yield make_record(taken[0][0], headers, cells)


def _unreadable_line(exc: csv.Error) -> str:
    if "new-line character" in str(exc):
        return "the line cannot be read as CSV: a cell holds a stray line break (CR) outside quotes; remove it"
    return f"the line cannot be read as CSV: {exc}"


# --- the table ---------------------------------------------------------------------
def tolerant_rows(lines: Iterable[str], delimiter: str, limit: int | None = None) -> list[list[str]]:
    """The rows among ``lines``, a broken one (a stray CR, random bytes) read as an empty row: the main read
    rejects that row on its own, naming its line, so looking for the header must not stop there."""
    reader = csv.reader(lines, delimiter=delimiter)
    rows: list[list[str]] = []
    while limit is None or len(rows) < limit:
        try:
            rows.append(next(reader))
        except StopIteration:
            break
        except csv.Error:
            rows.append([])
    return rows


def detect_delimiter(text: str) -> str:
    """The delimiter among `,` `;` tab that splits the lines into the most columns, consistently."""
    lines = text.splitlines()[:_SNIFF_LINES]
    if not lines:
        return ","
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        rows = tolerant_rows(io.StringIO("\n".join(lines)), delimiter)
        if not rows:
            continue
        width = max(len(row) for row in rows)
        consistent = sum(1 for row in rows if len(row) == width)
        score = (width, consistent)
        if width > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(path: Path, options: ReadOptions) -> SourceSet:
    try:
        return _read_csv(path, options)
    except csv.Error as exc:  # whatever the tolerant sniff let through: this list is a problem, not the run
        raise SourceUnreadable(f"{path} cannot be read as CSV: {exc}",
                               hint="is it a CSV list? Export it again from the spreadsheet") from exc  # fmt: skip


def _read_csv(path: Path, options: ReadOptions) -> SourceSet:
    with path.open("rb") as handle:
        wide = wide_encoding(handle.read(HEAD))
    if wide:
        check_wide(path, wide)
    sniff = DecodedLines(path, wide)
    head_lines = [text for _, text in itertools.islice(iter(sniff), HEADER_SEARCH_ROWS * 2)]
    if not "".join(head_lines).strip():
        raise SourceUnreadable(f"{path} is empty", hint="export the list again")
    delimiter = detect_delimiter("".join(head_lines))
    first_rows = tolerant_rows(head_lines, delimiter, HEADER_SEARCH_ROWS)
    header_index = locate_header(first_rows, options, str(path))
    if header_index is None:
        headers = positional_headers(max(len(r) for r in first_rows))
    else:
        headers = unique_headers([c.strip() for c in first_rows[header_index]])
    decoded = DecodedLines(path, wide)
    decoded.scan()

    def rows() -> Iterator[SourceRecord]:
        lines = _Lines(iter(DecodedLines(path, wide)))
        for record in _records(lines, delimiter, headers):
            if record.line > header_end:  # the header and any title or notes above it are not people
                yield record

    header_line, header_end = _header_span(head_lines, delimiter, header_index)
    table = SourceTable(path, decoded.encoding, delimiter, headers, rows, header_line=header_line)
    warning = decoded.warning()
    return SourceSet([table], [warning] if warning else [])


def _header_span(head_lines: list[str], delimiter: str, index: int | None) -> tuple[int | None, int]:
    """(first, last) physical line of the header record; (None, 0) without a header."""
    if index is None:
        return None, 0
    reader = csv.reader(head_lines, delimiter=delimiter)
    for _ in range(index):
        _next_line(reader)
    start = reader.line_num + 1
    _next_line(reader)
    return start, reader.line_num


def _next_line(reader: Iterator[list[str]]) -> None:
    with contextlib.suppress(csv.Error):  # a broken row above the header counts as one row, as in the sniff
        next(reader, None)
