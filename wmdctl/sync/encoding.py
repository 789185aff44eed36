"""The encoding of a delimited list: BOMs, UTF-16 without one, and UTF-8 or cp1252 decided line by line.

A BOM decides. UTF-16 without one is recognised by its NUL in every other byte and almost none in the other
half, so a run of NULs in one field (NULs at both parities) never passes for UTF-16. Everything else is
decoded line by line: UTF-8 where the line is UTF-8, else cp1252, so one row pasted from an old Excel file
neither turns the whole list into mojibake nor stops it; the lines read as cp1252 are named in a warning.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from pathlib import Path

from wmdctl.sync.records import SourceUnreadable

HEAD = 4096  # bytes looked at for a BOM and for UTF-16 without one
_REPORTED_LINES = 10  # cp1252 line numbers named in the warning


def detect_encoding(data: bytes) -> str:
    """ "utf-8-sig" / "utf-16" (BOM), "utf-16-le" / "utf-16-be" (no BOM), else "utf-8" or "cp1252"."""
    bom_or_wide = wide_encoding(data[:HEAD])
    if bom_or_wide:
        return bom_or_wide
    lines = data.splitlines()
    utf8 = sum(1 for line in lines if not line.isascii() and _decode_line(line)[1] == "utf-8")
    legacy = sum(1 for line in lines if _decode_line(line)[1] == "cp1252")
    return "cp1252" if legacy > utf8 else "utf-8"


def wide_encoding(head: bytes) -> str | None:
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


class DecodedLines:
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
    first = handle.peek(HEAD)[:HEAD]
    if b"\r" in first and b"\n" not in first:  # old Mac line ends: lines end at CR alone
        yield from handle.read().splitlines(keepends=True)
        return
    first_line = True
    for raw in handle:
        if first_line:
            raw, first_line = raw.removeprefix(b"\xef\xbb\xbf"), False
        yield raw


def check_wide(path: Path, encoding: str) -> None:
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
