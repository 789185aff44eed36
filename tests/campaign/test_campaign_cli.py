"""`wmdctl campaign …` and `wmdctl init --campaign` through the real CLI, on sandboxes over loopback."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from cli_support import Cli
from openpyxl import load_workbook

from campaign.support import CAMPAIGN, REQUEST, WRITES
from wmdctl.campaign.sandbox_accounts import profile_account_id
from wmdctl.event.load import default_event_text
from wmdctl.sandbox import SandboxOptions, start_sandbox
from wmdctl.zoom.account import account_key


def _writes(stderr: str) -> list[str]:
    return [
        line
        for line in stderr.splitlines()
        if (m := REQUEST.match(line.strip())) and m[1] in WRITES and not m[2].startswith("/oauth")
    ]


def test_an_invalid_campaign_exits_3_listing_every_key_path(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "wmd.toml").write_text(default_event_text(), encoding="utf-8")
    path = tmp_path / "campaign.toml"
    text = CAMPAIGN.replace('approval = "automatic"', 'approval = "sometimes"')
    text = text.replace('duration_minutes = 60\n[[sessions.panels]]\ntitle = "Care"',
                        'duration_minutes = 0\n[[sessions.panels]]\ntitle = "Care"')  # fmt: skip
    path.write_text(text, encoding="utf-8")
    result = cli("campaign", "plan", "--campaign", str(path))
    assert result.exit_code == 3
    assert "problem(s) in the campaign file" in result.stderr
    assert "sessions[1].registration.approval" in result.stderr
    assert "sessions[2].event.duration_minutes" in result.stderr


@pytest.mark.e2e  # the real CLI against sandboxes over loopback
def test_init_campaign_then_the_whole_season_on_one_sandbox_an_account_per_profile(
    tmp_path: Path, isolated_environment: Path, cli: Cli
):
    folder = tmp_path / "season"
    init = cli("init", "--campaign", str(folder))
    assert init.exit_code == 0, init.stderr
    assert (folder / "campaign.toml").is_file() and (folder / "wmd2021.toml").is_file()
    assert cli("init", "--campaign", str(folder)).exit_code == 2  # never overwrites without --force
    campaign = str(folder / "campaign.toml")

    first = cli("--json", "--sandbox", "campaign", "apply", "--campaign", campaign)
    assert first.exit_code == 0, first.stderr
    assert json.loads(first.stdout)["writes"] > 0
    assert "session 'partner-housing-2021' starts 2021-10-14 10:00 America/Bogota, which is in the past" in first.stderr
    second = cli("--json", "--verbose", "--sandbox", "campaign", "apply", "--campaign", campaign)
    assert second.exit_code == 0, second.stderr
    assert json.loads(second.stdout)["writes"] == 0
    assert _writes(second.stderr) == [] and "GET /" in second.stderr  # reads logged, no write sent

    status = cli("--json", "--sandbox", "campaign", "status", "--campaign", campaign)
    assert all(s["ok"] for s in json.loads(status.stdout)["sessions"]), status.stdout + status.stderr
    sessions = {s["key"]: s["result"] for s in json.loads(status.stdout)["sessions"]}
    housing = sessions["partner-housing-2021"]
    assert (housing["start_local"], housing["start_utc"]) == ("2021-10-14T10:00:00", "2021-10-14T15:00:00Z")
    assert housing["webinar_id"] and housing["registered"] == 0

    people = tmp_path / "people.csv"
    people.write_text("Email,First name,Last name,Organisation,City,Country,sessions\n"
                      "ana@cities.example,Ana,Uno,Metropolis,Barcelona,Spain,wmd-2021;partner-housing-2021\n"
                      "bo@cities.example,Bo,Dos,,,,partner-mobility-2021\n"
                      "cy@cities.example,Cy,Tres,,,,wmd-2022\n", encoding="utf-8")  # fmt: skip
    synced = cli("--sandbox", "campaign", "sync", str(people), "--campaign", campaign, "--approve")
    assert synced.exit_code == 1, synced.stderr  # Cy names a session the campaign does not have
    assert "1 added" in synced.stdout, synced.stderr
    with (isolated_environment / "campaign-rejects.csv").open(encoding="utf-8-sig", newline="") as handle:
        [reject] = list(csv.DictReader(handle))
    assert (Path(reject["source"]).name, reject["line"], reject["session"]) == ("people.csv", "4", "")
    assert reject["reason"].startswith("unknown session(s) 'wmd-2022'") and reject["Email"] == "cy@cities.example"
    status = cli("--json", "--sandbox", "campaign", "status", "--campaign", campaign)
    registered = {s["key"]: s["result"]["registered"] for s in json.loads(status.stdout)["sessions"]}
    assert registered == {"wmd-2021": 1, "partner-housing-2021": 1, "partner-mobility-2021": 1}

    simulated = cli("--sandbox", "sandbox", "simulate", "--webinar", sessions["wmd-2021"]["webinar_id"],
                    "--attendance", "1")  # fmt: skip
    assert simulated.exit_code == 0, simulated.stderr
    # One sandbox served both accounts: the partner's is its own account in the same state file.
    with start_sandbox(SandboxOptions(state_path=isolated_environment / "sandbox.db")) as handle:
        partner_id = profile_account_id("partner-city")
        assert [c.account_id for c in handle.accounts()] == [handle.account_id, partner_id]
        assert {w["topic"] for w in handle.state()["webinars"]} == {"Caring Metropolises: Framing Recovery for All"}
        partner_topics = {w["topic"] for w in handle.state(account_id=partner_id)["webinars"]}
        assert len(partner_topics) == 2 and "Caring Metropolises: Framing Recovery for All" not in partner_topics
        handle.simulate(sessions["partner-housing-2021"]["webinar_id"], attendance=1.0, account_id=partner_id)
    private = [p for p in isolated_environment.rglob("*") if p.stat().st_mode & 0o077]
    assert private == [], "the state dir's files are 0600 and its folders 0700, the partner's too"
    # Each account id has its own rate budget (and token cache) folder, as two Zoom accounts would.
    accounts_root = isolated_environment.parent / "state-home" / "wmdctl" / "accounts"
    assert {p.name for p in accounts_root.iterdir()} == {account_key(handle.account_id), account_key(partner_id)}

    report = cli("--json", "--sandbox", "campaign", "report", "--campaign", campaign)
    assert report.exit_code == 1  # the mobility session has not happened: reported, the others still counted
    document = json.loads(report.stdout)
    ana = next(p for p in document["people"] if p["email"] == "ana@cities.example")
    assert ana["registered_for"] == "wmd-2021; partner-housing-2021" and ana["attended"] == ana["registered_for"]
    assert ana["wmd-2021 minutes"] > 0
    assert any("partner-mobility-2021" in w for w in document["warnings"])

    out = tmp_path / "campaign.xlsx"
    xlsx = cli("--sandbox", "campaign", "report", "--campaign", campaign, "--only", "wmd-2021",
                  "--format", "xlsx", "--out", str(out))  # fmt: skip
    assert xlsx.exit_code == 0, xlsx.stderr
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["People", "Sessions", "Campaign"]
    rows = list(workbook["People"].iter_rows(values_only=True))
    assert rows[0][:4] == ("email", "name", "organisation", "role")
    assert any(r[0] == "ana@cities.example" for r in rows[1:])
    [header, wmd] = list(workbook["Sessions"].iter_rows(values_only=True))
    assert header[:4] == ("key", "title", "registered", "attended") and wmd[:1] == ("wmd-2021",) and wmd[3] >= 1
    totals = dict(workbook["Campaign"].iter_rows(values_only=True))
    assert totals["sessions"] == 1 and totals["attended"] >= 1


@pytest.fixture
def default_sandbox(monkeypatch: pytest.MonkeyPatch):
    handle = start_sandbox(SandboxOptions(seed=11))
    for name, value in handle.settings().items():
        monkeypatch.setenv(name, value)
    yield handle
    handle.stop()


@pytest.mark.e2e  # the real CLI against sandboxes over loopback
def test_a_missing_profile_fails_its_sessions_only_then_a_profile_file_is_its_own_account(
    tmp_path: Path, default_sandbox, monkeypatch: pytest.MonkeyPatch, isolated_environment: Path, cli: Cli
) -> None:
    (tmp_path / "wmd.toml").write_text(default_event_text(), encoding="utf-8")
    campaign = tmp_path / "campaign.toml"
    campaign.write_text(CAMPAIGN, encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))

    partial = cli("campaign", "apply", "--campaign", str(campaign))
    assert partial.exit_code == 1, partial.stderr
    assert "profile 'partner' is not configured" in partial.stderr
    assert "2 of 3 session(s) failed; the others went on" in partial.stderr
    assert {w["topic"] for w in default_sandbox.state()["webinars"]} == {
        "Caring Metropolises: Framing Recovery for All"
    }

    partner = start_sandbox(SandboxOptions(seed=12))
    try:
        profile = tmp_path / "config" / "wmdctl" / "profiles" / "partner.env"
        profile.parent.mkdir(parents=True)
        profile.write_text("".join(f"{k}={v}\n" for k, v in partner.settings().items()), encoding="utf-8")
        applied = cli("--json", "campaign", "apply", "--campaign", str(campaign))
        assert applied.exit_code == 0, applied.stderr
        results = {s["key"]: s["result"] for s in json.loads(applied.stdout)["sessions"]}
        assert results["wmd-2021"]["done"] == []  # already there: nothing sent
        assert {w["topic"] for w in partner.state()["webinars"]} == {"Partner session one", "Partner session two"}
        # The partner's ids live in the partner profile's own state dir, not the default one.
        partner_ids = json.loads((tmp_path / "xdg-state/wmdctl/profiles/partner/webinars.json").read_text())
        assert sorted(next(iter(partner_ids["webinars"].values()))) == ["partner-one", "partner-two"]
        default_ids = json.loads((isolated_environment / "webinars.json").read_text())
        assert sorted(next(iter(default_ids["webinars"].values()))) == ["wmd-2021"]
    finally:
        partner.stop()


def test_plan_without_credentials_plans_the_default_account_offline(tmp_path: Path, monkeypatch, cli: Cli) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no profiles configured either
    assert cli("init", "--campaign", str(tmp_path)).exit_code == 0
    result = cli("--json", "campaign", "plan", "--campaign", str(tmp_path / "campaign.toml"))
    assert result.exit_code == 1  # the partner's sessions cannot be planned: their profile is missing
    sessions = {s["key"]: s for s in json.loads(result.stdout)["sessions"]}
    wmd = sessions["wmd-2021"]["result"]
    assert wmd["compared_with_zoom"] is False and wmd["webinar"]["action"] == "create"
    assert "not compared with Zoom" in result.stderr
    housing = sessions["partner-housing-2021"]
    assert housing["ok"] is False and "profile 'partner-city' is not configured" in housing["error"]
    assert "partner-city.env" in housing["hint"]


@pytest.mark.e2e  # the real CLI against sandboxes over loopback
def test_tables_for_the_terminal_and_csv_on_stdout(tmp_path: Path, isolated_environment: Path, cli: Cli) -> None:
    assert cli("init", "--campaign", str(tmp_path)).exit_code == 0
    campaign = str(tmp_path / "campaign.toml")
    only = ("--campaign", campaign, "--only", "wmd-2021")
    dry = cli("--json", "--sandbox", "campaign", "apply", *only, "--dry-run")
    assert dry.exit_code == 0 and json.loads(dry.stdout)["writes"] == 0
    [before] = json.loads(cli("--json", "--sandbox", "campaign", "status", *only).stdout)["sessions"]
    assert before["result"]["webinar_id"] is None and before["result"]["next"] == "campaign apply (no webinar yet)"
    assert cli("--sandbox", "campaign", "apply", *only).exit_code == 0
    status = cli("--sandbox", "campaign", "status", *only)
    assert status.exit_code == 0
    assert "2021-10-07 15:00 Europe/Madrid" in status.stdout and "2021-10-07 13:00 UTC" in status.stdout
    people = tmp_path / "people.csv"
    people.write_text("Email,First name,Last name,Organisation,City,Country,sessions\n"
                      "ana@cities.example,Ana,Uno,Metropolis,Barcelona,Spain,wmd-2021\n", encoding="utf-8")  # fmt: skip
    assert cli("--sandbox", "campaign", "sync", str(people), *only, "--approve").exit_code == 0
    [session] = json.loads(cli("--json", "--sandbox", "campaign", "status", *only).stdout)["sessions"]
    simulated = cli("--sandbox", "sandbox", "simulate", "--webinar", session["result"]["webinar_id"])
    assert simulated.exit_code == 0
    table = cli("--sandbox", "campaign", "report", *only)
    assert table.exit_code == 0, table.stderr
    # Not a terminal here, so the tables come out as CSV: the sessions' totals, then the people.
    assert "Session,Title,Registered,Attended,Minutes" in table.stdout and "ana@cities.example" in table.stdout
    as_csv = cli("--sandbox", "campaign", "report", *only, "--format", "csv")
    header, *rows = as_csv.stdout.splitlines()
    assert header.startswith("email,name,organisation,role,registered_for,attended,wmd-2021 minutes")
    assert any(row.startswith("ana@cities.example,") for row in rows)
    refused = cli("--sandbox", "campaign", "report", *only, "--out", str(tmp_path / "x.txt"))
    assert refused.exit_code == 2 and "a table is for the terminal" in refused.stderr
    assert cli("campaign", "status", "--campaign", campaign, "--only", "nope").exit_code == 2
