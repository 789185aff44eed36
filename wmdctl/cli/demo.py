"""`wmdctl demo`: the whole workflow on the embedded event, against the sandbox."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wmdctl.cli.context import get_app
from wmdctl.cli.present import emit


def demo(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="Where to write the demo's files.")] = Path("wmd-demo"),
    seed: Annotated[int, typer.Option("--seed", help="Seed for the simulated event.")] = 2021,
) -> None:
    """Run the whole event on the embedded default against an in-process Zoom sandbox.

    Applies the webinar, syncs a sample registrant list, sets up the panel breakouts,
    simulates the live event and exports the attendance report, showing each step.
    It needs no configuration and no Zoom account.

    Example: `wmdctl demo --out /tmp/wmd-demo`
    """
    from functools import partial

    from wmdctl.cli.render.breakouts import render_rooms
    from wmdctl.cli.render.reports import render_summary
    from wmdctl.demo import run_demo

    app = get_app(ctx)
    result = run_demo(
        out, app.output, seed=seed, event_path=app.settings.event_file,
        show_rooms=partial(render_rooms, app.output), show_attendance=partial(render_summary, app.output),
        timing=app.timing,
    )  # fmt: skip
    emit(app.output, result)  # the demo's steps were the human form
