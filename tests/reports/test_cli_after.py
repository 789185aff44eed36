"""`report recordings | follow-up | certificates | html` in-process, on a real ZoomClient over `responses`."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
import responses
import typer
from cli_support import Cli
from factories import make_event

from reports.after_support import PEOPLE
from reports.helpers import registrant, segment
from reports.test_recordings import CHAT, VIDEO, WEBINAR, FileServer, serve_listing
from wmdctl.cli import report as report_cli
from wmdctl.cli.context import AppContext
from wmdctl.cli.errors import WmdctlGroup
from wmdctl.config import load_settings
from wmdctl.output import Output
from wmdctl.zoom.client import ZoomClient

from .conftest import API


class App(AppContext):
    zoom: ZoomClient

    def client(self) -> Any:
        return self.zoom

    def webinar_id(self) -> str:
        return WEBINAR

    def event(self) -> Any:
        return make_event()


def report_app(client: ZoomClient) -> typer.Typer:
    """A stand-in root with only the `report` sub-app, on this client and the factory's event (run it with `cli`)."""
    root = typer.Typer(cls=WmdctlGroup)
    root.add_typer(report_cli.app, name="report")

    @root.callback()
    def main(ctx: typer.Context, json_output: bool = typer.Option(False, "--json")) -> None:
        app = App(output=Output(json_mode=json_output, no_color=True), settings=load_settings(env={}))
        app.zoom = client
        ctx.obj = app

    return root


def serve_attendance(rsps: responses.RequestsMock) -> None:
    """The report endpoints for the multi-script attendance of ``after_support.PEOPLE``."""
    rsps.get(f"{API}/webinars/{WEBINAR}", json={"id": int(WEBINAR), "host_email": "host@example.org"})
    rows = [
        segment(join, leave, name=f"{first} {last}".strip(), email=email, registrant_id=rid)
        for rid, first, last, email, join, leave in PEOPLE
        if join is not None and leave is not None
    ]
    rsps.get(f"{API}/report/webinars/{WEBINAR}/participants", json={"participants": rows, "next_page_token": ""})
    rsps.get(
        f"{API}/report/webinars/{WEBINAR}",
        json={"start_time": "2021-10-07T13:00:00Z", "end_time": "2021-10-07T14:30:00Z"},
    )
    people = [
        registrant(rid, first, last, email, create_time="2021-09-20T10:00:00Z")
        for rid, first, last, email, _, _ in PEOPLE
    ]
    for status in ("approved", "pending", "denied"):
        rsps.get(
            f"{API}/webinars/{WEBINAR}/registrants",
            json={"registrants": people if status == "approved" else [], "next_page_token": ""},
            match=[responses.matchers.query_param_matcher({"status": status, "page_size": 300}, strict_match=False)],
        )
    rsps.get(f"{API}/past_webinars/{WEBINAR}/absentees", json={"registrants": [], "next_page_token": ""})
    rsps.get(f"{API}/report/webinars/{WEBINAR}/qa", json={"questions": []})
    rsps.get(f"{API}/report/webinars/{WEBINAR}/polls", json={"questions": []})
    rsps.get(f"{API}/webinars/{WEBINAR}/polls", json={"polls": []})


def test_recordings_lists_files_sizes_and_auto_delete_date(
    client: ZoomClient, rsps: responses.RequestsMock, cli: Cli
) -> None:
    serve_listing(rsps)
    result = cli("--json", "report", "recordings", app=report_app(client))
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [i["auto_delete_date"] for i in document["instances"]] == ["2022-01-05", "2022-01-05"]
    assert document["instances"][0]["files"][0]["size"] == len(VIDEO)
    assert "download_access_token" not in result.stdout and "dl-token" not in result.stdout
    assert "Zoom deletes these files on 2022-01-05" in result.stderr


def test_recordings_download_twice_fetches_once(
    client: ZoomClient, rsps: responses.RequestsMock, tmp_path: Path, cli: Cli
) -> None:
    serve_listing(rsps)
    server = FileServer(rsps)
    first = cli("report", "recordings", "--download", str(tmp_path / "rec"), app=report_app(client))
    assert first.exit_code == 0, first.stderr
    assert "4 file(s) downloaded" in first.stderr
    manifest = json.loads((tmp_path / "rec" / "manifest.json").read_text())
    assert hashlib.sha256(CHAT).hexdigest() in {entry["sha256"] for entry in manifest["files"].values()}
    count = len(server.requests)
    second = cli("report", "recordings", "--download", str(tmp_path / "rec"), app=report_app(client))
    assert second.exit_code == 0 and "0 file(s) downloaded" in second.stderr and "4 already there" in second.stderr
    assert len(server.requests) == count


def test_recordings_download_that_does_not_add_up_exits_1(
    client: ZoomClient, rsps: responses.RequestsMock, tmp_path: Path, cli: Cli
) -> None:
    serve_listing(rsps)
    server = FileServer(rsps)
    server.contents["chat1"] = CHAT * 2
    result = cli("report", "recordings", "--download", str(tmp_path / "rec"), app=report_app(client))
    assert result.exit_code == 1
    assert "not downloaded intact" in result.stderr and "corrupt" in result.stderr


def test_follow_up_absentees_as_csv_with_the_share_link(
    client: ZoomClient, rsps: responses.RequestsMock, cli: Cli
) -> None:
    serve_attendance(rsps)
    serve_listing(rsps)
    result = cli("report", "follow-up", "--to", "absentees", app=report_app(client))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["email"] for r in rows] == ["absent@example.org"]
    assert rows[0]["recording_url"].startswith("https://zoom.test/rec/share/")


def test_follow_up_to_an_unknown_panel_is_a_usage_error(client: ZoomClient, cli: Cli) -> None:
    result = cli("report", "follow-up", "--to", "panel-7", app=report_app(client))
    assert result.exit_code == 2 and "no panel 7" in result.stderr


def test_certificates_say_how_many_and_who_fell_below(
    client: ZoomClient, rsps: responses.RequestsMock, tmp_path: Path, cli: Cli
) -> None:
    pytest.importorskip("fpdf")
    serve_attendance(rsps)
    result = cli(
        "report", "certificates", "--min-minutes", "46", "--out", str(tmp_path / "certs"), app=report_app(client)
    )
    assert result.exit_code == 0, result.stderr
    assert "Wrote 2 certificate(s)" in result.stderr and "at least 46 min" in result.stderr
    assert "4 attendee(s) below 46 min" in result.stderr and "Иван Петров (8 min)" in result.stderr
    assert len(list((tmp_path / "certs").glob("*.pdf"))) == 2


def test_html_writes_one_file(client: ZoomClient, rsps: responses.RequestsMock, tmp_path: Path, cli: Cli) -> None:
    serve_attendance(rsps)
    out = tmp_path / "report.html"
    result = cli("report", "html", "--out", str(out), app=report_app(client))
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Attendance over time" in page and "José Núñez" in page
