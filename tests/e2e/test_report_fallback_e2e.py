"""The attendance report without the report:read:admin scope: the CLI falls back to past_webinars.

Zoom answers code 4711 "Invalid access token, does not contain scopes:[report:read:admin]" when the
Server-to-Server app lacks the scope (notes §1, §8); the past-webinar endpoints carry the same rows.
"""

from __future__ import annotations

import json
from pathlib import Path

from .support import write_registrants

REGISTRANTS = 30


def test_attendance_report_falls_back_to_past_webinars_without_the_report_scope(
    sandbox, cli, tmp_path: Path, isolated_environment: Path
) -> None:
    assert cli("webinar", "apply", "--yes").exit_code == 0
    source = tmp_path / "list.csv"
    write_registrants(source, REGISTRANTS)
    synced = cli("registrants", "sync", str(source), "--approve")
    assert synced.exit_code == 0, synced.stderr
    assert cli("sandbox", "simulate", "--seed", "3").exit_code == 0

    granted = sandbox.admin("GET", "account")["scopes"]
    withheld = [scope for scope in granted if scope != "report:read:admin"]
    assert sandbox.admin("POST", "account", scopes=withheld)["scopes"] == withheld
    _token_cache(isolated_environment).unlink()  # the cached token still has every scope

    shown = cli("report", "attendance")  # --json mode keeps stderr quiet: the source is a JSON field there
    assert shown.exit_code == 0, shown.stderr
    assert "Source: Zoom past-webinar endpoints (/past_webinars" in shown.stderr
    report = cli("--json", "report", "attendance")
    assert report.exit_code == 0, report.stderr
    cache = json.loads(_token_cache(isolated_environment).read_text())
    [entry] = cache["tokens"].values()
    assert "report:read:admin" not in entry["scope"].split()  # the report really ran on the new token

    body = json.loads(report.stdout)
    assert body["source"] == "past_webinars"
    rows = body["people"]
    assert body["summary"]["registered"] == REGISTRANTS
    by_registrant = [r for r in rows if r["registered"] and r["matched_by"] == "registrant"]
    assert by_registrant, "past_webinars rows must still be matched to registrants by registrant_id"
    assert all(r["email"].endswith("@cities.example") for r in by_registrant)
    [webinar] = sandbox.state()["webinars"]
    came = {p["registrant_id"] for p in webinar["_sandbox"]["participants"] if p["registrant_id"]}
    truth = {r["email"] for r in webinar["_sandbox"]["registrants"] if r["id"] in came}
    attended = {r["email"] for r in by_registrant if r["total_minutes"] > 0}
    assert attended == truth and body["summary"]["registered_attended"] == len(truth)


def _token_cache(state_dir: Path) -> Path:
    """The account's token cache: under the isolated state home beside the state dir (conftest)."""
    [cache] = (state_dir.parent / "state-home").rglob("token.json")
    return cache
