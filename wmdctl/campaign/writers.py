"""The campaign report as files: CSV (the people), JSON (everything), XLSX (people, sessions, campaign totals).

Every file goes through wmdctl.state.files (atomic), and every text cell is formula-escaped as in the other
exports: names and organisations come from registration forms anyone can fill in.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from wmdctl.campaign.report import CampaignReport
from wmdctl.state.files import write_text_atomic, write_with
from wmdctl.tabular import csv_text, escape_formula

ReportFormat = Literal["csv", "json", "xlsx"]
SESSION_COLUMNS = ("key", "title", "registered", "attended", "total_minutes", "average_minutes")


def report_text(report: CampaignReport, fmt: Literal["csv", "json"], *, bom: bool = False) -> str:
    if fmt == "json":
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    return ("\ufeff" if bom else "") + csv_text(report.columns(), report.records())


def write_report(report: CampaignReport, fmt: ReportFormat, path: Path) -> None:
    """Write ``path``; a CSV gets the BOM Excel needs for accented names."""
    if fmt == "xlsx":
        write_with(path, lambda tmp: _save_workbook(report, tmp), private=False)
    else:
        write_text_atomic(path, report_text(report, fmt, bom=fmt == "csv"), private=False)


def _save_workbook(report: CampaignReport, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    people = workbook.active
    assert people is not None
    people.title = "People"
    sessions = workbook.create_sheet("Sessions")
    totals = workbook.create_sheet("Campaign")
    columns = report.columns()
    _fill(people, columns, [[r[c] for c in columns] for r in report.records()])
    _fill(sessions, list(SESSION_COLUMNS), [[t.to_dict()[c] for c in SESSION_COLUMNS] for t in report.totals])
    _fill(totals, ["figure", "value"], [[k, v] for k, v in report.campaign_totals().items()])
    for sheet in (people, sessions, totals):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    workbook.save(str(path))


def _fill(sheet: Any, columns: list[str], rows: list[list[Any]]) -> None:
    sheet.append([escape_formula(c) for c in columns])
    for row in rows:
        sheet.append([v if v is None or isinstance(v, bool | int | float) else escape_formula(v) for v in row])
