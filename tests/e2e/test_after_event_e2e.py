"""After the event, end to end: the real CLI against the sandbox's recordings, survey and live stream."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from factories import uncomment_survey_and_livestream

from e2e.support import write_registrants, writes_logged
from wmdctl.event.load import default_event_text

pytestmark = pytest.mark.e2e

STREAM_KEY = "e2e-live-key-4c1d-secret"


@pytest.fixture
def event_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The embedded event with its commented [survey] and [livestream] turned on, and the key in the environment."""
    text = uncomment_survey_and_livestream(default_event_text())
    path = tmp_path / "event.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("WMD_EVENT_FILE", str(path))
    monkeypatch.setenv("ZOOM_LIVESTREAM_KEY", STREAM_KEY)
    return path


def test_apply_sets_survey_stream_and_emails_then_a_second_apply_writes_nothing(sandbox, cli, event_file) -> None:
    first = cli("--verbose", "webinar", "apply", "--yes")
    assert first.exit_code == 0, first.stderr
    assert "set the survey" in first.stderr and "set the live stream" in first.stderr
    assert STREAM_KEY not in first.stdout + first.stderr
    second = cli("--verbose", "webinar", "apply", "--yes")
    assert second.exit_code == 0, second.stderr
    assert writes_logged(second.stderr) == []
    plan = json.loads(cli("--json", "webinar", "plan").stdout)
    assert plan["up_to_date"] is True and plan["livestream"]["action"] == "noop"
    [webinar] = sandbox.state()["webinars"]
    settings = webinar["settings"]
    assert settings["follow_up_absentees_email_notification"] == {"enable": True, "type": 1}
    assert settings["attendees_and_panelists_reminder_email_notification"] == {"enable": True, "type": 3}


def test_a_rotated_stream_key_is_sent_again_and_never_shown(sandbox, cli, event_file, monkeypatch) -> None:
    assert cli("webinar", "apply", "--yes").exit_code == 0
    monkeypatch.setenv("ZOOM_LIVESTREAM_KEY", "rotated-" + STREAM_KEY)
    plan = cli("webinar", "plan")
    assert "live stream" in plan.stdout and "stream_key" in plan.stdout
    assert STREAM_KEY not in plan.stdout + plan.stderr
    again = cli("--verbose", "webinar", "apply", "--yes")
    assert again.exit_code == 0, again.stderr
    writes = writes_logged(again.stderr)
    assert writes and all(path.endswith("/livestream") for _, path, _ in writes)  # the stream alone, once
    assert STREAM_KEY not in again.stdout + again.stderr


def test_after_the_event_recordings_lists_certificates_html_and_archive(sandbox, cli, tmp_path: Path) -> None:
    assert cli("webinar", "apply", "--yes").exit_code == 0
    source = tmp_path / "list.csv"
    write_registrants(source, 40)
    assert cli("registrants", "sync", str(source), "--approve").exit_code == 0
    assert cli("sandbox", "simulate", "--seed", "5").exit_code == 0

    listing = cli("--json", "report", "recordings")
    assert listing.exit_code == 0, listing.stderr
    [instance] = json.loads(listing.stdout)["instances"]
    assert {f["kind"] for f in instance["files"]} == {"video", "audio", "transcript", "chat"}

    folder = tmp_path / "recordings"
    first = cli("report", "recordings", "--download", str(folder))
    assert first.exit_code == 0, first.stderr
    manifest = json.loads((folder / "manifest.json").read_text())["files"]
    for relative, entry in manifest.items():
        data = (folder / relative).read_bytes()
        assert len(data) == entry["size"] and hashlib.sha256(data).hexdigest() == entry["sha256"]

    # Cut the video halfway, as an interrupted download leaves it: the next run resumes it with Range.
    video = next(folder / r for r, e in manifest.items() if e["kind"] == "video")
    data = video.read_bytes()
    video.unlink()
    video.with_name(video.name + ".part").write_bytes(data[: len(data) // 2])
    resumed = cli("--json", "report", "recordings", "--download", str(folder))
    assert resumed.exit_code == 0, resumed.stderr
    result = json.loads(resumed.stdout)["download"]
    assert len(result["resumed"]) == 1 and len(result["intact"]) == 3
    assert video.read_bytes() == data

    absentees = cli("report", "follow-up", "--to", "absentees", "--format", "json")
    assert absentees.exit_code == 0, absentees.stderr
    people = json.loads(absentees.stdout)
    assert all(p["recording_url"] and p["email"] for p in people)

    html = tmp_path / "report.html"
    assert cli("report", "html", "--out", str(html)).exit_code == 0
    assert "Attendance over time" in html.read_text(encoding="utf-8")

    certificates = cli("report", "certificates", "--min-minutes", "30", "--out", str(tmp_path / "certs"))
    assert certificates.exit_code == 0, certificates.stderr
    assert "certificate(s)" in certificates.stderr

    archive = cli("--json", "report", "archive", "--dir", str(tmp_path / "archive"))
    assert archive.exit_code == 0, archive.stderr
    files = json.loads(archive.stdout)["files"]
    assert sum(1 for f in files if f.startswith("recordings/")) == 4
