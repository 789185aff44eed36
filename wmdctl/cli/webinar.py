"""`wmdctl webinar plan|apply|show|delete`: the event's Zoom webinar.

Thin: parse flags, call wmdctl.webinar, render. Library modules are imported
inside the commands to keep `wmdctl --version` fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from wmdctl.cli.context import AppContext, get_app
from wmdctl.cli.present import emit
from wmdctl.errors import Declined

if TYPE_CHECKING:
    from wmdctl.event.model import Event
    from wmdctl.webinar.job import Located
    from wmdctl.webinar.plan import WebinarPlan

app = typer.Typer(
    help="Create, update, show and delete the event's Zoom webinar.\n\nExample: `wmdctl webinar plan`",
    no_args_is_help=True,
)

PruneOption = Annotated[
    bool, typer.Option("--prune-panelists", help="Also remove panelists that are in Zoom but not in the event file.")
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


def _event(app_ctx: AppContext) -> Event:
    """The event, with a warning (not an error) when it has already started."""
    from datetime import UTC, datetime

    event = app_ctx.event()
    if event.is_in_past(datetime.now(UTC)):
        app_ctx.output.warn(
            f"event {event.key!r} starts {event.start:%Y-%m-%d %H:%M} {event.timezone}, which is in the past; going on"
        )
    return event


def _report_located(app_ctx: AppContext, located: Located) -> None:
    if located.stale_id is not None:
        app_ctx.output.warn(f"the recorded webinar {located.stale_id} no longer exists in Zoom")
    if located.rediscovered and located.webinar is not None:
        app_ctx.output.info(
            f"found webinar {located.webinar.get('id')} by topic and start time (its id was not recorded here)"
        )


def _print_plan(app_ctx: AppContext, plan: WebinarPlan) -> None:
    from wmdctl.cli.plan_words import render_plan_words

    for line in render_plan_words(plan):
        app_ctx.output.text(line)


@app.command("plan")
def plan(ctx: typer.Context, prune_panelists: PruneOption = False) -> None:
    """Show what `webinar apply` would change in Zoom; sends nothing.

    Example: `wmdctl webinar plan --json`
    """
    app_ctx = get_app(ctx)
    event = _event(app_ctx)
    if app_ctx.has_credentials():
        from wmdctl.webinar.job import plan_webinar

        webinar_plan, located = plan_webinar(
            app_ctx, prune=prune_panelists, stream_key=app_ctx.settings.get("ZOOM_LIVESTREAM_KEY")
        )
        _report_located(app_ctx, located)
    else:
        from wmdctl.webinar.plan import compute_plan

        app_ctx.output.warn("no Zoom credentials configured: the plan is not compared with Zoom")
        webinar_plan = compute_plan(event, None, stream_key=app_ctx.settings.get("ZOOM_LIVESTREAM_KEY"))
    emit(app_ctx.output, webinar_plan, lambda: _print_plan(app_ctx, webinar_plan))


@app.command("apply")
def apply(
    ctx: typer.Context,
    yes: YesOption = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be sent, and send nothing.")] = False,
    prune_panelists: PruneOption = False,
) -> None:
    """Create or update the webinar, its panelists, registration form and polls.

    Example: `wmdctl webinar apply --yes`
    """
    from wmdctl.webinar.job import ApplyResult, apply_plan, plan_webinar

    app_ctx = get_app(ctx)
    output = app_ctx.output
    _event(app_ctx)  # says so when the event has already started
    stream_key = app_ctx.settings.get("ZOOM_LIVESTREAM_KEY")  # a secret: from the environment, never the file
    webinar_plan, located = plan_webinar(app_ctx, prune=prune_panelists, stream_key=stream_key)
    _report_located(app_ctx, located)
    for note in webinar_plan.notes:
        output.warn(note)
    if dry_run:
        result = ApplyResult(webinar_plan, located, webinar_plan.webinar_id, dry_run=True)
        emit(output, result, lambda: _print_plan(app_ctx, webinar_plan))
        output.info("dry run: nothing was sent")
        return
    if webinar_plan.up_to_date:
        # Still through apply_plan: it records a rediscovered id, and sends nothing.
        result = apply_plan(app_ctx, webinar_plan, located)
        output.success(f"webinar {result.webinar_id} is up to date: nothing sent")
        emit(output, result)
        return
    if not output.json_mode:  # what is about to be sent, before the question; --json prints the result after
        _print_plan(app_ctx, webinar_plan)
    if webinar_plan.panelists_to_remove and not output.confirm(
        f"Remove {len(webinar_plan.panelists_to_remove)} panelist(s) from the webinar?",
        yes=yes,
        action="remove panelists",
    ):
        raise Declined("nothing was sent")
    result = apply_plan(app_ctx, webinar_plan, located, on_step=output.step)
    for line in result.done:
        output.success(line)
    emit(output, result)  # the human form was the steps, said as they were done


@app.command("show")
def show(
    ctx: typer.Context,
    show_start_url: Annotated[
        bool, typer.Option("--show-start-url", help="Also print the host's start URL (it starts the webinar as host).")
    ] = False,
) -> None:
    """Show the webinar: id, join and registration URLs, settings, panelists, questions, polls.

    Example: `wmdctl webinar show --json`
    """
    from wmdctl.cli.render.webinar import render_details
    from wmdctl.webinar.lifecycle import webinar_details

    app_ctx = get_app(ctx)
    details = webinar_details(app_ctx, show_start_url=show_start_url)

    def human() -> None:
        # Plain lines, not a table: a table would cut the URLs short in a narrow or piped terminal.
        rows = render_details(details)
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            app_ctx.output.text(f"{name:<{width}}  {value}")

    emit(app_ctx.output, details, human)
    if show_start_url:
        app_ctx.output.warn("the start URL lets whoever has it start the webinar as the host: do not share it")


@app.command("delete")
def delete(
    ctx: typer.Context,
    yes: YesOption = False,
    cancel_reminder: Annotated[
        bool, typer.Option("--cancel-reminder", help="E-mail registrants and panelists that the webinar is cancelled.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say which webinar would be deleted; delete nothing.")
    ] = False,
) -> None:
    """Delete the event's webinar in Zoom (asks first).

    Example: `wmdctl webinar delete --yes --cancel-reminder`
    """
    from wmdctl.webinar.lifecycle import delete_event_webinar

    app_ctx = get_app(ctx)
    client = app_ctx.client()
    event = app_ctx.event()
    webinar_id = app_ctx.webinar_id()
    if dry_run:
        webinar = client.get_webinar(webinar_id)  # exists? (404 exits 4, as the delete would)
        app_ctx.output.info(f"would delete webinar {webinar_id} ({webinar.get('topic', event.topic)}); sent nothing")
        emit(app_ctx.output, {"would_delete": webinar_id, "cancel_reminder": cancel_reminder, "dry_run": True})
        return
    if not app_ctx.output.confirm(
        f"Delete webinar {webinar_id} ({event.topic})? Registrants and panelists are lost.",
        yes=yes,
        action="delete the webinar",
    ):
        raise Declined("nothing was deleted")
    deleted = delete_event_webinar(app_ctx, webinar_id, cancel_reminder=cancel_reminder)
    app_ctx.output.success(f"deleted webinar {deleted}")
    emit(app_ctx.output, {"deleted": deleted, "cancel_reminder": cancel_reminder})
