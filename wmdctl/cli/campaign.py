"""`wmdctl campaign plan|apply|status|sync|report`: every session of a campaign file at once.

Thin: parse flags, open the accounts, run the library job per session (wmdctl.campaign), render.
Library modules are imported inside the commands to keep `wmdctl --version` fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from wmdctl.cli import campaign_data
from wmdctl.cli.campaign_support import (
    DEFAULT_CAMPAIGN,
    CampaignOption,
    OnlyOption,
    exit_for,
    load,
    on_done,
    open_accounts,
    outcome_dict,
    report_outcomes,
)
from wmdctl.cli.context import get_app

app = typer.Typer(
    help="Plan, apply, sync and report every session of a campaign file.\n\n"
    "Example: `wmdctl init --campaign october && wmdctl campaign plan --campaign october/campaign.toml`",
    no_args_is_help=True,
)


@app.command("plan")
def plan(ctx: typer.Context, campaign_file: CampaignOption = DEFAULT_CAMPAIGN, only: OnlyOption = None) -> None:
    """Show what `campaign apply` would change in Zoom, for every session; sends nothing.

    Example: `wmdctl init --campaign . && wmdctl campaign plan --only wmd-2021`
    """
    from wmdctl.campaign.accounts import Outcome, run_sessions
    from wmdctl.campaign.jobs import PlanOutcome, plan_offline, plan_session

    app_ctx = get_app(ctx)
    _, sessions = load(campaign_file, only)
    said = on_done(app_ctx, PlanOutcome.summary)
    # As `webinar plan`: with no credentials at all, the default account's sessions get a full create plan.
    offline = [] if app_ctx.sandbox or app_ctx.has_credentials() else [s for s in sessions if s.profile is None]
    if offline:
        app_ctx.output.warn("no Zoom credentials configured: the default account's sessions are not compared with Zoom")
    with open_accounts(app_ctx) as accounts:
        outcomes = run_sessions([s for s in sessions if s not in offline], accounts, plan_session, on_done=said)
    for session in offline:
        outcomes.append(Outcome(session, result=plan_offline(session)))
        said(outcomes[-1])
    outcomes.sort(key=lambda o: o.session.index)
    if app_ctx.output.json_mode:
        app_ctx.output.data({"sessions": [outcome_dict(o, o.result.to_dict() if o.result else None)
                                          for o in outcomes]})  # fmt: skip
    report_outcomes(app_ctx, outcomes, PlanOutcome.summary, "Campaign plan")


@app.command("apply")
def apply(
    ctx: typer.Context,
    campaign_file: CampaignOption = DEFAULT_CAMPAIGN,
    only: OnlyOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be sent, and send nothing.")] = False,
) -> None:
    """Create or update every session's webinar; run it again and it sends only what is missing.

    Exit 0: every session is in step; 1: some sessions failed (the others were applied).

    Example: `wmdctl init --campaign . && wmdctl campaign apply`
    """
    from datetime import UTC, datetime
    from functools import partial

    from wmdctl.campaign.accounts import run_sessions
    from wmdctl.campaign.jobs import apply_brief, apply_session, apply_summary

    app_ctx = get_app(ctx)
    _, sessions = load(campaign_file, only)
    now = datetime.now(UTC)
    for session in sessions:
        if session.event.is_in_past(now):
            app_ctx.output.warn(f"session {session.key!r} starts {session.event.start:%Y-%m-%d %H:%M} "
                                f"{session.event.timezone}, which is in the past; going on")  # fmt: skip
    with open_accounts(app_ctx) as accounts:
        outcomes = run_sessions(sessions, accounts, partial(apply_session, dry_run=dry_run),
                                on_done=on_done(app_ctx, apply_summary))  # fmt: skip
    if app_ctx.output.json_mode:
        app_ctx.output.data({"dry_run": dry_run, "writes": sum(o.result.writes for o in outcomes if o.result),
                             "sessions": [outcome_dict(o, o.result.to_dict() if o.result else None)
                                          for o in outcomes]})  # fmt: skip
    report_outcomes(app_ctx, outcomes, apply_brief, "Campaign apply")


@app.command("status")
def status(ctx: typer.Context, campaign_file: CampaignOption = DEFAULT_CAMPAIGN, only: OnlyOption = None) -> None:
    """Each session's date (its own time zone and UTC), webinar id, registrations and what comes next.

    Example: `wmdctl init --campaign . && wmdctl campaign status --json`
    """
    from wmdctl.campaign.accounts import run_sessions
    from wmdctl.campaign.jobs import SessionStatus, status_session

    app_ctx = get_app(ctx)
    _, sessions = load(campaign_file, only)
    with open_accounts(app_ctx) as accounts:
        outcomes = run_sessions(sessions, accounts, status_session)
    if app_ctx.output.json_mode:
        app_ctx.output.data({"sessions": [outcome_dict(o, o.result.to_dict() if o.result else None)
                                          for o in outcomes]})  # fmt: skip
    else:
        rows = []
        for o in outcomes:
            s: SessionStatus | None = o.result
            if s is None:
                rows.append((o.session.key, o.session.account, "", "", "", "", f"FAILED: {o.error}"))
                continue
            registered = "" if s.registered is None else str(s.registered)
            local, utc = f"{s.start_local:%Y-%m-%d %H:%M} {s.timezone}", f"{s.start_utc:%Y-%m-%d %H:%M} UTC"
            rows.append((s.key, s.account, local, utc, s.webinar_id or "—", registered, s.next_step))
        app_ctx.output.table(("session", "account", "local start", "UTC start", "webinar", "registered", "next"),
                             rows, title="Campaign status")  # fmt: skip
    exit_for(outcomes)


app.command("sync")(campaign_data.sync)
app.command("report")(campaign_data.report)
