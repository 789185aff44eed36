"""The cloud recordings in the archive: the video, audio, transcript and chat files of the archived instance.

Zoom deletes cloud recordings on its own schedule (``auto_delete_date``), so
the archive keeps them beside the reports, under ``recordings/``, each file
checked against the size Zoom announced; the archive's manifest then lists
their SHA-256 with every other file. An instance without a recording, or an
app without the recording scopes, is a warning on the archive, not a failure.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from wmdctl.reports.downloads import fetch_file
from wmdctl.reports.recordings import RecordingClient, instance_recordings
from wmdctl.zoom.errors import ZoomAuthError, ZoomPermissionError

RECORDINGS_DIR = "recordings"


def archive_recordings(
    client: RecordingClient, instance: dict[str, Any], folder: Path, *, include: bool = True
) -> tuple[dict[str, Any], list[str]]:
    """Download the instance's files into ``folder/recordings``; (the manifest's summary, warnings).

    ``include`` False (``--no-recordings``) asks Zoom nothing and says so in the manifest.
    """
    if not include:
        return {"included": False, "reason": "left out with --no-recordings"}, []
    uuid, start = str(instance["uuid"]), str(instance.get("start_time") or "")
    try:
        recordings = instance_recordings(client, uuid, start, download_token=True)
    except (ZoomAuthError, ZoomPermissionError) as error:
        warning = f"the archive has no recordings: Zoom refused to list them ({error.message})"
        return {"included": False, "reason": warning}, [warning]
    if recordings.missing:
        return {"included": False, "reason": recordings.missing}, [
            f"the archive has no recordings: {recordings.missing}"
        ]
    files = []
    for recording in recordings.files:
        name = recording.relative_path.rsplit("/", 1)[-1]
        placed = dataclasses.replace(recording, relative_path=f"{RECORDINGS_DIR}/{name}")
        digest, _resumed, _fetched = fetch_file(client, recordings, placed, folder)
        files.append({**placed.to_dict(), "sha256": digest})
    summary = {
        "included": True,
        "share_url": recordings.share_url,
        "auto_delete_date": recordings.auto_delete_date,
        "kinds": sorted({f["kind"] for f in files}),
        "files": files,
    }
    return summary, []
