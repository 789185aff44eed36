"""`wmdctl campaign sync` and `wmdctl campaign report`: the campaign's people, across its sessions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from wmdctl.cli.campaign_support import (
    DEFAULT_CAMPAIGN,
    CampaignOption,
    Format,
    OnlyOption,
    load,
    on_done,
    open_accounts,
    show_outcomes,
)
from wmdctl.cli.context import AppContext, get_app
from wmdctl.cli.present import emit, json_replaces_format
from wmdctl.errors import UsageError
from wmdctl.exitcodes import ExitCode

if TYPE_CHECKING:
    from wmdctl.campaign.lists import SplitList
    from wmdctl.campaign.model import Session
    from wmdctl.campaign.report import CampaignReport
    from wmdctl.campaign.sync import CampaignSync, SessionSync
    from wmdctl.campaign.writers import ReportFormat
    from wmdctl.output import Output

CAMPAIGN_REJECTS = "campaign-rejects.csv"
MapOption = Annotated[
    list[str] | None, typer.Option("--map", help='Map a column: "COLUMN=FIELD" (a Zoom field or question title).')
]
RejectsOption = Annotated[
    Path | None, typer.Option("--rejects", help=f"Rejected rows go here (default: STATE_DIR/{CAMPAIGN_REJECTS}).")
]
LockTimeoutOption = Annotated[
    float, typer.Option("--lock-timeout", help="Seconds to wait for another running sync of a session.")
]


def sync(
    ctx: typer.Context,
    sources: Annotated[list[Path], typer.Argument(help="The campaign's CSV or XLSX lists, with a 'sessions' column.")],
    campaign_file: CampaignOption = DEFAULT_CAMPAIGN,
    only: OnlyOption = None,
    column_map: MapOption = None,
    approve: Annotated[bool, typer.Option("--approve", help="Approve listed people who are pending.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the plan; send nothing.")] = False,
    rejects: RejectsOption = None,
    lock_timeout: LockTimeoutOption = 0.0,
) -> None:
    """Register people for the sessions their list's 'sessions' column names (keys or titles, ';'-separated).

    A list without a 'sessions' column registers everyone in it for the sessions given with --only.

    Each session is synced as `registrants sync` does it: its own ledger, lock and rejects, never re-posting.
    Exit 0: in step; 1: some rows were rejected or a session failed.

    Example: `wmdctl init --campaign . && wmdctl campaign sync late.csv --only wmd-2021 --approve`
    """
    from wmdctl.campaign.lists import split_lists
    from wmdctl.campaign.sync import sync_campaign
    from wmdctl.sync import SyncOptions

    app_ctx = get_app(ctx)
    output = app_ctx.output
    campaign, sessions = load(campaign_file, only)
    split = split_lists(sources, campaign.sessions, sessions if only else None)
    output.info(f"read {split.rows} row(s): " + ", ".join(f"{s.key} {split.people(s.key)}" for s in sessions))
    # No --prune for a campaign: a sync here only adds and approves, it never cancels anyone.
    options = SyncOptions(approve=approve, dry_run=dry_run, column_map=tuple(column_map or ()),
                          lock_timeout=lock_timeout)  # fmt: skip
    with open_accounts(app_ctx) as accounts:
        result = sync_campaign(split, sessions, accounts, options, on_event=_said(output),
                               on_done=on_done(app_ctx, _sync_summary))  # fmt: skip
    _keep_rejects(app_ctx, split, result, rejects or app_ctx.state_dir / CAMPAIGN_REJECTS, dry_run=dry_run)
    show_outcomes(app_ctx, {"dry_run": dry_run, **result.to_dict()}, result.outcomes, _sync_summary, "Campaign sync")
    if result.exit_code:
        raise typer.Exit(int(result.exit_code))


def _said(output: Output) -> Callable[[Session, str, str], None]:
    """A session's sync events, named by its key: warnings always, the rest with --verbose."""

    def said(session: Session, kind: str, message: str) -> None:
        (output.warn if kind == "warn" else output.debug)(f"{session.key}: {message}")

    return said


def _keep_rejects(app_ctx: AppContext, split: SplitList, result: CampaignSync, path: Path, *, dry_run: bool) -> None:
    """The rows no session took go to ``path`` (not on a dry run), and each list's bad rows are said."""
    from wmdctl.campaign.sync import write_campaign_rejects

    output = app_ctx.output
    if not dry_run:
        write_campaign_rejects(path, result.rejects)
    for reject in split.rejects:
        output.warn(f"{reject.source}:{reject.line}: {reject.reason}")
    if result.rejects:
        output.warn(f"{len(result.rejects)} row(s) rejected" + ("" if dry_run else f": see {path}"))


def _sync_summary(result: SessionSync) -> str:
    return result.summary()


def report(
    ctx: typer.Context,
    campaign_file: CampaignOption = DEFAULT_CAMPAIGN,
    only: OnlyOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,
    compare: Annotated[
        list[Path] | None,
        typer.Option("--compare", help="A `report archive` folder of an earlier year; repeat for several."),
    ] = None,
) -> None:
    """One row per person across the sessions: registered, attended, minutes in each; totals; who came back.

    Example: `wmdctl init --campaign . && wmdctl campaign report --only wmd-2021 --format xlsx --out october.xlsx`
    """
    from wmdctl.campaign.report import report_campaign

    app_ctx = get_app(ctx)
    output = app_ctx.output
    fmt = _report_format(json_replaces_format(output, out, table=fmt is Format.table), fmt, out)
    _, sessions = load(campaign_file, only)
    with open_accounts(app_ctx) as accounts:
        built, outcomes = report_campaign(sessions, accounts, compare or [])
    for warning in built.warnings:
        output.warn(warning)
    _write_report(app_ctx, built, fmt, out)
    if out is not None:
        output.success(f"wrote {len(built.people)} people to {out}")
        emit(output, {"written": str(out), "people": len(built.people), "format": fmt.value})  # the file was the rest
    totals = built.campaign_totals()
    output.info(f"{totals['attended']} of {totals['people']} attendee(s) came, "
                f"{totals['returning_attendees']} returning; {totals['total_minutes']:g} minutes in all")  # fmt: skip
    if any(not o.ok for o in outcomes):
        raise typer.Exit(int(ExitCode.PARTIAL))


def _report_format(json_stdout: bool, fmt: Format, out: Path | None) -> Format:
    if json_stdout:
        return Format.json
    if fmt is Format.table and out is not None:
        raise UsageError("a table is for the terminal, not a file", hint="add --format csv, xlsx or json")
    if fmt is Format.xlsx and out is None:
        raise UsageError("XLSX needs a file", hint="add --out campaign.xlsx")
    return fmt


def _write_report(app_ctx: Any, built: CampaignReport, fmt: Format, out: Path | None) -> None:
    import sys
    from typing import cast

    from wmdctl.campaign.writers import report_text, write_report

    output = app_ctx.output
    if fmt is Format.table:
        columns = ["Session", "Title", "Registered", "Attended", "Minutes"]
        rows = [[t.key, t.title, t.registered, t.attended, f"{t.minutes:g}"] for t in built.totals]
        output.table(columns, rows, title="Sessions")
        shown = ["email", "name", "registered_for", "attended", "total_minutes", "returning_from"]
        output.table(shown, [[p[c] for c in shown] for p in built.records()], title="People")
    elif out is not None:
        write_report(built, cast("ReportFormat", fmt.value), out)
    else:
        sys.stdout.write(report_text(built, "json" if fmt is Format.json else "csv"))
