"""`wmdctl registrants sync`: make the webinar's registrants match the organisers' lists.

Its flags are many, so they are declared here once each, and the command only turns them into
``SyncOptions`` and hands them to the sync job (``wmdctl.sync.job.sync_event``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wmdctl.cli.context import AppContext, get_app
from wmdctl.cli.options import WebinarOption, YesOption
from wmdctl.errors import UsageError

if TYPE_CHECKING:
    from wmdctl.sync import SyncOptions, SyncResult
    from wmdctl.sync.status import StatusChange

REJECTS_FILE = "registrant-rejects.csv"

SourcesArgument = Annotated[
    list[Path], typer.Argument(help="CSV or XLSX lists, read in order (first row per email wins).")
]
MapOption = Annotated[
    list[str] | None, typer.Option("--map", help='Map a column: "COLUMN=FIELD" (a Zoom field or question title).')
]
ApproveOption = Annotated[bool, typer.Option("--approve", help="Approve listed people who are pending.")]
PruneOption = Annotated[
    bool,
    typer.Option(
        "--prune",
        help="Remove registrants no list mentions: cancel the approved, deny the pending "
        "(asks first; permanent on Zoom).",
    ),
]
MaxCancelOption = Annotated[
    int | None,
    typer.Option("--max-cancel", help="Most cancels plus denials --prune may do (default: 10% of registrants)."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Let --prune exceed --max-cancel.")]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Print the plan; send nothing.")]
RejectsOption = Annotated[
    Path | None,
    typer.Option("--rejects", help=f"Rejected rows go here (default: STATE_DIR/events/EVENT/{REJECTS_FILE})."),
]
LockTimeoutOption = Annotated[
    float, typer.Option("--lock-timeout", help="Seconds to wait for another running sync, then exit 0.")
]
NoBatchOption = Annotated[bool, typer.Option("--no-batch", help="Never use batch_registrants.")]
SheetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--sheet",
        help="XLSX sheet to read (repeatable); `all` reads every sheet. Default: the first sheet with an email column.",
    ),
]
HeaderRowOption = Annotated[
    int | None, typer.Option("--header-row", min=1, help="Row number of the header (default: found in rows 1-20).")
]
NoHeaderOption = Annotated[
    bool, typer.Option("--no-header", help='The lists start with data; name columns by number: --map "1=email".')
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Exit 1 on any rejected row, not only on rows new since the last run.")
]
ApproveRulesOption = Annotated[
    bool, typer.Option("--approve-rules", help="Then approve pending people [registration.auto_approve] matches.")
]


def sync(
    ctx: typer.Context,
    sources: SourcesArgument,
    column_map: MapOption = None,
    approve: ApproveOption = False,
    prune: PruneOption = False,
    max_cancel: MaxCancelOption = None,
    force: ForceOption = False,
    yes: YesOption = False,
    dry_run: DryRunOption = False,
    rejects: RejectsOption = None,
    lock_timeout: LockTimeoutOption = 0.0,
    no_batch: NoBatchOption = False,
    sheet: SheetOption = None,
    header_row: HeaderRowOption = None,
    no_header: NoHeaderOption = False,
    strict: StrictOption = False,
    approve_rules: ApproveRulesOption = False,
    webinar: WebinarOption = None,
) -> None:
    """Make the webinar's registrants match one or more CSV/XLSX lists; safe to run from cron.

    Exit 0: in step, or only problems the previous run already reported; 1: something new needs attention
    (new rejected rows, a list not read, a failure; with --strict, any reject); 5: a Zoom daily limit stopped it.

    Example: `wmdctl registrants sync members.csv late.xlsx --approve --map "Correo=email"`
    """
    from wmdctl.sync import SyncOptions
    from wmdctl.sync.sources import ReadOptions

    if no_header and not column_map:
        raise UsageError("--no-header needs --map to say which column is which", hint='e.g. --map "1=email"')
    options = SyncOptions(
        approve=approve, prune=prune, max_cancel=max_cancel, force=force, yes=yes, dry_run=dry_run,
        column_map=tuple(column_map or ()), lock_timeout=lock_timeout, use_batch=not no_batch, strict=strict,
        read=ReadOptions(sheets=tuple(sheet or ()), header_row=header_row, no_header=no_header),
    )  # fmt: skip
    _run(get_app(ctx), sources, options, rejects=rejects, webinar=webinar, approve_rules=approve_rules)


def _run(
    app_ctx: AppContext, sources: list[Path], options: SyncOptions, *, rejects: Path | None, webinar: str | None,
    approve_rules: bool,
) -> None:  # fmt: skip
    from wmdctl.cli.webhooks import approve_by_rules
    from wmdctl.sync import SyncStopped
    from wmdctl.sync.job import sync_event

    output = app_ctx.output

    def on_event(kind: str, message: str) -> None:
        (output.warn if kind == "warn" else output.info)(message)

    try:
        result = sync_event(
            app_ctx, sources, options=options, webinar_id=webinar, rejects_path=rejects, progress=output.progress,
            on_event=on_event, confirm=lambda q: output.confirm(q, yes=options.yes, action="cancel registrants"),
        )  # fmt: skip
    except SyncStopped as stopped:
        _show(app_ctx, stopped.result)
        raise
    rules = None
    if approve_rules:
        rules = approve_by_rules(app_ctx, app_ctx.client(), result.webinar_id, dry_run=options.dry_run)
    _show(app_ctx, result, rules)
    if result.exit_code or (rules is not None and not rules.ok):
        raise typer.Exit(int(result.exit_code) or 1)


def _show(app_ctx: AppContext, result: SyncResult, rules: StatusChange | None = None) -> None:
    from wmdctl.cli.present import emit
    from wmdctl.cli.render.sync import render_result

    def human() -> None:
        render_result(app_ctx.output, result)
        if rules is not None:
            from wmdctl.cli.webhooks import show_rules_result

            show_rules_result(app_ctx.output, rules)

    document = result.to_dict() | ({"approve_rules": rules.to_dict()} if rules is not None else {})
    emit(app_ctx.output, result, human, document=document)
