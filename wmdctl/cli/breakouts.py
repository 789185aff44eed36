"""`wmdctl breakouts`: panel breakout rooms in a companion Zoom meeting.

Thin commands over ``wmdctl.breakouts``; the library is imported inside each
command so `wmdctl --version` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wmdctl.cli.context import AppContext, get_app
from wmdctl.cli.present import emit
from wmdctl.errors import Declined

if TYPE_CHECKING:
    from wmdctl.breakouts import BreakoutPlan, BreakoutResult

app = typer.Typer(
    help="Panel breakout discussions: rooms in a companion meeting, pre-assigned by registration answer.\n\n"
    "Example: `wmdctl breakouts plan`",
    no_args_is_help=True,
)


def _caveat(app_ctx: AppContext) -> None:
    from wmdctl.breakouts import CAVEAT

    app_ctx.output.warn(CAVEAT)


def _render_plan(app_ctx: AppContext, plan: BreakoutPlan, title: str) -> None:
    from wmdctl.cli.render.breakouts import render_plan

    render_plan(app_ctx.output, plan, title)


def _plan(app_ctx: AppContext) -> BreakoutPlan:
    from wmdctl.breakouts import compute_plan

    plan, _meeting = compute_plan(app_ctx)
    return plan


@app.command("plan")
def plan_command(ctx: typer.Context) -> None:
    """Show which room each approved registrant and panelist would get; writes nothing.

    Example: `wmdctl breakouts plan --json`
    """
    app_ctx = get_app(ctx)
    plan = _plan(app_ctx)
    emit(app_ctx.output, plan, lambda: _render_plan(app_ctx, plan, "Breakout rooms (planned)"))
    _caveat(app_ctx)


def _confirmer(app_ctx: AppContext, yes: bool) -> Callable[[BreakoutResult], bool]:
    def confirm(preview: BreakoutResult) -> bool:
        for line in preview.changes:
            app_ctx.output.step(f"{preview.action}: {line}")
        return app_ctx.output.confirm(
            f"{preview.action.capitalize()} the breakout meeting in Zoom?", yes=yes, action="write the breakout meeting"
        )

    return confirm


@app.command("apply")
def apply_command(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before writing to Zoom.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would change; send nothing.")] = False,
) -> None:
    """Create or update the breakout meeting; people already in a room stay there.

    Example: `wmdctl breakouts apply --yes`
    """
    from wmdctl.breakouts import apply_breakouts

    app_ctx = get_app(ctx)
    result = apply_breakouts(app_ctx, dry_run=dry_run, confirm=_confirmer(app_ctx, yes))
    _report_apply(app_ctx, result)


def _report_apply(app_ctx: AppContext, result: BreakoutResult) -> None:
    output = app_ctx.output
    if result.action != "noop" and not result.dry_run and not result.written:
        raise Declined("nothing was written to Zoom")
    title = f"Breakout rooms (meeting {result.meeting_id or 'not created yet'})"
    emit(output, result, lambda: _render_plan(app_ctx, result.plan, title))
    if result.action == "noop":
        output.success("the breakout meeting is up to date: nothing written")
    elif result.dry_run:
        for line in result.changes:
            output.info(f"would {result.action}: {line}")
        output.info("dry run: nothing sent to Zoom")
    else:
        output.success(f"breakout meeting {result.meeting_id} {result.action}d; join link: {result.join_url or '-'}")
    _caveat(app_ctx)


@app.command("export")
def export_command(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Directory for the CSVs and the run sheet.")] = Path(
        "breakouts"
    ),
) -> None:
    """Write the portal pre-assign CSV, one CSV per room and the host's run sheet.

    Example: `wmdctl breakouts export --out ./breakouts`
    """
    from wmdctl.breakouts import export_breakouts

    app_ctx = get_app(ctx)
    plan = _plan(app_ctx)
    if plan.added_count and plan.meeting_id:
        app_ctx.output.warn(
            f"{plan.added_count} people are in these files but not yet in the meeting: run `wmdctl breakouts apply`"
        )
    paths = export_breakouts(plan, app_ctx.event(), out)

    def human() -> None:
        for path in paths:
            app_ctx.output.text(str(path))

    emit(app_ctx.output, [str(p) for p in paths], human)
    app_ctx.output.success(f"wrote {len(paths)} files to {out}")
    _caveat(app_ctx)


@app.command("show")
def show_command(ctx: typer.Context) -> None:
    """List the meeting's rooms, their sizes and facilitators, and who is in no room (and why).

    Example: `wmdctl breakouts show`
    """
    from wmdctl.breakouts import describe_breakouts

    app_ctx = get_app(ctx)
    plan = describe_breakouts(app_ctx)

    def human() -> None:
        _render_plan(app_ctx, plan, f"Breakout rooms in meeting {plan.meeting_id}")
        if plan.join_url:
            app_ctx.output.info(f"join link: {plan.join_url}")

    emit(app_ctx.output, plan, human)
    _caveat(app_ctx)
