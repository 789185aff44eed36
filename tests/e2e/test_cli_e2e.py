"""The real CLI against the sandbox over loopback: the issue's end-to-end scenarios."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import requests
from cli_support import Cli, VirtualTime

from e2e.support import requests_logged, write_registrants, writes_logged
from wmdctl.sandbox import SandboxOptions, start_sandbox


def _webinars(sandbox) -> list[dict]:
    return sandbox.state()["webinars"]


def _registrant_emails(sandbox) -> list[str]:
    [webinar] = _webinars(sandbox)
    return [r["email"] for r in webinar["_sandbox"]["registrants"]]


def test_apply_twice_second_apply_writes_nothing(sandbox, cli) -> None:
    first = cli("--verbose", "webinar", "apply", "--yes")
    assert first.exit_code == 0, first.stderr
    assert writes_logged(first.stderr), "the first apply must create the webinar"

    second = cli("--verbose", "webinar", "apply", "--yes")
    assert second.exit_code == 0, second.stderr
    assert writes_logged(second.stderr) == []
    assert "up to date" in (second.stdout + second.stderr).lower()
    assert len(_webinars(sandbox)) == 1


def test_a_token_invalidated_by_another_process_is_refreshed_once(sandbox, cli) -> None:
    assert cli("webinar", "apply", "--yes").exit_code == 0
    # Someone else mints a token for the same app: Zoom invalidates ours.
    minted = requests.post(
        sandbox.oauth_url,
        data={"grant_type": "account_credentials", "account_id": sandbox.account_id},
        auth=(sandbox.client_id, sandbox.client_secret),
        timeout=10,
    )
    assert minted.status_code == 200

    shown = cli("--verbose", "--json", "webinar", "show")
    assert shown.exit_code == 0, shown.stderr
    statuses = [status for _, _, status in requests_logged(shown.stderr)]
    assert statuses.count(401) == 1, "exactly one 401, then a refreshed token"
    assert json.loads(shown.stdout)["id"]


def test_registrant_listing_pages_past_300(sandbox, cli) -> None:
    assert cli("webinar", "apply", "--yes").exit_code == 0
    webinar_id = _webinars(sandbox)[0]["id"]
    sandbox.admin("POST", f"webinars/{webinar_id}/registrants", count=650, status="approved")

    listed = cli("--verbose", "--json", "registrants", "list", "--status", "approved")
    assert listed.exit_code == 0, listed.stderr
    people = json.loads(listed.stdout)
    assert len({p["email"] for p in people}) == 650
    pages = [path for method, path, _ in requests_logged(listed.stderr) if "/registrants" in path]
    assert len(pages) == 3  # 300 + 300 + 50


def test_sync_then_resync_writes_nothing_and_cancel_is_sticky(sandbox, cli, tmp_path: Path) -> None:
    assert cli("webinar", "apply", "--yes").exit_code == 0
    source = tmp_path / "list.csv"
    emails = write_registrants(source, 40)

    synced = cli("--json", "registrants", "sync", str(source), "--approve")
    assert synced.exit_code == 0, synced.stderr
    assert sorted(_registrant_emails(sandbox)) == sorted(emails)

    again = cli("--verbose", "registrants", "sync", str(source), "--approve")
    assert again.exit_code == 0, again.stderr
    assert writes_logged(again.stderr) == []

    cancelled = cli("registrants", "cancel", emails[0], "--yes")
    assert cancelled.exit_code == 0, cancelled.stderr
    after = cli("--json", "--verbose", "registrants", "sync", str(source), "--approve")
    assert writes_logged(after.stderr) == [], "a cancelled person is never re-added"
    assert emails[0] in json.dumps(json.loads(after.stdout))  # reported as needing a human


def test_per_second_429s_are_absorbed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The sandbox enforces the free plan (4 Light calls a second) while the CLI is told the account is on
    # business (80/s), so its pacing lets the adds through. On a frozen clock the fifth add of a second
    # gets a 429, certainly, whatever the machine's speed; only the client's sleeps move the clock.
    frozen = VirtualTime(frozen=True)
    cli = Cli(frozen)
    with start_sandbox(SandboxOptions(seed=7, plan="free", clock=frozen.utc_now)) as handle:
        for name, value in handle.settings().items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("ZOOM_PLAN", "business")
        assert cli("webinar", "apply", "--yes").exit_code == 0
        source = tmp_path / "list.csv"
        emails = write_registrants(source, 30)
        synced = cli("--verbose", "registrants", "sync", str(source), "--approve", "--no-batch")
        state = handle.state()

    assert synced.exit_code == 0, synced.stderr
    statuses = [status for _, _, status in requests_logged(synced.stderr)]
    assert 429 in statuses, "the frozen second must refuse the fifth add"
    assert 1.0 in frozen.sleeps, "the CLI waits what Retry-After says (1 s), on its clock"
    [webinar] = state["webinars"]
    registered = Counter(r["email"] for r in webinar["_sandbox"]["registrants"])
    assert sorted(registered) == sorted(emails) and max(registered.values()) == 1  # nobody lost, nobody twice


def test_host_daily_create_update_limit_exits_5_with_resume_time(sandbox, cli, tmp_path: Path) -> None:
    sandbox.admin("POST", "clock", now="2026-06-01T12:00:00Z")  # far from midnight: the day cannot roll over
    assert cli("webinar", "apply", "--yes").exit_code == 0
    webinar_id = _webinars(sandbox)[0]["id"]
    token = requests.post(
        sandbox.oauth_url,
        data={"grant_type": "account_credentials", "account_id": sandbox.account_id},
        auth=(sandbox.client_id, sandbox.client_secret),
        timeout=10,
    ).json()["access_token"]
    spent = 1  # the create above
    while spent < 100:
        r = requests.patch(
            f"{sandbox.api_url}/webinars/{webinar_id}",
            json={"agenda": f"edit {spent}"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        if r.status_code == 429 and r.headers.get("X-RateLimit-Type") == "QPS":
            sandbox.admin("POST", "clock", advance_seconds=1)  # wait out the per-second limit, without sleeping
            continue
        assert r.status_code == 204, r.text
        spent += 1

    # The agenda differs from the event file again, so apply needs a PATCH: the 101st write of the day.
    result = cli("webinar", "apply", "--yes")
    assert result.exit_code == 5, result.stderr
    assert "resume at" in result.stderr and "00:00:00 UTC" in result.stderr


def test_faults_cause_no_duplicate_webinar_or_registrant(sandbox, cli, tmp_path: Path) -> None:
    sandbox.admin("POST", "faults", fail_rate=0.15, drop_rate=0.1)
    source = tmp_path / "list.csv"
    emails = write_registrants(source, 60)

    applied = cli("webinar", "apply", "--yes")
    if applied.exit_code != 0:  # a fault can outlast the retries; the rerun must converge
        applied = cli("webinar", "apply", "--yes")
    assert applied.exit_code == 0, applied.stderr
    for _ in range(3):  # cron would simply run again
        synced = cli("registrants", "sync", str(source), "--approve")
        if synced.exit_code == 0:
            break
    assert synced.exit_code == 0, synced.stderr

    sandbox.admin("POST", "faults", fail_rate=0, drop_rate=0)
    assert len(_webinars(sandbox)) == 1
    registered = Counter(_registrant_emails(sandbox))
    assert set(registered) == set(emails)
    assert max(registered.values()) == 1


def test_report_after_simulate(sandbox, cli, tmp_path: Path) -> None:
    assert cli("webinar", "apply", "--yes").exit_code == 0
    source = tmp_path / "list.csv"
    write_registrants(source, 50)
    assert cli("registrants", "sync", str(source), "--approve").exit_code == 0
    assert cli("sandbox", "simulate", "--seed", "3").exit_code == 0

    out = tmp_path / "attendance.csv"
    report = cli("report", "attendance", "--format", "csv", "--out", str(out))
    assert report.exit_code == 0, report.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 50  # header + every registrant (attended or absent) + unregistered attendees
    as_json = cli("--json", "report", "attendance")
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout)["summary"]["registered"] == 50


def test_verbose_output_never_shows_the_secret_or_the_token(sandbox, cli, isolated_environment: Path) -> None:
    result = cli("--verbose", "--json", "webinar", "apply", "--yes")
    assert result.exit_code == 0, result.stderr
    assert requests_logged(result.stderr), "verbose mode logs each request"
    cache = json.loads(_token_cache(isolated_environment).read_text())
    [entry] = cache["tokens"].values()
    everything = result.stdout + result.stderr
    assert entry["access_token"] not in everything
    assert sandbox.client_secret not in everything
    assert "Authorization" not in everything or "Bearer ****" in everything


def test_breakouts_find_their_meeting_again_after_the_state_is_lost(
    sandbox, cli, tmp_path: Path, isolated_environment: Path
) -> None:
    assert cli("webinar", "apply", "--yes").exit_code == 0
    source = tmp_path / "list.csv"
    write_registrants(source, 20)
    assert cli("registrants", "sync", str(source), "--approve").exit_code == 0
    assert cli("breakouts", "apply", "--yes").exit_code == 0
    (isolated_environment / "breakouts.json").unlink()

    again = cli("--verbose", "breakouts", "apply", "--yes")
    assert again.exit_code == 0, again.stderr
    assert writes_logged(again.stderr) == []
    assert len(sandbox.state()["meetings"]) == 1


def _token_cache(state_dir: Path) -> Path:
    """The account's token cache: under the isolated state home beside the state dir (conftest)."""
    [cache] = (state_dir.parent / "state-home").rglob("token.json")
    return cache
