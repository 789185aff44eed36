"""A campaign of 3 sessions on 2 accounts of one sandbox, end to end through the library jobs."""

from __future__ import annotations

import csv
from functools import partial
from pathlib import Path

from campaign.support import TwoAccounts
from wmdctl.campaign.accounts import run_sessions
from wmdctl.campaign.jobs import apply_session, plan_session, status_session
from wmdctl.campaign.lists import split_lists
from wmdctl.campaign.load import load_campaign
from wmdctl.campaign.report import report_campaign
from wmdctl.campaign.sync import sync_campaign, sync_session
from wmdctl.reports.archive import archive_webinar
from wmdctl.state.store import StateStore
from wmdctl.sync import SyncOptions

PANEL_QUESTION = "Which panel breakout session would you like to join?"


def _write_list(path: Path) -> None:
    """24 people. Sessions offer different panels, so "KEY: question" columns answer for one session."""
    wmd = "Creating caring metropolises"
    rows = [
        ("ana@cities.example", "Ana", "Uno", "wmd-2021; partner-one", wmd, "Housing", ""),
        ("bo@cities.example", "Bo", "Dos", "WMD-2021,Partner session two", "Framing recovery for all", "", "Care"),
        ("cy@cities.example", "Cy", "Tres", "partner-one\npartner-two", "", "Streets", "Care"),
        ("dee@cities.example", "Dee", "Cuatro", "all of them", wmd, "", ""),
    ]
    rows += [(f"p{n}@cities.example", f"P{n}", "Mass", "wmd-2021;partner-one;partner-two", wmd, "Housing", "Care")
             for n in range(20)]  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        own = [f"partner-one: {PANEL_QUESTION}", f"partner-two: {PANEL_QUESTION}"]
        writer.writerow(["Email", "First name", "Last name", "Organisation", "City", "Country", "sessions",
                         PANEL_QUESTION, *own])  # fmt: skip
        for email, first, last, sessions, *answers in rows:
            writer.writerow([email, first, last, "City hall", "Barcelona", "Spain", sessions, *answers])


def test_campaign_apply_twice_sync_simulate_report(two_accounts: TwoAccounts) -> None:
    campaign = load_campaign(two_accounts.campaign_file())
    assert [s.account for s in campaign.sessions] == ["default", "partner", "partner"]
    with two_accounts.accounts() as accounts:
        # Two account ids, so two rate budgets: the partner's two sessions share one, the default's is apart.
        budgets = {profile: accounts.get(profile).client.budget for profile in (None, "partner")}
        assert accounts.get(None).client.config.account_id != accounts.get("partner").client.config.account_id
        assert budgets[None] is not None and budgets["partner"] is not None
        assert budgets[None].path != budgets["partner"].path
        first = run_sessions(campaign.sessions, accounts, apply_session)
        assert all(o.ok for o in first), [o.error for o in first]
        assert all(o.result and o.result.writes > 0 for o in first)
        # Each account got its own sessions' webinars, and only those.
        default_topics = {w["topic"] for w in two_accounts.state(None)["webinars"]}
        partner_topics = {w["topic"] for w in two_accounts.state("partner")["webinars"]}
        assert default_topics == {campaign.sessions[0].event.topic}
        assert partner_topics == {"Partner session one", "Partner session two"}

        two_accounts.log.clear()
        second = run_sessions(campaign.sessions, accounts, apply_session)
        assert all(o.ok and o.result and o.result.plan.up_to_date for o in second)
        assert two_accounts.log.writes() == []  # the second apply writes nothing, on either account
        assert two_accounts.log.requests(), "the log does see the reads"

        plans = run_sessions(campaign.sessions, accounts, plan_session)
        assert [o.result.summary() for o in plans if o.result] == ["up to date: nothing to change"] * 3

        source = two_accounts.root / "campaign-list.csv"
        _write_list(source)
        split = split_lists([source], campaign.sessions)
        # Line 6, not 5: Cy's quoted cell spans two lines, and the reject names the line in the file.
        assert [(r.line, "all of them" in r.reason) for r in split.rejects] == [(6, True)]
        options = SyncOptions(approve=True)
        campaign_sync = sync_campaign(split, campaign.sessions, accounts, options)
        synced = campaign_sync.outcomes
        assert all(o.ok for o in synced), [o.error for o in synced]
        assert campaign_sync.exit_code == 1 and [r.line for r in campaign_sync.rejects] == [6]  # Dee
        assert [r for o in synced if o.result for r in o.result.rejects] == []
        added = {o.session.key: o.result.result.counts()["added"] for o in synced if o.result}
        assert added == {"wmd-2021": 22, "partner-one": 22, "partner-two": 22}  # Dee is in none
        # The session-only column reached partner-one alone, and no list copy is left in the state folders.
        partner_one = _registrants(two_accounts, "partner", "Partner session one")
        [ana] = [r for r in partner_one if r["email"].startswith("ana")]
        assert {"title": PANEL_QUESTION, "value": "Housing"} in ana["custom_questions"]
        assert not list(two_accounts.root.rglob("campaign-list-*.csv"))

        resynced = run_sessions(campaign.sessions, accounts, partial(sync_session, split=split, options=options))
        assert all(o.result and o.result.result.counts()["added"] == 0 for o in resynced)  # never re-posted

        ids = {s.key: _webinar_id(two_accounts, s.profile, s.key) for s in campaign.sessions}
        for session in campaign.sessions:
            two_accounts.simulate(session.profile, ids[session.key], attendance=1.0, seed=5)

        statuses = run_sessions(campaign.sessions, accounts, status_session)
        by_key = {o.session.key: o.result for o in statuses if o.result}
        assert by_key["partner-two"].start_local.strftime("%H:%M") == "18:00"
        assert by_key["partner-two"].start_utc.strftime("%H:%M") == "09:00"  # Tokyo is UTC+9
        assert by_key["wmd-2021"].registered == 22
        assert by_key["wmd-2021"].webinar_id == ids["wmd-2021"]

        archive_dir = two_accounts.root / "archives-2020"
        archive_webinar(accounts.get(None).job_for(campaign.sessions[0]), archive_dir)
        report, reports = report_campaign(campaign.sessions, accounts, [archive_dir])
    assert all(o.ok for o in reports), [o.error for o in reports]
    assert report.warnings == []
    assert report.compared and report.compared[0].endswith(f"({ids['wmd-2021']})")
    people = {p.email: p for p in report.people}
    mass = people["p3@cities.example"]
    assert mass.registered == ["wmd-2021", "partner-one", "partner-two"]
    assert mass.attended == mass.registered  # attendance 1.0: every approved registrant came
    assert all(mass.minutes[k] > 0 for k in mass.attended)
    assert people["bo@cities.example"].registered == ["wmd-2021", "partner-two"]
    assert "dee@cities.example" not in people  # rejected: registered nowhere
    totals = {t.key: t for t in report.totals}
    # Everyone registered came (attendance 1.0), and the simulation adds guests who never registered.
    assert totals["partner-one"].registered == 22 and totals["partner-one"].attended >= 22
    campaign_totals = report.campaign_totals()
    assert campaign_totals["attended_several_sessions"] >= 21
    # The "earlier year" is WMD's own archive, so every WMD attendee is a returning one.
    assert mass.returning_from and campaign_totals["returning_attendees"] >= 22


def _webinar_id(two: TwoAccounts, profile: str | None, key: str) -> str:
    settings = two.settings_for(profile)
    webinar_id = StateStore(settings.state_dir).webinar_id(settings.require("ZOOM_API_URL"), key)
    assert webinar_id is not None
    return webinar_id


def _registrants(two: TwoAccounts, profile: str, topic: str) -> list[dict]:
    webinar = next(w for w in two.state(profile)["webinars"] if w["topic"] == topic)
    return list(webinar["_sandbox"]["registrants"])
