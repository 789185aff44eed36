"""The archive: raw pages + manifest; a second run verifies and rewrites nothing; tampering is caught."""

from __future__ import annotations

import csv
import hashlib
import json
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from reports.helpers import (
    PANEL_OPTIONS,
    POLL_TITLES,
    PRIORITY,
    priority_asked_in_panel_poll,
    registrant,
    report_event,
    report_job,
    segment,
)
from wmdctl.errors import NotFoundError, PartialFailure
from wmdctl.reports.archive import MANIFEST, archive_webinar
from wmdctl.reports.fetch import DataNotReady
from wmdctl.zoom.errors import ZoomAuthError, ZoomNotFoundError

UUID = "/ab//c=="
NOW = datetime(2021, 10, 8, 9, 0, tzinfo=UTC)
EVENT = report_event()


class FakeZoom:
    """Serves participant rows in pages of 2; counts calls; can lack the report scope."""

    def __init__(
        self, rows: list[dict[str, Any]], *, report_scope: bool = True, webinar_gone: bool = False, ended: bool = True
    ) -> None:
        self.rows = rows
        self.report_scope = report_scope
        self.webinar_gone = webinar_gone  # GET /webinars/{id} answers 3001 (expired, or unknown)
        self.ended = ended  # False: every report endpoint answers 3001 too
        self.calls: list[str] = []

    def _not_ended(self) -> None:
        if not self.ended:
            raise ZoomNotFoundError("Webinar ID is invalid or not end.", status=404, code=3001)

    def _pages(self, key: str, items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for start in range(0, max(len(items), 1), 2):
            more = start + 2 < len(items)
            yield {"next_page_token": f"tok{start + 2}" if more else "", key: items[start : start + 2]}

    def list_past_instances(self, webinar_id: str) -> list[dict[str, Any]]:
        self.calls.append("instances")
        return [
            {"uuid": "older", "start_time": "2020-10-07T13:00:00Z"},
            {"uuid": UUID, "start_time": "2021-10-07T13:00:00Z"},
        ]

    def get_webinar(self, webinar_id: str) -> dict[str, Any]:
        self.calls.append("webinar")
        if self.webinar_gone:
            raise ZoomNotFoundError(f"Webinar does not exist: {webinar_id}.", status=404, code=3001)
        return {
            "id": int(webinar_id),
            "topic": "Caring Metropolises",
            "host_email": "host@example.org",
            "join_url": f"https://zoom.test/j/{webinar_id}?pwd=attendee",
            "start_url": f"https://zoom.test/s/{webinar_id}?zak=HOST-SECRET",
            "occurrences": [{"occurrence_id": "1", "start_url": "https://zoom.test/s/x?zak=HOST-SECRET"}],
        }

    def list_polls(self, webinar_id: str) -> list[dict[str, Any]]:
        self.calls.append("poll_definitions")
        if self.webinar_gone:
            raise ZoomNotFoundError(f"Webinar does not exist: {webinar_id}.", status=404, code=3001)
        return [{"id": "poll-2", "title": "Panel 2: Framing recovery for all", "questions": []}]

    def iter_report_participant_pages(self, target: str) -> Iterator[dict[str, Any]]:
        self.calls.append(f"report_participants:{target}")
        self._not_ended()
        if not self.report_scope:
            raise ZoomAuthError("does not contain scopes:[report:read:admin]", code=4711)
        return self._pages("participants", self.rows)

    def iter_past_participant_pages(self, target: str) -> Iterator[dict[str, Any]]:
        self.calls.append(f"past_participants:{target}")
        return self._pages("participants", self.rows)

    def get_webinar_report(self, target: str) -> dict[str, Any]:
        self.calls.append("report_details")
        return {"uuid": target, "start_time": "2021-10-07T13:00:00Z", "end_time": "2021-10-07T14:30:00Z"}

    def iter_registrant_pages(self, webinar_id: str, status: str = "approved") -> Iterator[dict[str, Any]]:
        self.calls.append(f"registrants:{status}")
        items = [registrant("r1", "Ana", "Gil", "ana@example.org")] if status == "approved" else []
        return self._pages("registrants", items)

    def iter_absentee_pages(self, target: str) -> Iterator[dict[str, Any]]:
        self.calls.append("absentees")
        return self._pages("registrants", [])

    def get_report_qa(self, target: str) -> dict[str, Any]:
        self.calls.append("report_qa")
        if not self.report_scope:
            raise ZoomAuthError("does not contain scopes", code=4711)
        return {"questions": [{"name": "Ana", "question_details": [{"question": "Q?"}]}]}

    def get_past_qa(self, target: str) -> dict[str, Any]:
        self.calls.append("past_qa")
        return {"questions": []}

    def get_report_polls(self, target: str) -> dict[str, Any]:
        self.calls.append("report_polls")
        if not self.report_scope:
            raise ZoomAuthError("does not contain scopes", code=4711)
        detail = {"polling_id": "poll-2", "question": PRIORITY, "answer": PANEL_OPTIONS[2][1]}
        return {"questions": [{"name": "P1", "email": "p1@example.org", "question_details": [detail]}]}

    def get_past_polls(self, target: str) -> dict[str, Any]:
        self.calls.append("past_polls")
        return {"questions": []}

    def get_recordings(self, target: str, *, download_token: bool = True) -> dict[str, Any]:
        self.calls.append(f"recordings:{target}")
        raise ZoomNotFoundError("There is no recording for this meeting.", status=404, code=3301)


ROWS = [segment(i, i + 10, name=f"P{i}", email=f"p{i}@example.org") for i in range(5)]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_archive_writes_raw_pages_and_a_manifest_of_hashes(tmp_path: Path) -> None:
    zoom = FakeZoom(ROWS)
    result = archive_webinar(report_job(zoom, "81234567890", EVENT), tmp_path / "archive", now=NOW)
    assert result.created and result.source == "report"
    assert result.folder.parent == tmp_path / "archive" and result.folder.name.startswith("81234567890_2021-10-07_")
    manifest = json.loads((result.folder / MANIFEST).read_text())
    assert manifest["instance_uuid"] == UUID and manifest["source"] == "report"
    files = manifest["files"]
    assert {"participants/page-0001.json", "participants/page-0003.json", "qa.json", "webinar.json"} <= set(files)
    assert "report_details.json" in files and "registrants/approved/page-0001.json" in files
    for relative, digest in files.items():
        assert sha(result.folder / relative) == digest
    first_page = json.loads((result.folder / "participants/page-0001.json").read_text())
    assert first_page["next_page_token"] == "tok2" and len(first_page["participants"]) == 2
    # The latest instance's UUID was used, as is (the client double-encodes it).
    assert f"report_participants:{UUID}" in zoom.calls
    assert not list((tmp_path / "archive").glob(".*partial"))


def test_second_run_verifies_rewrites_nothing_and_calls_zoom_only_to_find_the_instance(tmp_path: Path) -> None:
    first = archive_webinar(report_job(FakeZoom(ROWS), "81234567890", EVENT), tmp_path / "archive", now=NOW)
    stamps = {p: p.stat().st_mtime_ns for p in first.folder.rglob("*")}
    zoom = FakeZoom(ROWS)
    second = archive_webinar(report_job(zoom, "81234567890", EVENT), tmp_path / "archive", now=NOW)
    assert second.created is False and second.folder == first.folder and second.files == first.files
    assert {p: p.stat().st_mtime_ns for p in second.folder.rglob("*")} == stamps
    assert zoom.calls == ["instances"]


def test_a_tampered_or_missing_file_is_detected(tmp_path: Path) -> None:
    result = archive_webinar(report_job(FakeZoom(ROWS), "81234567890", EVENT), tmp_path / "archive", now=NOW)
    page = result.folder / "participants/page-0002.json"
    page.write_text(page.read_text().replace("p2@example.org", "someone@else.org"))
    (result.folder / "qa.json").unlink()
    (result.folder / "extra.txt").write_text("hello")
    with pytest.raises(PartialFailure) as caught:
        archive_webinar(report_job(FakeZoom(ROWS), "81234567890", EVENT), tmp_path / "archive", now=NOW)
    message = caught.value.message
    assert "participants/page-0002.json: changed" in message
    assert "qa.json: missing" in message and "extra.txt: not in the manifest" in message
    assert page.read_text().count("someone@else.org") == 1  # never silently repaired


def test_archive_falls_back_without_the_report_scope(tmp_path: Path) -> None:
    zoom = FakeZoom(ROWS, report_scope=False)
    result = archive_webinar(report_job(zoom, "81234567890", EVENT), tmp_path / "archive", now=NOW)
    assert result.source == "past_webinars"
    assert "report_details.json" not in result.files and "past_qa" in zoom.calls


def test_archive_refuses_unfinished_data_and_leaves_nothing(tmp_path: Path) -> None:
    still_here = segment(0, 5, name="Still here", email="s@example.org", status="in_meeting")
    still_here["leave_time"] = ""
    live = [*ROWS, still_here]
    with pytest.raises(DataNotReady):
        archive_webinar(report_job(FakeZoom(live), "81234567890", EVENT), tmp_path / "archive", now=NOW)
    assert not (tmp_path / "archive").exists()


def test_the_host_start_url_is_never_written_and_the_folder_is_owner_only(tmp_path: Path) -> None:
    result = archive_webinar(report_job(FakeZoom(ROWS), "81234567890", EVENT), tmp_path / "archive", now=NOW)
    webinar = json.loads((result.folder / "webinar.json").read_text())
    assert "start_url" not in webinar and "start_url" not in webinar["occurrences"][0]
    assert webinar["join_url"].endswith("pwd=attendee") and webinar["topic"] == "Caring Metropolises"
    for path in result.folder.rglob("*"):
        if path.is_file():
            assert "HOST-SECRET" not in path.read_text(encoding="utf-8-sig"), path
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(result.folder.stat().st_mode) == 0o700
    manifest = json.loads((result.folder / MANIFEST).read_text())
    assert manifest["withheld"] == ["start_url"]
    # The redaction does not disturb idempotency: a second run verifies the same files.
    again = archive_webinar(report_job(FakeZoom(ROWS), "81234567890", EVENT), tmp_path / "archive", now=NOW)
    assert again.created is False and again.files == result.files


def test_the_built_reports_are_archived_and_listed_with_their_hashes(tmp_path: Path) -> None:
    result = archive_webinar(report_job(FakeZoom(ROWS), "81234567890", EVENT), tmp_path / "archive", now=NOW)
    built = {f"reports/{name}.{fmt}" for name in ("attendance", "qa", "polls") for fmt in ("csv", "json")}
    manifest = json.loads((result.folder / MANIFEST).read_text())
    assert built <= set(manifest["files"]) and built <= set(result.files)
    for relative in built:
        assert sha(result.folder / relative) == manifest["files"][relative]
    assert "poll_definitions.json" in manifest["files"]
    # Built from the archived pages: one row per person, plus the registrant who never came.
    attendance = json.loads((result.folder / "reports/attendance.json").read_text())
    assert attendance["source"] == "report"
    by_email = {p["email"]: p for p in attendance["people"]}
    assert by_email["p0@example.org"]["total_minutes"] == 10 and by_email["ana@example.org"]["total_minutes"] == 0
    with (result.folder / "reports/attendance.csv").open(encoding="utf-8-sig") as stream:
        assert len(list(csv.DictReader(stream))) == len(attendance["people"]) == 6
    assert json.loads((result.folder / "reports/qa.json").read_text())[0]["question"] == "Q?"
    polls = json.loads((result.folder / "reports/polls.json").read_text())
    assert {(r["poll_title"], r["answer"], r["count"]) for r in polls} == {
        (POLL_TITLES[2], PANEL_OPTIONS[2][1], 1),
        (POLL_TITLES[2], PANEL_OPTIONS[2][0], 0),  # the event's other options, with no votes
        (POLL_TITLES[2], PANEL_OPTIONS[2][2], 0),
    }


def test_an_unknown_instance_is_not_found_and_names_the_known_ones(tmp_path: Path) -> None:
    zoom = FakeZoom(ROWS)
    with pytest.raises(NotFoundError) as caught:
        archive_webinar(report_job(zoom, "81234567890", EVENT), tmp_path / "archive", instance="nope", now=NOW)
    assert caught.value.exit_code == 4
    assert "'nope'" in caught.value.message and UUID in caught.value.message and "2020-10-07" in caught.value.message
    assert zoom.calls == ["instances"] and not (tmp_path / "archive").exists()


def test_an_expired_webinar_is_a_warning_and_the_reports_are_still_archived(tmp_path: Path) -> None:
    zoom = FakeZoom(ROWS, webinar_gone=True)
    event = priority_asked_in_panel_poll(2)
    result = archive_webinar(report_job(zoom, "81234567890", event), tmp_path / "archive", now=NOW)
    assert result.created and "webinar.json" not in result.files
    assert any("does not exist or has expired" in p for p in result.problems)
    assert any("poll titles come from the event file" in p for p in result.problems)
    manifest = json.loads((result.folder / MANIFEST).read_text())
    assert manifest["warnings"] == result.problems
    attendance = json.loads((result.folder / "reports/attendance.json").read_text())
    assert "does not exist or has expired" in attendance["problems"][0]
    # Without Zoom's poll list, the title comes from the event file's question (only panel 2's poll asks it).
    polls = json.loads((result.folder / "reports/polls.json").read_text())
    assert polls[0]["poll_title"] == POLL_TITLES[2] == "Panel 2: Framing recovery for all"


def test_a_webinar_whose_reports_also_answer_3001_is_not_found(tmp_path: Path) -> None:
    zoom = FakeZoom(ROWS, webinar_gone=True, ended=False)
    with pytest.raises(NotFoundError) as caught:
        archive_webinar(report_job(zoom, "81234567890", EVENT), tmp_path / "archive", now=NOW)
    assert caught.value.exit_code == 4 and "3001" in caught.value.message
    assert not (tmp_path / "archive").exists()
    # The webinar exists but has not ended: that stays "too early".
    with pytest.raises(DataNotReady):
        archive_webinar(report_job(FakeZoom(ROWS, ended=False), "81234567890", EVENT), tmp_path / "archive", now=NOW)
