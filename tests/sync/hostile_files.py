"""Registrant lists built the way the applications that broke the sync build them (generated, never checked in).

Each builder returns the path and the number of data rows a person would count in it, so a test can check
that rows in = registered + rejected + duplicates.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

HEADER = ("Email", "First name", "Last name")


def people(count: int, prefix: str = "p") -> list[tuple[str, str, str]]:
    return [(f"{prefix}{n}@example.org", f"Name{n}", f"Family{n}") for n in range(1, count + 1)]


def _patch_sheet_xml(path: Path, change: dict[str, str]) -> None:
    """Rewrite worksheet XML inside the zip, as a writer that leaves a stale <dimension> does."""
    patched = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                for pattern, replacement in change.items():
                    text = re.sub(pattern, replacement, text)
                data = text.encode("utf-8")
            target.writestr(item, data)
    patched.replace(path)


def xlsx_stale_dimension(directory: Path, ref: str, rows: int = 10) -> Path:
    """openpyxl writes the real <dimension>; some exporters write "A1" (or an old range): patch it in."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER)
    for person in people(rows):
        sheet.append(person)
    path = directory / f"stale-{ref.replace(':', '-')}.xlsx"
    workbook.save(path)
    _patch_sheet_xml(path, {r'<dimension ref="[^"]*"\s*/>': f'<dimension ref="{ref}"/>'})
    return path


def xlsx_sheets(directory: Path, name: str, sheets: dict[str, list[tuple[object, ...]]]) -> Path:
    """One workbook, one sheet per entry, rows as given (the first entry is the first sheet)."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    path = directory / name
    workbook.save(path)
    return path


def instructions_rows() -> list[tuple[object, ...]]:
    return [("How to fill in this list",), ("One person per row on the sheet 'Registrants'.",), ("Thank you!",)]


def title_rows(count: int) -> list[tuple[object, ...]]:
    return [("World Metropolitan Day 2021: registrations",), (), HEADER, *people(count)]


def protected_xlsx(directory: Path) -> Path:
    """What Excel saves with a password: an OLE compound file holding an "EncryptedPackage" stream."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    directory_sector = bytearray(512)
    name = "EncryptedPackage".encode("utf-16-le") + b"\x00\x00"
    directory_sector[: len(name)] = name
    path = directory / "protected.xlsx"
    path.write_bytes(bytes(header) + bytes(directory_sector) + b"\x00" * 4096)
    return path


def legacy_xls(directory: Path) -> Path:
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    path = directory / "old.xls"
    path.write_bytes(bytes(header) + "Workbook".encode("utf-16-le") + b"\x00" * 4096)
    return path


def truncated_xlsx(directory: Path) -> Path:
    """A download cut short: the zip's central directory is missing."""
    whole = xlsx_sheets(directory, "whole.xlsx", {"Sheet1": [HEADER, *people(5)]})
    path = directory / "truncated.xlsx"
    data = whole.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _csv_line(cells: tuple[str, ...]) -> str:
    return ",".join(cells)


def csv_with_nul_run(directory: Path, rows: int = 30, run: int = 3000) -> Path:
    """A web form export with a run of NUL bytes in one field (a broken upload), otherwise UTF-8."""
    lines = [_csv_line(HEADER)]
    for n, (email, first, last) in enumerate(people(rows), start=1):
        if n == 5:
            first = "Jörg" + "\x00" * run + "en"
        lines.append(_csv_line((email, first, last)))
    path = directory / "nul-run.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def csv_with_nul_run_at_start(directory: Path, rows: int = 30) -> Path:
    """NULs at the very start of the data (the first 4 KiB is mostly NUL) and UTF-8 accents further down."""
    lines = [_csv_line(HEADER)]
    for n, (email, first, last) in enumerate(people(rows), start=1):
        if n == 1:
            last = "\x00" * 4095
        if n == 20:
            first = "Núria"
        lines.append(_csv_line((email, first, last)))
    path = directory / "nul-start.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    return path


def csv_mixed_encodings(directory: Path, rows: int = 20, cp1252_line: int = 12) -> Path:
    """A UTF-8 list into which one row was pasted from an old Windows (cp1252) file."""
    data = [(_csv_line(HEADER) + "\r\n").encode("utf-8")]
    for line, (email, _, last) in enumerate(people(rows), start=2):
        first = "Jürgen" if line != cp1252_line else "Françoise"
        data.append((_csv_line((email, first, last)) + "\r\n").encode("cp1252" if line == cp1252_line else "utf-8"))
    path = directory / "mixed.csv"
    path.write_bytes(b"".join(data))
    return path


def csv_with_huge_field(directory: Path, rows: int = 60, huge_line: int = 31, size: int = 200_000) -> Path:
    """A comment cell holding a pasted document, far over csv's 131,072-character field limit."""
    lines = [_csv_line((*HEADER, "Comments"))]
    for line, person in enumerate(people(rows), start=2):
        comment = '"' + "x" * size + '"' if line == huge_line else "ok"
        lines.append(_csv_line((*person, comment)))
    path = directory / "huge.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def csv_unterminated_quote(directory: Path, rows: int = 10, broken_line: int = 4) -> Path:
    """A quote opened in one cell and never closed (a typo in Excel's cell: "Ana "la jefa" García...)."""
    lines = [_csv_line((*HEADER, "Organisation"))]
    for line, person in enumerate(people(rows), start=2):
        org = '"Metropolis, Barcelona' if line == broken_line else "Metropolis"
        lines.append(_csv_line((*person, org)))
    path = directory / "quote.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def csv_unterminated_quote_last_row(directory: Path, rows: int = 5) -> Path:
    lines = [_csv_line((*HEADER, "Comments"))]
    for line, person in enumerate(people(rows), start=2):
        lines.append(_csv_line((*person, '"unfinished\nthought' if line == rows + 1 else "fine")))
    path = directory / "quote-end.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def csv_headerless(directory: Path, rows: int = 5) -> Path:
    path = directory / "headerless.csv"
    path.write_text("".join(_csv_line(p) + "\n" for p in people(rows)), encoding="utf-8")
    return path


def csv_stray_cr(directory: Path, rows: int = 5, cr_line: int = 3) -> Path:
    """A name pasted from a Mac-era form: a bare CR inside an unquoted cell, near the top (in the header sniff)."""
    lines = [_csv_line(HEADER)]
    for line, (email, first, last) in enumerate(people(rows), start=2):
        lines.append(_csv_line((email, "Ka\rte" if line == cr_line else first, last)))
    path = directory / "cr.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    return path


def random_bytes(directory: Path, size: int = 3000, seed: int = 11) -> Path:
    """Not a list at all (a mis-named download): random bytes, the same ones every run."""
    import random

    path = directory / "rnd.csv"
    path.write_bytes(random.Random(seed).randbytes(size))
    return path
