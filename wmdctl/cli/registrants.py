"""`wmdctl registrants sync|list|export|approve|deny|cancel`: the webinar's registrants.

Thin: parse flags, call wmdctl.sync, render. Library modules are imported
inside the commands to keep `wmdctl --version` fast.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from wmdctl.cli.columns import ColumnsOption, choose_columns
from wmdctl.cli.context import AppContext, get_app
from wmdctl.cli.options import WebinarOption, YesOption
from wmdctl.cli.present import emit, json_replaces_format
from wmdctl.cli.registrants_sync import sync
from wmdctl.errors import DailyLimitReached, Declined, PartialFailure, UsageError

if TYPE_CHECKING:
    from wmdctl.output import Output
    from wmdctl.sync.status import StatusChange
    from wmdctl.zoom.client import ZoomClient

app = typer.Typer(
    help="Sync, list, export, approve, deny and cancel the webinar's registrants.\n\n"
    "Example: `wmdctl registrants list --status pending`",
    no_args_is_help=True,
)

# Approving, denying or cancelling more people than this asks first: Zoom e-mails every one of them.
CONFIRM_OVER = 10
NOTHING_DONE = {"approve": "nobody was approved", "deny": "nobody was denied", "cancel": "nothing was cancelled"}
TABLE_COLUMNS = ("email", "first_name", "last_name", "status", "join_url")  # fits 80 columns; --columns for more


class Status(StrEnum):
    approved = "approved"
    pending = "pending"
    denied = "denied"
    all = "all"


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


# Registered first so help lists it first; the command and its flags live in registrants_sync.
app.command("sync")(sync)


def _target(app_ctx: AppContext, webinar: str | None) -> tuple[ZoomClient, str]:
    client = app_ctx.client()  # first: the sandbox sets its URLs when it starts
    return client, webinar or app_ctx.webinar_id()


def _list(ctx: typer.Context, status: Status, fmt: Format, out: Path | None, excel: bool, webinar: str | None,
          columns_wanted: str | None = None) -> None:  # fmt: skip
    from wmdctl.sync.status import fetch_registrants, flatten

    app_ctx = get_app(ctx)
    output = app_ctx.output
    if json_replaces_format(output, out, table=fmt is Format.table):
        fmt = Format.json
    if fmt is Format.table and out is not None:
        raise UsageError("a table is for the terminal, not a file", hint="add --format csv, xlsx or json")
    if fmt is Format.xlsx and out is None:
        raise UsageError("XLSX needs a file", hint="add --out registrants.xlsx")
    client, webinar_id = _target(app_ctx, webinar)
    columns, rows = flatten(fetch_registrants(client, webinar_id, status.value))
    if fmt is Format.table:
        # A terminal is narrow: the files carry every column, the table the ones people look up.
        shown = choose_columns(columns, TABLE_COLUMNS, columns_wanted)
        output.table(shown, [[r.get(c, "") for c in shown] for r in rows])
    else:
        _write(fmt, out, columns, rows, excel)
    if out is not None:
        emit(output, {"written": str(out), "count": len(rows), "format": fmt.value})  # the file was the human form
        output.success(f"wrote {len(rows)} registrant(s) to {out}")
    output.info(f"{len(rows)} registrant(s) ({status.value})")


def _write(fmt: Format, out: Path | None, columns: list[str], rows: list[dict[str, Any]], excel: bool) -> None:
    import sys
    from typing import cast

    from wmdctl.tabular import Format as FileFormat
    from wmdctl.tabular import write_rows

    # Join links are personal credentials: the file is 0600 whatever the umask (formulas are neutralised).
    write_rows(cast(FileFormat, fmt.value), out or sys.stdout, columns, rows, bom=excel, sheet_title="Registrants",
               private=True)  # fmt: skip


StatusOption = Annotated[Status, typer.Option("--status", help="Which registrants (Zoom lists each status apart).")]
OutOption = Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")]
ExcelOption = Annotated[bool, typer.Option("--excel", help="CSV with a UTF-8 BOM, so Excel shows accents.")]


@app.command("list")
def list_(
    ctx: typer.Context,
    status: StatusOption = Status.all,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    out: OutOption = None,
    excel: ExcelOption = False,
    webinar: WebinarOption = None,
    columns: ColumnsOption = None,
) -> None:
    """List registrants (all pages), with their personal join URLs.

    On a terminal: a table of email, names, status and join URL (`--columns all` for every field);
    piped or redirected: CSV.

    Example: `wmdctl registrants list --status pending --columns email,status,create_time`
    """
    _list(ctx, status, fmt, out, excel, webinar, columns)


@app.command("export")
def export(
    ctx: typer.Context,
    status: StatusOption = Status.all,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="File format.")] = Format.csv,
    out: OutOption = None,
    excel: ExcelOption = False,
    webinar: WebinarOption = None,
) -> None:
    """Export registrants to CSV, XLSX or JSON; spreadsheet formulas are neutralised.

    With --json, stdout is always JSON: the registrants as an array, or with --out (the file in --format)
    a summary {"written", "count", "format"}.

    Example: `wmdctl registrants export --format xlsx --out registrants.xlsx`
    """
    _list(ctx, status, fmt, out, excel, webinar)


def _change(ctx: typer.Context, action: str, emails: list[str] | None, from_file: Path | None,
            yes: bool, dry_run: bool, webinar: str | None) -> None:  # fmt: skip
    from wmdctl.sync.status import change_status, read_email_file

    app_ctx = get_app(ctx)
    wanted = list(emails or []) + (read_email_file(from_file) if from_file else [])
    if not wanted:
        raise UsageError(f"no emails to {action}", hint="give EMAIL arguments or --from FILE")
    _confirm_change(app_ctx, action, len(wanted), yes=yes, dry_run=dry_run)
    client, webinar_id = _target(app_ctx, webinar)
    result = change_status(client, webinar_id, action, wanted, ledger_path=app_ctx.event_state().ledger,
                           dry_run=dry_run)  # fmt: skip
    _show_change(app_ctx, result)
    if result.daily_limit is not None:
        raise DailyLimitReached(
            f"{action}: {len(result.changed)} done; Zoom's daily limit stopped {len(result.failed)}"
        ) from result.daily_limit
    if not result.ok:
        if dry_run:
            raise PartialFailure(f"would {action} {len(result.targets)}, {len(wanted) - len(result.targets)} not")
        raise PartialFailure(f"{action}: {len(result.changed)} done, {len(wanted) - len(result.changed)} not")


def _confirm_change(app_ctx: AppContext, action: str, count: int, *, yes: bool, dry_run: bool) -> None:
    """Deny and cancel always ask (Zoom never lets the person register again); approve asks over CONFIRM_OVER."""
    if dry_run or (action == "approve" and count <= CONFIRM_OVER):
        return
    if action == "approve":
        question = f"Approve {count} registrant(s)? Zoom e-mails each of them their join link."
    else:
        question = (
            f"{action.capitalize()} {count} registrant(s)? Zoom e-mails them, and will not let them register again."
        )
    if not app_ctx.output.confirm(question, yes=yes, action=f"{action} {count} registrants"):
        raise Declined(NOTHING_DONE[action])


def _show_change(app_ctx: AppContext, result: StatusChange) -> None:
    emit(app_ctx.output, result, lambda: _change_table(app_ctx.output, result))


def _change_table(output: Output, result: StatusChange) -> None:
    action = result.action
    done = [(e, f"would {action}") for e in result.targets] if result.dry_run else [(e, "done") for e in result.changed]
    rows = done + [(e, "not registered") for e in result.not_found] + [(e, "invalid email") for e in result.invalid]
    rows += list(result.wrong_status.items()) + list(result.failed.items())
    output.table(("email", action), rows)
    if result.dry_run:
        output.info(result.would_line())


EmailsArgument = Annotated[list[str] | None, typer.Argument(help="Registrant emails.")]
FromOption = Annotated[
    Path | None, typer.Option("--from", help="A file of emails (one per line, or a CSV/XLSX with an email column).")
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Look the people up and say what would change; send nothing.")
]


@app.command("approve")
def approve_(
    ctx: typer.Context, emails: EmailsArgument = None, from_file: FromOption = None, yes: YesOption = False,
    dry_run: DryRunOption = False, webinar: WebinarOption = None,
) -> None:  # fmt: skip
    """Approve pending registrants (Zoom then e-mails them their join link); asks first for more than 10.

    Example: `wmdctl registrants approve ana@example.org --from approved.csv`
    """
    _change(ctx, "approve", emails, from_file, yes, dry_run, webinar)


@app.command("deny")
def deny(
    ctx: typer.Context, emails: EmailsArgument = None, from_file: FromOption = None, yes: YesOption = False,
    dry_run: DryRunOption = False, webinar: WebinarOption = None,
) -> None:  # fmt: skip
    """Deny registrants (asks first: Zoom never lets them register again); this is how a pending person is removed.

    Example: `wmdctl registrants deny spam@example.com --dry-run`
    """
    _change(ctx, "deny", emails, from_file, yes, dry_run, webinar)


@app.command("cancel")
def cancel(
    ctx: typer.Context, emails: EmailsArgument = None, from_file: FromOption = None, yes: YesOption = False,
    dry_run: DryRunOption = False, webinar: WebinarOption = None,
) -> None:  # fmt: skip
    """Cancel approved registrations (asks first: Zoom never lets them register again).

    Zoom's cancel revokes an approval. A pending registrant has none: they are left alone, reported with a
    pointer to `wmdctl registrants deny`, and the exit code is 1. Nothing is ever denied in cancel's name.

    Example: `wmdctl registrants cancel old@example.org --yes`
    """
    _change(ctx, "cancel", emails, from_file, yes, dry_run, webinar)
