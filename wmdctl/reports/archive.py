"""Archiving everything Zoom knows about one webinar instance, before it expires.

Zoom keeps participant reports for 6 months and webinar reports for a year
(notes §14.5), so an annual event loses last year's data unless it is kept.
The archive is a dated folder of JSON files, the paginated ones as the raw
pages Zoom returned, the attendance, Q&A and polls reports built from them
(``reports/``, CSV and JSON), plus ``manifest.json`` with the SHA-256 of every
file. The webinar's host-only ``start_url`` is never written, and the folder is
readable by its owner only: it holds registrants' names and emails.

It is written once: the folder is assembled under a temporary name and renamed
into place, so a half-finished run never looks complete. A second run finds
the manifest, verifies every file against it, rewrites nothing and says so;
a changed or missing file is reported, never silently repaired.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from wmdctl.errors import PartialFailure, UsageError
from wmdctl.event.model import Event
from wmdctl.reports import fetch, lookup
from wmdctl.reports.archive_contents import RawArchive, write_built_reports
from wmdctl.reports.archive_recordings import archive_recordings
from wmdctl.reports.attendance import AttendanceBuilder
from wmdctl.reports.fetch import DataNotReady, NotEnded, PageClient
from wmdctl.reports.recordings import RecordingClient
from wmdctl.state.files import ensure_private_dir, fsync_dir, write_text_atomic
from wmdctl.zoom.endpoints.registrants import REGISTRANT_STATUSES

if TYPE_CHECKING:
    from wmdctl.jobs import JobContext

MANIFEST = "manifest.json"


class ArchiveClient(PageClient, RecordingClient, Protocol):
    """What the archive reads: the report pages and the cloud recordings."""


@dataclass
class ArchiveResult:
    folder: Path
    files: list[str]  # relative paths, as listed in the manifest
    created: bool  # False: the archive was already there and verified
    source: str = ""
    problems: list[str] = field(default_factory=list)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(folder: Path) -> list[str]:
    """Problems with an archive folder: missing, changed or unlisted files; [] when intact."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    listed: dict[str, str] = manifest.get("files", {})
    problems = []
    for relative, expected in sorted(listed.items()):
        path = folder / relative
        if not path.is_file():
            problems.append(f"{relative}: missing")
        elif sha256_of(path) != expected:
            problems.append(f"{relative}: changed since it was archived (SHA-256 differs)")
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative != MANIFEST and relative not in listed:
            problems.append(f"{relative}: not in the manifest")
    return problems


def folder_name(webinar_id: str, instance: dict[str, Any]) -> str:
    """``<id>_<UTC date>_<8 hex of the UUID>``: dated, and distinct for two instances on one day."""
    start = str(instance.get("start_time") or "")[:10] or "undated"
    uuid_tag = hashlib.sha256(str(instance.get("uuid") or "").encode()).hexdigest()[:8]
    return f"{webinar_id}_{start}_{uuid_tag}"


def archive_webinar(
    job: JobContext,
    base_dir: Path,
    *,
    instance: str | None = None,
    now: datetime | None = None,
    recordings: bool = True,
) -> ArchiveResult:
    """Archive the latest ended instance (or ``instance``) of the job's webinar into ``base_dir``; verify instead
    if already there.

    The job's event supplies the panels, time zone and polls for the built reports; ``recordings`` False
    leaves out the cloud recordings (video, audio, transcript, chat).
    """
    client: ArchiveClient = job.client()
    webinar_id = job.webinar_id()
    event = job.event()
    chosen = _resolve_instance(client, webinar_id, instance)
    folder = base_dir / folder_name(webinar_id, chosen)
    if (folder / MANIFEST).is_file():
        problems = verify(folder)
        listed = sorted(json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"])
        if problems:
            raise PartialFailure(
                f"the archive {folder} does not match its manifest: " + "; ".join(problems),
                hint="restore the files from a backup, or move the folder away and archive again",
            )
        return ArchiveResult(folder, listed, created=False)
    if folder.exists():
        raise UsageError(f"{folder} exists but has no {MANIFEST}", hint="move it away, then archive again")
    return _write_new(client, webinar_id, chosen, folder, event, now or datetime.now(UTC), recordings)


def _resolve_instance(client: PageClient, webinar_id: str, instance: str | None) -> dict[str, Any]:
    if instance:
        # NotFoundError when Zoom lists ended instances but not this one.
        return lookup.check_instance(client, webinar_id, instance) or {"uuid": instance, "start_time": ""}
    latest = fetch.latest_instance(client, webinar_id)
    if latest is None:
        raise DataNotReady(["Zoom lists no ended instance of this webinar yet"])
    return latest


def _write_new(
    client: ArchiveClient,
    webinar_id: str,
    instance: dict[str, Any],
    folder: Path,
    event: Event,
    now: datetime,
    recordings: bool = True,
) -> ArchiveResult:
    target = str(instance["uuid"])
    raw = _collect(client, webinar_id, target)
    staging = folder.with_name(f".{folder.name}.partial")
    if staging.exists():
        shutil.rmtree(staging)  # our own leftover from an interrupted run, never a finished archive
    try:
        _write_staging(staging, raw, event)
        recorded, recording_warnings = archive_recordings(client, instance, staging, include=recordings)
        digests = _digests(staging)
        manifest = {
            "webinar_id": webinar_id,
            "instance_uuid": target,
            "instance_start_time": instance.get("start_time"),
            "source": raw.source,
            "archived_at_utc": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "withheld": sorted(lookup.HOST_ONLY_KEYS),  # never written: they start the webinar as the host
            "warnings": raw.warnings + recording_warnings,
            "recordings": recorded,
            "files": digests,
        }
        _write_document(staging / MANIFEST, manifest)
        _owner_only(staging)
        os.replace(staging, folder)
        fsync_dir(folder.parent)  # the rename is what makes the archive exist: make it durable too
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        error.add_note(f"no archive was created at {folder}; run `wmdctl report archive` again once it is fixed")
        raise
    problems = raw.warnings + recording_warnings
    return ArchiveResult(folder, sorted(digests), created=True, source=raw.source, problems=problems)


def _write_staging(staging: Path, raw: RawArchive, event: Event) -> None:
    """Zoom's documents and the built reports into the owner-only staging folder."""
    ensure_private_dir(staging)  # registrants' names and emails: owner only, whatever the umask
    for relative, document in raw.documents().items():
        path = staging / relative
        ensure_private_dir(path.parent)
        _write_document(path, document)
    write_built_reports(staging, raw, event)


def _digests(staging: Path) -> dict[str, str]:
    """The SHA-256 of every file in the staging folder, by relative path: the recordings' too."""
    return {p.relative_to(staging).as_posix(): sha256_of(p) for p in sorted(staging.rglob("*")) if p.is_file()}


def _write_document(path: Path, document: Any) -> None:
    """As Zoom returned it (keys in Zoom's order), through the one atomic writer."""
    write_text_atomic(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n", private=True)


def _collect(client: PageClient, webinar_id: str, target: str) -> RawArchive:
    """Everything Zoom returned, as returned; refuses data Zoom has not finished."""
    webinar = lookup.get_webinar(client, webinar_id)
    try:
        source, pages = fetch.fetch_participant_pages(client, target)
    except NotEnded as error:
        if webinar.missing:  # 3001 for the webinar and for its reports: it is not there
            raise lookup.not_found(webinar_id, target) from error
        raise
    raw = RawArchive(source, lookup.without_host_secrets(webinar.details), webinar_warning=webinar.warning)
    raw.participant_pages = list(pages)
    _refuse_unfinished(row for page in raw.participant_pages for row in page.get("participants") or [])
    raw.details = fetch.fetch_report_details(client, target, source)
    for status in REGISTRANT_STATUSES:
        raw.registrant_pages[status] = list(client.iter_registrant_pages(webinar_id, status=status))
    raw.absentee_pages = fetch.fetch_absentee_pages(client, target)
    raw.qa = fetch.fetch_qa(client, target)[1]
    raw.polls = fetch.fetch_polls(client, target)[1]
    raw.poll_definitions, raw.polls_warning = lookup.poll_definitions(client, webinar_id)
    return raw


def _owner_only(folder: Path) -> None:
    """The archive holds personal data: readable by its owner only, whatever the umask."""
    for path in folder.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)
    folder.chmod(0o700)


def _refuse_unfinished(rows: Iterable[dict[str, Any]]) -> None:
    checker = AttendanceBuilder(())
    for row in rows:
        checker.add(row)
    if checker.incomplete_reasons():
        raise DataNotReady(checker.incomplete_reasons())
