"""The archive keeps the instance's recordings, transcript and chat, listed with their SHA-256; or skips them."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import requests

from reports.helpers import report_job
from reports.test_archive import EVENT, NOW, ROWS, UUID, FakeZoom
from wmdctl.reports.archive import MANIFEST, archive_webinar, verify
from wmdctl.zoom.errors import ZoomAuthError

FILES = {
    "vid": ("MP4", "shared_screen_with_speaker_view", b"\x00\x01video" * 500),
    "vtt": ("TRANSCRIPT", "audio_transcript", b"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nBienvenidos\n"),
    "chat": ("CHAT", "chat_file", "15:01:02 From  王小明  to  Everyone: 你好\n".encode()),
}


class RecordingZoom(FakeZoom):
    def __init__(self, *args: Any, scope: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope = scope
        self.downloads: list[str] = []

    def get_recordings(self, target: str, *, download_token: bool = True) -> dict[str, Any]:
        self.calls.append(f"recordings:{target}")
        if not self.scope:
            raise ZoomAuthError("Invalid access token, does not contain scopes:[cloud_recording:read]", code=4711)
        return {
            "uuid": target,
            "share_url": "https://zoom.test/rec/share/xyz",
            "auto_delete_date": "2022-01-05",
            "download_access_token": "dl-token",
            "recording_files": [
                {"id": fid, "file_type": ftype, "recording_type": rtype, "file_size": len(data),
                 "file_extension": "VTT" if ftype == "TRANSCRIPT" else ftype, "download_url": f"https://zoom.test/rec/{fid}"}
                for fid, (ftype, rtype, data) in FILES.items()
            ],
        }  # fmt: skip

    def open_download(self, url: str, token: str, *, offset: int = 0) -> requests.Response:
        name = url.rsplit("/", 1)[1]
        self.downloads.append(name)
        response = requests.Response()
        response.status_code = 200
        response.raw = io.BytesIO(FILES[name][2][offset:])
        return response


def test_the_archive_keeps_video_transcript_and_chat_in_its_manifest(tmp_path: Path) -> None:
    zoom = RecordingZoom(ROWS)
    result = archive_webinar(report_job(zoom, "81234567890", EVENT), tmp_path / "archive", now=NOW)
    manifest = json.loads((result.folder / MANIFEST).read_text())
    kept = {path: digest for path, digest in manifest["files"].items() if path.startswith("recordings/")}
    assert len(kept) == 3
    by_kind = {f["kind"]: f for f in manifest["recordings"]["files"]}
    assert set(by_kind) == {"video", "transcript", "chat"}
    for fid, (_, _, data) in FILES.items():
        path = next(p for p in kept if fid in p)
        assert (result.folder / path).read_bytes() == data
        assert kept[path] == hashlib.sha256(data).hexdigest()
    assert manifest["recordings"]["auto_delete_date"] == "2022-01-05"
    assert f"recordings:{UUID}" in zoom.calls  # the archived instance, by its UUID
    assert verify(result.folder) == []
    assert "dl-token" not in (result.folder / MANIFEST).read_text()


def test_no_recordings_leaves_them_out_and_says_so(tmp_path: Path) -> None:
    zoom = RecordingZoom(ROWS)
    result = archive_webinar(report_job(zoom, "81234567890", EVENT), tmp_path / "archive", now=NOW, recordings=False)
    manifest = json.loads((result.folder / MANIFEST).read_text())
    assert not any(path.startswith("recordings/") for path in manifest["files"])
    assert manifest["recordings"]["included"] is False and "--no-recordings" in manifest["recordings"]["reason"]
    assert zoom.downloads == [] and not any(c.startswith("recordings:") for c in zoom.calls)


def test_without_the_recording_scope_the_archive_is_made_with_a_warning(tmp_path: Path) -> None:
    result = archive_webinar(
        report_job(RecordingZoom(ROWS, scope=False), "81234567890", EVENT), tmp_path / "archive", now=NOW
    )
    assert result.created
    assert any("no recordings" in p and "cloud_recording:read" in p for p in result.problems)
