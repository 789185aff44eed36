"""The `report` sub-app in-process, on a fake Zoom: formats, stdout vs stderr, exit codes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
from cli_support import Cli

from reports.helpers import PANEL_OPTIONS, POLL_TITLES, PRIORITY, registrant, report_event, segment
from wmdctl.cli import report as report_cli
from wmdctl.cli.context import AppContext
from wmdctl.cli.errors import WmdctlGroup
from wmdctl.config import load_settings
from wmdctl.output import Output
from wmdctl.zoom.errors import ZoomNotFoundError


class FakeZoom:
    def __init__(self, rows: list[dict[str, Any]], *, ended: bool = True, webinar_gone: bool = False) -> None:
        self.rows = rows
        self.ended = ended
        self.webinar_gone = webinar_gone

    def get_webinar(self, webinar_id: str) -> dict[str, Any]:
        if self.webinar_gone:
            raise ZoomNotFoundError(f"Webinar does not exist: {webinar_id}.", status=404, code=3001)
        return {"id": webinar_id, "host_email": "host@example.org"}

    def list_past_instances(self, webinar_id: str) -> list[dict[str, Any]]:
        return [{"uuid": "known==", "start_time": "2021-10-07T13:00:00Z"}] if self.ended else []

    def list_polls(self, webinar_id: str) -> list[dict[str, Any]]:
        return [{"id": "p2", "title": "Panel 2: Framing recovery for all"}]

    def get_report_polls(self, target: str) -> dict[str, Any]:
        if not self.ended:
            raise ZoomNotFoundError("Webinar ID is invalid or not end.", status=404, code=3001)
        detail = {"polling_id": "p2", "question": PRIORITY, "answer": PANEL_OPTIONS[2][1]}
        return {"questions": [{"name": "Ana", "email": "ana@example.org", "question_details": [detail]}]}

    def iter_report_participants(self, target: str) -> Iterator[dict[str, Any]]:
        if not self.ended:
            raise ZoomNotFoundError("Webinar ID is invalid or not end.", status=404, code=3001)
        yield from self.rows

    def iter_registrants(self, webinar_id: str, status: str = "approved") -> Iterator[dict[str, Any]]:
        if status == "approved":
            yield registrant("r1", "Ana", "Gil", "ana@example.org", org="=cmd|' /C calc'!A0")
            yield registrant("r2", "Bo", "Li", "bo@example.org")

    def iter_absentees(self, target: str) -> Iterator[dict[str, Any]]:
        yield registrant("r2", "Bo", "Li", "bo@example.org")

    def get_webinar_report(self, target: str) -> dict[str, Any]:
        return {"start_time": "2021-10-07T13:00:00Z", "end_time": "2021-10-07T14:30:00Z"}

    def get_report_qa(self, target: str) -> dict[str, Any]:
        if not self.ended:
            raise ZoomNotFoundError("Webinar ID is invalid or not end.", status=404, code=3001)
        detail = {"question": "When?", "create_time": "2021-10-07T13:30:00Z", "question_status": "open"}
        return {"questions": [{"name": "Ana", "email": "ana@example.org", "question_details": [detail]}]}


class FakeApp(AppContext):
    zoom: Any

    def client(self) -> Any:
        return self.zoom

    def webinar_id(self) -> str:
        return "81234567890"

    def event(self) -> Any:
        return report_event()


def report_app(zoom: Any) -> typer.Typer:
    """A stand-in root with only the `report` sub-app, on a fake Zoom and a fake event (run it with `cli`)."""
    root = typer.Typer(cls=WmdctlGroup)
    root.add_typer(report_cli.app, name="report")

    @root.callback()
    def main(ctx: typer.Context, json_output: bool = typer.Option(False, "--json")) -> None:
        app = FakeApp(output=Output(json_mode=json_output, no_color=True), settings=load_settings(env={}))
        app.zoom = zoom
        ctx.obj = app

    return root


ROWS = [segment(5, 50, name="Ana Gil", email="ana@example.org", registrant_id="r1")]


def test_attendance_csv_to_stdout_with_summary_and_chart_on_stderr(cli: Cli) -> None:
    result = cli("report", "attendance", "--format", "csv", app=report_app(FakeZoom(ROWS)))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["name"] for r in rows] == ["Ana Gil", "Bo Li"]
    assert rows[0]["organisation"].startswith("'=")
    assert "Source: Zoom report endpoints" in result.stderr
    assert "Registered (approved): 2; attended: 1 (50%)" in result.stderr
    assert "Concurrent attendees" in result.stderr and "█" in result.stderr


def test_attendance_json_mode_writes_the_document_and_xlsx_file(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "attendance.xlsx"
    result = cli(
        "--json", "report", "attendance", "--out", str(out), "--panel-threshold", "40", app=report_app(FakeZoom(ROWS))
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["panel_threshold_minutes"] == 40
    assert document["people"][0]["present_panel_1"] is False  # 35 minutes < 40
    assert out.is_file() and "Wrote 2 people" in result.stderr


def test_too_early_exits_1_and_writes_nothing(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "attendance.csv"
    result = cli("report", "attendance", "--out", str(out), app=report_app(FakeZoom(ROWS, ended=False)))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "not complete yet" in result.stderr and "--wait" in result.stderr
    assert not out.exists()


def test_chart_without_matplotlib_still_writes_the_report_and_names_the_extra(
    tmp_path: Path, monkeypatch, cli: Cli
) -> None:
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "matplotlib" else real_find_spec(name, *a)
    )
    out = tmp_path / "attendance.csv"
    result = cli(
        "report", "attendance", "--out", str(out), "--chart", str(tmp_path / "a.png"), app=report_app(FakeZoom(ROWS))
    )
    assert result.exit_code == 0, result.stderr
    assert "pip install 'wmdctl[charts]'" in result.stderr and "no chart drawn" in result.stderr
    assert "ana@example.org" in out.read_text(encoding="utf-8")  # the report itself is written
    assert not (tmp_path / "a.png").exists()


def test_xlsx_to_stdout_is_a_usage_error(cli: Cli) -> None:
    result = cli("report", "attendance", "--format", "xlsx", app=report_app(FakeZoom(ROWS)))
    assert result.exit_code == 2 and "--out" in result.stderr


def test_qa_as_json(cli: Cli) -> None:
    result = cli("--json", "report", "qa", app=report_app(FakeZoom(ROWS)))
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["source"] == "report"
    assert document["rows"][0]["asked_local"] == "2021-10-07T15:30:00+02:00"


def test_an_unknown_instance_exits_4_naming_the_known_ones(cli: Cli) -> None:
    result = cli("report", "attendance", "--instance", "typo==", "--wait", app=report_app(FakeZoom(ROWS)))
    assert result.exit_code == 4 and result.stdout == ""
    assert "no ended instance 'typo=='" in result.stderr and "known==" in result.stderr
    assert "not complete yet" not in result.stderr


def test_an_expired_webinar_warns_and_still_reports(cli: Cli) -> None:
    result = cli("report", "attendance", "--format", "csv", app=report_app(FakeZoom(ROWS, webinar_gone=True)))
    assert result.exit_code == 0, result.stderr
    assert "warning:" in result.stderr and "has expired" in result.stderr
    assert [r["name"] for r in csv.DictReader(io.StringIO(result.stdout))] == ["Ana Gil", "Bo Li"]


def test_qa_of_a_webinar_unknown_to_the_reports_too_exits_4(cli: Cli) -> None:
    result = cli("report", "qa", app=report_app(FakeZoom(ROWS, ended=False, webinar_gone=True)))
    assert result.exit_code == 4 and "not found" in result.stderr
    assert (
        cli("report", "qa", app=report_app(FakeZoom(ROWS, ended=False))).exit_code == 1
    )  # exists, not ended: too early


def test_polls_name_the_poll_each_row_belongs_to(cli: Cli) -> None:
    result = cli("report", "polls", "--format", "csv", app=report_app(FakeZoom(ROWS)))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(r["poll_title"], r["answer"], r["count"]) for r in rows} == {
        (POLL_TITLES[2], PANEL_OPTIONS[2][1], "1"),
        (POLL_TITLES[2], PANEL_OPTIONS[2][0], "0"),  # the event's other options, with no votes
        (POLL_TITLES[2], PANEL_OPTIONS[2][2], "0"),
    }


def test_archive_warns_about_an_expired_webinar_and_lists_the_built_reports(tmp_path: Path, cli: Cli) -> None:
    from reports.test_archive import ROWS as ARCHIVE_ROWS
    from reports.test_archive import FakeZoom as ArchiveZoom

    zoom = ArchiveZoom(ARCHIVE_ROWS, webinar_gone=True)
    result = cli("--json", "report", "archive", "--dir", str(tmp_path / "archive"), app=report_app(zoom))
    assert result.exit_code == 0, result.stderr
    assert "warning:" in result.stderr and "has expired" in result.stderr
    document = json.loads(result.stdout)
    assert document["created"] is True and any("has expired" in w for w in document["warnings"])
    assert {"reports/attendance.csv", "reports/attendance.json", "reports/qa.csv", "reports/polls.csv"} <= set(
        document["files"]
    )
    again = cli(
        "--json", "report", "archive", "--dir", str(tmp_path / "archive"), app=report_app(ArchiveZoom(ARCHIVE_ROWS))
    )
    assert again.exit_code == 0 and json.loads(again.stdout)["created"] is False
