"""Every report asked for before the event says "nothing to report yet" and when it starts, with one exit code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import typer
from factories import EventData, shifted
from typer.testing import CliRunner

from reports.helpers import report_event
from reports.test_archive import ROWS as ARCHIVE_ROWS
from reports.test_archive import FakeZoom as ArchiveZoom
from reports.test_cli import ROWS
from reports.test_cli import FakeZoom as ReportZoom
from wmdctl.cli import report as report_cli
from wmdctl.cli.context import AppContext
from wmdctl.cli.errors import WmdctlGroup
from wmdctl.config import load_settings
from wmdctl.event.model import Event
from wmdctl.exitcodes import ExitCode
from wmdctl.output import Output
from wmdctl.zoom.errors import ZoomNotFoundError

STARTS = (datetime.now(UTC) + timedelta(days=30)).replace(second=0, microsecond=0)


def future_event() -> Event:
    """The WMD event moved (panels and all) to start at STARTS, in the event's own zone."""

    def move(data: EventData) -> None:
        data["event"]["key"] = "wmd-next"
        local_start = STARTS.astimezone(ZoneInfo(data["event"]["timezone"])).replace(tzinfo=None)
        shifted(local_start - data["event"]["start"])(data)

    return report_event(move)


class NotStartedZoom(ArchiveZoom):
    """As the sandbox and Zoom answer before the first instance: even the past-instances list is 3001."""

    def list_past_instances(self, webinar_id: str) -> list[dict[str, Any]]:
        raise ZoomNotFoundError("Webinar ID is invalid or not end.", status=404, code=3001)


class FutureApp(AppContext):
    zoom: Any

    def client(self) -> Any:
        return self.zoom

    def webinar_id(self) -> str:
        return "81234567890"

    def event(self) -> Any:
        return future_event()


def run(args: list[str], zoom: Any) -> Any:
    root = typer.Typer(cls=WmdctlGroup)
    root.add_typer(report_cli.app, name="report")

    @root.callback()
    def main(ctx: typer.Context) -> None:
        app = FutureApp(output=Output(no_color=True), settings=load_settings(env={}))
        app.zoom = zoom
        ctx.obj = app

    return CliRunner().invoke(root, args, catch_exceptions=False)


# Before the event every report endpoint answers 3001 "Webinar ID is invalid or not end".
@pytest.mark.parametrize(
    ("command", "zoom"),
    [
        (["attendance"], lambda: ReportZoom(ROWS, ended=False)),
        (["qa"], lambda: ReportZoom(ROWS, ended=False)),
        (["polls"], lambda: ReportZoom(ROWS, ended=False)),
        (["archive", "--dir", "ARCHIVE"], lambda: ArchiveZoom(ARCHIVE_ROWS, ended=False)),
        (["archive", "--dir", "ARCHIVE"], lambda: NotStartedZoom(ARCHIVE_ROWS, ended=False)),
    ],
)
def test_a_report_before_the_event_says_nothing_yet_and_when_it_starts(
    command: list[str], zoom: Any, tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    result = run(["report", *[str(archive) if part == "ARCHIVE" else part for part in command]], zoom())
    assert result.exit_code == ExitCode.PARTIAL, result.stderr
    assert "nothing to report yet" in result.stderr and f"{STARTS.year:04d}-" in result.stderr
    assert "3001" not in result.stderr and result.stdout == ""
    assert not archive.exists() or not any(archive.iterdir())


def test_the_exit_code_of_a_report_asked_for_too_early_is_documented() -> None:
    from wmdctl.exitcodes import DESCRIPTIONS

    result = run(["report", "qa"], ReportZoom(ROWS, ended=False))
    assert result.exit_code == ExitCode.PARTIAL and "nothing to report yet" in result.stderr
    assert "nothing to report yet" in DESCRIPTIONS[ExitCode.PARTIAL]  # the README's table is checked against it
