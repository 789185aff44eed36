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
    report_outcomes,
    sessions_document,
)
from wmdctl.cli.context import get_app
from wmdctl.cli.present import emit

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
    report_outcomes(app_ctx, sessions_document(outcomes), outcomes, PlanOutcome.summary, "Campaign plan")


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
    writes = sum(o.result.writes for o in outcomes if o.result)
    document = {"dry_run": dry_run, "writes": writes, **sessions_document(outcomes)}
    report_outcomes(app_ctx, document, outcomes, apply_brief, "Campaign apply")


@app.command("status")
def status(ctx: typer.Context, campaign_file: CampaignOption = DEFAULT_CAMPAIGN, only: OnlyOption = None) -> None:
    """Each session's date (its own time zone and UTC), webinar id, registrations and what comes next.

    Example: `wmdctl init --campaign . && wmdctl campaign status --json`
    """
    from wmdctl.campaign.accounts import run_sessions
    from wmdctl.campaign.jobs import status_session
    from wmdctl.cli.render.campaign import status_table

    app_ctx = get_app(ctx)
    _, sessions = load(campaign_file, only)
    with open_accounts(app_ctx) as accounts:
        outcomes = run_sessions(sessions, accounts, status_session)
    emit(app_ctx.output, sessions_document(outcomes), lambda: status_table(app_ctx.output, outcomes))
    exit_for(outcomes)


app.command("sync")(campaign_data.sync)
app.command("report")(campaign_data.report)
