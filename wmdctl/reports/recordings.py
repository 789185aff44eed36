"""The cloud recordings of a webinar's instances: which files Zoom has, how big, and until when.

Zoom deletes cloud recordings under the account's retention policy
(``auto_delete_date``), so the listing says when each instance's files go.
``GET /meetings/{id}/recordings`` takes the webinar's id (the latest
instance only) or an instance UUID, so every ended instance is asked for
by UUID; one without a recording (404 code 3301) is listed as such, never
dropped silently.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import requests

from wmdctl.zoom.errors import ZoomNotFoundError

NO_RECORDING = 3301  # "There is no recording for this meeting."
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# The kinds the archive keeps besides the video: what was said and what was typed.
TRANSCRIPT_TYPES = frozenset({"audio_transcript", "closed_caption"})
CHAT_TYPES = frozenset({"chat_file"})


class RecordingClient(Protocol):
    def list_past_instances(self, webinar_id: str) -> list[dict[str, Any]]: ...
    def get_recordings(self, meeting_or_uuid: str | int, *, download_token: bool = True) -> dict[str, Any]: ...
    def open_download(self, url: str, token: str, *, offset: int = 0) -> requests.Response: ...


@dataclass(frozen=True)
class RecordingFile:
    instance_uuid: str
    file_id: str
    recording_type: str  # shared_screen_with_speaker_view, audio_only, audio_transcript, chat_file, ...
    file_type: str  # MP4, M4A, TRANSCRIPT, CHAT, ...
    extension: str  # mp4, m4a, vtt, txt, ...
    size: int  # bytes, as Zoom reports them; 0 when Zoom does not say
    download_url: str
    recording_start: str
    status: str
    relative_path: str  # where it goes under the download folder: one sub-folder per instance
    play_url: str = ""

    @property
    def kind(self) -> str:
        """video, audio, transcript, chat or other: what a person would call it."""
        if self.recording_type in TRANSCRIPT_TYPES or self.file_type in ("TRANSCRIPT", "CC"):
            return "transcript"
        if self.recording_type in CHAT_TYPES or self.file_type in ("CHAT", "CHAT_MESSAGE"):
            return "chat"
        if self.file_type == "MP4":
            return "video"
        if self.file_type == "M4A":
            return "audio"
        return "other"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "kind": self.kind,
            "recording_type": self.recording_type,
            "file_type": self.file_type,
            "size": self.size,
            "recording_start": self.recording_start,
            "status": self.status,
            "path": self.relative_path,
        }


@dataclass
class InstanceRecordings:
    uuid: str
    start_time: str
    topic: str = ""
    share_url: str = ""  # the link to send people: it plays the whole recording in a browser
    auto_delete_date: str = ""  # when Zoom will delete the files; empty when auto-delete is off
    files: list[RecordingFile] = field(default_factory=list)
    missing: str = ""  # why there is no recording for this instance
    download_token: str = field(default="", repr=False)  # a secret: never shown or written

    @property
    def total_size(self) -> int:
        return sum(f.size for f in self.files)

    @property
    def viewing_url(self) -> str:
        """Where people watch it: Zoom's share link, else the video's play link (the audio's, lacking a video)."""
        plays = [f.play_url for f in sorted(self.files, key=lambda f: f.kind != "video") if f.play_url]
        return self.share_url or (plays[0] if plays else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "instance_uuid": self.uuid,
            "start_time": self.start_time,
            "topic": self.topic,
            "share_url": self.share_url,
            "auto_delete_date": self.auto_delete_date,
            "total_size": self.total_size,
            "missing": self.missing,
            "files": [f.to_dict() for f in self.files],
        }


@dataclass
class RecordingListing:
    webinar_id: str
    instances: list[InstanceRecordings]

    def files(self) -> Iterator[tuple[InstanceRecordings, RecordingFile]]:
        for instance in self.instances:
            for recording in instance.files:
                yield instance, recording

    @property
    def share_url(self) -> str:
        """The latest instance's share link (the one follow-up e-mails carry)."""
        with_link = [i for i in self.instances if i.viewing_url]
        return max(with_link, key=lambda i: i.start_time).viewing_url if with_link else ""

    def to_dict(self) -> dict[str, Any]:
        return {"webinar_id": self.webinar_id, "instances": [i.to_dict() for i in self.instances]}


def list_recordings(client: RecordingClient, webinar_id: str, *, download_token: bool = False) -> RecordingListing:
    """Every ended instance's recordings, oldest first; the webinar id alone when Zoom lists no instance."""
    try:
        instances = sorted(client.list_past_instances(webinar_id), key=lambda i: str(i.get("start_time") or ""))
    except ZoomNotFoundError:
        instances = []
    targets = [(str(i.get("uuid") or ""), str(i.get("start_time") or "")) for i in instances if i.get("uuid")]
    if not targets:
        targets = [(webinar_id, "")]  # Zoom answers for the latest instance
    listed = [instance_recordings(client, uuid, start, download_token=download_token) for uuid, start in targets]
    return RecordingListing(webinar_id, listed)


def instance_recordings(
    client: RecordingClient, target: str, start: str = "", *, download_token: bool = False
) -> InstanceRecordings:
    """One instance's recordings (by UUID); ``missing`` says why there are none."""
    try:
        payload = client.get_recordings(target, download_token=download_token)
    except ZoomNotFoundError as error:
        # 3301 is "no recording", 3001 an instance Zoom no longer knows: either way this instance has none,
        # which is said (and the other instances still listed) rather than ending the whole job.
        return InstanceRecordings(target, start, missing=f"Zoom has no cloud recording ({error.message})")
    return parse_recordings(payload, fallback_uuid=target, fallback_start=start)


def parse_recordings(
    payload: dict[str, Any], *, fallback_uuid: str = "", fallback_start: str = ""
) -> InstanceRecordings:
    """Zoom's recording object as an InstanceRecordings (defensive: every field may be missing)."""
    uuid = str(payload.get("uuid") or fallback_uuid)
    start = str(payload.get("start_time") or fallback_start)
    folder = instance_folder(uuid, start)
    files = [_file(item, uuid, folder) for item in payload.get("recording_files") or [] if item.get("download_url")]
    return InstanceRecordings(
        uuid=uuid,
        start_time=start,
        topic=str(payload.get("topic") or ""),
        share_url=str(payload.get("share_url") or ""),
        auto_delete_date=str(payload.get("auto_delete_date") or ""),
        files=files,
        missing="" if files else "Zoom lists no downloadable file for this instance",
        download_token=str(payload.get("download_access_token") or ""),
    )


def instance_folder(uuid: str, start: str) -> str:
    """``<UTC date>_<8 hex of the UUID>``: dated, and distinct for two instances on one day (as the archive)."""
    return f"{start[:10] or 'undated'}_{hashlib.sha256(uuid.encode()).hexdigest()[:8]}"


def _file(item: dict[str, Any], uuid: str, folder: str) -> RecordingFile:
    file_id = str(item.get("id") or hashlib.sha256(str(item.get("download_url")).encode()).hexdigest()[:12])
    recording_type = str(item.get("recording_type") or item.get("file_type") or "file")
    extension = str(item.get("file_extension") or item.get("file_type") or "bin").lower()
    # Zoom's ids and types are plain, but they come from the network: keep the name to one safe segment.
    name = _UNSAFE.sub("_", f"{recording_type}_{file_id}").strip("._") or "file"
    return RecordingFile(
        instance_uuid=uuid,
        file_id=file_id,
        recording_type=recording_type,
        file_type=str(item.get("file_type") or ""),
        extension=extension,
        size=int(item.get("file_size") or 0),
        download_url=str(item["download_url"]),
        recording_start=str(item.get("recording_start") or ""),
        status=str(item.get("status") or ""),
        relative_path=f"{folder}/{name}.{_UNSAFE.sub('', extension) or 'bin'}",
        play_url=str(item.get("play_url") or ""),
    )


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"
