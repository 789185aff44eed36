"""Downloading a webinar's cloud recordings: resumable, size-checked, and recorded with their SHA-256.

Each file streams into ``<name>.part`` (created exclusively, owner-only, never
through a symlink), and an interrupted download resumes from the bytes already
there with an HTTP ``Range`` request. A file is done only when its size is the
one Zoom announced: then it is renamed into place and its SHA-256 goes into
``manifest.json``. A second run verifies every file the manifest lists and
fetches only what is missing, unfinished or no longer intact. A download that
does not add up is an error, never "done".
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

from wmdctl.errors import PartialFailure, UsageError, WmdctlError
from wmdctl.reports.recordings import InstanceRecordings, RecordingClient, RecordingFile, RecordingListing
from wmdctl.state.files import PRIVATE_FILE_MODE, ensure_private_dir, fsync_dir, write_json_atomic

MANIFEST = "manifest.json"
PART_SUFFIX = ".part"
_BLOCK = 1 << 16
_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")
Progress = Callable[[int], None]


class DownloadError(WmdctlError):
    """One file could not be downloaded intact; what is on disk says whether a rerun resumes it."""


@dataclass
class DownloadResult:
    folder: Path
    downloaded: list[str] = field(default_factory=list)
    resumed: list[str] = field(default_factory=list)  # also in ``downloaded``
    intact: list[str] = field(default_factory=list)  # already there and verified: not fetched again
    replaced: list[str] = field(default_factory=list)  # on disk but changed since: fetched again
    failed: dict[str, str] = field(default_factory=dict)
    bytes_fetched: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "folder": str(self.folder),
            "downloaded": self.downloaded,
            "resumed": self.resumed,
            "intact": self.intact,
            "replaced": self.replaced,
            "failed": self.failed,
            "bytes_fetched": self.bytes_fetched,
        }


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(folder: Path) -> dict[str, dict[str, Any]]:
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files")
    except (ValueError, OSError, AttributeError) as error:
        raise UsageError(
            f"{path} is not a recordings manifest ({error})", hint="move it away, then run the download again"
        ) from None
    return dict(files) if isinstance(files, dict) else {}


def download_recordings(
    client: RecordingClient,
    listing: RecordingListing,
    folder: Path,
    *,
    on_bytes: Progress | None = None,
    on_file: Callable[[str], None] | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> DownloadResult:
    """Fetch every file of ``listing`` into ``folder``; PartialFailure (after trying them all) if any failed."""
    ensure_private_dir(folder)
    manifest = read_manifest(folder)
    result = DownloadResult(folder)
    for instance, recording in listing.files():
        relative = recording.relative_path
        entry = manifest.get(relative)
        state = _local_state(folder / relative, entry, recording)
        if state == "intact":
            result.intact.append(relative)
            continue
        if state == "changed":
            result.replaced.append(relative)
        if on_file:
            on_file(relative)
        try:
            digest, resumed, fetched = fetch_file(client, instance, recording, folder, on_bytes)
        except WmdctlError as error:
            result.failed[relative] = error.message
            continue
        result.bytes_fetched += fetched
        result.downloaded.append(relative)
        if resumed:
            result.resumed.append(relative)
        manifest[relative] = _entry(instance, recording, digest, now())
        _write_manifest(folder, listing.webinar_id, manifest)
    if result.failed:
        raise DownloadsIncomplete(result)
    return result


class DownloadsIncomplete(PartialFailure):
    def __init__(self, result: DownloadResult) -> None:
        listed = "; ".join(f"{path}: {why}" for path, why in result.failed.items())
        super().__init__(
            f"{len(result.failed)} recording file(s) not downloaded intact: {listed}",
            hint="run the same command again: finished files are kept, and unfinished ones resume where they stopped",
        )
        self.result = result


def _local_state(target: Path, entry: dict[str, Any] | None, recording: RecordingFile) -> str:
    """ "intact" (verified against the manifest), "changed" (there, but not what was downloaded) or "absent"."""
    if entry is None or not target.is_file() or target.is_symlink():
        return "absent"
    expected_size = recording.size or int(entry.get("size") or 0)
    if target.stat().st_size != expected_size or sha256_file(target) != entry.get("sha256"):
        return "changed"
    return "intact"


def _entry(instance: InstanceRecordings, recording: RecordingFile, digest: str, at: datetime) -> dict[str, Any]:
    return {
        "instance_uuid": instance.uuid,
        "instance_start_time": instance.start_time,
        "file_id": recording.file_id,
        "kind": recording.kind,
        "recording_type": recording.recording_type,
        "size": recording.size,
        "sha256": digest,
        "downloaded_at_utc": at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def _write_manifest(folder: Path, webinar_id: str, files: dict[str, dict[str, Any]]) -> None:
    write_json_atomic(folder / MANIFEST, {"webinar_id": webinar_id, "files": files}, private=True)


def fetch_file(
    client: RecordingClient,
    instance: InstanceRecordings,
    recording: RecordingFile,
    folder: Path,
    on_bytes: Progress | None = None,
) -> tuple[str, bool, int]:
    """Download one file (resuming its ``.part``); returns (SHA-256, resumed?, bytes fetched now)."""
    target = folder / recording.relative_path
    ensure_private_dir(target.parent)
    part = target.with_name(target.name + PART_SUFFIX)
    offset = _part_size(part)
    if recording.size and offset > recording.size:
        part.unlink()  # longer than the file can be: not ours to resume
        offset = 0
    fetched = 0
    if not recording.size or offset < recording.size:
        fetched = _stream(client, instance, recording, part, offset, on_bytes)
    size = part.stat().st_size
    if recording.size and size != recording.size:
        if size > recording.size:
            part.unlink()
            raise DownloadError(f"received {size} bytes but Zoom lists {recording.size}: the file is corrupt")
        raise DownloadError(f"received {size} of {recording.size} bytes; a rerun resumes from there")
    digest = sha256_file(part)
    os.replace(part, target)
    fsync_dir(target.parent)  # the rename itself survives a crash, like every write through state/files.py
    return digest, offset > 0, fetched


def _part_size(part: Path) -> int:
    try:
        info = part.lstat()
    except FileNotFoundError:
        return 0
    if not stat.S_ISREG(info.st_mode):
        raise DownloadError(f"{part} is not a regular file (a symlink?); refusing to write through it")
    return info.st_size


def _stream(
    client: RecordingClient,
    instance: InstanceRecordings,
    recording: RecordingFile,
    part: Path,
    offset: int,
    on_bytes: Progress | None,
) -> int:
    response = client.open_download(recording.download_url, instance.download_token, offset=offset)
    with contextlib.closing(response):
        if offset and response.status_code == 206:
            _check_range(response.headers.get("Content-Range", ""), offset, recording.size)
        elif offset:
            offset = 0  # the server ignored the range and sends the whole file: start over
        fd = _open_part(part, resume=offset > 0)
        fetched = 0
        try:
            for block in response.iter_content(_BLOCK):
                _write_all(fd, block, part)
                fetched += len(block)
                if on_bytes:
                    on_bytes(len(block))
            os.fsync(fd)
        except DownloadError:
            raise
        except (requests.RequestException, OSError) as error:
            # The connection broke: the bytes so far stay in the .part file for the next run to resume from.
            got = offset + fetched
            raise DownloadError(f"the download broke off after {got} bytes ({type(error).__name__})") from error
        finally:
            os.close(fd)
    return fetched


def _write_all(fd: int, block: bytes, part: Path) -> None:
    try:
        view = memoryview(block)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as error:
        raise DownloadError(f"could not write {part}: {error.strerror or error}") from error


def _check_range(header: str, offset: int, size: int) -> None:
    found = _CONTENT_RANGE.match(header)
    if not found or int(found.group(1)) != offset or (size and found.group(3) not in ("*", str(size))):
        raise DownloadError(f"the server answered a resume from byte {offset} with Content-Range {header!r}")


def _open_part(part: Path, *, resume: bool) -> int:
    """The ``.part`` file: appended to when resuming, else created anew with O_EXCL (0600, no symlinks)."""
    nofollow = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    if resume:
        fd = os.open(part, os.O_WRONLY | os.O_APPEND | nofollow)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise DownloadError(f"{part} is not a regular file; refusing to write to it")
        return fd
    with contextlib.suppress(FileNotFoundError):
        part.unlink()  # a stale part the server would not resume: a new file, never a reused one
    try:
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | nofollow, PRIVATE_FILE_MODE)
    except OSError as error:
        if error.errno in (errno.EEXIST, errno.ELOOP):
            raise DownloadError(f"{part} appeared while downloading; refusing to write through it") from error
        raise
    os.fchmod(fd, PRIVATE_FILE_MODE)
    return fd
