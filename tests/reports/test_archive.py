"""The archive: raw pages + manifest; a second run verifies and rewrites nothing; tampering is caught."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from reports.helpers import registrant, segment
from wmdctl.errors import PartialFailure
from wmdctl.reports.archive import MANIFEST, archive_webinar
from wmdctl.reports.fetch import DataNotReady
from wmdctl.zoom.errors import ZoomAuthError

UUID = "/ab//c=="
NOW = datetime(2021, 10, 8, 9, 0, tzinfo=UTC)


class FakeZoom:
    """Serves participant rows in pages of 2; counts calls; can lack the report scope."""

    def __init__(self, rows: list[dict[str, Any]], *, report_scope: bool = True) -> None:
        self.rows = rows
        self.report_scope = report_scope
        self.calls: list[str] = []

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
        return {"id": int(webinar_id), "topic": "Caring Metropolises"}

    def iter_report_participant_pages(self, target: str) -> Iterator[dict[str, Any]]:
        self.calls.append(f"report_participants:{target}")
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
        return {"questions": []}

    def get_past_polls(self, target: str) -> dict[str, Any]:
        self.calls.append("past_polls")
        return {"questions": []}


ROWS = [segment(i, i + 10, name=f"P{i}", email=f"p{i}@example.org") for i in range(5)]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_archive_writes_raw_pages_and_a_manifest_of_hashes(tmp_path: Path) -> None:
    zoom = FakeZoom(ROWS)
    result = archive_webinar(zoom, "81234567890", tmp_path / "archive", now=NOW)  # type: ignore[arg-type]
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
    first = archive_webinar(FakeZoom(ROWS), "81234567890", tmp_path / "archive", now=NOW)  # type: ignore[arg-type]
    stamps = {p: p.stat().st_mtime_ns for p in first.folder.rglob("*")}
    zoom = FakeZoom(ROWS)
    second = archive_webinar(zoom, "81234567890", tmp_path / "archive", now=NOW)  # type: ignore[arg-type]
    assert second.created is False and second.folder == first.folder and second.files == first.files
    assert {p: p.stat().st_mtime_ns for p in second.folder.rglob("*")} == stamps
    assert zoom.calls == ["instances"]


def test_a_tampered_or_missing_file_is_detected(tmp_path: Path) -> None:
    result = archive_webinar(FakeZoom(ROWS), "81234567890", tmp_path / "archive", now=NOW)  # type: ignore[arg-type]
    page = result.folder / "participants/page-0002.json"
    page.write_text(page.read_text().replace("p2@example.org", "someone@else.org"))
    (result.folder / "qa.json").unlink()
    (result.folder / "extra.txt").write_text("hello")
    with pytest.raises(PartialFailure) as caught:
        archive_webinar(FakeZoom(ROWS), "81234567890", tmp_path / "archive", now=NOW)  # type: ignore[arg-type]
    message = caught.value.message
    assert "participants/page-0002.json: changed" in message
    assert "qa.json: missing" in message and "extra.txt: not in the manifest" in message
    assert page.read_text().count("someone@else.org") == 1  # never silently repaired


def test_archive_falls_back_without_the_report_scope(tmp_path: Path) -> None:
    zoom = FakeZoom(ROWS, report_scope=False)
    result = archive_webinar(zoom, "81234567890", tmp_path / "archive", now=NOW)  # type: ignore[arg-type]
    assert result.source == "past_webinars"
    assert "report_details.json" not in result.files and "past_qa" in zoom.calls


def test_archive_refuses_unfinished_data_and_leaves_nothing(tmp_path: Path) -> None:
    still_here = segment(0, 5, name="Still here", email="s@example.org", status="in_meeting")
    still_here["leave_time"] = ""
    live = [*ROWS, still_here]
    with pytest.raises(DataNotReady):
        archive_webinar(FakeZoom(live), "81234567890", tmp_path / "archive", now=NOW)  # type: ignore[arg-type]
    assert not (tmp_path / "archive").exists()
