"""XLSX lists: every row of the chosen sheets, whatever the file's recorded <dimension> says.

openpyxl's read-only mode (which streams, so 200,000 rows fit in memory) trusts the sheet's <dimension>
element, which some writers leave stale (``A1`` for a full sheet): ``reset_dimensions()`` makes it read to
the real end. By default the first sheet with a header row holding an email column is read, and any other
sheet that holds email addresses is named in a warning, so nobody on "Sheet2" is forgotten unsaid.
"""

from __future__ import annotations

import itertools
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from wmdctl.sync.records import (
    HEADER_SEARCH_ROWS,
    ReadOptions,
    SourceRecord,
    SourceSet,
    SourceTable,
    SourceUnreadable,
    clean_headers,
    locate_header,
    looks_like_email,
    make_record,
    positional_headers,
    unique_headers,
)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone numbers typed as numbers come back as 34600111222.0
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def _open_workbook(path: Path) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except zipfile.BadZipFile as exc:
        raise SourceUnreadable(f"{path} is damaged: it is not a complete XLSX file ({exc})",
                               hint="save the list again from the spreadsheet, as .xlsx or .csv") from exc  # fmt: skip
    except KeyError as exc:
        raise SourceUnreadable(f"{path} is damaged: the workbook lacks a part ({exc})",
                               hint="save the list again from the spreadsheet, as .xlsx or .csv") from exc  # fmt: skip
    except Exception as exc:  # openpyxl raises many types for a damaged or mislabelled file
        raise SourceUnreadable(f"{path} cannot be read as XLSX: {exc}",
                               hint="save the list again from the spreadsheet, as .xlsx or .csv") from exc  # fmt: skip


def _sheet_rows(sheet: Any) -> Iterator[list[str]]:
    sheet.reset_dimensions()  # read to the real last row, not the recorded <dimension>
    number = 0
    try:
        for row in sheet.iter_rows(values_only=True):
            number += 1
            yield [cell_text(v) for v in row]
    except (ValueError, KeyError, SyntaxError, OSError, zipfile.BadZipFile) as exc:  # XML (ParseError) or zip damage
        hint = "rows before it were read; save the list again from the spreadsheet"
        raise SourceUnreadable(f"sheet {sheet.title!r} is damaged after row {number}: {exc}", hint=hint) from exc


def _first_rows(sheet: Any) -> list[list[str]]:
    return list(itertools.islice(_sheet_rows(sheet), HEADER_SEARCH_ROWS))


def _email_row(sheet: Any) -> int | None:
    """The first row of ``sheet`` holding an email-like cell (read to the end if need be), else None."""
    for number, cells in enumerate(_sheet_rows(sheet), start=1):
        if any(looks_like_email(c) for c in cells):
            return number
    return None


def read_xlsx(path: Path, options: ReadOptions) -> SourceSet:
    try:
        return _read_xlsx(path, options)
    except SourceUnreadable as exc:
        if exc.message.startswith(str(path)):
            raise
        raise SourceUnreadable(f"{path} {exc.message}", hint=exc.hint) from exc


def _read_xlsx(path: Path, options: ReadOptions) -> SourceSet:
    workbook = _open_workbook(path)
    try:
        sheets = {ws.title: ws for ws in workbook.worksheets}
        chosen = _choose_sheets(path, sheets, options)
        result = SourceSet()
        for title in sheets:
            if title not in chosen:
                row = _email_row(sheets[title])
                if row is not None:
                    result.warnings.append(f"{path}: sheet {title!r} also holds email addresses (row {row}) but was "
                                           f"not read; pass --sheet {title!r} or --sheet all")  # fmt: skip
        many = len(chosen) > 1
        for title in chosen:
            try:
                table = _table(path, title, _first_rows(sheets[title]), options, many)
            except SourceUnreadable as exc:
                if not many:
                    raise
                result.problems.append((f"{path}[{title}]", exc))  # one headerless sheet: the others still count
                continue
            if table is None:
                result.warnings.append(f"{path}: sheet {title!r} has no header row and no email address: skipped")
            else:
                result.tables.append(table)
    finally:
        workbook.close()
    return result


def _choose_sheets(path: Path, sheets: dict[str, Any], options: ReadOptions) -> list[str]:
    if options.all_sheets:
        return list(sheets)
    if options.sheets:
        missing = [s for s in options.sheets if s not in sheets]
        if missing:
            raise SourceUnreadable(f"{path} has no sheet {', '.join(map(repr, missing))}",
                                   hint=f"its sheets: {', '.join(map(repr, sheets))}")  # fmt: skip
        return list(dict.fromkeys(options.sheets))
    for title, sheet in sheets.items():
        first_rows = _first_rows(sheet)
        if options.no_header:
            found = any(any(looks_like_email(c) for c in row) for row in first_rows)
        elif options.header_row is not None:
            row = options.header_row - 1
            found = row < len(first_rows) and options.is_header(clean_headers(first_rows[row]))
        else:
            found = any(options.is_header(clean_headers(row)) for row in first_rows)
        if found:
            return [title]
    if options.header_row is not None and sheets:
        return list(sheets)[:1]  # the row the user named: read it as the header, whatever it holds
    for title, sheet in sheets.items():
        locate_header(_first_rows(sheet), options, f"{path} sheet {title!r}")  # a headerless list: say so
    raise SourceUnreadable(
        f"{path}: no sheet has a header row with an email column in its first {HEADER_SEARCH_ROWS} rows "
        f"(sheets: {', '.join(map(repr, sheets))})",
        hint='name the sheet and the column: --sheet NAME --map "COLUMN=email" (or --header-row N)',
    )


def _table(path: Path, title: str, first_rows: list[list[str]], options: ReadOptions, many: bool) -> SourceTable | None:
    has_header = any(options.is_header(clean_headers(r)) for r in first_rows)
    has_emails = any(any(looks_like_email(c) for c in row) for row in first_rows)
    if options.all_sheets and not (has_header or has_emails or options.no_header):
        return None  # an instructions or notes sheet: nobody to read there
    where = f"{path} sheet {title!r}"
    header_index = locate_header(first_rows, options, where)
    if header_index is None:
        headers = positional_headers(max((len(r) for r in first_rows), default=0))
    else:
        headers = unique_headers(clean_headers(first_rows[header_index]))
    first_data = 0 if header_index is None else header_index + 1

    def rows() -> Iterator[SourceRecord]:
        workbook = _open_workbook(path)
        try:
            for number, cells in enumerate(_sheet_rows(workbook[title]), start=1):
                if number > first_data and any(c.strip() for c in cells):
                    yield make_record(number, headers, cells)
        except SourceUnreadable as exc:
            raise SourceUnreadable(f"{path} {exc.message}", hint=exc.hint) from exc
        finally:
            workbook.close()

    label = f"{path}[{title}]" if many else str(path)
    header_line = None if header_index is None else header_index + 1
    return SourceTable(path, "xlsx", None, headers, rows, label=label, sheet=title, header_line=header_line)
