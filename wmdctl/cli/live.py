"""`wmdctl live`: who is in the webinar now, from the participant events `wmdctl webhooks serve` stores."""

from __future__ import annotations

from typing import Annotated

import typer

from wmdctl.cli.context import get_app
from wmdctl.cli.present import emit
from wmdctl.cli.webhooks import JsonOption, WebinarOption, db_path_for


def live(
    ctx: typer.Context,
    webinar: WebinarOption = None,
    refresh: Annotated[float, typer.Option(help="Seconds between screen updates.")] = 1.0,
    json_output: JsonOption = False,
) -> None:
    """Live attendance: who is in now, the count over time, who is in each panel's window.

    Updates as `wmdctl webhooks serve` receives participant events; Ctrl-C stops it. With --json, or
    without a terminal, prints one snapshot. Zoom's reports (`report attendance`) stay the authority.

    Example: `wmdctl live --json`
    """
    from wmdctl.cli.render.live import show_live
    from wmdctl.webhooks.service import live_snapshot

    app_ctx = get_app(ctx)
    output = app_ctx.output
    event = app_ctx.event()
    webinar_id = webinar or app_ctx.webinar_id()
    path = db_path_for(app_ctx)
    first = live_snapshot(path, event, webinar_id)
    emit(output, first, lambda: show_live(output, first, lambda: live_snapshot(path, event, webinar_id), refresh),
         json_flag=json_output)  # fmt: skip
