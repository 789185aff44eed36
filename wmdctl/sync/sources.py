"""Reading organisers' registration lists: CSV in whatever encoding Excel chose, or XLSX.

A file is recognised by its first bytes, not its name: an XLSX saved as ``.csv`` is still read as XLSX, and
a password-protected workbook (an OLE container, not a zip) is named as such. What a list holds (records,
tables, header rules) is in ``records``; it is re-exported here, where callers have always found it.
"""

from __future__ import annotations

from pathlib import Path

from wmdctl.sync.records import (
    HEADER_SEARCH_ROWS,
    MAX_CELL,
    ReadOptions,
    SourceRecord,
    SourceSet,
    SourceTable,
    SourceUnreadable,
    clean_headers,
    has_email_column,
    locate_header,
    looks_like_email,
    make_record,
    positional_headers,
    unique_headers,
)

__all__ = [
    "HEADER_SEARCH_ROWS",
    "MAX_CELL",
    "ReadOptions",
    "SourceRecord",
    "SourceSet",
    "SourceTable",
    "SourceUnreadable",
    "clean_headers",
    "has_email_column",
    "locate_header",
    "looks_like_email",
    "make_record",
    "positional_headers",
    "read_source",
    "unique_headers",
]

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def read_source(path: Path, options: ReadOptions | None = None) -> SourceSet:
    """Open one list by what its bytes are. Raises SourceUnreadable with what is wrong."""
    options = options or ReadOptions()
    try:
        with path.open("rb") as handle:
            magic = handle.read(8)
    except FileNotFoundError:
        raise SourceUnreadable(f"{path} does not exist", hint="check the list's path") from None
    except IsADirectoryError:
        raise SourceUnreadable(f"{path} is a folder, not a list", hint="give the files, e.g. lists/*.csv") from None
    except OSError as exc:
        raise SourceUnreadable(f"{path} cannot be opened: {exc.strerror or exc}") from exc
    if magic.startswith(_OLE_MAGIC):
        raise _ole_error(path)
    if magic.startswith(_ZIP_MAGIC) or path.suffix.lower() in (".xlsx", ".xlsm"):
        from wmdctl.sync.xlsx_source import read_xlsx

        return read_xlsx(path, options)
    from wmdctl.sync.csv_source import read_csv

    return read_csv(path, options)


def _ole_error(path: Path) -> SourceUnreadable:
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    if _ENCRYPTED_PACKAGE in head:
        return SourceUnreadable(
            f"{path} is password-protected (an encrypted workbook): wmdctl cannot open it",
            hint="open it in Excel, remove the password (File > Info > Protect Workbook), save as .xlsx",
        )
    return SourceUnreadable(
        f"{path} is an Excel 97-2003 workbook (.xls), which wmdctl does not read",
        hint="open it and save it as .xlsx or .csv",
    )
