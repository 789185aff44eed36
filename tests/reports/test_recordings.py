"""Cloud recordings: listing per instance, and resumable, verified downloads (on `responses`)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
import responses

from wmdctl.reports.downloads import MANIFEST, DownloadsIncomplete, download_recordings, read_manifest
from wmdctl.reports.recordings import list_recordings
from wmdctl.zoom.client import ZoomClient

from .conftest import API

WEBINAR = "81234567890"
UUID_A = "/ab//cd=="  # needs double encoding
UUID_B = "plainUUID=="
FILES = "https://zoom.test/rec/download"
VIDEO = bytes(range(256)) * 800  # 200 KiB: more than one 64 KiB read
CHAT = b"10:00:01 From Ana to Everyone: hola\n"
TOKEN = "dl-token-secret-value"


def recording_payload(uuid: str, start: str, *, video: bytes = VIDEO, chat: bytes = CHAT) -> dict[str, Any]:
    return {
        "uuid": uuid,
        "id": int(WEBINAR),
        "topic": "World Metropolitan Day",
        "start_time": start,
        "share_url": f"https://zoom.test/rec/share/{len(uuid)}",
        "auto_delete_date": "2022-01-05",
        "download_access_token": TOKEN,
        "recording_files": [
            {
                "id": "vid1",
                "file_type": "MP4",
                "file_extension": "MP4",
                "file_size": len(video),
                "recording_type": "shared_screen_with_speaker_view",
                "download_url": f"{FILES}/vid1",
                "status": "completed",
            },
            {
                "id": "chat1",
                "file_type": "CHAT",
                "file_extension": "TXT",
                "file_size": len(chat),
                "recording_type": "chat_file",
                "download_url": f"{FILES}/chat1",
                "status": "completed",
            },
        ],
    }


def serve_listing(rsps: responses.RequestsMock, *, second_missing: bool = False) -> None:
    rsps.get(
        f"{API}/past_webinars/{WEBINAR}/instances",
        json={"webinars": [{"uuid": UUID_B, "start_time": "2021-10-08T13:00:00Z"},
                           {"uuid": UUID_A, "start_time": "2021-10-07T13:00:00Z"}]},
    )  # fmt: skip
    rsps.get(
        f"{API}/meetings/%252Fab%252F%252Fcd%253D%253D/recordings",
        json=recording_payload(UUID_A, "2021-10-07T13:00:00Z"),
    )
    if second_missing:
        rsps.get(
            f"{API}/meetings/plainUUID%3D%3D/recordings",
            status=404,
            json={"code": 3301, "message": "There is no recording for this meeting."},
        )
    else:
        rsps.get(f"{API}/meetings/plainUUID%3D%3D/recordings", json=recording_payload(UUID_B, "2021-10-08T13:00:00Z"))


class FileServer:
    """Serves the recording files with Range support; ``cut`` sends only that many bytes once, ``body`` overrides."""

    def __init__(self, rsps: responses.RequestsMock) -> None:
        self.contents = {"vid1": VIDEO, "chat1": CHAT}
        self.cut: dict[str, int] = {}
        self.broken: dict[str, int] = {}  # raise mid-stream after this many bytes
        self.requests: list[tuple[str, str | None, str | None]] = []
        for name in self.contents:
            rsps.add_callback(responses.GET, f"{FILES}/{name}", callback=self._serve)

    def _serve(self, request: Any) -> tuple[int, dict[str, str], Any]:
        name = request.url.rsplit("/", 1)[1]
        self.requests.append((name, request.headers.get("Range"), request.headers.get("Authorization")))
        data = self.contents[name]
        start = 0
        status, headers = 200, {"Content-Type": "application/octet-stream"}
        if request.headers.get("Range"):
            start = int(request.headers["Range"].split("=")[1].rstrip("-"))
            status = 206
            headers["Content-Range"] = f"bytes {start}-{len(data) - 1}/{len(data)}"
        body = data[start:]
        if name in self.cut:
            body = body[: self.cut.pop(name)]
        if name in self.broken:
            return status, headers, io.BufferedReader(_Breaking(body, self.broken.pop(name)), buffer_size=8192)
        return status, headers, body


class _Breaking(io.RawIOBase):
    def __init__(self, data: bytes, after: int) -> None:
        self._data, self._after, self._pos = data, after, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._pos >= self._after:
            raise ConnectionResetError("connection reset by peer")
        chunk = self._data[self._pos : min(self._after, self._pos + len(buffer))]
        buffer[: len(chunk)] = chunk
        self._pos += len(chunk)
        return len(chunk)


def test_lists_every_instance_by_uuid_with_sizes_and_auto_delete_date(
    client: ZoomClient, rsps: responses.RequestsMock
) -> None:
    serve_listing(rsps, second_missing=True)
    listing = list_recordings(client, WEBINAR)
    assert [i.uuid for i in listing.instances] == [UUID_A, UUID_B]  # oldest first
    first, second = listing.instances
    assert first.auto_delete_date == "2022-01-05"
    assert [(f.kind, f.size) for f in first.files] == [("video", len(VIDEO)), ("chat", len(CHAT))]
    assert first.files[0].relative_path.startswith("2021-10-07_") and first.files[0].relative_path.endswith(".mp4")
    assert second.files == [] and "no cloud recording" in second.missing  # said, not dropped
    assert TOKEN not in json.dumps(listing.to_dict())


def test_download_fetches_each_file_and_records_its_sha256(
    client: ZoomClient, rsps: responses.RequestsMock, tmp_path: Path
) -> None:
    serve_listing(rsps)
    server = FileServer(rsps)
    listing = list_recordings(client, WEBINAR, download_token=True)
    result = download_recordings(client, listing, tmp_path / "rec")
    assert len(result.downloaded) == 4 and not result.failed
    manifest = read_manifest(tmp_path / "rec")
    video = next(path for path in manifest if path.endswith(".mp4"))
    assert (tmp_path / "rec" / video).read_bytes() == VIDEO
    assert manifest[video]["sha256"] == hashlib.sha256(VIDEO).hexdigest()
    assert stat.S_IMODE((tmp_path / "rec" / video).stat().st_mode) == 0o600
    assert all(auth == f"Bearer {TOKEN}" for _, _, auth in server.requests)


def test_a_second_run_downloads_nothing_it_already_has(
    client: ZoomClient, rsps: responses.RequestsMock, tmp_path: Path
) -> None:
    serve_listing(rsps)
    server = FileServer(rsps)
    listing = list_recordings(client, WEBINAR, download_token=True)
    download_recordings(client, listing, tmp_path / "rec")
    fetched = len(server.requests)
    again = download_recordings(client, listing, tmp_path / "rec")
    assert again.downloaded == [] and len(again.intact) == 4
    assert len(server.requests) == fetched


def test_a_download_cut_halfway_resumes_with_range_and_the_checksum_matches(
    client: ZoomClient, rsps: responses.RequestsMock, tmp_path: Path
) -> None:
    serve_listing(rsps)
    server = FileServer(rsps)
    server.cut["vid1"] = len(VIDEO) // 2
    listing = list_recordings(client, WEBINAR, download_token=True)
    with pytest.raises(DownloadsIncomplete) as failed:
        download_recordings(client, listing, tmp_path / "rec")
    assert "a rerun resumes" in failed.value.message
    part = next((tmp_path / "rec").rglob("*.mp4.part"))
    assert part.stat().st_size == len(VIDEO) // 2
    assert stat.S_IMODE(part.stat().st_mode) == 0o600
    result = download_recordings(client, listing, tmp_path / "rec")
    assert len(result.resumed) == 1 and not result.failed
    assert (("vid1", f"bytes={len(VIDEO) // 2}-", f"Bearer {TOKEN}")) in server.requests
    video = part.with_name(part.name.removesuffix(".part"))
    assert hashlib.sha256(video.read_bytes()).hexdigest() == hashlib.sha256(VIDEO).hexdigest()
    assert read_manifest(tmp_path / "rec")[video.relative_to(tmp_path / "rec").as_posix()]["sha256"] == (
        hashlib.sha256(VIDEO).hexdigest()
    )
    assert not part.exists()


def test_a_connection_reset_mid_stream_keeps_the_part_for_the_next_run(
    client: ZoomClient, rsps: responses.RequestsMock, tmp_path: Path
) -> None:
    serve_listing(rsps)
    server = FileServer(rsps)
    server.broken["vid1"] = 100_000
    listing = list_recordings(client, WEBINAR, download_token=True)
    with pytest.raises(DownloadsIncomplete) as failed:
        download_recordings(client, listing, tmp_path / "rec")
    assert "broke off" in failed.value.message
    assert next((tmp_path / "rec").rglob("*.mp4.part")).stat().st_size > 0
    result = download_recordings(client, listing, tmp_path / "rec")
    assert result.resumed and not result.failed


def test_a_file_of_the_wrong_size_is_an_error_not_done(
    client: ZoomClient, rsps: responses.RequestsMock, tmp_path: Path
) -> None:
    serve_listing(rsps)
    server = FileServer(rsps)
    server.contents["vid1"] = VIDEO + b"garbage"  # more than Zoom announced
    listing = list_recordings(client, WEBINAR, download_token=True)
    with pytest.raises(DownloadsIncomplete) as failed:
        download_recordings(client, listing, tmp_path / "rec")
    assert "corrupt" in failed.value.message
    manifest = read_manifest(tmp_path / "rec")
    assert not any(path.endswith(".mp4") for path in manifest)
    assert not list((tmp_path / "rec").rglob("*.mp4")) and not list((tmp_path / "rec").rglob("*.part"))


def test_a_file_changed_on_disk_is_fetched_again_not_counted_intact(
    client: ZoomClient, rsps: responses.RequestsMock, tmp_path: Path
) -> None:
    serve_listing(rsps)
    FileServer(rsps)
    listing = list_recordings(client, WEBINAR, download_token=True)
    download_recordings(client, listing, tmp_path / "rec")
    video = next((tmp_path / "rec").rglob("*.mp4"))
    video.write_bytes(b"\0" * len(VIDEO))  # same size, different bytes
    result = download_recordings(client, listing, tmp_path / "rec")
    assert video.relative_to(tmp_path / "rec").as_posix() in result.replaced
    assert video.read_bytes() == VIDEO


def test_a_planted_symlink_part_file_is_refused(
    client: ZoomClient, rsps: responses.RequestsMock, tmp_path: Path
) -> None:
    serve_listing(rsps)
    FileServer(rsps)
    listing = list_recordings(client, WEBINAR, download_token=True)
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    relative = listing.instances[0].files[0].relative_path
    part = tmp_path / "rec" / f"{relative}.part"
    part.parent.mkdir(parents=True)
    os.symlink(victim, part)
    with pytest.raises(DownloadsIncomplete) as failed:
        download_recordings(client, listing, tmp_path / "rec")
    assert "not a regular file" in failed.value.message
    assert victim.read_text() == "keep me"


def test_the_manifest_is_owner_only(client: ZoomClient, rsps: responses.RequestsMock, tmp_path: Path) -> None:
    serve_listing(rsps)
    FileServer(rsps)
    download_recordings(client, list_recordings(client, WEBINAR, download_token=True), tmp_path / "rec")
    assert stat.S_IMODE((tmp_path / "rec" / MANIFEST).stat().st_mode) == 0o600
    assert TOKEN not in (tmp_path / "rec" / MANIFEST).read_text()


def test_without_a_share_link_the_videos_play_link_is_the_one_to_send() -> None:
    from wmdctl.reports.recordings import parse_recordings

    payload = recording_payload(UUID_A, "2021-10-07T13:00:00Z")
    del payload["share_url"]
    payload["recording_files"][1]["play_url"] = "https://zoom.test/rec/play/chat1"
    payload["recording_files"][0]["play_url"] = "https://zoom.test/rec/play/vid1"
    assert parse_recordings(payload).viewing_url == "https://zoom.test/rec/play/vid1"
    assert parse_recordings(recording_payload(UUID_A, "")).viewing_url.startswith("https://zoom.test/rec/share/")


def test_a_server_that_ignores_range_gets_the_file_again_from_the_start(
    client: ZoomClient, rsps: responses.RequestsMock, tmp_path: Path
) -> None:
    serve_listing(rsps)
    listing = list_recordings(client, WEBINAR, download_token=True)
    relative = listing.instances[0].files[0].relative_path
    part = tmp_path / "rec" / f"{relative}.part"
    part.parent.mkdir(parents=True)
    part.write_bytes(b"stale bytes from some other file")
    rsps.get(f"{FILES}/vid1", body=VIDEO)  # 200 with the whole file, whatever the Range said
    rsps.get(f"{FILES}/chat1", body=CHAT)
    result = download_recordings(client, listing, tmp_path / "rec")
    assert not result.failed
    assert (tmp_path / "rec" / relative).read_bytes() == VIDEO
