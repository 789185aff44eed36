"""Delimited text lists, as spreadsheets and web forms export them, with every row accounted for.

- Encoding: a BOM decides; UTF-16 without one is recognised by its NUL in every other byte (a run of NULs in
  one field has them at both parities, so it never passes for UTF-16). Everything else is decoded line by
  line: UTF-8 where the line is UTF-8, else cp1252, so one row pasted from an old Excel file neither turns
  the whole list into mojibake nor stops it; the lines decoded as cp1252 are reported.
- Quotes: a quoted field that never closes swallows the rows after it. When a multi-line record holds lines
  that read on their own as rows with an email, the record is cut where the quote opened: that line is
  rejected ("the quote opened on line N never closes") and the swallowed lines are read again as rows.
- Sizes: csv's 131,072-character field limit is raised; a cell over wmdctl's own limit rejects its row only.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator
from pathlib import Path

from wmdctl.sync.sources import (
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
_HEAD = 4096
_SNIFF_LINES = 20
_REPORTED_LINES = 10  # cp1252 line numbers named in the warning

csv.field_size_limit(FIELD_LIMIT)


# --- encoding -------------------------------------------------------------------------
def detect_encoding(data: bytes) -> str:
    """ "utf-8-sig" / "utf-16" (BOM), "utf-16-le" / "utf-16-be" (no BOM), else "utf-8" or "cp1252"."""
    bom_or_wide = _wide_encoding(data[:_HEAD])
    if bom_or_wide:
        return bom_or_wide
    lines = data.splitlines()
    utf8 = sum(1 for line in lines if not line.isascii() and _decode_line(line)[1] == "utf-8")
    legacy = sum(1 for line in lines if _decode_line(line)[1] == "cp1252")
    return "cp1252" if legacy > utf8 else "utf-8"


def _wide_encoding(head: bytes) -> str | None:
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"  # the codec reads the BOM and picks the byte order
    even, odd = head[0::2], head[1::2]
    if len(head) >= 4 and even and odd:
        # ASCII text in UTF-16 has a NUL in every other byte, and almost none in the other half.
        if odd.count(0) >= len(odd) * 0.3 and even.count(0) <= len(even) * 0.05:
            return "utf-16-le"
        if even.count(0) >= len(even) * 0.3 and odd.count(0) <= len(odd) * 0.05:
            return "utf-16-be"
    return None


def _decode_line(raw: bytes) -> tuple[str, str]:
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # cp1252 leaves 5 bytes undefined; latin-1 maps those to the same C1 controls Windows shows.
        return raw.decode("cp1252", errors="strict") if _cp1252_ok(raw) else raw.decode("latin-1"), "cp1252"


def _cp1252_ok(raw: bytes) -> bool:
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


class _DecodedLines:
    """The file's physical lines as text, numbered from 1, remembering which were decoded as cp1252."""

    def __init__(self, path: Path, wide: str | None) -> None:
        self.path = path
        self.wide = wide
        self.cp1252_lines: list[int] = []
        self.utf8_lines = 0  # non-ASCII lines that are UTF-8

    def __iter__(self) -> Iterator[tuple[int, str]]:
        if self.wide:
            with self.path.open(encoding=self.wide, newline="") as handle:
                for number, line in enumerate(handle, start=1):
                    yield number, (line.removeprefix("\ufeff") if number == 1 else line)
            return
        with self.path.open("rb") as handle:
            for number, raw in enumerate(_byte_lines(handle), start=1):
                if raw.isascii():
                    yield number, raw.decode("ascii")
                    continue
                text, used = _decode_line(raw)
                if used == "cp1252":
                    self.cp1252_lines.append(number)
                else:
                    self.utf8_lines += 1
                yield number, text

    def scan(self) -> None:
        """Decode the whole file once (nothing kept) to learn its encoding before the rows are read."""
        for _ in self:
            pass

    @property
    def encoding(self) -> str:
        if self.wide:
            return self.wide
        if self.cp1252_lines and not self.utf8_lines:
            return "cp1252"
        return "utf-8" if not self.cp1252_lines else f"utf-8 ({len(self.cp1252_lines)} line(s) cp1252)"

    def warning(self) -> str | None:
        if not (self.cp1252_lines and self.utf8_lines):
            return None
        shown = ", ".join(map(str, self.cp1252_lines[:_REPORTED_LINES]))
        hidden = len(self.cp1252_lines) - _REPORTED_LINES
        more = f" and {hidden} more" if hidden > 0 else ""
        return (f"{self.path}: the list is UTF-8 but line(s) {shown}{more} are not; read them as cp1252 "
                "(Windows): check their accents")  # fmt: skip


def _byte_lines(handle: io.BufferedReader) -> Iterator[bytes]:
    first = handle.peek(_HEAD)[:_HEAD]
    if b"\r" in first and b"\n" not in first:  # old Mac line ends: lines end at CR alone
        yield from handle.read().splitlines(keepends=True)
        return
    first_line = True
    for raw in handle:
        if first_line:
            raw, first_line = raw.removeprefix(b"\xef\xbb\xbf"), False
        yield raw


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
    return next(csv.reader([text], delimiter=delimiter), [])


def _quote_opened(taken: list[tuple[int, str]]) -> int:
    """Index in ``taken`` of the line whose quote is still open at the record's end."""
    opened, is_open = 0, False
    for index, (_, text) in enumerate(taken):
        if text.count('"') % 2:
            is_open = not is_open
            if is_open:
                opened = index
    return opened


def _swallowed(taken: list[tuple[int, str]], delimiter: str) -> bool:
    """Whether lines after the first read, on their own, as rows of people (a quote that never closed)."""
    for _, text in taken[1:]:
        cells = _cells(text, delimiter)
        if len(cells) >= 2 and any(looks_like_email(c) for c in cells):
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
            yield SourceRecord(first[0], {"(raw line)": first[1][:1000]}, f"the line cannot be read as CSV: {exc}")
            continue
        taken = lines.taken
        # At the end of the file inside a quote, or with people inside one field: a quote that never closed.
        if len(taken) > 1 and (lines.exhausted or _swallowed(taken, delimiter)):
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


# --- the table ---------------------------------------------------------------------
def detect_delimiter(text: str) -> str:
    """The delimiter among `,` `;` tab that splits the lines into the most columns, consistently."""
    lines = text.splitlines()[:_SNIFF_LINES]
    if not lines:
        return ","
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
        if not rows:
            continue
        width = max(len(row) for row in rows)
        consistent = sum(1 for row in rows if len(row) == width)
        score = (width, consistent)
        if width > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(path: Path, options: ReadOptions) -> SourceSet:
    with path.open("rb") as handle:
        wide = _wide_encoding(handle.read(_HEAD))
    if wide:
        _check_wide(path, wide)
    sniff = _DecodedLines(path, wide)
    head_lines = [text for _, text in itertools.islice(iter(sniff), HEADER_SEARCH_ROWS * 2)]
    if not "".join(head_lines).strip():
        raise SourceUnreadable(f"{path} is empty", hint="export the list again")
    delimiter = detect_delimiter("".join(head_lines))
    first_rows = list(itertools.islice(csv.reader(head_lines, delimiter=delimiter), HEADER_SEARCH_ROWS))
    header_index = locate_header(first_rows, options, str(path))
    if header_index is None:
        headers = positional_headers(max(len(r) for r in first_rows))
    else:
        headers = unique_headers([c.strip() for c in first_rows[header_index]])
    decoded = _DecodedLines(path, wide)
    decoded.scan()

    def rows() -> Iterator[SourceRecord]:
        lines = _Lines(iter(_DecodedLines(path, wide)))
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
        next(reader, None)
    start = reader.line_num + 1
    next(reader, None)
    return start, reader.line_num


def _check_wide(path: Path, encoding: str) -> None:
    """A UTF-16 file that does not decode is damaged: say so rather than guess."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 16):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise SourceUnreadable(f"{path} looks like {encoding.upper()} text but does not decode: {exc.reason}",
                               hint="export it again as CSV UTF-8") from exc  # fmt: skip
