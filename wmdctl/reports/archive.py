"""Archiving everything Zoom knows about one webinar instance, before it expires.

Zoom keeps participant reports for 6 months and webinar reports for a year
(notes §14.5), so an annual event loses last year's data unless it is kept.
The archive is a dated folder of JSON files, the paginated ones as the raw
pages Zoom returned, plus ``manifest.json`` with the SHA-256 of every file.

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
from typing import Any

from wmdctl.errors import PartialFailure, UsageError
from wmdctl.reports import fetch
from wmdctl.reports.attendance import AttendanceBuilder
from wmdctl.reports.fetch import DataNotReady, PageClient

MANIFEST = "manifest.json"


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
    client: PageClient, webinar_id: str, base_dir: Path, *, instance: str | None = None, now: datetime | None = None
) -> ArchiveResult:
    """Archive the latest ended instance (or ``instance``) into ``base_dir``; verify instead if already there."""
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
    return _write_new(client, webinar_id, chosen, folder, now or datetime.now(UTC))


def _resolve_instance(client: PageClient, webinar_id: str, instance: str | None) -> dict[str, Any]:
    instances = client.list_past_instances(webinar_id)
    if instance:
        match = next((i for i in instances if i.get("uuid") == instance), None)
        return match or {"uuid": instance, "start_time": ""}
    latest = max(instances, key=lambda i: str(i.get("start_time") or ""), default=None)
    if latest is None:
        raise DataNotReady(["Zoom lists no ended instance of this webinar yet"])
    return latest


def _write_new(
    client: PageClient, webinar_id: str, instance: dict[str, Any], folder: Path, now: datetime
) -> ArchiveResult:
    target = str(instance["uuid"])
    documents = _collect(client, webinar_id, target)
    source = documents.pop("_source")
    staging = folder.with_name(f".{folder.name}.partial")
    if staging.exists():
        shutil.rmtree(staging)  # our own leftover from an interrupted run, never a finished archive
    staging.mkdir(parents=True)
    digests: dict[str, str] = {}
    for relative, document in documents.items():
        path = staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        digests[relative] = sha256_of(path)
    manifest = {
        "webinar_id": webinar_id,
        "instance_uuid": target,
        "instance_start_time": instance.get("start_time"),
        "source": source,
        "archived_at_utc": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "files": digests,
    }
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(staging, folder)
    return ArchiveResult(folder, sorted(digests), created=True, source=str(source))


def _collect(client: PageClient, webinar_id: str, target: str) -> dict[str, Any]:
    """Every document, keyed by its path in the archive; refuses data Zoom has not finished."""
    documents: dict[str, Any] = {"webinar.json": client.get_webinar(webinar_id)}
    source, pages = fetch.fetch_participant_pages(client, target)
    participant_pages = list(pages)
    _refuse_unfinished(row for page in participant_pages for row in page.get("participants") or [])
    documents["_source"] = source
    details = fetch.fetch_report_details(client, target, source)
    if details:
        documents["report_details.json"] = details
    documents.update(_numbered("participants", participant_pages))
    for status in fetch.REGISTRANT_STATUSES:
        documents.update(_numbered(f"registrants/{status}", client.iter_registrant_pages(webinar_id, status=status)))
    documents.update(_numbered("absentees", fetch.fetch_absentee_pages(client, target)))
    documents["qa.json"] = fetch.fetch_qa(client, target)[1]
    documents["polls.json"] = fetch.fetch_polls(client, target)[1]
    return documents


def _numbered(prefix: str, pages: Iterable[dict[str, Any]]) -> dict[str, Any]:
    return {f"{prefix}/page-{n:04d}.json": page for n, page in enumerate(pages, start=1)}


def _refuse_unfinished(rows: Iterable[dict[str, Any]]) -> None:
    checker = AttendanceBuilder(())
    for row in rows:
        checker.add(row)
    if checker.incomplete_reasons():
        raise DataNotReady(checker.incomplete_reasons())
